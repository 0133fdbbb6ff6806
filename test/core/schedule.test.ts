import fc from "fast-check";
import { default_w, fsrs, generatorParameters } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { applyOutcome } from "../../src/core/apply.js";
import { recordAnswer } from "../../src/core/progress.js";
import {
  humanInterval,
  isLeech,
  LEECH_LAPSES,
  newIntroduced,
  previewInterval,
  retrievability,
  reviewQuestions,
  reviewQueue,
  scheduleAnswer,
} from "../../src/core/schedule.js";
import { evaluate, type Outcome } from "../../src/core/session.js";
import { emptyState, type Progress, type StoredCard } from "../../src/core/state.js";
import type { Grade, Question } from "../../src/core/types.js";
import { makeQuestion, reviewCard } from "../helpers/questions.js";

const q = (number: number, section = "internals"): Question => makeQuestion({ number, section });

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);
const DAY_START = Date.UTC(2026, 2, 10, 0, 0, 0);

const REVIEW = 2;
const RELEARNING = 3;

const withCards = (cards: Record<string, StoredCard>, base: Progress = emptyState()): Progress => ({
  ...base,
  questions: Object.fromEntries(
    Object.entries(cards).map(([id, card]) => [
      id,
      { attempts: 1, correct: 1, lastAnswered: card.due - DAY, lastResult: 1, recent: [1], card },
    ]),
  ),
});

const flash = (question: Question, grade: Grade): Outcome =>
  evaluate({ mode: "flash", question }, { mode: "flash", grade });

const ids = (qs: Question[]) => qs.map((x) => x.id);

describe("scheduleAnswer", () => {
  it("a new card answered Good enters the schedule, due later", () => {
    const c = scheduleAnswer(undefined, "good", NOW);
    expect(c.reps).toBe(1);
    expect(c.lapses).toBe(0);
    expect(c.last_review).toBe(NOW);
    expect(c.due).toBeGreaterThan(NOW);
  });

  it("is deterministic: the same answers at the same times give the same card", () => {
    const a = scheduleAnswer(scheduleAnswer(undefined, "good", NOW), "good", NOW + DAY);
    const b = scheduleAnswer(scheduleAnswer(undefined, "good", NOW), "good", NOW + DAY);
    expect(a).toEqual(b);
  });

  it("stores plain numbers (JSON-safe)", () => {
    const c = scheduleAnswer(undefined, "easy", NOW);
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
    for (const v of Object.values(c)) expect(typeof v).toBe("number");
  });

  it("does not change the card it is given", () => {
    const before = reviewCard(NOW);
    const copy = { ...before };
    scheduleAnswer(before, "again", NOW);
    expect(before).toEqual(copy);
  });

  it.each<[Grade, Grade]>([
    ["again", "hard"],
    ["hard", "good"],
    ["good", "easy"],
  ])("on a review card, %s comes back sooner than %s", (lower, higher) => {
    const card = reviewCard(NOW);
    expect(scheduleAnswer(card, lower, NOW).due).toBeLessThan(scheduleAnswer(card, higher, NOW).due);
  });

  it("schedules a card last reviewed after `now` as if that review were now", () => {
    // An answer for a past `daily --date` after today's review, or a clock that ran ahead.
    const ahead = scheduleAnswer(reviewCard(NOW), "good", NOW + 3 * DAY);
    const c = scheduleAnswer(ahead, "good", NOW);
    expect(c.last_review).toBe(NOW);
    expect(c.reps).toBe(ahead.reps + 1);
    expect(c.due).toBeGreaterThan(NOW);
    // Not frozen until the later time: the same as answering a card reviewed at NOW.
    expect(c.due).toBe(scheduleAnswer({ ...ahead, last_review: NOW }, "good", NOW).due);
    for (const g of ["again", "hard", "good", "easy"] as const)
      expect(previewInterval(ahead, g, NOW)).toBe(scheduleAnswer(ahead, g, NOW).due - NOW);
  });

  it("Again on a review card is a lapse and starts relearning", () => {
    const c = scheduleAnswer(reviewCard(NOW), "again", NOW);
    expect(c.lapses).toBe(1);
    expect(c.state).toBe(RELEARNING);
  });
});

