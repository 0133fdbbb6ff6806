import { stripControl } from "../core/text.js";

/** Where a command writes: stdout for results, stderr for warnings and errors, with the terminal's traits. */
export interface Output {
  /** Colour and other escape codes are allowed. */
  readonly color: boolean;
  /** Columns to wrap at: the terminal's width, or 80 when stdout is not a terminal. */
  readonly width: number;
  out(text?: string): void;
  err(text: string): void;
}

export function createOutput(
  stdout: NodeJS.WritableStream & { columns?: number; isTTY?: boolean },
  stderr: NodeJS.WritableStream,
  color: boolean,
): Output {
  const columns = stdout.isTTY && stdout.columns ? stdout.columns : 80;
  return {
    color,
    width: Math.max(20, Math.min(columns, 100)),
    out: (text = "") => void stdout.write(`${text}\n`),
    // Messages can quote deck text (a file name, a line): never let it reach the terminal raw.
    err: (text) => void stderr.write(`${stripControl(text)}\n`),
  };
}

/** Whether to colour: a terminal, no NO_COLOR, no --no-color; FORCE_COLOR wins over all. */
export function wantsColor(isTTY: boolean, env: NodeJS.ProcessEnv, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false") return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  return isTTY;
}
