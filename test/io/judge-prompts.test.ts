import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { render } from "@inquirer/testing";
import { describe, expect, it } from "vitest";
import { examCommand } from "../../src/commands/exam.js";
import { practiceCommand } from "../../src/commands/practice.js";
import type { PromptContext } from "../../src/io/terminal/prompter.js";
import { configOf, tempDir } from "../helpers/bin.js";
import { startChatServer, verdictReply } from "../helpers/chat-server.js";
import { terminalDeps, waitFor } from "../helpers/deps.js";

// Issue 17, "the learner has the last word", on a virtual terminal with the real Inquirer prompts:
// the offer to keep a phrasing after a raised grade, and the exam's review before anything is saved.

/** Starts a command on a virtual terminal driven by @inquirer/testing. */
async function start<O>(
  configDir: string,
  command: (deps: ReturnType<typeof terminalDeps>, opts: O) => Promise<number>,
  opts: O,
) {
  const r = await render(
    (props: O, context?: PromptContext) =>
      Object.assign(command(terminalDeps({ configDir, context: context ?? {} }), props), {
        cancel: () => {},
      }),
    opts,
  );
  // Everything written, escape codes stripped (not the interpreted screen, which drops what scrolled).
  const full = async () => stripVTControlCharacters(await r.getFullOutput({ raw: true }));
  return { ...r, full };
}

// 501 first in deck order; these words say the reconciliation in a way no key point lists.
const MINE = "the cluster nudges what runs toward what you asked for";
const ANSWER = `etcd stores everything. ${MINE}`;

async function recallOnce(dir: string, keep: "y" | "n" | null) {
  const s = await start(dir, practiceCommand, {
    section: ["internals"],
    count: 1,
    mode: "recall",
    order: "deck",
  });
  await waitFor(() => s.getScreen().includes("Your answer"), "the recall prompt");
  s.events.type(ANSWER);
  s.events.keypress("enter");
  s.events.keypress("enter");
  await waitFor(() => s.getScreen().includes("Grade (suggested:"), "the grade prompt");
  const shown = await s.full();
  const suggested = /suggested: (\w+)/.exec(s.getScreen())?.[1];
  const missed = [...shown.matchAll(/^\s+✘ (.+)$/gm)].map((m) => m[1]?.trim());
  if (keep === null) {
    s.events.keypress("enter");
  } else {
    // Raise the grade to Good (one key, g): the offer follows, one key, no Enter.
    s.events.type("g");
    await waitFor(() => s.getScreen().includes("keep this phrasing?"), "the phrasing offer");
    expect(await s.full()).toContain(`"${MINE}"`);
    s.events.type(keep);
  }
  await waitFor(async () => /Score: [\d.]+\/1/.test(await s.full()), "the summary");
  if (s.getScreen().includes("Retry the one")) {
    s.events.type("n");
    s.events.keypress("enter");
  }
  expect(await s.answer).toBe(0);
  return { shown, suggested, missed, full: await s.full() };
}

describe("my answer was right: keeping a phrasing", () => {
  it("offers it after a raised grade, keeps it on y, and grades by it from then on", async () => {
    const dir = tempDir();
    const first = await recallOnce(dir, "y");
    expect(first.suggested).toBe("again");
    expect(first.missed.length).toBeGreaterThan(0);
    expect(first.full).toContain("Kept.");
    const { phrasings, history } = configOf(dir);
    expect(history[0]).toMatchObject({ id: "501", grade: "good" });
    // Only the clause that earned nothing: "etcd stores everything" earned the etcd point.
    expect(phrasings.map((p: { point: string }) => p.point)).toEqual(first.missed);
    for (const p of phrasings) expect(p).toMatchObject({ question: "501", phrases: [MINE] });

    // The same words a day later: the points they stand for are hit now, and no offer is made.
    const again = await recallOnce(dir, null);
    expect(again.missed).toEqual([]);
    expect(again.suggested).toBe("good");
    expect(again.full).not.toContain("keep this phrasing?");
  });

  it("keeps nothing on n, and offers nothing when the grade is kept or lowered", async () => {
    const dir = tempDir();
    const first = await recallOnce(dir, "n");
    expect(first.full).not.toContain("Kept.");
    expect(configOf(dir).phrasings).toBeUndefined();
    const kept = await recallOnce(dir, null);
    expect(kept.full).not.toContain("keep this phrasing?");
    expect(configOf(dir).phrasings).toBeUndefined();
    expect(configOf(dir).history).toHaveLength(2);
  });
});

