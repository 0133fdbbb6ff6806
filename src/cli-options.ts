import { InvalidArgumentError, Option } from "commander";
import { parseDay } from "./core/dates.js";
import { nearest } from "./core/text.js";
import type { Deps } from "./deps.js";
import { columnsOf } from "./io/output.js";
import { wrapText } from "./io/wrap.js";

/** The flag parsers and help pieces every command's definition shares. */

export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** A whole number within bounds, for options like --count; anything else is a usage error. */
export function intOption(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim()))
      throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
    const n = Number(value);
    if (n < min || n > max)
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}, got ${n}`);
    return n;
  };
}

/** A positive number, fractions allowed (--minutes 0.5). */
export function numberOption(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n))
      throw new InvalidArgumentError(`expected a number, got "${value}"`);
    if (n <= min || n > max)
      throw new InvalidArgumentError(`expected a number above ${min} and at most ${max}, got ${n}`);
    return n;
  };
}

/** A calendar date as YYYY-MM-DD (--exam-date); kept as the text, once it is known to be a real day. */
export function dayOption(value: string): string {
  if (!parseDay(value)) throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, got "${value}"`);
  return value.trim();
}

/**
 * An option taking one of a few words. Commander's own .choices() lists them in help, but its error
 * names no near match: `--mode recal` should suggest recall.
 */
export function choicesOption(flags: string, description: string, values: readonly string[]): Option {
  return new Option(flags, description).choices(values).argParser((value: string) => {
    if (values.includes(value)) return value;
    const guess = nearest(value, values);
    throw new InvalidArgumentError(
      `expected ${values.join(", ")}, got "${value}"${guess ? ` (did you mean ${guess}?)` : ""}`,
    );
  });
}

/** Help and errors fit the terminal; COLUMNS or 80 when output is not a terminal. */
export const helpWidth = (deps: Deps) => columnsOf(deps.stdout, deps.env);

export type Examples = (...lines: string[]) => string;

/** An "Examples:" block for --help, each command line wrapped to `width`. */
export const examplesFor =
  (width: number): Examples =>
  (...lines) =>
    `\nExamples:\n${lines.map((l) => wrapText(`  $ ${l}`, width).replace(/\n/g, "\n      ")).join("\n")}\n`;

export const deckOption = () =>
  new Option("--deck <file>", "also load this Markdown deck (repeatable)").argParser(collect);
