import { INVISIBLE_CHARS, safeText } from "../../core/text.js";
import { displayWidth, isNarrow, truncate, wrapText } from "./wrap.js";

// Control characters, and runs of white space that a cell folds into one space; and the bidi and
// invisible characters safeText shows as markers, so a cell is measured as it will be shown.
const UNCLEAN = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f]| {2}|${INVISIBLE_CHARS.source}`, "u");
const clean = (c: string) =>
  UNCLEAN.test(c) ? safeText(c.replace(/[\t\n\r]/g, " ")).replace(/\s+/g, " ") : c;

/** True when a cell needs no cleaning and its width is its length (nearly always). */
function plain(cell: string): boolean {
  // One-column characters include no control codes: such a cell is clean unless it has a double space.
  return isNarrow(cell) && !cell.includes("  ");
}

/**
 * plain() for a whole column at once: one native scan of the cells joined, instead of two calls
 * per cell (the separator is one column wide and not a space, so it makes nothing plain that isn't).
 */
function allPlain(column: readonly string[]): boolean {
  return plain(column.join("\u00a0"));
}

/** Columns of a prompt that `list` and `search` always show beside or under its id. */
export const MIN_PROMPT = 40;

/**
 * A plain-text table that fits `width`: every column but the last is as wide as its widest cell;
 * the last one takes what is left and is cut with an ellipsis. Cells are stripped of control codes.
 */
export function table(
  header: readonly string[] | undefined,
  rows: readonly (readonly string[])[],
  width: number,
): string[] {
  const all = header ? [header, ...rows] : rows;
  let cols = 0;
  for (const r of all) cols = Math.max(cols, r.length);
  const columns = Array.from({ length: cols }, (_, i) => all.map((r) => r[i] ?? ""));
  const keep = columnsThatFit(columns, width, !!header);
  if (keep === cols) return columnTable(columns, width, all.length);
  // Too narrow for every column: the ones that fit stay a table, and the rest go under each row,
  // wrapped and labelled by their header, rather than cutting a header down to "M…".
  const lines = columnTable(columns.slice(0, keep), width, all.length);
  const out: string[] = [];
  lines.forEach((line, r) => {
    out.push(line);
    if (header && r === 0) return;
    for (let i = keep; i < cols; i++) {
      const value = clean((columns[i] as readonly string[])[r] ?? "").trim();
      if (!value) continue;
      const label = header ? `${clean(header[i] ?? "").trim()}: ` : "";
      const wrapped = wrapText(`  ${label}${value}`, width).split("\n");
      out.push(...wrapped.map((l) => truncate(l.trimEnd(), width)));
    }
  });
  return out;
}

/**
 * How many columns, from the left, make a table that fits `width` with room for the last of them:
 * at least six columns, or all of its header, or all of its widest cell if that is less.
 */
function columnsThatFit(columns: readonly (readonly string[])[], width: number, header: boolean): number {
  let fixed = 0;
  for (let k = 0; k < columns.length; k++) {
    const column = columns[k] as readonly string[];
    const widest = Math.max(0, ...column.map((c) => displayWidth(clean(c))));
    const need = Math.min(widest, Math.max(6, header ? displayWidth(clean(column[0] ?? "")) : 0));
    if (k > 0 && fixed + need > width) return k;
    fixed += widest + 2;
  }
  return columns.length;
}

/**
 * table() given its columns rather than its rows, each an array of cells (a header is just the
 * first cell of each). `list` lays out 10,000 rows this way: no array per row, the columns before
 * the last measured in one pass, and the last cleaned and cut in the pass that builds the lines,
 * by slicing when all its characters are one column wide (nearly always).
 */
export function columnTable(
  columns: readonly (readonly string[])[],
  width: number,
  rowCount: number = columns[0]?.length ?? 0,
): string[] {
  if (!rowCount) return [];
  const last = columns.length - 1;
  if (last < 0) return new Array<string>(rowCount).fill("");
  const gap = "  ";
  // Padding by length, made once: most rows need one of a handful.
  const pads: string[] = [];
  const pad = (n: number) => (pads[n] ??= " ".repeat(n));
  // The columns before the last, cleaned and measured.
  const cells: string[][] = [];
  const sizes: number[][] = [];
  const widths: number[] = [];
  let fixed = 0;
  for (let i = 0; i < last; i++) {
    const column = columns[i] as readonly string[];
    const cs: string[] = new Array(rowCount);
    const ss: number[] = new Array(rowCount);
    const easyColumn = allPlain(column);
    let w = 0;
    for (let r = 0; r < rowCount; r++) {
      const raw = column[r] ?? "";
      const easy = easyColumn || plain(raw);
      const c = easy ? raw : clean(raw);
      const size = easy ? raw.length : displayWidth(c);
      cs[r] = c;
      ss[r] = size;
      if (size > w) w = size;
    }
    cells.push(cs);
    sizes.push(ss);
    widths.push(w);
    fixed += w + gap.length;
  }
  const room = Math.max(1, width - fixed);
  const lastColumn = columns[last] as readonly string[];
  const easyLast = allPlain(lastColumn);
  const lines: string[] = new Array(rowCount);
  for (let r = 0; r < rowCount; r++) {
    let line = "";
    for (let i = 0; i < last; i++) {
      const c = (cells[i] as string[])[r] as string;
      line += `${c}${pad((widths[i] as number) - ((sizes[i] as number[])[r] as number))}${gap}`;
    }
    let cell = lastColumn[r] ?? "";
    let size: number;
    let cut = false;
    if (easyLast || plain(cell)) {
      size = cell.length;
      // The first room - 1 characters and the ellipsis take exactly `room` columns.
      if (size > room) {
        cell = `${cell.slice(0, Math.max(1, room - 1))}…`;
        size = Math.max(1, room - 1) + 1;
        cut = true;
      }
    } else {
      cell = clean(cell);
      size = displayWidth(cell);
      if (size > room) {
        cell = truncate(cell, room);
        size = displayWidth(cell);
        cut = true;
      }
    }
    line += cell;
    // Trailing blanks come from an empty or space-ending last cell (a cut one ends in the ellipsis);
    // test the cell, not the longer line.
    if (!cut && (!cell || cell.endsWith(" "))) line = line.trimEnd();
    // Only a terminal narrower than the columns before the last (or a wide character cut at one
    // column) makes a line too long.
    lines[r] = fixed + size <= width ? line : truncate(line, width);
  }
  return lines;
}
