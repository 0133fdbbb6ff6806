import { describe, expect, it } from "vitest";
import { examReport } from "../../src/core/exam.js";
import { seededRandom } from "../../src/core/random.js";
import { summarizeSession } from "../../src/core/report.js";
import { evaluate, present } from "../../src/core/session.js";
import { sessionDocument } from "../../src/session/document.js";
import type { SessionMeta } from "../../src/session/meta.js";
import { makeQuestion } from "../helpers/questions.js";

// The one --json document builder: the same session header and question records for every session
// command, with a study session's totals or an exam's report card after them.

const Q1 = makeQuestion({
  number: 1,
  answer: "Etcd keeps the cluster state.",
  meta: { keyPoints: [{ label: "etcd", words: ["etcd"] }] },
});
const Q2 = makeQuestion({ number: 2, section: "networking" });
const Q3 = makeQuestion({ number: 3 });
const pool = [Q1, Q2, Q3];

const recall = evaluate(present(Q1, "recall", pool, seededRandom(1)), {
  mode: "recall",
  text: "etcd, I think",
});
const choiceShown = present(Q2, "choice", pool, seededRandom(1));
if (choiceShown.mode !== "choice") throw new Error("expected a choice question");
const wrongChoice = evaluate(choiceShown, {
  mode: "choice",
  choice: (choiceShown.choices.correct + 1) % 3,
  raw: "x",
});
const flash = evaluate(present(Q3, "flash", pool, seededRandom(1)), { mode: "flash", grade: "hard" });

const META: SessionMeta = {
  command: "practice",
  seed: 7,
  dryRun: true,
  cram: false,
  startedAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
};

describe("sessionDocument", () => {
  it("heads a study session with the command, its fields, the seed, the run's facts, in that order", () => {
    const outcomes = [recall, wrongChoice, flash];
    const summary = summarizeSession(outcomes, 4, {}, { outOfAnswers: true });
    const doc = sessionDocument(META, { mode: "choice", sections: ["internals"] }, outcomes, {
      kind: "summary",
      summary,
      finishedAt: new Date(Date.UTC(2026, 0, 2, 3, 9)),
      saved: false,
    });
    expect(Object.keys(doc)).toEqual(["session", "questions", "totals", "weakTopics"]);
    expect(doc.session).toEqual({
      command: "practice",
      mode: "choice",
      sections: ["internals"],
      seed: 7,
      dryRun: true,
      cram: false,
      startedAt: "2026-01-02T03:04:05.000Z",
      finishedAt: "2026-01-02T03:09:00.000Z",
      interrupted: false,
      outOfAnswers: true,
      saved: false,
    });
    expect(Object.keys(doc.session).slice(0, 3)).toEqual(["command", "mode", "sections"]);
    expect(doc.totals).toEqual({
      asked: 4,
      answered: 3,
      score: 1.5,
      percent: 50,
      bySection: [
        { section: "internals", answered: 2, score: 1.5, percent: 75 },
        { section: "networking", answered: 1, score: 0, percent: 0 },
      ],
      missed: ["2", "3"],
    });
    expect(doc.questions.map((q) => [q.id, q.mode, q.grade, q.score])).toEqual([
      ["1", "recall", "good", 1],
      ["2", "choice", "again", 0],
      ["3", "flash", "hard", 0.5],
    ]);
  });

  it("keeps a seed the learner never gave as null", () => {
    const summary = summarizeSession([], 0, {});
    const doc = sessionDocument({ ...META, command: "daily", seed: null }, { date: "2026-01-02" }, [], {
      kind: "summary",
      summary,
      finishedAt: META.startedAt,
      saved: true,
    });
    expect(doc.session).toMatchObject({ command: "daily", date: "2026-01-02", seed: null });
  });

  it("gives each question the same record in a study session and an exam", () => {
    const summary = summarizeSession([recall], 1, {});
    const study = sessionDocument(META, {}, [recall], {
      kind: "summary",
      summary,
      finishedAt: META.startedAt,
      saved: true,
    });
    const exam = sessionDocument({ ...META, command: "exam" }, { minutes: 20 }, [recall], {
      kind: "exam",
      report: examReport([recall], [], false),
      answerMs: [61_234],
      usedMs: 90_000,
    });
    const { secondsUsed, ...record } = exam.questions[0] as (typeof exam.questions)[number];
    expect(record).toEqual(study.questions[0]);
    expect(secondsUsed).toBe(61.2);
    expect(record).toMatchObject({
      given: "etcd, I think",
      expected: "Etcd keeps the cluster state.",
      keyPoints: { hit: ["etcd"], missed: [], contradicted: [] },
    });
  });

  it("heads an exam with its command, minutes and seed only, and puts its report card after the answers", () => {
    const report = examReport([recall], [Q3], true);
    const doc = sessionDocument({ ...META, command: "exam" }, { minutes: 5 }, [recall], {
      kind: "exam",
      report,
      answerMs: [1000],
      usedMs: 300_000,
    });
    expect(Object.keys(doc)).toEqual(["session", "questions", "report"]);
    expect(doc.session).toEqual({ command: "exam", minutes: 5, seed: 7 });
    expect(doc.report).toEqual({ ...report, secondsUsed: 300 });
    expect(doc.report).toMatchObject({ asked: 2, answered: 1, percent: 50, timeUp: true });
  });

  it("gives an exam answer whose moment is not known no time, rather than a made-up one", () => {
    const doc = sessionDocument({ ...META, command: "exam" }, { minutes: 5 }, [recall, flash], {
      kind: "exam",
      report: examReport([recall, flash], [], false),
      answerMs: [2500, null],
      usedMs: 4000,
    });
    expect(doc.questions.map((q) => q.secondsUsed)).toEqual([2.5, null]);
  });
});
