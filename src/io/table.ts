import { stripControl } from "../core/text.js";
import { displayWidth, truncate } from "./wrap.js";

/**
 * A plain-text table that fits `width`: every column but the last is as wide as its widest cell;
 * the last one takes what is left and is cut with an ellipsis. Cells are stripped of control codes.
 */
export function table(
  header: readonly string[] | undefined,
  rows: readonly (readonly string[])[],
  width: number,
): string[] {
  const all = (header ? [header, ...rows] : rows).map((r) =>
    r.map((c) => stripControl(c).replace(/\s+/g, " ")),
  );
  if (!all.length) return [];
  const cols = Math.max(...all.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) =>
    Math.max(...all.map((r) => displayWidth(r[i] ?? ""))),
  );
  const gap = 2;
  const fixed = widths.slice(0, -1).reduce((a, b) => a + b + gap, 0);
  widths[cols - 1] = Math.max(1, Math.min(widths[cols - 1] ?? 1, width - fixed));
  return all.map((r) => {
    const cells = r.map((c, i) => {
      const w = widths[i] ?? 0;
      const cut = truncate(c, w);
      return i === cols - 1 ? cut : cut + " ".repeat(Math.max(0, w - displayWidth(cut)));
    });
    return truncate(cells.join(" ".repeat(gap)).trimEnd(), width);
  });
}

/** JSON for --json: two-space indented, one trailing newline's worth. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
