import { describe, expect, it } from "vitest";
import { summarizeSession } from "../../src/core/report.js";
import { evaluate, type Outcome } from "../../src/core/session.js";
import type { Grade, Question } from "../../src/core/types.js";
import { Interrupted } from "../../src/errors.js";
import { makeQuestion } from "../helpers/questions.js";

const q = (number: number, section: string): Question => makeQuestion({ number, section });

const graded = (question: Question, grade: Grade): Outcome =>
  evaluate({ mode: "flash", question }, { mode: "flash", grade });

const OUTCOMES = [
  graded(q(501, "internals"), "good"),
  graded(q(502, "internals"), "again"),
  graded(q(531, "networking"), "hard"),
  graded(q(532, "networking"), "easy"),
  graded(q(533, "networking"), "good"),
];

describe("summarizeSession", () => {
  it("totals the score and percentage", () => {
    const s = summarizeSession(OUTCOMES, 5, {});
    expect(s).toMatchObject({
      asked: 5,
      answered: 5,
      score: 3.5,
      percent: 70,
      interrupted: false,
      outOfAnswers: false,
    });
  });

  it("lists a question missed twice (a plan's review and practice steps) once", () => {
    const twice = [...OUTCOMES, graded(q(502, "internals"), "again"), graded(q(531, "networking"), "again")];
    expect(summarizeSession(twice, 7, {}).missed.map((x) => x.id)).toEqual(["502", "531"]);
  });

  it("breaks the score down by section, in order of first appearance", () => {
    expect(summarizeSession(OUTCOMES, 5, {}).bySection).toEqual([
      { section: "internals", answered: 2, score: 1, percent: 50 },
      { section: "networking", answered: 3, score: 2.5, percent: 83.3 },
    ]);
  });

  it("lists the missed questions (again or hard) with their ids", () => {
    expect(summarizeSession(OUTCOMES, 5, {}).missed.map((x) => x.id)).toEqual(["502", "531"]);
  });

  it("tells the questions recalled with effort (only Hard) from those missed (Again at least once)", () => {
    expect(summarizeSession(OUTCOMES, 5, {}).hard.map((x) => x.id)).toEqual(["531"]);
    const twice = [...OUTCOMES, graded(q(531, "networking"), "again"), graded(q(533, "networking"), "hard")];
    expect(summarizeSession(twice, 7, {}).hard.map((x) => x.id)).toEqual(["533"]);
  });

  it("lists the weak topics, lowest accuracy first", () => {
    const weak = {
      dns: { accuracy: 0.6, answers: 5, lastSeen: 1 },
      etcd: { accuracy: 0.25, answers: 4, lastSeen: 2 },
      internals: { accuracy: 0.5, answers: 2, lastSeen: 3 },
    };
    expect(summarizeSession(OUTCOMES, 5, weak).weakTopics).toEqual([
      { topic: "etcd", accuracy: 0.25 },
      { topic: "internals", accuracy: 0.5 },
      { topic: "dns", accuracy: 0.6 },
    ]);
  });

  it.each([
    {
      name: "interrupted",
      result: { interrupted: new Interrupted() },
      interrupted: true,
      outOfAnswers: false,
    },
    { name: "out of answers", result: { outOfAnswers: true }, interrupted: false, outOfAnswers: true },
    { name: "finished", result: {}, interrupted: false, outOfAnswers: false },
  ])("reports a session that ended $name", ({ result, interrupted, outOfAnswers }) => {
    const s = summarizeSession(OUTCOMES.slice(0, 2), 5, {}, result);
    expect(s).toMatchObject({ asked: 5, answered: 2, score: 1, percent: 50, interrupted, outOfAnswers });
  });

  it("a session with no answers scores 0%, not NaN", () => {
    expect(summarizeSession([], 10, {}, { interrupted: new Interrupted() })).toEqual({
      asked: 10,
      answered: 0,
      score: 0,
      percent: 0,
      bySection: [],
      missed: [],
      hard: [],
      weakTopics: [],
      interrupted: true,
      outOfAnswers: false,
    });
  });

  it.each([
    { grades: ["good", "good", "again"] as Grade[], percent: 66.7 },
    { grades: ["hard"] as Grade[], percent: 50 },
    { grades: ["easy", "hard", "again"] as Grade[], percent: 50 },
    { grades: ["good", "good", "good", "hard", "again", "again"] as Grade[], percent: 58.3 },
  ])("$grades -> $percent%", ({ grades, percent }) => {
    const outcomes = grades.map((g, i) => graded(q(600 + i, "internals"), g));
    expect(summarizeSession(outcomes, grades.length, {}).percent).toBe(percent);
  });
});
