import { describe, expect, it } from "vitest";
import { applyOutcome } from "../../src/core/apply.js";
import { capCard, cappedDue, examPlan, FINAL_STRETCH_DAYS, newPace } from "../../src/core/exam-date.js";
import { readiness } from "../../src/core/readiness.js";
import { reviewQuestions, scheduleAnswer } from "../../src/core/schedule.js";
import type { Outcome } from "../../src/core/session.js";
import { emptyState, type Progress } from "../../src/core/state.js";
import type { Question } from "../../src/core/types.js";
import { makeQuestion, makeSection, reviewCard } from "../helpers/questions.js";

// Every moment here is local time built from calendar parts, so the tests hold in any time zone.
const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const midnight = (y: number, m: number, d: number) => new Date(y, m - 1, d).getTime();
const PLAN = examPlan("2027-01-15");
/** A flash-card answer graded easy: what applyOutcome reads of an outcome. */
const easy = (question: Question) =>
  ({ presented: { question, mode: "flash" }, grade: "easy", score: 1 }) as unknown as Outcome;

describe("examPlan", () => {
  it.each([
    ["2027-01-15", midnight(2027, 1, 15), midnight(2027, 1, 8)],
    ["2027-03-02", midnight(2027, 3, 2), midnight(2027, 2, 23)],
  ])("%s: the exam day and a stretch of the 7 days before it", (date, exam, stretch) => {
    expect(examPlan(date)).toEqual({ date, at: exam, stretchStart: stretch });
  });
  it.each(["", "2027-02-30", "tomorrow", undefined])("%s: no plan", (date) => {
    expect(examPlan(date)).toBeUndefined();
  });
});

describe("cappedDue", () => {
  const exam = midnight(2027, 1, 15);
  const stretch = midnight(2027, 1, 8);
  it.each([
    ["due well before the exam", at(2026, 12, 20), at(2026, 12, 1), "same"],
    ["due inside the stretch", at(2027, 1, 10), at(2026, 12, 20), "same"],
    ["due the day before the exam", at(2027, 1, 14), at(2026, 12, 20), "same"],
    ["due on the exam day", at(2027, 1, 15), at(2026, 12, 20), "stretch"],
    ["due months after the exam", at(2027, 6, 1), at(2026, 12, 20), "stretch"],
    ["reviewed inside the stretch already", at(2027, 5, 1), at(2027, 1, 9), "same"],
    ["the exam is past", at(2027, 9, 1), at(2027, 2, 1), "same"],
  ])("%s", (_name, due, last, expected) => {
    const capped = cappedDue(due, last, "502", PLAN);
    if (expected === "same") expect(capped).toBe(due);
    else {
      expect(capped).toBeGreaterThanOrEqual(stretch);
      expect(capped).toBeLessThan(exam);
      // A day's start: the card is due all that day.
      expect(new Date(capped).getHours()).toBe(0);
    }
  });

  it("spreads capped questions over the stretch, each on a day of its own choosing, the same every time", () => {
    const days = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const d = cappedDue(at(2027, 8, 1), at(2026, 12, 1), String(i), PLAN);
      expect(d).toBe(cappedDue(at(2027, 9, 1), at(2026, 11, 1), String(i), PLAN));
      days.add(d);
    }
    expect(days.size).toBe(FINAL_STRETCH_DAYS);
  });

  it("never sends a card reviewed just before the stretch into the past", () => {
    const last = at(2027, 1, 7, 20);
    expect(cappedDue(at(2027, 3, 1), last, "x", PLAN)).toBeGreaterThan(last);
  });

  it("with no exam date, changes nothing", () => {
    expect(cappedDue(at(2030, 1, 1), at(2026, 1, 1), "x", undefined)).toBe(at(2030, 1, 1));
  });
});

