import type { Command } from "commander";
import { choicesOption, collect, deckOption, type Examples } from "./cli-options.js";
import type { Deps } from "./deps.js";

/**
 * The commands that manage rather than quiz: own decks, export, progress moves, settings and shell
 * completion. Each action only converts options and calls its command's function.
 */
export function addToolCommands(
  program: Command,
  deps: Deps,
  setExit: (code: number) => void,
  examples: Examples,
): void {
  const global = (cmd: Command) => cmd.optsWithGlobals() as { color?: boolean };

  const deck = program
    .command("deck")
    .description("check, add, list and remove your own decks")
    .addHelpText(
      "after",
      examples("k8s-quiz deck check my-deck.md", "k8s-quiz deck add my-deck.md", "k8s-quiz deck list"),
    );
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

  program
    .command("export")
    .description("export questions: anki (TSV for File > Import), csv, json, or md (our deck format)")
    .addOption(
      choicesOption("--format <format>", "output format", [
        "anki",
        "csv",
        "json",
        "md",
      ]).makeOptionMandatory(),
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

  const progress = program
    .command("progress")
    .description("move your progress to another machine")
    .addHelpText(
      "after",
      examples("k8s-quiz progress export -o progress.json", "k8s-quiz progress import progress.json"),
    );
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
    .description(
      "settings: defaultMode, defaultCount, weakThreshold, newPerDay, desiredRetention, examDate, pause",
    )
    .addHelpText("after", examples("k8s-quiz config get", "k8s-quiz config set defaultMode recall"));
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
    .argument(
      "<key>",
      "defaultMode, defaultCount, weakThreshold, newPerDay, desiredRetention, examDate or pause (always, after-miss, never)",
    )
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
    .addHelpText("after", examples("k8s-quiz config path", 'cp "$(k8s-quiz config path)" backup.json'))
    .action(async () => {
      const { configPathCommand } = await import("./commands/config.js");
      await configPathCommand(deps);
    });
  config
    .command("reset")
    .description("settings back to their defaults (progress is kept)")
    .option("-y, --yes", "do not ask")
    .addHelpText("after", examples("k8s-quiz config reset", "k8s-quiz config reset --yes"))
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
}
