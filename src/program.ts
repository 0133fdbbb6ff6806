import { Command, Help } from "commander";
import { addFlags, commandsFor, examplesFor, flagsFor, helpWidth } from "./cli-options.js";
import { nearest, oneLine } from "./core/text.js";
import type { Deps } from "./deps.js";
import { UsageError } from "./errors.js";
import { FLAGS, GLOBAL_FLAGS, type GlobalOptions, type OptionsOf } from "./flags.js";
import { wrapText } from "./io/terminal/wrap.js";
import { addToolCommands } from "./program-tools.js";

/**
 * The commander tree. Each action only converts options and calls its command's function. With
 * `args` (the command line, after node and the script), only the command it names is built
 * (commandsFor), and only the commands it names get all their flags (flagsFor): the tree is built
 * on every run, and most of it never runs.
 */
export function createProgram(
  deps: Deps,
  setExit: (code: number) => void,
  args?: readonly string[],
): Command {
  const examples = examplesFor(() => helpWidth(deps) - 6);
  const flags = flagsFor(args);
  const { define, build } = commandsFor(args);
  const program = addFlags(
    new Command("k8s-quiz")
      .description(
        "Quiz yourself on Kubernetes internals, operators, multi-cluster, networking and service mesh.",
      )
      .version("0.1.0", "-V, --version"),
    GLOBAL_FLAGS,
  )
    .usage("[options] [command]")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp({
      helpWidth: helpWidth(deps),
      // Without the alias: "practice|practise [options]" made the usage line too wide at 40 columns.
      // Wrapped after "Usage: " (commander prints it as it comes), its lines under the first's text.
      commandUsage(cmd) {
        let parents = "";
        for (let p = cmd.parent; p; p = p.parent) parents = `${p.name()} ${parents}`;
        const usage = `${parents}${cmd.name()} ${cmd.usage()}`;
        const room = helpWidth(deps) - "Usage: ".length;
        return usage.length <= room ? usage : wrapText(usage, room).replace(/\n/g, "\n       ");
      },
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
      // commander's own default asks process.stdout, which for a pipe builds Node's whole stream
      // layer on every --help. The help is never styled, so there are no colours to keep.
      getOutHasColors: () => false,
      getErrHasColors: () => false,
      writeOut: (s) => deps.stdout.write(s),
      writeErr: (s) => deps.stderr.write(s),
      // One line: commander puts its "Did you mean" hint on a line of its own.
      // Its messages quote what was typed, which can hold escape codes (a pasted plan's value).
      outputError: (s, write) =>
        write(
          `${oneLine(
            s
              .replace(/^error: /, "k8s-quiz: ")
              .replace(/\n\(Did you mean (.+)\?\)\n?$/, " (did you mean $1?)")
              .replace(/\n$/, ""),
          )}\n`,
        ),
    })
    .addHelpText(
      "after",
      examples("k8s-quiz practice --section networking", "k8s-quiz daily", "k8s-quiz show 502"),
    );

  const global = (cmd: Command) => cmd.optsWithGlobals() as GlobalOptions;

  define(["sections"], () =>
    flags(program.command("sections"), FLAGS.sections)
      .description("list the sections with their question counts and your mastery")
      .addHelpText("after", examples("k8s-quiz sections", "k8s-quiz sections --json"))
      .action(async (opts: OptionsOf<"sections">, cmd: Command) => {
        const { sectionsCommand } = await import("./commands/sections.js");
        await sectionsCommand(deps, { ...opts, ...global(cmd) });
      }));

  define(["list"], () =>
    flags(program.command("list"), FLAGS.list)
      .description("list question ids and prompts")
      .addHelpText("after", examples("k8s-quiz list", "k8s-quiz list --section crds --json"))
      .action(async (opts: OptionsOf<"list">, cmd: Command) => {
        const { listCommand } = await import("./commands/list.js");
        await listCommand(deps, { ...opts, ...global(cmd) });
      }));

  define(["show"], () =>
    flags(program.command("show"), FLAGS.show)
      .description("show a question and its answer")
      .argument("<id>", "question id, as in `k8s-quiz list`")
      .addHelpText("after", examples("k8s-quiz show 502", "k8s-quiz show 546 --no-color | less"))
      .action(async (id: string, opts: OptionsOf<"show">, cmd: Command) => {
        const { showCommand } = await import("./commands/show.js");
        await showCommand(deps, id, { ...opts, ...global(cmd) });
      }));

  define(["search"], () =>
    flags(program.command("search"), FLAGS.search)
      .description("find questions whose prompt or answer contain all the words")
      .argument("<words...>", "words to look for (case-insensitive)")
      .addHelpText("after", examples("k8s-quiz search etcd raft", "k8s-quiz search sidecar --json"))
      .action(async (words: string[], opts: OptionsOf<"search">, cmd: Command) => {
        const { searchCommand } = await import("./commands/search.js");
        await searchCommand(deps, words, { ...opts, ...global(cmd) });
      }));

  define(["practice", "practise"], () =>
    flags(program.command("practice"), FLAGS.practice, "practise")
      .alias("practise")
      .description("practise by section: choice, recall or flash cards")
      .addHelpText(
        "after",
        examples(
          "k8s-quiz practice --section networking",
          "k8s-quiz practice -s crds -s mesh --mode recall --count 5",
          "k8s-quiz practice --weak",
          "k8s-quiz practise --flagged --mode recall",
          "k8s-quiz practice --id 534 --id 536 --mode recall",
          "printf 'a\\nb\\nc\\n' | k8s-quiz practice -s internals -n 3 --seed 7 --json",
        ),
      )
      .action(async (opts: OptionsOf<"practice">, cmd: Command) => {
        const { practiceCommand } = await import("./commands/practice.js");
        setExit(await practiceCommand(deps, { ...opts, ...global(cmd) }));
      }));

  define(["daily"], () =>
    flags(program.command("daily"), FLAGS.daily)
      .description("today's question: the same all day, with a streak")
      .addHelpText(
        "after",
        examples(
          "k8s-quiz daily",
          "k8s-quiz daily --reveal",
          "k8s-quiz daily --mode recall",
          "echo 'k8s-quiz daily --hook' >> ~/.bashrc",
        ),
      )
      .action(async (opts: OptionsOf<"daily">, cmd: Command) => {
        const { dailyCommand } = await import("./commands/daily.js");
        setExit(await dailyCommand(deps, { ...opts, ...global(cmd) }));
      }));

  define(["review"], () =>
    flags(program.command("review"), FLAGS.review)
      .description("spaced repetition: the questions due now, most overdue first")
      .addHelpText(
        "after",
        examples(
          "k8s-quiz review",
          "k8s-quiz review --limit 20 --new 5 --mode flash",
          "k8s-quiz review --exam-date 2027-01-15",
        ),
      )
      .action(async (opts: OptionsOf<"review">, cmd: Command) => {
        const { reviewCommand } = await import("./commands/review.js");
        setExit(await reviewCommand(deps, { ...opts, ...global(cmd) }));
      }));

  define(["run"], () =>
    flags(program.command("run"), FLAGS.run)
      .description("run a study plan: a YAML file of practice, review and daily steps")
      .argument("<plan>", "the plan file (see plans/ for examples)")
      .addHelpText(
        "after",
        examples(
          "k8s-quiz run plans/morning.yaml",
          "k8s-quiz run plans/exam-week.yaml --answers answers.txt --json",
        ),
      )
      .action(async (file: string, opts: OptionsOf<"run">, cmd: Command) => {
        const { runCommand } = await import("./commands/run.js");
        setExit(await runCommand(deps, file, { ...opts, ...global(cmd) }));
      }));

  define(["optimize"], () =>
    flags(program.command("optimize"), FLAGS.optimize)
      .description(
        "fit the scheduler to your own review history (FSRS optimizer), kept only if it predicts better",
      )
      .addHelpText(
        "after",
        examples("k8s-quiz optimize", "k8s-quiz optimize --dry-run --json", "k8s-quiz optimize --reset"),
      )
      .action(async (opts: OptionsOf<"optimize">, cmd: Command) => {
        const { optimizeCommand } = await import("./commands/optimize.js");
        setExit(await optimizeCommand(deps, { ...opts, ...global(cmd) }));
      }));

  define(["stats"], () =>
    flags(program.command("stats"), FLAGS.stats)
      .description("totals, mastery by section, weak topics, forecast and a 12-week heatmap")
      .addHelpText("after", examples("k8s-quiz stats", "k8s-quiz stats --json"))
      .action(async (opts: OptionsOf<"stats">, cmd: Command) => {
        const { statsCommand } = await import("./commands/stats.js");
        await statsCommand(deps, { ...opts, ...global(cmd) });
      }));

  define(["exam"], () =>
    flags(program.command("exam"), FLAGS.exam)
      .description("a timed mock interview: recall answers, no feedback until the report card")
      .addHelpText(
        "after",
        examples(
          "k8s-quiz exam",
          "k8s-quiz exam --count 5 --minutes 10 -s mesh --report exam.md",
          "k8s-quiz exam --seed 1 -n 3 --answers answers.txt --grades grades.txt",
        ),
      )
      .action(async (opts: OptionsOf<"exam">, cmd: Command) => {
        const { examCommand } = await import("./commands/exam.js");
        setExit(await examCommand(deps, { ...opts, ...global(cmd) }));
      }));

  define(["weak"], () =>
    flags(program.command("weak"), FLAGS.weak)
      .description("list your weak topics, the questions behind them and your leeches")
      .addHelpText("after", examples("k8s-quiz weak", "k8s-quiz weak --json", "k8s-quiz weak --reset --yes"))
      .action(async (opts: OptionsOf<"weak">, cmd: Command) => {
        const { weakCommand } = await import("./commands/weak.js");
        await weakCommand(deps, { ...opts, ...global(cmd) });
      }));

  define(["flagged"], () =>
    flags(program.command("flagged"), FLAGS.flagged)
      .description("list the questions you flagged with f during a session")
      .addHelpText(
        "after",
        examples("k8s-quiz flagged", "k8s-quiz flagged --json", "k8s-quiz flagged --unflag 502"),
      )
      .action(async (opts: OptionsOf<"flagged">, cmd: Command) => {
        const { flaggedCommand } = await import("./commands/flagged.js");
        await flaggedCommand(deps, { ...opts, ...global(cmd) });
      }));

  addToolCommands(program, deps, setExit, examples, flags, define);
  build();

  // What no command takes lands here: `shwo 502` and `lst --section net` are a mistyped command
  // (not "too many arguments" or an unknown --section), and `help show` is `show --help`.
  program
    .argument("[command]")
    .argument("[args...]")
    .allowUnknownOption()
    .action(async (name: string | undefined, args: string[], _opts, cmd: Command) => {
      if (name !== undefined) return unknownCommand(name, args);
      if (!deps.isTTY) {
        program.outputHelp();
        return;
      }
      const { menuCommand } = await import("./commands/menu.js");
      setExit(await menuCommand(deps, global(cmd)));
    });

  const unknownCommand = (name: string, args: string[]) => {
    const names = program.commands.map((c) => c.name());
    if (name === "help") {
      const sub = program.commands.find((c) => c.name() === args[0] || c.aliases().includes(args[0] ?? ""));
      if (args[0] !== undefined && !sub) return unknownCommand(args[0], []);
      (sub ?? program).outputHelp();
      return;
    }
    if (name.startsWith("-")) {
      const flags = program.options.flatMap((o) => [o.long, o.short]).filter((f): f is string => !!f);
      const guess = nearest(name, flags);
      throw new UsageError(
        `unknown option '${name}'${guess ? ` (did you mean ${guess}?)` : ""}; see k8s-quiz --help`,
      );
    }
    const guess = nearest(name, names);
    throw new UsageError(
      `unknown command '${name}'${guess ? ` (did you mean ${guess}?)` : ""}; see k8s-quiz --help`,
    );
  };

  return program;
}
