import { stripVTControlCharacters } from "node:util";
import { render } from "@inquirer/testing";
import { describe, expect, it } from "vitest";
import { practiceCommand } from "../../src/commands/practice.js";
import type { PromptContext } from "../../src/io/terminal/prompter.js";
import { configOf, tempDir } from "../helpers/bin.js";
import { terminalDeps, waitFor } from "../helpers/deps.js";

// The real prompts on a virtual terminal: a recall answer that denies the key points shows them as
// contradicted, apart from the missed ones, and suggests Again.

async function startPractice(configDir: string, opts: Parameters<typeof practiceCommand>[1]) {
  const r = await render(
    (props: typeof opts, context?: PromptContext) =>
      Object.assign(practiceCommand(terminalDeps({ configDir, context: context ?? {} }), props), {
        cancel: () => {},
      }),
    opts,
  );
  // Everything written, escape codes stripped (not the interpreted screen, which drops what scrolled).
  const full = async () => stripVTControlCharacters(await r.getFullOutput({ raw: true }));
  return { ...r, full };
}

describe("recall feedback in the terminal", () => {
  it("marks denied points as contradicted and suggests Again", async () => {
    const dir = tempDir();
    const s = await startPractice(dir, { section: ["internals"], count: 1, mode: "recall", order: "deck" });
    await waitFor(() => s.getScreen().includes("Your answer"), "the recall prompt");
    // Question 501; the issue's own example of an answer that used to get 4/4 Good.
    s.events.type("It is not level triggered, does not use etcd or raft");
    s.events.keypress("enter");
    s.events.keypress("enter");
    await waitFor(() => s.getScreen().includes("Grade (suggested:"), "the grade prompt");
    const out = await s.full();
    expect(out).toContain("Key points: 0/4 (0%)");
    expect(out).toContain("✘ Level-triggered reconciliation (your answer says otherwise)");
    expect(out).toContain("✘ etcd as single source of truth (your answer says otherwise)");
    expect(out).toContain("✘ Strong consistency via Raft (your answer says otherwise)");
    expect(out).toMatch(/✘ Current state matches desired state\n/);
    expect(/suggested: (\w+)/.exec(s.getScreen())?.[1]).toBe("again");
    s.events.keypress("enter");
    await waitFor(() => s.getScreen().includes("Retry the one you missed?"), "the retry offer");
    s.events.type("n");
    s.events.keypress("enter");
    expect(await s.answer).toBe(0);
    expect(configOf(dir).history[0]).toMatchObject({ id: "501", grade: "again", score: 0, mode: "recall" });
  });
});