describe("capCard and applyOutcome", () => {
  it("caps the card an answer schedules, and its scheduled days with it", () => {
    const card = reviewCard(at(2027, 6, 1), { last_review: at(2026, 12, 1), stability: 200 });
    const capped = capCard(card, "7", PLAN);
    expect(capped.due).toBeLessThan(midnight(2027, 1, 15));
    expect(capped.scheduled_days).toBe(Math.round((capped.due - at(2026, 12, 1)) / 86_400_000));
    expect(capCard(reviewCard(at(2026, 12, 5)), "7", PLAN).due).toBe(at(2026, 12, 5));
  });

  it("every question answered before the stretch comes up inside it, whatever its interval", () => {
    let state: Progress = { ...emptyState(), settings: { ...emptyState().settings, examDate: "2027-01-15" } };
    const q = makeQuestion({ number: 1 });
    // Easy after easy: ts-fsrs alone would push the card months out.
    for (const day of [1, 2, 5, 12, 30]) {
      const now = at(2026, 11, day);
      state = applyOutcome(state, easy(q), { now, day: "2026-11-01", cram: false });
    }
    const card = state.questions["1"]?.card;
    expect(card?.due).toBeGreaterThanOrEqual(midnight(2027, 1, 8));
    expect(card?.due).toBeLessThan(midnight(2027, 1, 15));
    // The same answers with no exam date go past it.
    expect(scheduleAnswer(card, "easy", at(2026, 11, 30)).due).toBeGreaterThan(midnight(2027, 1, 15));
  });

  it("--exam-date for the session wins over the setting", () => {
    const q = makeQuestion({ number: 1 });
    const old = { ...reviewCard(at(2026, 12, 1)), stability: 300, last_review: at(2026, 11, 1) };
    const state: Progress = {
      ...emptyState(),
      questions: { "1": { attempts: 3, correct: 3, lastAnswered: 0, lastResult: 1, recent: [1], card: old } },
    };
    const o = easy(q);
    const free = applyOutcome(state, o, { now: at(2026, 12, 1), day: "2026-11-01", cram: false });
    const planned = applyOutcome(state, o, {
      now: at(2026, 12, 1),
      day: "2026-11-01",
      cram: false,
      examDate: "2027-01-15",
    });
    expect(free.questions["1"]?.card?.due).toBeGreaterThan(midnight(2027, 1, 15));
    expect(planned.questions["1"]?.card?.due).toBeLessThan(midnight(2027, 1, 15));
  });
});

describe("newPace", () => {
  const plan = examPlan("2027-01-15");
  if (!plan) throw new Error("no plan");
  it.each([
    // unseen, today, limit → days, per day, possible
    [100, at(2027, 1, 5), 10, 9, 12, false],
    [100, at(2026, 12, 1), 10, 44, 3, true],
    [0, at(2027, 1, 14), 10, 0, 0, true],
    [5, at(2027, 1, 14), 10, 0, Number.POSITIVE_INFINITY, false],
    [9, at(2027, 1, 13, 23), 10, 1, 9, true],
  ])(
    "%i unseen on %s with a limit of %i: %i days at %d a day",
    (unseen, now, limit, days, perDay, possible) => {
      expect(newPace(unseen, new Date(now), plan, limit)).toEqual({ unseen, days, perDay, possible });
    },
  );
});

