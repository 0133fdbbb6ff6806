import { default_w } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { applyOutcome } from "../../src/core/apply.js";
import { retrievability, scheduleAnswer, schedulerParams } from "../../src/core/schedule.js";
import type { Outcome } from "../../src/core/session.js";
import { emptyState, type Progress } from "../../src/core/state.js";
import { makeQuestion } from "../helpers/questions.js";

const DAY = 86_400_000;
const T0 = new Date(2026, 2, 1, 9).getTime();

/** Good on day 0, 3 and 10: the interval the third answer gives. */
const intervalAfter = (p: Parameters<typeof scheduleAnswer>[3]) => {
  let card = scheduleAnswer(undefined, "good", T0, p);
  card = scheduleAnswer(card, "good", T0 + 3 * DAY, p);
  card = scheduleAnswer(card, "good", T0 + 10 * DAY, p);
  return card.due - (T0 + 10 * DAY);
};

describe("the scheduler follows the learner's settings", () => {
  it.each([
    [0.7, 0.9],
    [0.9, 0.97],
  ])("a desired retention of %d gives longer intervals than %d", (low, high) => {
    expect(intervalAfter({ retention: low })).toBeGreaterThan(intervalAfter({ retention: high }));
  });

  it("fitted weights change the schedule: first memories a quarter as stable gets shorter intervals", () => {
    const weak = Array.from(default_w).map((x, i) => (i < 4 ? x / 4 : x));
    expect(intervalAfter({ w: weak })).toBeLessThan(intervalAfter({}));
    const fresh = (p: { w?: number[] }) =>
      retrievability(scheduleAnswer(undefined, "good", T0, p), T0 + 5 * DAY, p);
    expect(fresh({ w: weak })).toBeLessThan(fresh({}));
  });

  it("an answer is scheduled with the state's own parameters", () => {
    const q = makeQuestion({ number: 1 });
    const o = { presented: { question: q, mode: "flash" }, grade: "good", score: 1 } as unknown as Outcome;
    const base = emptyState();
    const strict: Progress = { ...base, settings: { ...base.settings, desiredRetention: 0.97 } };
    const relaxed: Progress = { ...base, settings: { ...base.settings, desiredRetention: 0.7 } };
    const step = (s: Progress, days: number) =>
      applyOutcome(s, o, { now: T0 + days * DAY, day: "2026-03-01", cram: false });
    const due = (s: Progress) => s.questions["1"]?.card?.due ?? 0;
    expect(due(step(step(step(relaxed, 0), 3), 10))).toBeGreaterThan(due(step(step(step(strict, 0), 3), 10)));
    expect(schedulerParams({ ...base, fsrs: { fittedAt: 0, reviews: 1, w: [1] } })).toEqual({
      retention: 0.9,
      w: [1],
    });
  });
});
