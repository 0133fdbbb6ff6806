import { describe, expect, it } from "vitest";
import {
  type AnswerRecord,
  currentStreak,
  previousDay,
  recordAnswer,
  topicAccuracy,
  topicsOf,
  WEAK_WINDOW,
  withSettings,
} from "../../src/core/progress.js";
import { emptyState, HISTORY_LIMIT, type Progress, type StoredCard } from "../../src/core/state.js";
import type { Grade, Question, QuizMeta } from "../../src/core/types.js";
import { makeQuestion } from "../helpers/questions.js";

const q = (number: number, section: string, meta?: QuizMeta): Question =>
  makeQuestion({ number, section, meta });

const ETCD = q(501, "internals", { tags: ["etcd", "architecture"] });
const CNI = q(531, "networking", { tags: ["cni"] });
const PLAIN = q(540, "networking");

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);
const MIN = 60_000;

const grades: Record<number, Grade> = { 0: "again", 0.5: "hard", 1: "good" };
const rec = (question: Question, score: number): AnswerRecord => ({
  question,
  score,
  grade: grades[score] ?? "good",
  mode: "choice",
});

/** Answers in sequence, one minute apart, all on one day. */
function answer(state: Progress, question: Question, scores: number[], start = T0): Progress {
  let s = state;
  scores.forEach((score, i) => {
    s = recordAnswer(s, rec(question, score), start + i * MIN, "2026-03-01");
  });
  return s;
}

describe("topicsOf", () => {
  it.each([
    { question: ETCD, want: ["etcd", "architecture", "internals"] },
    { question: PLAIN, want: ["networking"] },
    { question: q(1, "networking", { tags: ["networking", "cni"] }), want: ["networking", "cni"] },
  ])("$question.id -> $want", ({ question, want }) => {
    expect(topicsOf(question)).toEqual(want);
  });
});

describe("recordAnswer: question counters", () => {
  it("counts attempts and correct answers, keeps the last result and time", () => {
    const s = answer(emptyState(), ETCD, [1, 0, 0.5, 1]);
    expect(s.questions["501"]).toEqual({
      attempts: 4,
      correct: 2,
      lastAnswered: T0 + 3 * MIN,
      lastResult: 1,
      recent: [1, 0, 0.5, 1],
    });
  });

  it("keeps only the last 5 results, oldest first", () => {
    const s = answer(emptyState(), ETCD, [0, 0, 1, 1, 0.5, 1, 0]);
    expect(s.questions["501"]?.recent).toEqual([1, 1, 0.5, 1, 0]);
    expect(s.questions["501"]?.attempts).toBe(7);
  });

  it("appends a history entry with the question's topics", () => {
    const s = recordAnswer(emptyState(), { ...rec(ETCD, 0.5), mode: "recall" }, T0, "2026-03-01");
    expect(s.history).toEqual([
      {
        id: "501",
        at: T0,
        score: 0.5,
        grade: "hard",
        mode: "recall",
        section: "internals",
        topics: ["etcd", "architecture", "internals"],
      },
    ]);
  });

  it("marks history as scheduled and stores the card only when a card is given", () => {
    const card: StoredCard = {
      due: T0 + 86_400_000,
      stability: 3,
      difficulty: 5,
      elapsed_days: 0,
      scheduled_days: 1,
      learning_steps: 0,
      reps: 1,
      lapses: 0,
      state: 2,
      last_review: T0,
    };
    const withCard = recordAnswer(emptyState(), { ...rec(ETCD, 1), card }, T0, "2026-03-01");
    expect(withCard.history[0]?.scheduled).toBe(true);
    expect(withCard.questions["501"]?.card).toEqual(card);
    const after = recordAnswer(withCard, rec(ETCD, 0), T0 + MIN, "2026-03-01");
    expect(after.history[1]?.scheduled).toBeUndefined();
    expect(after.questions["501"]?.card).toEqual(card);
  });

  it("does not modify the state it is given", () => {
    const before = answer(emptyState(), ETCD, [1, 0]);
    const snapshot = structuredClone(before);
    answer(before, ETCD, [0, 0, 0]);
    expect(before).toEqual(snapshot);
  });

  it(`bounds the history at ${HISTORY_LIMIT} entries, keeping the newest`, () => {
    let s = emptyState();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) s = recordAnswer(s, rec(PLAIN, 1), T0 + i, "2026-03-01");
    expect(HISTORY_LIMIT).toBe(5000);
    expect(s.history).toHaveLength(5000);
    expect(s.history[0]?.at).toBe(T0 + 5);
    expect(s.history.at(-1)?.at).toBe(T0 + 5004);
    expect(s.questions["540"]?.attempts).toBe(5005);
  });
});

