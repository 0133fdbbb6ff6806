import { INVISIBLE_CHARS, safeText } from "../../core/text.js";
import { displayWidth, wrapText } from "./wrap.js";

/** Where a command writes: stdout for results, stderr for warnings and errors, with the terminal's traits. */
export interface Output {
  /** Colour and other escape codes are allowed. */
  readonly color: boolean;
  /** Columns to wrap at: the terminal's width, or 80 when stdout is not a terminal. */
  readonly width: number;
  /** Text for people: every line is wrapped to `width`, so nothing is wider than the terminal. */
  out(text?: string): void;
  /** Machine-readable output (--json): written as is, never wrapped. */
  json(value: unknown): void;
  /**
   * Text written as it is: a line that must stay whole (a `file:line: message` diagnostic editors
   * parse), or lines already laid out to the width, such as a table.
   */
  raw(text: string): void;
  err(text: string): void;
}

export function createOutput(
  stdout: NodeJS.WritableStream & { columns?: number; isTTY?: boolean },
  stderr: NodeJS.WritableStream,
  color: boolean,
  env: NodeJS.ProcessEnv = {},
): Output {
  // Read on every use: a terminal resized during a session gets the next question at its new width.
  const widthNow = () => Math.max(20, Math.min(columnsOf(stdout, env), 100));
  // The last guard on every line a command writes: deck text is made safe where it is read and
  // shown, and this catches a path that forgot. Only the colour codes we add may pass.
  const screen = color ? keepStyles : safeText;
  return {
    color,
    get width() {
      return widthNow();
    },
    out: (text = "") => void stdout.write(`${fitWidth(screen(text), widthNow())}\n`),
    json: (value) => void stdout.write(`${toJson(value)}\n`),
    raw: (text) => void stdout.write(`${screen(text)}\n`),
    // Messages can quote deck text (a file name, a line): never let it reach the terminal raw.
    err: (text) => void stderr.write(`${screen(text)}\n`),
  };
}

/**
 * The columns to lay text out in: the terminal's; when stdout is not a terminal, COLUMNS if it is
 * a positive whole number (as GNU ls and man do), else 80.
 */
export function columnsOf(stdout: { columns?: number; isTTY?: boolean }, env: NodeJS.ProcessEnv): number {
  if (stdout.isTTY && stdout.columns) return stdout.columns;
  const n = /^\d+$/.test(env.COLUMNS?.trim() ?? "") ? Number(env.COLUMNS) : 0;
  return n > 0 ? n : 80;
}

// JSON.stringify escapes C0 controls but leaves C1 ones (U+0080-U+009F) raw, and U+009B is a
// terminal's one-byte CSI; bidi and invisible characters are escaped too, so a document shown in
// a terminal reads as it is and still round-trips. Outside strings JSON is ASCII, so every match is
// inside a string.
const C1 = new RegExp(`[\\u0080-\\u009f]|${INVISIBLE_CHARS.source}`, "gu");

/** JSON for --json and exported documents: two-space indented, no raw control character. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(C1, (c) =>
    c
      .split("")
      .map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, "0")}`)
      .join(""),
  );
}

// The SGR (colour and weight) codes chalk writes: the only escapes a coloured line keeps.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching style codes is the point
const STYLE = /(\u001b\[[\d;]*m)/;

/** safeText for a line that may carry our own colour codes: everything between them is cleaned. */
function keepStyles(text: string): string {
  return text
    .split(STYLE)
    .map((part, i) => (i % 2 ? part : safeText(part)))
    .join("");
}

/** Whether to colour: a terminal, no NO_COLOR, no --no-color; FORCE_COLOR wins over all. */
export function wantsColor(isTTY: boolean, env: NodeJS.ProcessEnv, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.FORCE_COLOR === "0" || env.FORCE_COLOR === "false") return false;
  if (env.FORCE_COLOR !== undefined) return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  return isTTY;
}

/** Wraps only the lines that are too wide; most output is already laid out to fit. */
function fitWidth(text: string, width: number): string {
  return text
    .split("\n")
    .map((line) => (displayWidth(line) <= width ? line : wrapText(line, width)))
    .join("\n");
}
