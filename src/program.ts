import { Command, InvalidArgumentError, Option } from "commander";
import type { Deps } from "./deps.js";

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

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;

const deckOption = () =>
  new Option("--deck <file>", "also load this Markdown deck (repeatable)").argParser(collect);

/** The commander tree. Each action only converts options and calls its command's function. */
export function createProgram(deps: Deps, setExit: (code: number) => void): Command {
  const program = new Command("k8s-quiz")
    .description(
      "Quiz yourself on Kubernetes internals, operators, multi-cluster, networking and service mesh.",
    )
    .version("0.1.0", "-V, --version")
    .option(
      "--no-color",
      "no colours or other escape codes (also NO_COLOR=1, or when output is not a terminal)",
    )
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => deps.stdout.write(s),
      writeErr: (s) => deps.stderr.write(s),
      outputError: (s, write) => write(s.replace(/^error: /, "k8s-quiz: ")),
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

  void setExit;
  return program;
}
