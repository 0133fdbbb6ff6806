import { type Command, InvalidArgumentError, Option } from "commander";
import { parseDay } from "./core/dates.js";
import { nearest } from "./core/text.js";
import type { Deps } from "./deps.js";
import { columnsOf } from "./io/terminal/output.js";
import { wrapText } from "./io/terminal/wrap.js";

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
    // Case is no part of the word: --mode Recall is recall, as sections and settings take any case.
    const same = values.find((v) => v.toLowerCase() === value.toLowerCase());
    if (same) return same;
    const guess = nearest(value, values);
    throw new InvalidArgumentError(
      `expected ${values.join(", ")}, got "${value}"${guess ? ` (did you mean ${guess}?)` : ""}`,
    );
  });
}

/** Help and errors fit the terminal; COLUMNS or 80 when output is not a terminal. */
export const helpWidth = (deps: Deps) => columnsOf(deps.stdout, deps.env);

export type Examples = (...lines: string[]) => () => string;

/**
 * An "Examples:" block for --help, each command line wrapped to `width()`: made when a help is
 * shown (commander takes a function), not for each of two dozen commands on every run.
 */
export const examplesFor =
  (width: () => number): Examples =>
  (...lines) =>
  () =>
    `\nExamples:\n${lines.map((l) => wrapText(`  $ ${l}`, width()).replace(/\n/g, "\n      ")).join("\n")}\n`;

export const deckOption = () =>
  new Option(
    "--deck <file|name>",
    "only this deck: a Markdown file, a registered deck's name, or k8s for the bundled one (repeatable)",
  ).argParser(collect);

// ---------------------------------------------------------------------------------------------
// Flags declared once. A command's flags are a table (src/flags.ts) of Flag entries keyed by the
// name commander gives the value ("--fail-under" -> failUnder, "--no-color" -> color); addFlags
// turns the table into commander options, and FlagValues turns it into the command's option type.
// commander's own opts() is `any`, so without one table the two drifted apart unseen.

/**
 * One flag: commander's syntax ("-n, --count <n>"), its help text and how its value is read. `V` is
 * the value's type; `Always` says it is always there (a default, or a mandatory flag).
 */
export interface Flag<V, Always extends boolean = boolean> {
  readonly flags: string;
  readonly description: string;
  // A method, so that a table of flags of different value types is one FlagTable.
  parse?(value: string, previous: V): V;
  /** The words it takes, listed in help; a near miss is named in the error (choicesOption). */
  readonly choices?: readonly string[];
  readonly default?: V;
  readonly mandatory?: boolean;
  /** For the type only, never set: what FlagValues reads the value's type and presence from. */
  readonly type?: { value: V; always: Always };
}

export type FlagTable = Readonly<Record<string, Flag<unknown>>>;

type ValueOf<F> = F extends Flag<infer V, boolean> ? V : never;
type AlwaysKeys<T> = { [K in keyof T]: T[K] extends { type?: { always: true } } ? K : never }[keyof T];

/** An intersection of object types as one: what an editor shows and toEqualTypeOf compares. */
export type Merged<T> = { [K in keyof T]: T[K] };

/** The options a command gets from its table: a flag with a default or made mandatory is always set. */
export type FlagValues<T extends FlagTable> = Merged<
  { [K in AlwaysKeys<T>]: ValueOf<T[K]> } & { [K in Exclude<keyof T, AlwaysKeys<T>>]?: ValueOf<T[K]> }
>;

const entry = <V>(
  flags: string,
  description: string,
  parse?: (value: string, previous: V) => V,
): Flag<V, false> => (parse ? { flags, description, parse } : { flags, description });

/** The kinds of flag k8s-quiz has, each with its parser. */
export const flag = {
  /** A switch: `--json`, or `--no-color` (whose value is `color`, false when given). */
  on: (flags: string, description: string) => entry<boolean>(flags, description),
  /** One value, as typed: `--name <name>`. */
  text: (flags: string, description: string) => entry<string>(flags, description),
  /** A value that may be given again, each time added: `-s a -s b`. */
  texts: (flags: string, description: string) => entry<string[]>(flags, description, collect),
  int: (flags: string, description: string, min: number, max?: number) =>
    entry<number>(flags, description, intOption(min, max)),
  number: (flags: string, description: string, min: number, max?: number) =>
    entry<number>(flags, description, numberOption(min, max)),
  day: (flags: string, description: string) => entry<string>(flags, description, dayOption),
  oneOf: <const C extends readonly string[]>(
    flags: string,
    description: string,
    values: C,
  ): Flag<C[number], false> => ({
    flags,
    description,
    choices: values,
  }),
};

