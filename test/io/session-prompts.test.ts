import { stripVTControlCharacters } from "node:util";
import { render } from "@inquirer/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { practiceCommand } from "../../src/commands/practice.js";
import type { Question } from "../../src/core/types.js";
import { loadBundled, resolveMeta } from "../../src/io/decks/bank.js";
import type { PromptContext } from "../../src/io/terminal/prompter.js";
import { configOf, DATA, tempDir } from "../helpers/bin.js";
import { terminalDeps, waitFor } from "../helpers/deps.js";

let bank: Question[];
beforeAll(async () => {
  bank = (await loadBundled(DATA)).flatMap((d) => d.questions);
  await resolveMeta(bank, () => {});
});

/** Starts `practice` on a virtual terminal driven by @inquirer/testing. */
async function startPractice(configDir: string, opts: Parameters<typeof practiceCommand>[1]) {
  const r = await render(
    // A whole session stands in for one prompt: render() only needs a function of (props, context).
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

/** The question on screen and the number key (1-4) of its correct option, read off the screen. */
function correctKey(full: string, screen: string): { question: Question; key: string; wrongKey: string } {
  // The question asked last is the one whose prompt appears last in everything written so far.
  const question = [...bank].sort((a, b) => full.lastIndexOf(b.prompt) - full.lastIndexOf(a.prompt))[0];
  if (!question?.meta?.correct) throw new Error(`no bundled question on screen:\n${screen}`);
  const options = [...screen.matchAll(/^\s*[❯ ]\s*([a-d])\) (.*)$/gm)].map((m) => ({
    letter: m[1] ?? "",
    text: m[2] ?? "",
  }));
  const right = options.findIndex((o) => question.meta?.correct?.startsWith(o.text.trim()));
  if (right < 0) throw new Error(`correct option not found on screen:\n${screen}`);
  return { question, key: String(right + 1), wrongKey: String(((right + 1) % 4) + 1) };
}

describe("practice on a virtual terminal (real Inquirer prompts)", () => {
  it("runs a whole choice session: one right, one wrong, a retry declined, all saved", async () => {
    const dir = tempDir();
    const s = await startPractice(dir, { section: ["internals"], count: 2, mode: "choice", seed: 11 });

    await waitFor(() => s.getScreen().includes("Your answer"), "the first question");
    const first = correctKey(await s.full(), s.getScreen());
    s.events.type(first.key);
    s.events.keypress("enter");
    await waitFor(async () => (await s.full()).includes("✔ Correct"), "the verdict");
    expect(await s.full()).toContain("Reference answer:");
    // "Next review ..." is printed once the answer is on disk, before the next question.
    await waitFor(async () => (await s.full()).includes("Next review"), "the save");
    expect((await s.full()).indexOf("Next review")).toBeLessThan((await s.full()).indexOf("[2/2") >>> 0);
    expect(configOf(dir).questions[first.question.id]).toMatchObject({
      attempts: 1,
      correct: 1,
      lastResult: 1,
    });

    await waitFor(async () => (await s.full()).includes("[2/2"), "the second question");
    await waitFor(() => s.getScreen().includes("Your answer"), "the second prompt");
    const second = correctKey(await s.full(), s.getScreen());
    s.events.type(second.wrongKey);
    s.events.keypress("enter");
    await waitFor(async () => (await s.full()).includes("✘ Not quite"), "the wrong verdict");
    // A miss keeps its feedback on screen until a key.
    await waitFor(() => s.getScreen().includes("Press any key to go on"), "the pause");
    s.events.keypress("space");

    await waitFor(() => s.getScreen().includes("Retry the one you missed?"), "the retry offer");
    expect(await s.full()).toMatch(/Score: 1\/2 \(50%\)/);
    expect(await s.full()).toContain(`${second.question.id}  ${second.question.prompt}`);
    s.events.type("n");
    s.events.keypress("enter");
    expect(await s.answer).toBe(0);

    const config = configOf(dir);
    expect(config.questions[second.question.id]).toMatchObject({ attempts: 1, correct: 0, lastResult: 0 });
    expect(config.history.map((h: { id: string }) => h.id)).toEqual([first.question.id, second.question.id]);
    expect(config.questions[first.question.id].card.reps).toBe(1);
  });

  it("runs a whole recall session: key points scored, the suggested grade changed by the user", async () => {
    const dir = tempDir();
    const s = await startPractice(dir, { section: ["internals"], count: 1, mode: "recall", order: "deck" });
    await waitFor(() => s.getScreen().includes("Your answer"), "the recall prompt");
    expect(await s.full()).toContain(
      "How does Kubernetes maintain consistency across distributed components?",
    );

    s.events.type("etcd with raft consensus");
    s.events.keypress("enter");
    s.events.type("controllers reconcile in a level triggered loop");
    s.events.keypress("enter");
    s.events.keypress("enter");

    await waitFor(() => s.getScreen().includes("Grade (suggested:"), "the grade prompt");
    const out = await s.full();
    expect(out).toMatch(/Key points: \d\/\d \(\d+%\)/);
    expect(out).toContain("Reference answer:");
    const q = bank.find((x) => x.id === "501");
    for (const k of q?.meta?.keyPoints ?? []) expect(out).toContain(k.label);

    // Change the suggestion to Hard with its key, no Enter.
    const suggested = /suggested: (\w+)/.exec(s.getScreen())?.[1];
    expect(suggested).toBe("good");
    s.events.type("2");
    await waitFor(
      async () => (await s.full()).includes("Score: 0.5/1"),
      "the summary with the changed grade",
    );
    s.events.type("n");
    s.events.keypress("enter");
    expect(await s.answer).toBe(0);

    const config = configOf(dir);
    expect(config.history).toHaveLength(1);
    expect(config.history[0]).toMatchObject({ id: "501", grade: "hard", score: 0.5, mode: "recall" });
  });

  it("shows an empty recall answer as no answer and suggests Again", async () => {
    const dir = tempDir();
    const s = await startPractice(dir, { section: ["internals"], count: 1, mode: "recall", order: "deck" });
    await waitFor(() => s.getScreen().includes("Your answer"), "the recall prompt");
    s.events.keypress("enter");
    await waitFor(() => s.getScreen().includes("Grade (suggested:"), "the grade prompt");
    expect(await s.full()).toMatch(/Your answer \(no answer\)\nKey points: 0\/\d \(0%\)/);
    expect(/suggested: (\w+)/.exec(s.getScreen())?.[1]).toBe("again");
    s.events.keypress("enter");
    await waitFor(() => s.getScreen().includes("Retry the one you missed?"), "the retry offer");
    s.events.type("n");
    s.events.keypress("enter");
    expect(await s.answer).toBe(0);
    expect(configOf(dir).history[0]).toMatchObject({ id: "501", grade: "again", score: 0 });
  });

  it("asks which sections to use when none is given", async () => {
    const dir = tempDir();
    const s = await startPractice(dir, { count: 1, mode: "flash", seed: 3 });
    await waitFor(() => s.getScreen().includes("Which sections?"), "the section checkbox");
    expect(s.getScreen()).toContain("Advanced Networking Plugins (10)");
    // Move to the fourth section (networking), tick it and start.
    for (let i = 0; i < 3; i++) s.events.keypress("down");
    s.events.keypress("space");
    s.events.keypress("enter");
    await waitFor(async () => (await s.full()).includes("press Enter to see it"), "the flash card");
    expect(await s.full()).toContain("Advanced Networking Plugins");
    s.events.keypress("enter");
    await waitFor(() => s.getScreen().includes("How well did you know it?"), "the self-grade prompt");
    s.events.keypress("enter"); // Good, the default
    expect(await s.answer).toBe(0);
    const config = configOf(dir);
    expect(config.history[0]).toMatchObject({ section: "networking", grade: "good", mode: "flash" });
  });
});

describe("the summary and retry offer after Hard answers (real Inquirer prompts)", () => {
  it("lists a Hard answer apart from the missed one, and offers both for a retry in those words", async () => {
    const dir = tempDir();
    const s = await startPractice(dir, { section: ["networking"], count: 2, mode: "flash", order: "deck" });
    for (const grade of ["h", "a"]) {
      await waitFor(() => s.getScreen().includes("press Enter to see it"), "the flash card");
      s.events.keypress("enter");
      await waitFor(() => s.getScreen().includes("How well did you know it?"), "the grade prompt");
      s.events.type(grade);
    }
    await waitFor(() => s.getScreen().includes("Retry the 2 you missed or found hard?"), "the retry offer");
    const full = await s.full();
    const missed = full.slice(full.lastIndexOf("Missed:"), full.lastIndexOf("Recalled with effort (Hard):"));
    expect(missed).toContain("532  ");
    expect(missed).not.toContain("531  ");
    expect(full.slice(full.lastIndexOf("Recalled with effort (Hard):"))).toContain("531  What is CNI");
    s.events.type("n");
    s.events.keypress("enter");
  });
});
