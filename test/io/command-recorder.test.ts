import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { recordCommands } from "../../src/command-recorder.js";

/** A small tree declared through the recorder, as program.ts declares the real one. */
function tree(argv: string[]) {
  const root = new Command("k8s-quiz").exitOverride();
  const { program, finish } = recordCommands(root);
  const ran: string[] = [];
  program
    .command("sections")
    .option("--json", "print JSON")
    .action(() => void ran.push("sections"));
  program
    .command("practice")
    .description("practise")
    .alias("practise")
    .option("-n, --count <n>", "how many")
    .action((opts: { count?: string }) => void ran.push(`practice ${opts.count}`));
  const deck = program.command("deck").description("decks");
  deck
    .command("check")
    .alias("lint")
    .argument("<files...>")
    .action((files: string[]) => void ran.push(`check ${files.join(",")}`));
  program.argument("[command]").action((name?: string) => void ran.push(`fallback ${name}`));
  finish(argv);
  return { root, ran };
}

const names = (c: Command) => c.commands.map((x) => x.name());

describe("declaring every command, building only the one a run asks for", () => {
  it("builds only the named command, with its options, and runs it", async () => {
    const { root, ran } = tree(["node", "k8s-quiz", "practice", "-n", "3"]);
    expect(names(root)).toEqual(["practice"]);
    await root.parseAsync(["node", "k8s-quiz", "practice", "-n", "3"]);
    expect(ran).toEqual(["practice 3"]);
  });

  it("finds a command by an alias declared anywhere in its chain", async () => {
    const { root, ran } = tree(["node", "k8s-quiz", "practise"]);
    expect(names(root)).toEqual(["practice"]);
    await root.parseAsync(["node", "k8s-quiz", "practise"]);
    expect(ran).toEqual(["practice undefined"]);
  });

  it("builds a command's subcommands with it, and a subcommand's alias is not its parent's", async () => {
    const { root, ran } = tree(["node", "k8s-quiz", "deck", "lint", "a.md"]);
    expect(names(root)).toEqual(["deck"]);
    expect(names(root.commands[0] as Command)).toEqual(["check"]);
    await root.parseAsync(["node", "k8s-quiz", "deck", "lint", "a.md"]);
    expect(ran).toEqual(["check a.md"]);
    expect(names(tree(["node", "k8s-quiz", "lint"]).root)).toEqual(["sections", "practice", "deck"]);
  });

  it("builds everything for root help, a mistyped name, help and completion, in declaration order", () => {
    for (const argv of [[], ["--help"], ["secions"], ["help", "show"], ["completion", "bash"]]) {
      expect(names(tree(["node", "k8s-quiz", ...argv]).root)).toEqual(["sections", "practice", "deck"]);
    }
  });

  it("keeps the root's own declarations whatever is built", async () => {
    const { root, ran } = tree(["node", "k8s-quiz", "nothing-like-it"]);
    await root.parseAsync(["node", "k8s-quiz", "nothing-like-it"]);
    expect(ran).toEqual(["fallback nothing-like-it"]);
  });

  it("reads the real root through the stand-in once finished", () => {
    const root = new Command("k8s-quiz");
    const { program, finish } = recordCommands(root);
    program.command("sections");
    finish(["node", "k8s-quiz"]);
    expect(program.commands.map((c) => c.name())).toEqual(["sections"]);
    expect(program.name()).toBe("k8s-quiz");
  });
});