describe("reviewQuestions with an exam date", () => {
  const questions = Array.from({ length: 40 }, (_, i) => makeQuestion({ number: i + 1 }));
  const base = emptyState();
  const withExam = (examDate: string): Progress => ({ ...base, settings: { ...base.settings, examDate } });
  const now = at(2027, 1, 1, 9);
  const dayStart = midnight(2027, 1, 1);

  it("spreads the new questions: 40 over 13 days is 4 a day, under the limit of 10", () => {
    const r = reviewQuestions(questions, withExam("2027-01-15"), now, dayStart, 10);
    expect(r.questions).toHaveLength(4);
    expect(r.queue.pace).toEqual({ unseen: 40, days: 13, perDay: 4, possible: true });
  });

  it("says so when the limit is too low, and keeps to the limit", () => {
    const r = reviewQuestions(questions, withExam("2027-01-05"), now, dayStart, 10);
    expect(r.questions).toHaveLength(10);
    expect(r.queue.pace).toMatchObject({ perDay: 14, possible: false });
  });

  it("with no exam date, or one that has passed, allows the whole limit", () => {
    expect(reviewQuestions(questions, base, now, dayStart, 10).questions).toHaveLength(10);
    const past = reviewQuestions(questions, withExam("2026-12-01"), now, dayStart, 10);
    expect(past.questions).toHaveLength(10);
    expect(past.queue.pace).toBeUndefined();
  });

  it("brings a card scheduled past the exam into the stretch, even one scheduled before the date was set", () => {
    const card = reviewCard(at(2027, 6, 1), { last_review: at(2026, 12, 20) });
    const state: Progress = {
      ...withExam("2027-01-15"),
      questions: { "1": { attempts: 1, correct: 1, lastAnswered: 0, lastResult: 1, recent: [1], card } },
    };
    const one = [questions[0] ?? makeQuestion({ number: 1 })];
    expect(reviewQuestions(one, state, at(2027, 1, 7), midnight(2027, 1, 7), 0).questions).toHaveLength(0);
    expect(reviewQuestions(one, state, at(2027, 1, 14, 23), midnight(2027, 1, 14), 0).questions).toHaveLength(
      1,
    );
  });
});

describe("readiness", () => {
  const sections = [makeSection("internals", "Internals"), makeSection("networking", "Networking")];
  const questions = [
    makeQuestion({ number: 1, section: "internals" }),
    makeQuestion({ number: 2, section: "internals" }),
    makeQuestion({ number: 3, section: "networking" }),
  ];
  const plan = examPlan("2027-01-15");
  if (!plan) throw new Error("no plan");
  const card = (stability: number) =>
    reviewCard(at(2027, 1, 20), { stability, last_review: midnight(2027, 1, 5) });
  const state = (cards: Record<string, number>): Pick<Progress, "questions"> => ({
    questions: Object.fromEntries(
      Object.entries(cards).map(([id, s]) => [
        id,
        { attempts: 1, correct: 1, lastAnswered: 0, lastResult: 1, recent: [1], card: card(s) },
      ]),
    ),
  });
  const now = new Date(at(2027, 1, 5));

  it.each([
    ["nothing seen", {}, [0, 0], 0],
    ["one very stable card in internals", { "1": 1e6 }, [0.5, 0], 1 / 3],
    ["every card very stable", { "1": 1e6, "2": 1e6, "3": 1e6 }, [1, 1], 1],
  ])("%s", (_name, cards, perSection, overall) => {
    const r = readiness(questions, sections, state(cards), plan, now);
    expect(r.examDate).toBe("2027-01-15");
    expect(r.daysLeft).toBe(10);
    for (const [i, s] of r.sections.entries()) expect(s.readiness).toBeCloseTo(perSection[i] ?? -1, 3);
    expect(r.overall).toBeCloseTo(overall, 3);
  });

  it("a weak memory is predicted lower on the exam day than a strong one, and lower than today", () => {
    const r = readiness(questions, sections, state({ "1": 1, "2": 50 }), plan, now);
    const internals = r.sections[0];
    expect(internals?.seen).toBe(2);
    // Ten days after a review, stability 1 has faded far more than stability 50.
    const strong = readiness(questions, sections, state({ "1": 50, "2": 50 }), plan, now).sections[0];
    expect(internals?.readiness).toBeLessThan((strong?.readiness ?? 0) - 0.05);
    expect(internals?.readiness).toBeGreaterThan(0.5);
    const tomorrow = readiness(
      questions,
      sections,
      state({ "1": 1, "2": 50 }),
      examPlan("2027-01-06") ?? plan,
      now,
    );
    expect(tomorrow.sections[0]?.readiness).toBeGreaterThan(internals?.readiness ?? 1);
  });
});