/** The flag with a value when it is not given: always set, then. */
export const withDefault = <V>(f: Flag<V, false>, value: NoInfer<V>): Flag<V, true> =>
  ({ ...f, default: value }) as Flag<V, true>;

/** The flag made mandatory: commander refuses a command line without it, so it is always set. */
export const mandatory = <V>(f: Flag<V, false>): Flag<V, true> =>
  ({ ...f, mandatory: true }) as Flag<V, true>;

/** The commander option a table entry makes, checked against its key. */
export function optionOf(key: string, f: Flag<unknown>): Option {
  const o = f.choices ? choicesOption(f.flags, f.description, f.choices) : new Option(f.flags, f.description);
  if (f.parse) o.argParser(f.parse);
  if (f.default !== undefined) o.default(f.default);
  if (f.mandatory) o.makeOptionMandatory();
  // The key is the name the value arrives under: a table whose key says otherwise would type a
  // field commander never sets.
  if (o.attributeName() !== key)
    throw new Error(`flag ${f.flags} is keyed "${key}", not "${o.attributeName()}"`);
  return o;
}

/** Adds a table's flags to a command, in the table's order (the order --help lists them in). */
export function addFlags<C extends { addOption(o: Option): unknown }>(cmd: C, table: FlagTable): C {
  for (const [key, f] of Object.entries(table)) cmd.addOption(optionOf(key, f));
  return cmd;
}

export type AddFlags = <C extends Command>(cmd: C, table: FlagTable, ...aliases: string[]) => C;

/**
 * addFlags for the commands `args` (a command line, after node and the script) can run: a command
 * named in it, by name or alias, gets all its flags; any other gets only its first, which is all
 * the program's --help reads of it (the "[options]" after its name). Its own help, its parsing and
 * its errors only happen when it runs, and then it has them all. Without `args`, or for
 * `completion` (which lists every command's flags), every command gets all of them.
 */
export function flagsFor(args: readonly string[] | undefined): AddFlags {
  const words = args && new Set(args.filter((a) => !a.startsWith("-")));
  const all = !words || words.has("completion");
  return (cmd, table, ...aliases) => {
    if (all || words.has(cmd.name()) || aliases.some((a) => words.has(a))) return addFlags(cmd, table);
    const [first] = Object.entries(table);
    if (first) cmd.addOption(optionOf(...first));
    return cmd;
  };
}

/** Defines one top-level command (its names: the name and any alias); see commandsFor. */
export type Define = (names: readonly string[], build: () => unknown) => void;

/** The program-level flags that may come before a command's name: none takes a value. */
const BEFORE_COMMAND = new Set(["--no-color", "-V", "--version"]);

/**
 * The top-level commands to build for `args` (a command line, after node and the script). Commander
 * makes a whole Command object for each command and its sub-commands, and a run needs one of two
 * dozen: building only that one took 7 million instructions off `sections` (callgrind, about 5%).
 * - A line that names a command (by name or alias) gets that one; `--version` before any name gets
 *   none, since commander prints the version as it reads the flag.
 * - Every other line gets them all: no command (the program's help, the menu), `help`, `completion`
 *   (which lists them), a mistyped name (its "did you mean"), or anything unusual before the name.
 *   Without `args`, all of them too.
 * `define` collects the definitions in order; `build` then makes the chosen ones, in that order.
 */
export function commandsFor(args: readonly string[] | undefined): { define: Define; build(): void } {
  const defs: { names: readonly string[]; build: () => unknown }[] = [];
  const chosen = () => {
    if (!args) return defs;
    // commander reads "-" as an operand, like any word that does not start with a dash.
    const at = args.findIndex((a) => a === "-" || !a.startsWith("-"));
    const before = at < 0 ? args : args.slice(0, at);
    if (!before.every((a) => BEFORE_COMMAND.has(a))) return defs;
    if (before.some((a) => a !== "--no-color")) return [];
    const word = args[at];
    if (word === undefined || word === "help" || word === "completion") return defs;
    const named = defs.filter((d) => d.names.includes(word));
    return named.length ? named : defs;
  };
  return {
    define: (names, build) => {
      defs.push({ names, build });
    },
    build: () => {
      for (const d of chosen()) d.build();
    },
  };
}
