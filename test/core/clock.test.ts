import { describe, expect, it } from "vitest";
import { CLOCK_MAX, CLOCK_MIN, clampClock, clampFuture, notInFuture } from "../../src/core/clock.js";
import { localDay } from "../../src/core/dates.js";
import { currentStreak, recordAnswer } from "../../src/core/progress.js";
import { scheduleAnswer } from "../../src/core/schedule.js";
import { emptyState, type Progress, reviveState } from "../../src/core/state.js";
import { makeQuestion } from "../helpers/questions.js";

// Issue 19, "The clock": one answer given with the clock at 2099 froze the streak for years and
// pushed its card out of review; a clock in year 10000 crashed `daily --reveal`.
const DAY = 86_400_000;
const NOW = new Date(2026, 5, 15, 12).getTime();
const Y2099 = new Date(2099, 0, 1, 12).getTime();

/** Progress as one answer given at `at` leaves it. */
function answeredAt(at: number): Progress {
  const q = makeQuestion({ number: 501, section: "internals" });
  const card = scheduleAnswer(undefined, "good", at);
  return recordAnswer(
    emptyState(),
    { question: q, score: 1, grade: "good", mode: "flash", card },
    at,
    localDay(new Date(at)),
  );
}

describe("clampClock", () => {
  it.each([
    ["today", NOW, NOW],
    ["2099", Y2099, Y2099],
    ["year 10000", Date.UTC(10000, 0, 5), CLOCK_MAX],
    ["Date's last moment", 8.64e15, CLOCK_MAX],
    ["before 1970", Date.UTC(1900, 0, 1), CLOCK_MIN],
    ["an invalid date", Number.NaN, CLOCK_MAX],
  ])("%s", (_, t, expected) => {
    expect(clampClock(new Date(t)).getTime()).toBe(expected);
  });

  it("every clamped day is a YYYY-MM-DD the date functions read back", () => {
    for (const t of [Date.UTC(10000, 0, 1), 8.64e15, -8.64e15]) {
      const d = clampClock(new Date(t));
      expect(localDay(d)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(() => d.toISOString()).not.toThrow();
      // The longest review interval (100 years) after it still fits.
      expect(() => new Date(d.getTime() + 36_500 * DAY).toISOString()).not.toThrow();
    }
  });
});

describe("clampFuture", () => {
  it("leaves a state with nothing in the future as it is (the same object)", () => {
    const s = answeredAt(NOW - DAY);
    expect(clampFuture(s, NOW)).toBe(s);
  });

  it("allows a day of slack (a clock a few hours fast is not wrong)", () => {
    const s = answeredAt(NOW + DAY - 1000);
    expect(clampFuture(s, NOW)).toBe(s);
  });

  it("an answer at 2099 counts as given now: history, last answer, card and weak topic", () => {
    const s = clampFuture(answeredAt(Y2099), NOW);
    expect(s.history.map((h) => h.at)).toEqual([NOW]);
    const p = s.questions["501"];
    expect(p?.lastAnswered).toBe(NOW);
    expect(p?.card?.last_review).toBe(NOW);
    // The card keeps its interval, moved back: due as soon after now as it was after 2099.
    const before = answeredAt(Y2099).questions["501"]?.card;
    expect(p?.card?.due).toBe(NOW + ((before?.due ?? 0) - Y2099));
    for (const w of Object.values(s.weakTopics)) expect(w.lastSeen).toBeLessThanOrEqual(NOW);
  });

  it("the streak ignores a day still to come, and counts again from today", () => {
    const s = clampFuture(answeredAt(Y2099), NOW);
    expect(s.streak.lastDay).toBeUndefined();
    expect(s.streak.current).toBe(0);
    const q = makeQuestion({ number: 502, section: "internals" });
    const today = localDay(new Date(NOW));
    const next = recordAnswer(s, { question: q, score: 1, grade: "good", mode: "flash" }, NOW, today);
    expect(currentStreak(next, today)).toBe(1);
  });

  it("a reset of weak topics dated in the future does not hide today's answers", () => {
    const s = { ...emptyState(), weakResetAt: Y2099 };
    expect(clampFuture(s, NOW).weakResetAt).toBe(NOW);
  });

  it("survives a file revived with dates at Date's limits", () => {
    const { state } = reviveState({
      schemaVersion: 1,
      questions: { "501": { attempts: 1, correct: 1, lastAnswered: 8.64e15, lastResult: 1, recent: [1] } },
      history: [{ id: "501", at: 8.64e15, score: 1, grade: "good", mode: "flash", section: "s", topics: [] }],
      weakTopics: { etcd: { accuracy: 0.1, answers: 3, lastSeen: 8.64e15 } },
      streak: { current: 400, longest: 400, lastDay: "99999-01-01" },
    });
    const s = clampFuture(state, NOW);
    expect(s.questions["501"]?.lastAnswered).toBe(NOW);
    expect(s.history[0]?.at).toBe(NOW);
    expect(s.streak).toEqual({ current: 0, longest: 400 });
  });

  it("notInFuture", () => {
    expect(notInFuture(NOW + 2 * DAY, NOW)).toBe(NOW);
    expect(notInFuture(NOW - 5, NOW)).toBe(NOW - 5);
  });
});

describe("reviveState keeps a weak topic's three numbers only", () => {
  it("drops text and out-of-range fields an import could carry", () => {
    const { state, dropped } = reviveState({
      schemaVersion: 1,
      weakTopics: {
        good: { accuracy: 0.2, answers: 4, lastSeen: NOW, extra: "\u001b]52;c;x\u0007" },
        text: { accuracy: 0.2, answers: "\u001b[2J", lastSeen: NOW },
        huge: { accuracy: 0.2, answers: 3, lastSeen: 1e300 },
      },
    });
    expect(state.weakTopics).toEqual({ good: { accuracy: 0.2, answers: 4, lastSeen: NOW } });
    expect(dropped.join(" ")).toMatch(/weakTopics/);
  });
});
