import { describe, expect, it } from "vitest";
import { calibration } from "../../src/core/calibration.js";
import {
  FIRST_FIT_REVIEWS,
  refitHint,
  reviewCount,
  reviewsNeeded,
  splitByTime,
  toOptimizerItems,
  trainingItems,
} from "../../src/core/review-log.js";
import type { HistoryEntry } from "../../src/core/state.js";
import type { Grade } from "../../src/core/types.js";
import { simulateLearner } from "../helpers/simulated-learner.js";

const at = (d: number, h = 9) => new Date(2026, 0, d, h).getTime();
const entry = (id: string, when: number, grade: Grade, scheduled = true): HistoryEntry => ({
  id,
  at: when,
  score: grade === "again" ? 0 : 1,
  grade,
  mode: "flash",
  section: "internals",
  topics: ["internals"],
  ...(scheduled ? { scheduled: true } : {}),
});

describe("toOptimizerItems", () => {
  it("one item per review after a card's first, with whole local days between reviews", () => {
    const log = [
      entry("a", at(1), "again"),
      entry("a", at(1, 9) + 600_000, "good"), // ten minutes later: a learning step, 0 days
      entry("b", at(2), "good"),
      entry("a", at(2, 23), "good"),
      entry("a", at(3, 0) + 60_000, "hard"), // just past midnight: a day later by the calendar
      entry("a", at(10), "easy"),
      entry("b", at(5), "again", false), // --cram: not a review of the schedule
    ];
    const items = toOptimizerItems(log);
    expect(items.map((i) => i.reviews.map((r) => `${r.rating}/${r.deltaT}`).join(" "))).toEqual([
      "1/0 3/0 3/1",
      "1/0 3/0 3/1 2/1",
      "1/0 3/0 3/1 2/1 4/7",
    ]);
    expect(items.map((i) => i.at)).toEqual([at(2, 23), at(3, 0) + 60_000, at(10)]);
    expect(reviewCount(log)).toBe(6);
  });

  it("leaves out a card whose first reviews the log no longer holds", () => {
    const log = [
      entry("a", at(1), "good"),
      entry("a", at(3), "good"),
      entry("b", at(1), "good"),
      entry("b", at(4), "good"),
    ];
    const items = toOptimizerItems(log, (id) => (id === "a" ? 5 : 2));
    expect(items).toHaveLength(1);
    expect(items[0]?.at).toBe(at(4));
  });

  it("splits by time: the latest fifth is held out", () => {
    const log = Array.from({ length: 11 }, (_, i) => entry("a", at(i + 1), "good"));
    const { train, test } = splitByTime(toOptimizerItems(log));
    expect(train).toHaveLength(8);
    expect(test).toHaveLength(2);
    expect(Math.max(...train.map((i) => i.at))).toBeLessThan(Math.min(...test.map((i) => i.at)));
    expect(trainingItems(train)).toBe(8);
  });

  it.each([
    [0, 80],
    [10, 70],
    [80, 0],
  ])("with %i later-day reviews, about %i more are needed for a full fit", (n, more) => {
    const log = [
      entry("a", at(1), "good"),
      ...Array.from({ length: n }, (_, i) => entry("a", at(i + 2), "good")),
    ];
    expect(reviewsNeeded(toOptimizerItems(log))).toBe(more);
  });
});

describe("refitHint", () => {
  it.each([
    ["no fit yet, a short log", undefined, FIRST_FIT_REVIEWS - 1, false],
    ["no fit yet, enough reviews", undefined, FIRST_FIT_REVIEWS, true],
    ["fitted on 500, now 999", { fittedAt: 0, reviews: 500 }, 999, false],
    ["fitted on 500, now 1000", { fittedAt: 0, reviews: 500 }, 1000, true],
  ])("%s", (_name, fitted, reviews, suggested) => {
    const hint = refitHint(fitted, reviews);
    expect(hint !== undefined).toBe(suggested);
    if (hint) expect(hint).toContain("k8s-quiz optimize");
  });
});

describe("calibration", () => {
  const state = simulateLearner({ seed: 7, days: 90, end: at(100), questions: 90, newPerDay: 4 });
  const repsOf = (id: string) => state.questions[id]?.card?.reps;

  it("puts the logged reviews into 5 equal buckets of predicted recall, lowest first", () => {
    const buckets = calibration(state.history, undefined, repsOf);
    expect(buckets).toHaveLength(5);
    const firsts = new Set(state.history.map((h) => h.id)).size;
    expect(buckets.reduce((n, b) => n + b.answers, 0)).toBe(state.history.length - firsts);
    for (const [i, b] of buckets.entries()) {
      expect(b.from).toBeLessThanOrEqual(b.predicted);
      expect(b.predicted).toBeLessThanOrEqual(b.to);
      if (i) expect(b.from).toBeGreaterThanOrEqual(buckets[i - 1]?.to ?? 1);
    }
  });

  it("shows the defaults over-predicting a learner who forgets faster than they assume", () => {
    const buckets = calibration(state.history, undefined, repsOf);
    const predicted = buckets.reduce((s, b) => s + b.predicted * b.answers, 0);
    const actual = buckets.reduce((s, b) => s + b.actual * b.answers, 0);
    expect(actual).toBeLessThan(predicted);
  });

  it("has no buckets for an empty log, and fewer for a tiny one", () => {
    expect(calibration([])).toEqual([]);
    expect(calibration([entry("a", at(1), "good"), entry("a", at(3), "again")])).toHaveLength(1);
  });
});