describe("recordAnswer: weak topics", () => {
  const cases: { name: string; scores: number[]; weak: boolean; accuracy?: number }[] = [
    { name: "one wrong answer is not enough", scores: [0], weak: false },
    { name: "two wrong answers make it weak", scores: [0, 0], weak: true, accuracy: 0 },
    { name: "one of two right: 50% is weak", scores: [1, 0], weak: true, accuracy: 0.5 },
    { name: "two of three right: 66.7% is weak", scores: [1, 1, 0], weak: true, accuracy: 0.667 },
    { name: "seven of ten right: 70% is not weak", scores: [1, 1, 1, 1, 1, 1, 1, 0, 0, 0], weak: false },
    { name: "hard counts a half", scores: [0.5, 0.5, 1], weak: true, accuracy: 0.667 },
    { name: "all right is not weak", scores: [1, 1], weak: false },
    { name: "climbs back above: no longer weak", scores: [0, 0, 1, 1, 1, 1, 1, 1, 1], weak: false },
    { name: "still below after climbing a little", scores: [0, 0, 1, 1, 1], weak: true, accuracy: 0.6 },
    {
      name: "only the last 10 answers count",
      // 75% overall, but 60% over the last 10.
      scores: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0],
      weak: true,
      accuracy: 0.6,
    },
    {
      name: "old failures beyond the window are forgotten",
      scores: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
      weak: false,
    },
  ];
  it.each(cases)("$name", ({ scores, weak, accuracy }) => {
    const s = answer(emptyState(), CNI, scores);
    for (const topic of ["cni", "networking"]) {
      expect(topic in s.weakTopics).toBe(weak);
      if (weak) {
        const w = s.weakTopics[topic];
        expect(w?.accuracy).toBeCloseTo(accuracy ?? -1, 3);
        expect(w?.answers).toBe(Math.min(scores.length, WEAK_WINDOW));
        expect(w?.lastSeen).toBe(T0 + (scores.length - 1) * MIN);
      }
    }
  });

  it("a topic becomes weak, recovers, and leaves the list", () => {
    let s = answer(emptyState(), CNI, [0, 0]);
    expect(Object.keys(s.weakTopics).sort()).toEqual(["cni", "networking"]);
    s = answer(s, CNI, [1, 1, 1, 1, 1], T0 + 10 * MIN);
    expect(s.weakTopics).toEqual({});
  });

  it("a topic's accuracy mixes every question that carries it", () => {
    let s = answer(emptyState(), CNI, [0, 0]);
    s = answer(s, PLAIN, [1, 1, 1, 1, 1], T0 + 10 * MIN);
    // networking: 5 of 7 right = 71% (recovered); cni: 0 of 2, untouched by the PLAIN answers.
    expect(s.weakTopics.networking).toBeUndefined();
    expect(s.weakTopics.cni?.accuracy).toBe(0);
  });

  it("answers only recompute the topics they touch", () => {
    let s = answer(emptyState(), ETCD, [0, 0]);
    s = answer(s, CNI, [1, 1], T0 + 10 * MIN);
    expect(Object.keys(s.weakTopics).sort()).toEqual(["architecture", "etcd", "internals"]);
  });

  it.each([
    { threshold: 0.5, scores: [1, 0], weak: false },
    { threshold: 0.51, scores: [1, 0], weak: true },
    { threshold: 0.9, scores: [1, 1, 1, 1, 1, 1, 1, 1, 0, 1], weak: false },
    { threshold: 0.95, scores: [1, 1, 1, 1, 1, 1, 1, 1, 0, 1], weak: true },
    { threshold: 0, scores: [0, 0, 0], weak: false },
  ])("settings.weakThreshold $threshold with $scores -> weak=$weak", ({ threshold, scores, weak }) => {
    const base = emptyState();
    const s = answer({ ...base, settings: { ...base.settings, weakThreshold: threshold } }, CNI, scores);
    expect("cni" in s.weakTopics).toBe(weak);
  });

  it("weakResetAt ignores answers before it", () => {
    let s = answer(emptyState(), CNI, [0, 0, 0]);
    s = { ...s, weakTopics: {}, weakResetAt: T0 + 10 * MIN };
    s = answer(s, CNI, [1], T0 + 10 * MIN);
    expect(s.weakTopics).toEqual({});
    s = answer(s, CNI, [0], T0 + 11 * MIN);
    // Since the reset: one right, one wrong = 50% over 2 answers.
    expect(s.weakTopics.cni).toEqual({ accuracy: 0.5, answers: 2, lastSeen: T0 + 11 * MIN });
  });

  it("topicAccuracy reads the newest answers of the topic", () => {
    const s = answer(emptyState(), CNI, [1, 0, 1, 1]);
    expect(topicAccuracy(s.history, "cni")).toEqual({ accuracy: 0.75, answers: 4, lastSeen: T0 + 3 * MIN });
    expect(topicAccuracy(s.history, "etcd")).toBeUndefined();
    expect(topicAccuracy(s.history, "cni", T0 + 2 * MIN)).toEqual({
      accuracy: 1,
      answers: 2,
      lastSeen: T0 + 3 * MIN,
    });
  });
});

