import { type FlagTable, type FlagValues, flag, type Merged, mandatory, withDefault } from "./cli-options.js";
import { MODES } from "./core/types.js";

// Every command's flags, declared once: program.ts and program-tools.ts add them to commander
// (addFlags), and each command's option type is read from its table (FlagValues). In one module
// without the commands, so a command's code still loads only when it runs. Order is --help's.

const deck = flag.texts(
  "--deck <file|name>",
  "only this deck: a Markdown file, a registered deck's name, or k8s for the bundled one (repeatable)",
);
const json = flag.on("--json", "print JSON");
const mode = flag.oneOf(
  "-m, --mode <mode>",
  "choice (pick one of four), recall (type it) or flash (reveal and self-grade)",
  MODES,
);

/** The program's own: every command reads it with optsWithGlobals. */
export const GLOBAL_FLAGS = {
  color: flag.on(
    "--no-color",
    "no colours or other escape codes (also NO_COLOR=1, or when output is not a terminal)",
  ),
} satisfies FlagTable;
export type GlobalOptions = FlagValues<typeof GLOBAL_FLAGS>;

/** What every session command takes, after its own flags. */
export const SESSION_FLAGS = {
  seed: flag.int("--seed <n>", "fix the order of questions and options (for scripts)", 0),
  answers: flag.text(
    "--answers <file>",
    "take answers from a file, one per line; - for stdin (default when stdin is not a terminal)",
  ),
  json: flag.on("--json", "print the results as one JSON document at the end"),
  failUnder: flag.int("--fail-under <percent>", "exit 3 when the score is below this percentage", 0, 100),
  dryRun: flag.on("--dry-run", "do not save anything"),
  cram: flag.on("--cram", "practise ahead: record answers but leave the review schedule untouched"),
  deck,
} satisfies FlagTable;

export const FLAGS = {
  sections: { json, deck },
  list: { section: flag.texts("-s, --section <section>", "only this section (repeatable)"), json, deck },
  show: { json, deck },
  search: { limit: withDefault(flag.int("--limit <n>", "at most this many results", 1), 20), json, deck },
  practice: {
    section: flag.texts("-s, --section <section>", "section slug, alias or title word (repeatable)"),
    count: flag.int("-n, --count <n>", "how many questions (default 10)", 1, 100_000),
    mode,
    order: withDefault(flag.oneOf("--order <order>", "question order", ["random", "deck"]), "random"),
    weak: flag.on("--weak", "questions from weak topics first, lowest accuracy first"),
    flagged: flag.on("--flagged", "only the questions you flagged with f (see k8s-quiz flagged)"),
    id: flag.texts("--id <id>", "only this question, as in k8s-quiz list (repeatable)"),
    ...SESSION_FLAGS,
  },
  daily: {
    mode,
    reveal: flag.on("--reveal", "print the question and its answer without asking"),
    hook: flag.on(
      "--hook",
      "for shell start-up files: the question in two lines, once a day, only in a terminal",
    ),
    date: flag.text("--date <YYYY-MM-DD>", "the question of another day"),
    ...SESSION_FLAGS,
  },
  review: {
    limit: flag.int("--limit <n>", "at most this many questions", 1),
    new: flag.int("--new <n>", "new questions allowed in today (default 10 a day)", 0),
    examDate: flag.day(
      "--exam-date <YYYY-MM-DD>",
      "work towards this exam: every question comes up in the week before it (also: config set examDate)",
    ),
    mode,
    ...SESSION_FLAGS,
  },
  run: { ...SESSION_FLAGS },
  optimize: {
    json,
    dryRun: flag.on("--dry-run", "fit and report, but do not save the parameters"),
    reset: flag.on("--reset", "go back to the default parameters"),
  },
  stats: { json, deck },
  exam: {
    count: withDefault(flag.int("-n, --count <n>", "how many questions", 1, 1000), 10),
    minutes: withDefault(flag.number("--minutes <m>", "time allowed (fractions allowed)", 0, 24 * 60), 20),
    section: flag.texts("-s, --section <section>", "only this section (repeatable)"),
    report: flag.text("--report <file>", "also save the report card as Markdown"),
    grades: flag.text(
      "--grades <file>",
      "grades to save instead of the suggested ones: one `<id> <grade>` a line (others keep theirs)",
    ),
    ...SESSION_FLAGS,
  },
  weak: {
    json,
    reset: flag.on("--reset", "clear the weak topics (asks first)"),
    yes: flag.on("-y, --yes", "with --reset: do not ask"),
    deck,
  },
  flagged: { json, unflag: flag.texts("--unflag <id>", "take the flag off a question (repeatable)"), deck },
  deckCheck: { json },
  deckAdd: {
    name: flag.text(
      "--name <name>",
      "the deck's name, with one deck (default: a short form of the file name)",
    ),
    timeout: withDefault(flag.int("--timeout <seconds>", "how long a URL's download may take", 1, 3600), 30),
  },
  deckList: { json },
  deckUpdate: {
    timeout: withDefault(flag.int("--timeout <seconds>", "how long each download may take", 1, 3600), 30),
    json,
  },
  export: {
    format: mandatory(flag.oneOf("--format <format>", "output format", ["anki", "csv", "json", "md"])),
    section: flag.texts("-s, --section <section>", "only this section (repeatable)"),
    output: flag.text("-o, --output <file>", "write to a file instead of stdout"),
    deck,
  },
  progressExport: { output: flag.text("-o, --output <file>", "write to a file instead of stdout") },
  phrasings: { json, remove: flag.text("--remove <id>", "forget the accepted phrasing with this id") },
  configGet: { json },
  configReset: { yes: flag.on("-y, --yes", "do not ask") },
} satisfies Record<string, FlagTable>;

/** A command's own flags' values. */
export type FlagsOnly<K extends keyof typeof FLAGS> = FlagValues<(typeof FLAGS)[K]>;

/** A command's options: its own flags' values and the global ones. */
export type OptionsOf<K extends keyof typeof FLAGS> = Merged<FlagsOnly<K> & GlobalOptions>;
