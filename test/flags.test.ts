import type { Command } from "commander";
import { describe, expect, expectTypeOf, it } from "vitest";
import { addFlags, type FlagValues, flag, mandatory, optionOf, withDefault } from "../src/cli-options.js";
import type { Deps } from "../src/deps.js";
import { FLAGS, GLOBAL_FLAGS, type OptionsOf } from "../src/flags.js";
import { createProgram } from "../src/program.js";

// Flags are declared once (src/flags.ts): the same table makes commander's options and types what
// each command receives, so the two cannot drift apart.

describe("a flag table", () => {
  it("types each value from its flag: switches, values, lists, choices, defaults", () => {
    const table = {
      json: flag.on("--json", "print JSON"),
      color: flag.on("--no-color", "no colour"),
      name: flag.text("--name <name>", "a name"),
      section: flag.texts("-s, --section <s>", "repeatable"),
      count: withDefault(flag.int("-n, --count <n>", "how many", 1), 10),
      mode: flag.oneOf("-m, --mode <mode>", "mode", ["choice", "recall"] as const),
      format: mandatory(flag.oneOf("--format <f>", "format", ["csv", "md"] as const)),
    };
    expectTypeOf<FlagValues<typeof table>>().toEqualTypeOf<{
      json?: boolean;
      color?: boolean;
      name?: string;
      section?: string[];
      count: number;
      mode?: "choice" | "recall";
      format: "csv" | "md";
    }>();
    expectTypeOf<OptionsOf<"search">>().toEqualTypeOf<{
      limit: number;
      json?: boolean;
      deck?: string[];
      color?: boolean;
    }>();
  });

  it("makes the commander options it declares, parsers and defaults included", () => {
    const count = optionOf("count", withDefault(flag.int("-n, --count <n>", "how many", 1, 5), 3));
    expect([count.short, count.long, count.defaultValue]).toEqual(["-n", "--count", 3]);
    expect(count.parseArg?.("4", undefined)).toBe(4);
    expect(() => count.parseArg?.("9", undefined)).toThrow("expected a number from 1 to 5, got 9");
    const mode = optionOf("mode", flag.oneOf("-m, --mode <mode>", "mode", ["choice", "recall"]));
    expect(mode.argChoices).toEqual(["choice", "recall"]);
    expect(() => mode.parseArg?.("recal", undefined)).toThrow("(did you mean recall?)");
    expect(optionOf("format", mandatory(flag.text("--format <f>", "f"))).mandatory).toBe(true);
    const deck = optionOf("deck", flag.texts("--deck <d>", "d"));
    expect(deck.parseArg?.("b", ["a"])).toEqual(["a", "b"]);
  });

  it("refuses a key that is not the name commander gives the value", () => {
    expect(() => optionOf("fail_under", flag.on("--fail-under <p>", "p"))).toThrow(
      'flag --fail-under <p> is keyed "fail_under", not "failUnder"',
    );
    expect(() => optionOf("noColor", flag.on("--no-color", "c"))).toThrow('not "color"');
  });

  it("keys every table of src/flags.ts as commander does", () => {
    for (const table of [GLOBAL_FLAGS, ...Object.values(FLAGS)])
      for (const [key, f] of Object.entries(table)) expect(optionOf(key, f).attributeName()).toBe(key);
  });
});

