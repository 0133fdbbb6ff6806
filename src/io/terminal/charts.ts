import { percentText } from "../../core/percent.js";
import type { HeatmapWeek } from "../../core/stats.js";
import { stylesFor } from "./render.js";
import { displayWidth, truncate } from "./wrap.js";

/** How charts may draw: escape codes or not, and the columns they must fit (never more than 80). */
export interface ChartOptions {
  color: boolean;
  width: number;
}

export const MAX_WIDTH = 80;
/** Heatmap cells by shading level, for output without colour: none, then each quarter of the busiest day. */
export const SHADES = [" ", "░", "▒", "▓", "█"] as const;
/** The same levels in colour: a grey block, then darker to brighter greens (GitHub's dark palette). */
const GREENS = ["#2d333b", "#0e4429", "#006d32", "#26a641", "#39d353"] as const;
const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Mon", "", "Wed", "", "Fri", "", "Sun"];

const usableWidth = (o: ChartOptions) => Math.max(1, Math.min(MAX_WIDTH, Math.floor(o.width)));
const pad = (s: string, w: number) => s + " ".repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s: string, w: number) => " ".repeat(Math.max(0, w - displayWidth(s))) + s;

/** A bar of `cells` columns filled to `ratio`, in eighths of a cell. */
export function bar(ratio: number, cells: number): { filled: string; rest: string } {
  const r = Math.min(1, Math.max(0, ratio));
  // Anything above zero shows at least a sliver, so one due card is never drawn as none.
  const eighths = r > 0 ? Math.max(1, Math.round(r * cells * 8)) : 0;
  const whole = Math.floor(eighths / 8);
  const part = EIGHTHS[eighths % 8] ?? "";
  const filled = "█".repeat(whole) + part;
  return { filled, rest: " ".repeat(Math.max(0, cells - whole - (part ? 1 : 0))) };
}

export interface BarRow {
  label: string;
  ratio: number;
  /** Shown after the percentage when there is room, e.g. "3/10". */
  note?: string;
}

/** Horizontal bars: label, a bar on a dotted track, the percentage and, room permitting, a note. */
export function barChart(rows: readonly BarRow[], opts: ChartOptions): string[] {
  const width = usableWidth(opts);
  const c = stylesFor(opts);
  const noteWidth = Math.max(0, ...rows.map((r) => displayWidth(r.note ?? "")));
  const labelWidth = Math.min(
    Math.max(0, ...rows.map((r) => displayWidth(r.label))),
    Math.floor(width * 0.35),
  );
  // The percentage takes five columns: "66.7%", one decimal as everywhere else.
  const withNote = noteWidth > 0 && width - labelWidth - 8 - noteWidth - 2 >= 10;
  const cells = Math.max(1, Math.min(30, width - labelWidth - 2 - 6 - (withNote ? noteWidth + 2 : 0)));
  return rows.map((r) => {
    const { filled, rest } = bar(r.ratio, cells);
    const track = c.dim("·".repeat(rest.length));
    const pct = padStart(percentText(r.ratio), 5);
    const note = withNote ? `  ${r.note ?? ""}` : "";
    return `${pad(truncate(r.label, labelWidth), labelWidth)}  ${c.green(filled)}${track} ${pct}${note}`.trimEnd();
  });
}

/** Shading level 0–4 of a day's count: 0 for none, then which quarter of the busiest day's count it reaches. */
export function shadeLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4)));
}

const cell = (level: number, c: ReturnType<typeof stylesFor>, color: boolean) =>
  color ? c.hex(GREENS[level] ?? GREENS[0])("█") : (SHADES[level] ?? " ");