describe("withSettings", () => {
  const at = (state: Progress, weakThreshold: number) =>
    withSettings(state, { ...state.settings, weakThreshold });

  it("re-judges every topic in the history when the weak threshold changes", () => {
    // etcd, architecture, internals at 50%; cni, networking at 75%.
    let s = answer(emptyState(), ETCD, [1, 0]);
    s = answer(s, CNI, [1, 1, 1, 0], T0 + 10 * MIN);
    expect(Object.keys(s.weakTopics).sort()).toEqual(["architecture", "etcd", "internals"]);
    expect(Object.keys(at(s, 0.4).weakTopics)).toEqual([]);
    expect(Object.keys(at(s, 0.8).weakTopics).sort()).toEqual([
      "architecture",
      "cni",
      "etcd",
      "internals",
      "networking",
    ]);
    expect(at(s, 0.8).weakTopics.cni).toEqual({ accuracy: 0.75, answers: 4, lastSeen: T0 + 13 * MIN });
  });

  it("keeps the weak list as it is when the threshold stays, and still honours a reset", () => {
    let s = answer(emptyState(), CNI, [0, 0]);
    const other = withSettings(s, { ...s.settings, defaultCount: 5 });
    expect(other.weakTopics).toBe(s.weakTopics);
    expect(other.settings.defaultCount).toBe(5);
    s = { ...s, weakTopics: {}, weakResetAt: T0 + 5 * MIN };
    expect(at(s, 0.9).weakTopics).toEqual({});
  });
});

describe("recordAnswer: streak", () => {
  const run = (days: string[], start = emptyState()) =>
    days.reduce((s, day, i) => recordAnswer(s, rec(PLAIN, 1), T0 + i * MIN, day), start);

  const cases: { name: string; days: string[]; current: number; longest: number; lastDay?: string }[] = [
    { name: "the first day starts at 1", days: ["2026-03-01"], current: 1, longest: 1 },
    {
      name: "consecutive days add up",
      days: ["2026-03-01", "2026-03-02", "2026-03-03"],
      current: 3,
      longest: 3,
    },
    {
      name: "the same day twice counts once",
      days: ["2026-03-01", "2026-03-01", "2026-03-01"],
      current: 1,
      longest: 1,
    },
    {
      name: "a gap resets to 1 and keeps the longest",
      days: ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-05"],
      current: 1,
      longest: 3,
    },
    {
      name: "a new run can beat the longest",
      days: ["2026-03-01", "2026-03-02", "2026-03-04", "2026-03-05", "2026-03-06"],
      current: 3,
      longest: 3,
    },
    { name: "across a month end", days: ["2026-02-27", "2026-02-28", "2026-03-01"], current: 3, longest: 3 },
    { name: "across a year end", days: ["2025-12-31", "2026-01-01"], current: 2, longest: 2 },
    { name: "across a leap day", days: ["2024-02-28", "2024-02-29", "2024-03-01"], current: 3, longest: 3 },
    {
      name: "an earlier --date leaves it alone",
      days: ["2026-03-05", "2026-03-06", "2026-03-01"],
      current: 2,
      longest: 2,
      lastDay: "2026-03-06",
    },
  ];
  it.each(cases)("$name", ({ days, current, longest, lastDay }) => {
    const s = run(days);
    expect(s.streak).toEqual({ current, longest, lastDay: lastDay ?? days.at(-1) });
  });

  it.each([
    { lastDay: "2026-03-10", day: "2026-03-10", want: 4, why: "answered today" },
    { lastDay: "2026-03-09", day: "2026-03-10", want: 4, why: "answered yesterday: still alive" },
    { lastDay: "2026-03-08", day: "2026-03-10", want: 0, why: "a missed day lapses it" },
  ])("currentStreak: $why", ({ lastDay, day, want }) => {
    const s: Progress = { ...emptyState(), streak: { current: 4, longest: 6, lastDay } };
    expect(currentStreak(s, day)).toBe(want);
  });

  it("currentStreak is 0 with no answers", () => {
    expect(currentStreak(emptyState(), "2026-03-10")).toBe(0);
  });

  it.each([
    ["2026-03-01", "2026-02-28"],
    ["2024-03-01", "2024-02-29"],
    ["2026-01-01", "2025-12-31"],
    ["2026-03-30", "2026-03-29"],
  ])("previousDay(%s) is %s", (day, want) => {
    expect(previousDay(day)).toBe(want);
  });
});