describe("the program", () => {
  const program = createProgram(
    { stdout: process.stdout, stderr: process.stderr, env: {} } as unknown as Deps,
    () => {},
  );
  const find = (path: string): Command => {
    let cmd: Command = program;
    for (const name of path.split(" ")) {
      const next = cmd.commands.find((c) => c.name() === name);
      if (!next) throw new Error(`no command ${path}`);
      cmd = next;
    }
    return cmd;
  };
  const own = (cmd: Command) => cmd.options.map((o) => o.attributeName());

  it.each([
    ["sections", "sections"],
    ["list", "list"],
    ["show", "show"],
    ["search", "search"],
    ["practice", "practice"],
    ["daily", "daily"],
    ["review", "review"],
    ["run", "run"],
    ["optimize", "optimize"],
    ["stats", "stats"],
    ["exam", "exam"],
    ["weak", "weak"],
    ["flagged", "flagged"],
    ["deck check", "deckCheck"],
    ["deck add", "deckAdd"],
    ["deck list", "deckList"],
    ["deck update", "deckUpdate"],
    ["export", "export"],
    ["progress export", "progressExport"],
    ["phrasings", "phrasings"],
    ["config get", "configGet"],
    ["config reset", "configReset"],
  ] as const)("%s takes exactly the flags of its table, in order", (path, key) => {
    expect(own(find(path))).toEqual(Object.keys(FLAGS[key]));
  });

  it("has the global flags of its own table", () => {
    expect(own(program).filter((k) => k !== "version")).toEqual(Object.keys(GLOBAL_FLAGS));
  });

  it("leaves the commands without flags without any", () => {
    for (const path of ["deck remove", "progress import", "config set", "config path", "completion"])
      expect(own(find(path))).toEqual([]);
  });

  it("adds a table to any command", () => {
    const cmd = addFlags(find("list").createCommand("x"), { json: flag.on("--json", "j") });
    expect(own(cmd)).toEqual(["json"]);
  });
});

describe("the program built for one command line", () => {
  const deps = { stdout: process.stdout, stderr: process.stderr, env: {} } as unknown as Deps;
  const build = (args?: string[]) => createProgram(deps, () => {}, args);
  const help = (program: Command, path: string[] = []) => {
    let cmd = program;
    for (const name of path) cmd = cmd.commands.find((c) => c.name() === name) as Command;
    return cmd.helpInformation();
  };
  const flagCount = (program: Command) =>
    program.commands.reduce(
      (n, c) => n + c.options.length + c.commands.reduce((m, s) => m + s.options.length, 0),
      0,
    );

  it("gives every flag to the commands it names, and the same --help as the whole tree", () => {
    const whole = build();
    const only = build(["practise", "-s", "networking"]);
    expect(flagCount(only)).toBeLessThan(flagCount(whole) / 2);
    expect(help(build(["--help"]))).toBe(help(whole));
    expect(help(only, ["practice"])).toBe(help(whole, ["practice"]));
    const deck = build(["deck", "check", "x.md"]);
    expect(help(deck, ["deck"])).toBe(help(whole, ["deck"]));
    expect(help(deck, ["deck", "check"])).toBe(help(whole, ["deck", "check"]));
  });

  it("gives every command all its flags for completion, which lists them", () => {
    expect(flagCount(build(["completion", "bash"]))).toBe(flagCount(build()));
  });

  const names = (program: Command) => program.commands.map((c) => c.name());
  const all = names(build());

  it("builds only the command a line names, by its name or an alias, with all its sub-commands", () => {
    expect(names(build(["sections"]))).toEqual(["sections"]);
    expect(names(build(["--no-color", "list", "-s", "crds"]))).toEqual(["list"]);
    expect(names(build(["practise", "-s", "networking"]))).toEqual(["practice"]);
    const deck = build(["deck", "check", "x.md"]);
    expect(names(deck)).toEqual(["deck"]);
    expect(names(deck.commands[0] as Command)).toEqual(
      names(build().commands.find((c) => c.name() === "deck") as Command),
    );
  });

  it("reaches every command and alias of the whole tree by its own definition", () => {
    // But completion, which lists them all (below).
    for (const cmd of build().commands.filter((c) => c.name() !== "completion"))
      for (const name of [cmd.name(), ...cmd.aliases()])
        expect(names(build([name, "x"]))).toEqual([cmd.name()]);
  });

  it("builds none for --version, which commander answers as it reads the flag", () => {
    expect(names(build(["--version"]))).toEqual([]);
    expect(names(build(["--no-color", "-V", "sections"]))).toEqual([]);
  });

  it.each([
    [[]],
    [["--help"]],
    [["-h", "list"]],
    [["help", "show"]],
    [["completion", "bash"]],
    [["shwo", "502"]],
    [["--bogus", "list"]],
    [["-", "list"]],
    [["--", "list"]],
  ])("builds them all for %j: help, completion, a mistyped name or anything unusual", (args) => {
    expect(names(build(args))).toEqual(all);
  });
});