/** Month names over the weeks in which a month begins, GitHub style, never overlapping. */
function monthRow(weeks: readonly HeatmapWeek[], step: number): string {
  const marks: { col: number; name: string }[] = [];
  weeks.forEach((w, i) => {
    const start = new Date(`${w.start}T00:00:00Z`);
    const end = new Date(start);
    end.setUTCDate(end.getUTCDate() + 6);
    const begins = start.getUTCDate() === 1 || end.getUTCMonth() !== start.getUTCMonth();
    if (i === 0 || begins) marks.push({ col: i * step, name: MONTHS[end.getUTCMonth()] ?? "" });
  });
  // The first column names its month only when the next month's name leaves room for it.
  const [first, second] = marks;
  if (first && second && second.col - first.col < 4) marks.shift();
  let row = "";
  for (const m of marks) if (row.length < m.col || !row) row = pad(row, m.col) + m.name;
  return row;
}

/**
 * A GitHub-style activity grid: a column per week, a row per weekday (Monday first), shaded by count,
 * with month names above and a legend of what each shade means below.
 */
export function heatmap(weeks: readonly HeatmapWeek[], opts: ChartOptions): string[] {
  const width = usableWidth(opts);
  const c = stylesFor(opts);
  const max = Math.max(0, ...weeks.flatMap((w) => w.counts.map((n) => n ?? 0)));
  const gutter = 4;
  const step = gutter + weeks.length * 2 <= width ? 2 : 1;
  const lines = [truncate(" ".repeat(gutter) + monthRow(weeks, step), width).trimEnd()];
  for (let d = 0; d < 7; d++) {
    const cells = weeks.map((w) => {
      const n = w.counts[d];
      return (
        (n === null || n === undefined ? " " : cell(shadeLevel(n, max), c, opts.color)) +
        (step === 2 ? " " : "")
      );
    });
    lines.push(`${pad(WEEKDAYS[d] ?? "", gutter)}${cells.join("")}`.trimEnd());
  }
  lines.push(...legend(max, c, opts.color, width));
  return lines;
}

/** Which counts each shade stands for, as far as the busiest day goes: "░ 1–2  ▒ 3–4 ...". */
function legend(max: number, c: ReturnType<typeof stylesFor>, color: boolean, width: number): string[] {
  // Without colour "none" is a blank cell, which needs no legend entry.
  const parts = color ? [`${cell(0, c, color)} none`] : [];
  for (let level = 1; level <= 4; level++) {
    const counts = Array.from({ length: max }, (_, i) => i + 1).filter((n) => shadeLevel(n, max) === level);
    const lo = counts[0];
    const hi = counts.at(-1);
    if (lo === undefined || hi === undefined) continue;
    parts.push(`${cell(level, c, color)} ${lo === hi ? lo : `${lo}-${hi}`}`);
  }
  const plain = (s: string) => displayWidth(s);
  const lines: string[] = [];
  let line = "";
  for (const p of [...parts, "answers a day"]) {
    const next = line ? `${line}  ${p}` : p;
    if (line && plain(next) > width) {
      lines.push(line);
      line = p;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

const WEEKDAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Due reviews per day as short bars: "Today  ████ 4", "Thu 13 █ 1". */
export function forecastChart(days: readonly { day: string; due: number }[], opts: ChartOptions): string[] {
  const width = usableWidth(opts);
  const c = stylesFor(opts);
  const max = Math.max(1, ...days.map((d) => d.due));
  const numWidth = String(max).length;
  const labels = days.map((d, i) => {
    const date = new Date(`${d.day}T00:00:00Z`);
    return i === 0 ? "Today" : `${WEEKDAY_NAMES[date.getUTCDay()]} ${d.day.slice(8)}`;
  });
  const labelWidth = Math.max(...labels.map((l) => displayWidth(l)));
  const cells = Math.max(1, Math.min(24, width - labelWidth - 2 - 1 - numWidth));
  return days.map((d, i) => {
    const { filled } = bar(d.due / max, cells);
    return `${pad(labels[i] ?? "", labelWidth)}  ${c.cyan(filled)}${filled ? " " : ""}${d.due}`;
  });
}

/** The counts as one line of eighth-height blocks, e.g. "▁▃█▂", scaled to the largest. */
export function sparkline(values: readonly number[]): string {
  const ticks = "▁▂▃▄▅▆▇█";
  const max = Math.max(0, ...values);
  return values.map((v) => (max ? (ticks[Math.round((v / max) * 7)] ?? "▁") : "▁")).join("");
}
