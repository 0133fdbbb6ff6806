import type { Command } from "commander";
import { type AddFlags, addFlags, type Define, type Examples } from "./cli-options.js";
import type { Deps } from "./deps.js";
import { FLAGS, type FlagsOnly, type GlobalOptions, type OptionsOf } from "./flags.js";

/**
 * The commands that manage rather than quiz: own decks, export, progress moves, settings and shell
 * completion. Each action only converts options and calls its command's function.
 */
export function addToolCommands(
  program: Command,
  deps: Deps,
  setExit: (code: number) => void,
  examples: Examples,
  flags: AddFlags = addFlags,
  define: Define = (_names, build) => build(),
): void {
  const global = (cmd: Command) => cmd.optsWithGlobals() as GlobalOptions;

  define(["deck"], () => {
    const deck = program
      .command("deck")
      .description("check, add, update, list and remove your own decks")
      .addHelpText(
        "after",
        examples("k8s-quiz deck check my-deck.md", "k8s-quiz deck add my-deck.md", "k8s-quiz deck list"),
      );
    flags(deck.command("check"), FLAGS.deckCheck)
      .description("validate decks: parse errors and quiz metadata problems, as file:line lines")
      .argument("<files...>", "Markdown deck files")
      .addHelpText(
        "after",
        examples("k8s-quiz deck check my-deck.md", "k8s-quiz deck check data/*.md --json"),
      )
      .action(async (files: string[], opts: OptionsOf<"deckCheck">, cmd: Command) => {
        const { deckCheckCommand } = await import("./commands/deck-check.js");
        setExit(await deckCheckCommand(deps, files, { ...opts, ...global(cmd) }));
      });

    flags(deck.command("add"), FLAGS.deckAdd)
      .description(
        "register decks for good: files, folders (their .md files, at any depth) or https:// URLs; ids get the deck's name as a prefix (docker:12)",
      )
      .argument("<sources...>", "Markdown deck files, folders of them, or https:// URLs")
      .addHelpText(
        "after",
        examples(
          "k8s-quiz deck add ~/notes/docker.md --name docker",
          "k8s-quiz deck add ~/interview-decks/",
          "k8s-quiz deck add https://example.com/aws-questions.md",
          "k8s-quiz practice --deck docker",
        ),
      )
      .action(async (sources: string[], opts: FlagsOnly<"deckAdd">) => {
        const { deckAddCommand } = await import("./commands/deck-add.js");
        await deckAddCommand(deps, sources, opts);
      });
    flags(deck.command("list"), FLAGS.deckList)
      .description("list the registered decks")
      .addHelpText("after", examples("k8s-quiz deck list"))
      .action(async (opts: OptionsOf<"deckList">, cmd: Command) => {
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

    flags(deck.command("update"), FLAGS.deckUpdate)
      .description(
        "download the decks added from URLs again, where they changed; a failed one keeps its copy",
      )
      .argument("[name]", "only this deck, as in `k8s-quiz deck list`")
      .addHelpText("after", examples("k8s-quiz deck update", "k8s-quiz deck update aws --json"))
      .action(async (name: string | undefined, opts: OptionsOf<"deckUpdate">, cmd: Command) => {
        const { deckUpdateCommand } = await import("./commands/deck-update.js");
        await deckUpdateCommand(deps, name, { ...opts, ...global(cmd) });
      });
  });

  define(["export"], () => {
    flags(program.command("export"), FLAGS.export)
      .description("export questions: anki (TSV for File > Import), csv, json, or md (our deck format)")
      .addHelpText(
        "after",
        examples("k8s-quiz export --format anki -o k8s.txt", "k8s-quiz export --format md -s networking"),
      )
      .action(async (opts: FlagsOnly<"export">) => {
        const { exportCommand } = await import("./commands/export.js");
        await exportCommand(deps, opts);
      });
  });

  define(["progress"], () => {
    const progress = program
      .command("progress")
      .description("move your progress to another machine")
      .addHelpText(
        "after",
        examples("k8s-quiz progress export -o progress.json", "k8s-quiz progress import progress.json"),
      );
    flags(progress.command("export"), FLAGS.progressExport)
      .description("write all progress as JSON")
      .addHelpText("after", examples("k8s-quiz progress export -o progress.json"))
      .action(async (opts: FlagsOnly<"progressExport">) => {
        const { progressExportCommand } = await import("./commands/progress-export.js");
        await progressExportCommand(deps, opts);
      });
    progress
      .command("import")
      .description(
        "merge exported progress into this machine's: the union of both logs, the same answer once",
      )
      .argument("<file>", "a file from `k8s-quiz progress export`, or - for stdin")
      .addHelpText(
        "after",
        examples(
          "k8s-quiz progress import progress.json",
          "ssh old-laptop k8s-quiz progress export | k8s-quiz progress import -",
        ),
      )
      .action(async (file: string) => {
        const { progressImportCommand } = await import("./commands/progress-import.js");
        await progressImportCommand(deps, file);
      });
  });

  define(["phrasings"], () => {
    flags(program.command("phrasings"), FLAGS.phrasings)
      .description('list the wordings you accepted for key points ("my answer was right"), or remove one')
      .addHelpText(
        "after",
        examples("k8s-quiz phrasings", "k8s-quiz phrasings --json", "k8s-quiz phrasings --remove 3"),
      )
      .action(async (opts: OptionsOf<"phrasings">, cmd: Command) => {
        const { phrasingsCommand } = await import("./commands/phrasings.js");
        await phrasingsCommand(deps, { ...opts, ...global(cmd) });
      });
  });

  define(["config"], () => {
    const config = program
      .command("config")
      .description(
        "settings: defaultMode, defaultCount, weakThreshold, newPerDay, desiredRetention, examDate, pause, grader, llm.*",
      )
      .addHelpText("after", examples("k8s-quiz config get", "k8s-quiz config set defaultMode recall"));
    flags(config.command("get"), FLAGS.configGet)
      .description("print one setting, or all")
      .argument("[key]", "a setting's name")
      .addHelpText("after", examples("k8s-quiz config get", "k8s-quiz config get weakThreshold"))
      .action(async (key: string | undefined, opts: FlagsOnly<"configGet">) => {
        const { configGetCommand } = await import("./commands/config.js");
        await configGetCommand(deps, key, opts);
      });
    config
      .command("set")
      .description("change a setting (validated)")
      .argument(
        "<key>",
        "defaultMode, defaultCount, weakThreshold, newPerDay, desiredRetention, examDate, pause (always, after-miss, never), grader, llm.url, llm.model, llm.keyEnv or llm.timeout",
      )
      .argument("<value>", "the new value")
      .addHelpText(
        "after",
        examples(
          "k8s-quiz config set defaultMode recall",
          "k8s-quiz config set weakThreshold 0.8",
          "k8s-quiz config set grader llm",
          "k8s-quiz config set llm.model llama3.1",
        ),
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
    flags(config.command("reset"), FLAGS.configReset)
      .description("settings back to their defaults (progress is kept)")
      .addHelpText("after", examples("k8s-quiz config reset", "k8s-quiz config reset --yes"))
      .action(async (opts: FlagsOnly<"configReset">) => {
        const { configResetCommand } = await import("./commands/config.js");
        await configResetCommand(deps, opts);
      });
  });

  define(["completion"], () => {
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
  });
}
