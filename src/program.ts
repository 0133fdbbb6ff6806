import { Command, Help, InvalidArgumentError, Option } from "commander";
import { nearest } from "./core/text.js";
import type { Deps } from "./deps.js";
import { UsageError } from "./errors.js";
import { wrapText } from "./io/wrap.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

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

/** Help and errors fit the terminal; 80 columns when output is not a terminal. */
const helpWidth = (deps: Deps) => (deps.stdout.isTTY && deps.stdout.columns ? deps.stdout.columns : 80);

let exampleWidth = 80;
const examples = (...lines: string[]) =>
  `\nExamples:\n${lines.map((l) => wrapText(`  $ ${l}`, exampleWidth).replace(/\n/g, "\n      ")).join("\n")}\n`;

const deckOption = () =>
  new Option("--deck <file>", "also load this Markdown deck (repeatable)").argParser(collect);

/** The commander tree. Each action only converts options and calls its command's function. */
export function createProgram(deps: Deps, setExit: (code: number) => void): Command {
  exampleWidth = helpWidth(deps) - 6;
  const program = new Command("k8s-quiz")
    .description(
      "Quiz yourself on Kubernetes internals, operators, multi-cluster, networking and service mesh.",
    )
    .version("0.1.0", "-V, --version")
    .option(
      "--no-color",
      "no colours or other escape codes (also NO_COLOR=1, or when output is not a terminal)",
    )
    .usage("[options] [command]")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp({
      helpWidth: helpWidth(deps),
      // Too narrow for two columns (commander would then not wrap at all): the term on its own line,
      // the description wrapped below it.
      formatItem(term, termWidth, description, helper) {
        const width = helper.helpWidth ?? 80;
        if (!description || width - termWidth - 4 >= helper.minWidthToWrap) {
          return Help.prototype.formatItem.call(helper, term, termWidth, description, helper);
        }
        return `  ${term}\n${wrapText(description, width - 6).replace(/^/gm, "      ")}`;
      },
    })
    .configureOutput({
      getOutHelpWidth: () => helpWidth(deps),
      getErrHelpWidth: () => helpWidth(deps),
      writeOut: (s) => deps.stdout.write(s),
      writeErr: (s) => deps.stderr.write(s),
      // One line: commander puts its "Did you mean" hint on a line of its own.
      outputError: (s, write) =>
        write(
          s
            .replace(/^error: /, "k8s-quiz: ")
            .replace(/\n\(Did you mean (.+)\?\)\n?$/, " (did you mean $1?)\n"),
        ),
    })
    .addHelpText(
      "after",
      examples("k8s-quiz practice --section networking", "k8s-quiz daily", "k8s-quiz show 502"),
    );

  const global = (cmd: Command) => cmd.optsWithGlobals() as { color?: boolean };

  program
    .command("sections")
    .description("list the sections with their question counts and your mastery")
    .option("--json", "print JSON")
    .addOption(deckOption())
    .addHelpText("after", examples("k8s-quiz sections", "k8s-quiz sections --json"))
    .action(async (opts, cmd: Command) => {
      const { sectionsCommand } = await import("./commands/sections.js");
      await sectionsCommand(deps, { ...opts, ...global(cmd) });
    });

  program
    .command("list")
    .description("list question ids and prompts")
    .option("-s, --section <section>", "only this section (repeatable)", collect)
    .option("--json", "print JSON")
    .addOption(deckOption())
    .addHelpText("after", examples("k8s-quiz list", "k8s-quiz list --section crds --json"))
    .action(async (opts, cmd: Command) => {
      const { listCommand } = await import("./commands/list.js");
      await listCommand(deps, { ...opts, ...global(cmd) });
    });

  program
    .command("show")
    .description("show a question and its answer")
    .argument("<id>", "question id, as in `k8s-quiz list`")
    .option("--json", "print JSON")
    .addOption(deckOption())
    .addHelpText("after", examples("k8s-quiz show 502", "k8s-quiz show 546 --no-color | less"))
    .action(async (id: string, opts, cmd: Command) => {
      const { showCommand } = await import("./commands/show.js");
      await showCommand(deps, id, { ...opts, ...global(cmd) });
    });

  program
    .command("search")
    .description("find questions whose prompt or answer contain all the words")
    .argument("<words...>", "words to look for (case-insensitive)")
    .option("--limit <n>", "at most this many results", intOption(1), 20)
    .option("--json", "print JSON")
    .addOption(deckOption())
    .addHelpText("after", examples("k8s-quiz search etcd raft", "k8s-quiz search sidecar --json"))
    .action(async (words: string[], opts, cmd: Command) => {
      const { searchCommand } = await import("./commands/search.js");
      await searchCommand(deps, words, { ...opts, ...global(cmd) });
    });

  const sessionOptions = (cmd: Command) =>
    cmd
      .option("--seed <n>", "fix the order of questions and options (for scripts)", intOption(0))
      .option(
        "--answers <file>",
        "take answers from a file, one per line; - for stdin (default when stdin is not a terminal)",
      )
      .option("--json", "print the results as one JSON document at the end")
      .option("--fail-under <percent>", "exit 3 when the score is below this percentage", intOption(0, 100))
      .option("--dry-run", "do not save anything")
      .option("--cram", "practise ahead: record answers but leave the review schedule untouched")
      .addOption(deckOption());

  const modeOption = () =>
    new Option(
      "-m, --mode <mode>",
      "choice (pick one of four), recall (type it) or flash (reveal and self-grade)",
    ).choices(["choice", "recall", "flash"]);

  sessionOptions(
    program
      .command("practice")
      .description("practise by section: choice, recall or flash cards")
      .option("-s, --section <section>", "section slug, alias or title word (repeatable)", collect)
      .option("-n, --count <n>", "how many questions (default 10)", intOption(1, 100_000))
      .addOption(modeOption())
      .addOption(
        new Option("--order <order>", "question order").choices(["random", "deck"]).default("random"),
      )
      .option("--weak", "questions from weak topics first, lowest accuracy first"),
  )
    .addHelpText(
      "after",
      examples(
        "k8s-quiz practice --section networking",
        "k8s-quiz practice -s crds -s mesh --mode recall --count 5",
        "k8s-quiz practice --weak",
        "printf 'a\\nb\\nc\\n' | k8s-quiz practice -s internals -n 3 --seed 7 --json",
      ),
    )
    .action(async (opts, cmd: Command) => {
      const { practiceCommand } = await import("./commands/practice.js");
      setExit(await practiceCommand(deps, { ...opts, ...global(cmd) }));
    });

  sessionOptions(
    program
      .command("daily")
      .description("today's question: the same all day, with a streak")
      .addOption(modeOption())
      .option("--reveal", "print the question and its answer without asking")
      .option("--hook", "for shell start-up files: the question in two lines, once a day, only in a terminal")
      .option("--date <YYYY-MM-DD>", "the question of another day"),
  )
    .addHelpText(
      "after",
      examples(
        "k8s-quiz daily",
        "k8s-quiz daily --reveal",
        "k8s-quiz daily --mode recall",
        "echo 'k8s-quiz daily --hook' >> ~/.bashrc",
      ),
    )
    .action(async (opts, cmd: Command) => {
      const { dailyCommand } = await import("./commands/daily.js");
      setExit(await dailyCommand(deps, { ...opts, ...global(cmd) }));
    });

  sessionOptions(
    program
      .command("review")
      .description("spaced repetition: the questions due now, most overdue first")
      .option("--limit <n>", "at most this many questions", intOption(1))
      .option("--new <n>", "new questions allowed in today (default 10 a day)", intOption(0))
      .addOption(modeOption()),
  )
    .addHelpText("after", examples("k8s-quiz review", "k8s-quiz review --limit 20 --new 5 --mode flash"))
    .action(async (opts, cmd: Command) => {
      const { reviewCommand } = await import("./commands/review.js");
      setExit(await reviewCommand(deps, { ...opts, ...global(cmd) }));
    });

  sessionOptions(
    program
      .command("run")
      .description("run a study plan: a YAML file of practice, review and daily steps")
      .argument("<plan>", "the plan file (see plans/ for examples)"),
  )
    .addHelpText(
      "after",
      examples(
        "k8s-quiz run plans/morning.yaml",
        "k8s-quiz run plans/exam-week.yaml --answers answers.txt --json",
      ),
    )
    .action(async (file: string, opts, cmd: Command) => {
      const { runCommand } = await import("./commands/run.js");
      setExit(await runCommand(deps, file, { ...opts, ...global(cmd) }));
    });

  const deck = program.command("deck").description("check, add, list and remove your own decks");
  deck
    .command("check")
    .description("validate decks: parse errors and quiz metadata problems, as file:line lines")
    .argument("<files...>", "Markdown deck files")
    .option("--json", "print JSON")
    .addHelpText("after", examples("k8s-quiz deck check my-deck.md", "k8s-quiz deck check data/*.md --json"))
    .action(async (files: string[], opts, cmd: Command) => {
      const { deckCheckCommand } = await import("./commands/deck-check.js");
      setExit(await deckCheckCommand(deps, files, { ...opts, ...global(cmd) }));
    });

  program
    .command("stats")
    .description("totals, mastery by section, weak topics, forecast and a 12-week heatmap")
    .option("--json", "print JSON")
    .addOption(deckOption())
    .addHelpText("after", examples("k8s-quiz stats", "k8s-quiz stats --json"))
    .action(async (opts, cmd: Command) => {
      const { statsCommand } = await import("./commands/stats.js");
      await statsCommand(deps, { ...opts, ...global(cmd) });
    });

  deck
    .command("add")
    .description("register a deck for good; its ids get the deck's name as a prefix (docker:12)")
    .argument("<file>", "a Markdown deck")
    .option("--name <name>", "the deck's name (default: the file name)")
    .addHelpText(
      "after",
      examples("k8s-quiz deck add ~/notes/docker.md", "k8s-quiz practice --section docker"),
    )
    .action(async (file: string, opts) => {
      const { deckAddCommand } = await import("./commands/deck-add.js");
      await deckAddCommand(deps, file, opts);
    });
  deck
    .command("list")
    .description("list the registered decks")
    .option("--json", "print JSON")
    .addHelpText("after", examples("k8s-quiz deck list"))
    .action(async (opts, cmd: Command) => {
      const { deckListCommand } = await import("./commands/deck-list.js");
      await deckListCommand(deps, { ...opts, ...global(cmd) });
    });
  deck
    .command("remove")
    .description("forget a registered deck (progress on it is kept)")
    .argument("<name>", "the deck's name, as in `k8s-quiz deck list`")
    .addHelpText("after", examples("k8s-quiz deck remove docker"))
    .action(async (name: string) => {
      const { deckRemoveCommand } = await import("./commands/deck-remove.js");
      await deckRemoveCommand(deps, name);
    });

  sessionOptions(
    program
      .command("exam")
      .description("a timed mock interview: recall answers, no feedback until the report card")
      .option("-n, --count <n>", "how many questions", intOption(1, 1000), 10)
      .option("--minutes <m>", "time allowed (fractions allowed)", numberOption(0, 24 * 60), 20)
      .option("-s, --section <section>", "only this section (repeatable)", collect)
      .option("--report <file>", "also save the report card as Markdown"),
  )
    .addHelpText(
      "after",
      examples("k8s-quiz exam", "k8s-quiz exam --count 5 --minutes 10 -s mesh --report exam.md"),
    )
    .action(async (opts, cmd: Command) => {
      const { examCommand } = await import("./commands/exam.js");
      setExit(await examCommand(deps, { ...opts, ...global(cmd) }));
    });

  program
    .command("export")
    .description("export questions: anki (TSV for File > Import), csv, json, or md (our deck format)")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["anki", "csv", "json", "md"])
        .makeOptionMandatory(),
    )
    .option("-s, --section <section>", "only this section (repeatable)", collect)
    .option("-o, --output <file>", "write to a file instead of stdout")
    .addOption(deckOption())
    .addHelpText(
      "after",
      examples("k8s-quiz export --format anki -o k8s.txt", "k8s-quiz export --format md -s networking"),
    )
    .action(async (opts) => {
      const { exportCommand } = await import("./commands/export.js");
      await exportCommand(deps, opts);
    });

  const progress = program.command("progress").description("move your progress to another machine");
  progress
    .command("export")
    .description("write all progress as JSON")
    .option("-o, --output <file>", "write to a file instead of stdout")
    .addHelpText("after", examples("k8s-quiz progress export -o progress.json"))
    .action(async (opts) => {
      const { progressExportCommand } = await import("./commands/progress-export.js");
      await progressExportCommand(deps, opts);
    });
  progress
    .command("import")
    .description("merge exported progress into this machine's, keeping the newer answer for each question")
    .argument("<file>", "a file from `k8s-quiz progress export`")
    .addHelpText("after", examples("k8s-quiz progress import progress.json"))
    .action(async (file: string) => {
      const { progressImportCommand } = await import("./commands/progress-import.js");
      await progressImportCommand(deps, file);
    });

  const config = program
    .command("config")
    .description("settings: defaultMode, defaultCount, weakThreshold, newPerDay");
  config
    .command("get")
    .description("print one setting, or all")
    .argument("[key]", "a setting's name")
    .option("--json", "print JSON")
    .addHelpText("after", examples("k8s-quiz config get", "k8s-quiz config get weakThreshold"))
    .action(async (key: string | undefined, opts) => {
      const { configGetCommand } = await import("./commands/config.js");
      await configGetCommand(deps, key, opts);
    });
  config
    .command("set")
    .description("change a setting (validated)")
    .argument("<key>", "defaultMode, defaultCount, weakThreshold or newPerDay")
    .argument("<value>", "the new value")
    .addHelpText(
      "after",
      examples("k8s-quiz config set defaultMode recall", "k8s-quiz config set weakThreshold 0.8"),
    )
    .action(async (key: string, value: string) => {
      const { configSetCommand } = await import("./commands/config.js");
      await configSetCommand(deps, key, value);
    });
  config
    .command("path")
    .description("print where settings and progress are kept")
    .action(async () => {
      const { configPathCommand } = await import("./commands/config.js");
      await configPathCommand(deps);
    });
  config
    .command("reset")
    .description("settings back to their defaults (progress is kept)")
    .option("-y, --yes", "do not ask")
    .action(async (opts) => {
      const { configResetCommand } = await import("./commands/config.js");
      await configResetCommand(deps, opts);
    });

  program
    .command("completion")
    .description("print a shell completion script (commands, options and section slugs)")
    .argument("<shell>", "bash, zsh or fish")
    .addHelpText(
      "after",
      examples(
        "k8s-quiz completion bash > ~/.local/share/bash-completion/completions/k8s-quiz",
        "k8s-quiz completion fish > ~/.config/fish/completions/k8s-quiz.fish",
      ),
    )
    .action(async (shell: string) => {
      const { completionCommand } = await import("./commands/completion.js");
      await completionCommand(deps, program, shell);
    });

  program
    .command("weak")
    .description("list your weak topics, the questions behind them and your leeches")
    .option("--json", "print JSON")
    .option("--reset", "clear the weak topics (asks first)")
    .option("-y, --yes", "with --reset: do not ask")
    .addOption(deckOption())
    .addHelpText("after", examples("k8s-quiz weak", "k8s-quiz weak --json", "k8s-quiz weak --reset --yes"))
    .action(async (opts, cmd: Command) => {
      const { weakCommand } = await import("./commands/weak.js");
      await weakCommand(deps, { ...opts, ...global(cmd) });
    });

  program.argument("[command]").action(async (name: string | undefined, _opts, cmd: Command) => {
    if (name !== undefined) {
      const guess = nearest(
        name,
        program.commands.map((c) => c.name()),
      );
      throw new UsageError(
        `unknown command '${name}'${guess ? ` (did you mean ${guess}?)` : ""}; see k8s-quiz --help`,
      );
    }
    if (!deps.isTTY) {
      program.outputHelp();
      return;
    }
    const { menuCommand } = await import("./commands/menu.js");
    setExit(await menuCommand(deps, global(cmd)));
  });

  return program;
}
