import { stripControl } from "../core/text.js";
import { displayWidth, truncate } from "./wrap.js";

// Control characters, and runs of white space that a cell folds into one space.
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting them is the point
const UNCLEAN = /[\u0000-\u001f\u007f-\u009f]| {2}/;
const clean = (c: string) =>
  UNCLEAN.test(c) ? stripControl(c.replace(/[\t\n\r]/g, " ")).replace(/\s+/g, " ") : c;

/**
 * A plain-text table that fits `width`: every column but the last is as wide as its widest cell;
 * the last one takes what is left and is cut with an ellipsis. Cells are stripped of control codes.
 */
export function table(
  header: readonly string[] | undefined,
  rows: readonly (readonly string[])[],
  width: number,
): string[] {
  const all = (header ? [header, ...rows] : rows).map((r) => r.map(clean));
  if (!all.length) return [];
  // Each cell is measured once: a big deck lists thousands of rows.
  const sizes = all.map((r) => r.map(displayWidth));
  const cols = Math.max(...all.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => sizes.reduce((m, r) => Math.max(m, r[i] ?? 0), 0));
  const gap = 2;
  const fixed = widths.slice(0, -1).reduce((a, b) => a + b + gap, 0);
  widths[cols - 1] = Math.max(1, Math.min(widths[cols - 1] ?? 1, width - fixed));
  return all.map((r, ri) => {
    let line = "";
    let used = 0;
    r.forEach((c, i) => {
      const w = widths[i] ?? 0;
      const size = sizes[ri]?.[i] ?? 0;
      const cell = size <= w ? c : truncate(c, w);
      const cellWidth = size <= w ? size : displayWidth(cell);
      if (i) {
        line += " ".repeat(gap);
        used += gap;
      }
      line += cell;
      used += cellWidth;
      if (i < r.length - 1) {
        line += " ".repeat(Math.max(0, w - cellWidth));
        used += Math.max(0, w - cellWidth);
      }
    });
    return used <= width ? line.trimEnd() : truncate(line.trimEnd(), width);
  });
}

/** JSON for --json: two-space indented. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