describe("exam review on a virtual terminal", () => {
  it("shows every answer before saving, lets a grade be changed, then saves and prints the card", async () => {
    const dir = tempDir();
    const s = await start(dir, examCommand, { count: 2, minutes: 10, section: ["internals"], seed: 1 });
    await waitFor(() => s.getScreen().includes("Your answer"), "the first question");
    s.events.type(
      "run ntp or chrony on all nodes; tls certificate notbefore/notafter; nodes go notready; etcd",
    );
    s.events.keypress("enter");
    s.events.keypress("enter");
    await waitFor(async () => (await s.full()).includes("[2/2"), "the second question");
    await waitFor(() => s.getScreen().includes("Your answer"), "the second prompt");
    s.events.type("it gets there in the end");
    s.events.keypress("enter");
    s.events.keypress("enter");

    await waitFor(() => s.getScreen().includes("Change a grade, or save them"), "the review");
    const review = await s.full();
    expect(review).toContain("Review: your answers, before anything is saved");
    expect(review).toContain("it gets there in the end");
    expect(review).toContain("Reference:");
    expect(review).toMatch(/Suggested grade: good[\s\S]*Suggested grade: again/);
    // Nothing is in progress yet: the answers wait aside.
    const before = configOf(dir);
    expect(before.history).toEqual([]);
    expect(before.pendingExam.answers.map((a: { id: string }) => a.id)).toEqual(["508", "509"]);
    expect(review).not.toContain("Report card");

    // The second question (509): raise it to Good, decline the phrasing, then save.
    s.events.keypress("down");
    s.events.keypress("down");
    s.events.keypress("enter");
    await waitFor(() => s.getScreen().includes("Grade for #509"), "the grade prompt");
    s.events.keypress("down");
    s.events.keypress("down");
    s.events.keypress("enter");
    await waitFor(() => s.getScreen().includes("keep this phrasing?"), "the phrasing offer");
    s.events.type("n");
    await waitFor(() => s.getScreen().includes("(suggested again)"), "the list with the change");
    s.events.keypress("enter");
    await waitFor(async () => (await s.full()).includes("Report card"), "the report card");
    expect(await s.answer).toBe(0);
    expect(await s.full()).toContain("Report card: 2/2 (100%)");
    const after = configOf(dir);
    expect(after.history.map((h: { id: string; grade: string }) => [h.id, h.grade])).toEqual([
      ["508", "good"],
      ["509", "good"],
    ]);
    expect(after.pendingExam).toBeUndefined();
  });
});

describe("an interactive recall answer graded by a model", () => {
  it("shows the model's verdicts and reasons, and the learner still has the last word", async () => {
    const server = await startChatServer(() => ({
      body: verdictReply(["hit", "missed", "contradicted", "missed"], "again"),
    }));
    try {
      const dir = tempDir();
      writeFileSync(
        join(dir, "config.json"),
        JSON.stringify({
          schemaVersion: 1,
          grader: { grader: "llm", "llm.url": server.url, "llm.model": "m" },
        }),
      );
      const s = await start(dir, practiceCommand, {
        section: ["internals"],
        count: 1,
        mode: "recall",
        order: "deck",
      });
      await waitFor(() => s.getScreen().includes("Your answer"), "the recall prompt");
      s.events.type(ANSWER);
      s.events.keypress("enter");
      s.events.keypress("enter");
      await waitFor(() => s.getScreen().includes("Grade (suggested: again)"), "the grade prompt");
      const out = await s.full();
      expect(out).toContain("Grading by the model...");
      expect(out).toMatch(/Key points: 1\/4 \(25%\) · graded by the model/);
      expect(out).toMatch(/✔ .+ \(point 1 hit\)/);
      // Wrapped at the screen's width: the reason may start on the next line.
      expect(out).toMatch(/✘ .+ \(your answer says otherwise\)\s+\(point 3\s+contradicted\)/);
      s.events.type("g");
      await waitFor(() => s.getScreen().includes("keep this phrasing?"), "the phrasing offer");
      s.events.type("n");
      await waitFor(async () => /Score: 1\/1/.test(await s.full()), "the summary");
      expect(await s.answer).toBe(0);
      expect(server.requests).toHaveLength(1);
      expect(configOf(dir).history[0]).toMatchObject({ id: "501", grade: "good" });
    } finally {
      await server.close();
    }
  });
});