describe("previewInterval", () => {
  it.each([
    { name: "a new card", card: undefined },
    { name: "a review card", card: reviewCard(NOW) },
  ])("good waits longer than again for $name", ({ card }) => {
    expect(previewInterval(card, "good", NOW)).toBeGreaterThan(previewInterval(card, "again", NOW));
    expect(previewInterval(card, "again", NOW)).toBeGreaterThan(0);
  });

  it("matches what scheduleAnswer then does, and changes nothing", () => {
    const card = reviewCard(NOW);
    const copy = { ...card };
    for (const g of ["again", "hard", "good", "easy"] as const) {
      expect(previewInterval(card, g, NOW)).toBe(scheduleAnswer(card, g, NOW).due - NOW);
    }
    expect(card).toEqual(copy);
  });

  it("grows as a card is answered Good again and again", () => {
    let card: StoredCard | undefined;
    let now = NOW;
    const intervals: number[] = [];
    for (let i = 0; i < 5; i++) {
      intervals.push(previewInterval(card, "good", now));
      card = scheduleAnswer(card, "good", now);
      now = card.due;
    }
    for (let i = 1; i < intervals.length; i++)
      expect(intervals[i]).toBeGreaterThan(intervals[i - 1] as number);
  });
});

describe("retrievability", () => {
  it("is 0 for a card never reviewed", () => {
    expect(retrievability(undefined, NOW)).toBe(0);
  });

  it("is high right after a review and falls with time", () => {
    const card = scheduleAnswer(scheduleAnswer(undefined, "good", NOW), "good", NOW + 10 * MIN);
    const r0 = retrievability(card, NOW + 11 * MIN);
    const r1 = retrievability(card, NOW + 30 * DAY);
    const r2 = retrievability(card, NOW + 365 * DAY);
    expect(r0).toBeGreaterThan(0.9);
    expect(r1).toBeLessThan(r0);
    expect(r2).toBeLessThan(r1);
    expect(r2).toBeGreaterThan(0);
  });

  // Read off ts-fsrs's forgetting curve directly, not through a scheduler built for it: the figure
  // must be the one ts-fsrs's own get_retrievability gives, for any card, clock and weights.
  it("is ts-fsrs's get_retrievability for any answers, clock and weights", () => {
    const grade = fc.constantFrom<Grade>("again", "hard", "good", "easy");
    const weights = fc.oneof(
      fc.constant(undefined),
      // A fitted set near the defaults, and an FSRS-5 set of 19 that ts-fsrs migrates.
      fc
        .array(fc.double({ min: 0.9, max: 1.1, noNaN: true }), { minLength: 21, maxLength: 21 })
        .map((k) => default_w.map((x, i) => x * (k[i] ?? 1))),
      fc.constant(default_w.slice(0, 19)),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(grade, fc.integer({ min: 0, max: 60 * DAY })), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: -2 * DAY, max: 400 * DAY }),
        weights,
        fc.constantFrom(0.8, 0.9, 0.95),
        (answers, later, w, retention) => {
          const p = { retention, ...(w ? { w } : {}) };
          let at = NOW;
          let card: StoredCard | undefined;
          for (const [g, gap] of answers) {
            at += gap;
            card = scheduleAnswer(card, g, at, p);
          }
          const now = at + later;
          const stored = card as StoredCard;
          const reference = fsrs(
            generatorParameters({
              enable_fuzz: false,
              request_retention: retention,
              ...(w ? { w: [...w] } : {}),
            }),
          ).get_retrievability(
            {
              ...stored,
              due: new Date(stored.due),
              last_review: new Date(Math.min(stored.last_review as number, now)),
            } as never,
            new Date(now),
            false,
          );
          expect(retrievability(stored, now, p)).toBe(reference);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("leeches", () => {
  it.each([
    [undefined, false],
    [0, false],
    [4, false],
    [5, true],
    [9, true],
  ])("lapses %s -> leech %s", (lapses, want) => {
    expect(isLeech(lapses === undefined ? undefined : reviewCard(NOW, { lapses }))).toBe(want);
  });

  it("a card forgotten 5 times over simulated days becomes a leech", () => {
    expect(LEECH_LAPSES).toBe(5);
    let card: StoredCard | undefined;
    let now = NOW;
    const lapsesAfterAgain: number[] = [];
    for (let step = 0; step < 200 && (card?.lapses ?? 0) < 5; step++) {
      // Recall it until it is a review card, then forget it when it comes due.
      const grade: Grade = card?.state === REVIEW ? "again" : "good";
      expect(isLeech(card)).toBe(false);
      card = scheduleAnswer(card, grade, now);
      if (grade === "again") lapsesAfterAgain.push(card.lapses);
      now = Math.max(card.due, now + MIN);
    }
    expect(lapsesAfterAgain).toEqual([1, 2, 3, 4, 5]);
    expect(isLeech(card)).toBe(true);
  });
});

describe("reviewQueue", () => {
  const bank = [q(1), q(2), q(3), q(4), q(5), q(6), q(7)];
  const state = withCards({
    "1": reviewCard(NOW - HOUR),
    "2": reviewCard(NOW - 3 * DAY),
    "3": reviewCard(NOW + 2 * HOUR),
    "4": reviewCard(NOW - DAY),
    "5": reviewCard(NOW + DAY),
    // 6 and 7 have never been scheduled.
  });

  it("lists due cards most overdue first, new ones apart, and the next due time", () => {
    const queue = reviewQueue(bank, state, NOW, 10);
    expect(ids(queue.due)).toEqual(["2", "4", "1"]);
    expect(ids(queue.fresh)).toEqual(["6", "7"]);
    expect(queue.nextDue).toBe(NOW + 2 * HOUR);
  });

  it("a card due exactly now is due", () => {
    expect(ids(reviewQueue([q(1)], withCards({ "1": reviewCard(NOW) }), NOW, 0).due)).toEqual(["1"]);
  });

  it.each([
    { allowance: 0, want: [] },
    { allowance: 1, want: ["6"] },
    { allowance: 5, want: ["6", "7"] },
    { allowance: -2, want: [] },
  ])("new cards are limited by the allowance ($allowance)", ({ allowance, want }) => {
    expect(ids(reviewQueue(bank, state, NOW, allowance).fresh)).toEqual(want);
  });

  it("moving the clock brings more cards due", () => {
    expect(ids(reviewQueue(bank, state, NOW + 3 * HOUR, 0).due)).toEqual(["2", "4", "1", "3"]);
    const later = reviewQueue(bank, state, NOW + 2 * DAY, 0);
    expect(ids(later.due)).toEqual(["2", "4", "1", "3", "5"]);
    expect(later.nextDue).toBeUndefined();
  });
});

describe("newIntroduced and the new-per-day limit", () => {
  const bank = Array.from({ length: 8 }, (_, i) => q(i + 1));
  const answerAt = (s: Progress, id: number, at: number, scheduled: boolean) =>
    recordAnswer(
      s,
      {
        question: q(id),
        score: 1,
        grade: "good",
        mode: "flash",
        ...(scheduled ? { card: scheduleAnswer(s.questions[String(id)]?.card, "good", at) } : {}),
      },
      at,
      "2026-03-10",
    );

  it("counts questions first scheduled since the start of the day", () => {
    let s = emptyState();
    s = answerAt(s, 1, DAY_START - HOUR, true); // yesterday: not today's
    s = answerAt(s, 1, DAY_START + HOUR, true); // again today: not new
    s = answerAt(s, 2, DAY_START + HOUR, true);
    s = answerAt(s, 3, DAY_START + 2 * HOUR, true);
    s = answerAt(s, 3, DAY_START + 3 * HOUR, true); // twice: counted once
    s = answerAt(s, 4, DAY_START + 2 * HOUR, false); // cram: not scheduled
    expect(newIntroduced(s, DAY_START)).toBe(2);
    expect(newIntroduced(s, DAY_START - DAY)).toBe(3);
    expect(newIntroduced(emptyState(), DAY_START)).toBe(0);
  });

  it.each([
    { perDay: 10, introducedToday: 0, wantFresh: 6 },
    { perDay: 3, introducedToday: 0, wantFresh: 3 },
    { perDay: 3, introducedToday: 2, wantFresh: 1 },
    { perDay: 3, introducedToday: 3, wantFresh: 0 },
    { perDay: 2, introducedToday: 3, wantFresh: 0 },
  ])(
    "perDay $perDay with $introducedToday introduced today allows $wantFresh new",
    ({ perDay, introducedToday, wantFresh }) => {
      let s = emptyState();
      // Two cards scheduled yesterday and not yet due; they never count as new.
      s = answerAt(s, 1, DAY_START - 2 * HOUR, true);
      s = answerAt(s, 2, DAY_START - 2 * HOUR, true);
      for (let i = 0; i < introducedToday; i++) s = answerAt(s, 3 + i, DAY_START + HOUR, true);
      const { questions, queue } = reviewQuestions(bank, s, DAY_START + 2 * HOUR, DAY_START, perDay);
      expect(queue.fresh).toHaveLength(wantFresh);
      expect(questions).toHaveLength(queue.due.length + wantFresh);
      for (const x of queue.fresh) expect(s.questions[x.id]?.card).toBeUndefined();
    },
  );

  it("puts due cards before new ones and cuts to the limit", () => {
    const s = withCards({ "5": reviewCard(NOW - DAY), "6": reviewCard(NOW - 2 * DAY) });
    expect(ids(reviewQuestions(bank, s, NOW, DAY_START, 10).questions)).toEqual([
      "6",
      "5",
      "1",
      "2",
      "3",
      "4",
      "7",
      "8",
    ]);
    expect(ids(reviewQuestions(bank, s, NOW, DAY_START, 10, 3).questions)).toEqual(["6", "5", "1"]);
    expect(ids(reviewQuestions(bank, s, NOW, DAY_START, 0, 10).questions)).toEqual(["6", "5"]);
  });
});

describe("applyOutcome", () => {
  const question = q(1);
  const before = withCards({ "1": reviewCard(NOW - DAY) });

  it("cram leaves the card untouched but still counts the answer", () => {
    const after = applyOutcome(before, flash(question, "again"), { now: NOW, day: "2026-03-10", cram: true });
    expect(after.questions["1"]?.card).toEqual(before.questions["1"]?.card);
    expect(after.questions["1"]?.attempts).toBe(2);
    expect(after.history.at(-1)?.scheduled).toBeUndefined();
  });

  it("without cram the card moves", () => {
    const after = applyOutcome(before, flash(question, "again"), {
      now: NOW,
      day: "2026-03-10",
      cram: false,
    });
    const card = after.questions["1"]?.card;
    expect(card).toEqual(scheduleAnswer(before.questions["1"]?.card, "again", NOW));
    expect(card?.lapses).toBe(1);
    expect(after.history.at(-1)?.scheduled).toBe(true);
  });

  it("cram on a never-scheduled question gives it no card, so it is still new", () => {
    const after = applyOutcome(emptyState(), flash(question, "good"), {
      now: NOW,
      day: "2026-03-10",
      cram: true,
    });
    expect(after.questions["1"]?.card).toBeUndefined();
    expect(ids(reviewQueue([question], after, NOW, 1).fresh)).toEqual(["1"]);
    expect(newIntroduced(after, DAY_START)).toBe(0);
  });

  it.each<[Grade, number]>([
    ["again", 0],
    ["hard", 0.5],
    ["good", 1],
    ["easy", 1],
  ])("schedules with the settled grade %s (score %d)", (grade, score) => {
    const after = applyOutcome(emptyState(), flash(question, grade), {
      now: NOW,
      day: "2026-03-10",
      cram: false,
    });
    expect(after.questions["1"]?.card).toEqual(scheduleAnswer(undefined, grade, NOW));
    expect(after.questions["1"]?.lastResult).toBe(score);
    expect(after.history.at(-1)?.grade).toBe(grade);
  });
});

describe("humanInterval", () => {
  it.each([
    [-5_000, "now"],
    [0, "now"],
    [20_000, "in under a minute"],
    [MIN, "in 1 min"],
    [45 * MIN, "in 45 min"],
    [3 * HOUR, "in 3 h"],
    [23 * HOUR, "in 23 h"],
    [DAY, "in 1 day"],
    [4 * DAY, "in 4 days"],
    [59 * DAY, "in 59 days"],
    [90 * DAY, "in 3 months"],
    [800 * DAY, "in 2 years"],
  ])("%d ms -> %s", (ms, want) => {
    expect(humanInterval(ms)).toBe(want);
  });
});
