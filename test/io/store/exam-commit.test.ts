import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type NewAnswer, openStore } from "../../../src/io/store/store.js";
import { configOf, feed, progressOf, runBin, tempDir } from "../../helpers/bin.js";

// Issue 17: an exam's answers wait for their review in progress.db, and saving the reviewed grades
// lets go of them in the same transaction. So a kill at any moment leaves either the held answers
// (reviewed next time) or the saved ones, never both: no answer is saved twice, none is lost.

const EXAM_AT = Date.UTC(2026, 0, 2, 3, 4);

const answer = (id: string, at: number): NewAnswer => ({
  id,
  section: "internals",
  topics: ["internals"],
  score: 1,
  grade: "good",
  mode: "recall",
  cram: false,
  at,
  day: new Date(at).toISOString().slice(0, 10),
});

/** An answer that was held for review, on its way into the log. */
const reviewed = (id: string, at: number) => ({ answer: answer(id, at), held: true });

function open(dir = tempDir()) {
  const warnings: string[] = [];
  return {
    dir,
    warnings,
    s: openStore(
      dir,
      (l) => warnings.push(l),
      () => new Date(EXAM_AT),
    ),
  };
}

describe("an exam's held answers in the store", () => {
  it("are held durably, then saved and let go of in one commit", async () => {
    const { dir, s } = open();
    await s.holdExamAnswer({ exam: EXAM_AT, id: "508", at: EXAM_AT + 1000, text: "ntp" });
    await s.holdExamAnswer({ exam: EXAM_AT, id: "509", at: EXAM_AT + 2000, text: "retries" });
    // Another process sees them before anything is saved.
    expect(progressOf(dir).pendingExam?.answers.map((a) => a.id)).toEqual(["508", "509"]);
    expect(progressOf(dir).history).toEqual([]);

    await s.commitExam([EXAM_AT], [reviewed("508", EXAM_AT + 1000), reviewed("509", EXAM_AT + 2000)]);
    const after = progressOf(dir);
    expect(after.history.map((h) => [h.id, h.at])).toEqual([
      ["508", EXAM_AT + 1000],
      ["509", EXAM_AT + 2000],
    ]);
    expect(after.pendingExam).toBeUndefined();
    expect(await open(dir).s.heldExamAnswers()).toEqual([]);
  });

  it("saves nothing and keeps every held answer when the commit fails part-way", async () => {
    const { dir, s } = open();
    await s.holdExamAnswer({ exam: EXAM_AT, id: "508", at: EXAM_AT + 1000, text: "ntp" });
    await s.holdExamAnswer({ exam: EXAM_AT, id: "509", at: EXAM_AT + 2000, text: "retries" });
    const broken: NewAnswer = {
      ...answer("509", EXAM_AT + 2000),
      // The second answer fails after the first is written inside the transaction.
      schedule: () => {
        throw new Error("boom");
      },
    };
    await expect(
      s.commitExam([EXAM_AT], [reviewed("508", EXAM_AT + 1000), { answer: broken, held: true }]),
    ).rejects.toThrow("boom");
    const after = progressOf(dir);
    expect(after.history).toEqual([]);
    expect(after.pendingExam?.answers.map((a) => a.id)).toEqual(["508", "509"]);
  });

  it("lets go only of the exams it saves: another exam's held answers stay", async () => {
    const { dir, s } = open();
    await s.holdExamAnswer({ exam: EXAM_AT, id: "508", at: EXAM_AT + 1000, text: "ntp" });
    await s.holdExamAnswer({ exam: EXAM_AT + 5, id: "504", at: EXAM_AT + 3000, text: "informers" });
    await s.commitExam([EXAM_AT], [reviewed("508", EXAM_AT + 1000)]);
    expect((await s.heldExamAnswers()).map((a) => [a.exam, a.id])).toEqual([[EXAM_AT + 5, "504"]]);
    expect(progressOf(dir).history.map((h) => h.id)).toEqual(["508"]);
  });

  it("saves a held answer once however often it is committed, as by two exams at once", async () => {
    const dir = tempDir();
    const a = open(dir).s;
    const b = open(dir).s;
    await a.holdExamAnswer({ exam: EXAM_AT, id: "508", at: EXAM_AT + 1000, text: "ntp" });
    // Another exam's start finds it and saves it, then the exam that held it commits it too.
    await b.commitExam([EXAM_AT], [reviewed("508", EXAM_AT + 1000)]);
    await a.commitExam([EXAM_AT], [reviewed("508", EXAM_AT + 1000)]);
    await a.commitExam([EXAM_AT], [reviewed("508", EXAM_AT + 1000)]);
    expect(progressOf(dir).history.map((h) => h.id)).toEqual(["508"]);
    // An answer never held (a question shown as a flash card) is saved as it comes.
    await a.commitExam([EXAM_AT], [{ answer: answer("504", EXAM_AT + 3000), held: false }]);
    expect(progressOf(dir).history.map((h) => h.id)).toEqual(["508", "504"]);
  });

  it("holds an answer once however often it is held", async () => {
    const { s } = open();
    const a = { exam: EXAM_AT, id: "508", at: EXAM_AT + 1000, text: "ntp" };
    await s.holdExamAnswer(a);
    await s.holdExamAnswer(a);
    expect(await s.heldExamAnswers()).toEqual([a]);
  });

  it("moves an older config.json's held exam into the database once, even when a kill left it in both", async () => {
    const dir = tempDir();
    const answers = [{ id: "508", text: "ntp", at: EXAM_AT + 1000 }];
    // A kill between the move into the database and the rewrite of config.json: it is in both.
    await open(dir).s.holdExamAnswer({ exam: EXAM_AT, ...answers[0] } as never);
    writeFileSync(
      join(dir, "config.json"),
      JSON.stringify({ schemaVersion: 1, pendingExam: { startedAt: EXAM_AT, answers } }),
    );
    const { s } = open(dir);
    expect(await s.heldExamAnswers()).toEqual([{ exam: EXAM_AT, ...answers[0] }]);
    expect(JSON.parse(readFileSync(join(dir, "config.json"), "utf8")).pendingExam).toBeUndefined();
    expect(await open(dir).s.heldExamAnswers()).toHaveLength(1);
  });
});

describe("an exam left unreviewed, through the built bin", () => {
  const EXAM = ["exam", "-n", "1", "--seed", "3", "-s", "mesh"];

  it("is saved exactly once: by the next exam, and never again by the one after", async () => {
    const dir = tempDir();
    // What a kill during the review leaves: the answers held, nothing saved.
    const { s } = open(dir);
    await s.holdExamAnswer({ exam: EXAM_AT, id: "508", at: EXAM_AT + 1000, text: "run ntp on all nodes" });
    await s.holdExamAnswer({ exam: EXAM_AT, id: "509", at: EXAM_AT + 2000, text: "no idea" });

    const first = runBin(EXAM, { configDir: dir, input: feed(["no idea"]) });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Saved the 2 answers of that exam.");
    const saved = configOf<{ history: { id: string; at: number }[] }>(dir).history;
    expect(saved.filter((h) => h.at === EXAM_AT + 1000 || h.at === EXAM_AT + 2000).map((h) => h.id)).toEqual([
      "508",
      "509",
    ]);
    expect(saved).toHaveLength(3);
    expect(progressOf(dir).pendingExam).toBeUndefined();

    const second = runBin(EXAM, { configDir: dir, input: feed(["no idea"]) });
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain("was not reviewed");
    expect(configOf<{ history: unknown[] }>(dir).history).toHaveLength(4);
  });
});
