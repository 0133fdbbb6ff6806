import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { type Progress, reviveState } from "../../src/core/state.js";
import { computeStats, type Stats } from "../../src/core/stats.js";
import type { Question, Section } from "../../src/core/types.js";

// Local days are the user's days: pin the zone so the hand-computed day boundaries below hold anywhere.
process.env.TZ = "UTC";

// The bundled bank's shape: five sections of ten questions, ids 501–550.
const SECTIONS: Section[] = [
  ["internals", "Kubernetes Internals & Architecture"],
  ["operators", "CRDs & Operator Pattern"],
  ["multi-cluster", "Multi-Cluster & Federation"],
  ["networking", "Advanced Networking Plugins"],
  ["service-mesh", "Ingress Controllers & Service Mesh"],
].map(([slug = "", title = ""], i) => ({
  slug,
  title,
  aliases: [],
  deck: "k8s",
  file: `0${i + 1}.md`,
  line: 1,
}));

const QUESTIONS: Question[] = SECTIONS.flatMap((s, i) =>
  Array.from({ length: 10 }, (_, k) => {
    const number = 501 + i * 10 + k;
    return {
      id: String(number),
      number,
      deck: "k8s",
      section: s.slug,
      prompt: `Prompt ${number}?`,
      answer: "",
      file: s.file,
      line: k,
    };
  }),
);

// Wednesday 2025-03-12, 15:00 UTC: after the day's answers (12:00), before 511 comes due (20:00).
const NOW = new Date("2025-03-12T15:00:00Z");

let state: Progress;
let stats: Stats;
beforeAll(() => {
  const raw = JSON.parse(readFileSync(new URL("../fixtures/stats-config.json", import.meta.url), "utf8"));
  const revived = reviveState(raw);
  expect(revived.dropped).toEqual([]);
  state = revived.state;
  stats = computeStats(QUESTIONS, SECTIONS, state, NOW);
});

describe("computeStats on the fixture config", () => {
  it("reports the local day", () => {
    expect(stats.today).toBe("2025-03-12");
  });

  it("totals: attempts and correct summed over every recorded question, streaks, cards due today", () => {
    // attempts: 501:6 + 502:3 + 503:2 + 511:9 + 512:2 + 531:10 + 532:1 + 533:4 + 541:3 + docker:3:3 = 43,
    // more than the 32 history entries: older answers have left the bounded history, attempts keep them.
    // correct:  5 + 2 + 0 + 3 + 2 + 2 + 0 + 1 + 3 + 1 = 19 (533's half-credit answer is not "correct").
    // Due by the end of 2025-03-12, loaded questions only: 502 (due 03-11), 503 (03-07), 511 (03-12 20:00) = 3;
    // docker:3 is overdue too but its deck is not loaded, and 532 has no card yet.
    // Seen: the 9 loaded questions with attempts; docker:3's deck is not loaded, so not "of 50".
    expect(stats.totals).toEqual({
      answered: 43,
      questionsSeen: 9,
      questionsTotal: 50,
      accuracy: 19 / 43,
      currentStreak: 3, // streak.lastDay is today, current 3 (answers on 03-10, 03-11 and 03-12)
      longestStreak: 5, // 2025-02-03 to 02-07
      dueToday: 3,
    });
  });

  it("mastery: a card is mastered while whole days since its last review ≤ stability (recall ≥ 0.9)", () => {
    // At 03-12 15:00: 501 2 d ≤ S 40 ✓; 502 11 d ≤ 20 ✓; 503 7 d > 2 ✗ → internals 2/10.
    // 511 1 d > 0.5 ✗; 512 4 d ≤ 10 ✓ → operators 1/10. 531 2 d > 1 ✗; 532 no card; 533 10 d > 3 ✗ → 0/10.
    // 541 1 d ≤ 8 ✓ → service-mesh 1/10. Nothing in multi-cluster.
    expect(stats.mastery).toEqual([
      {
        section: "internals",
        title: "Kubernetes Internals & Architecture",
        mastered: 2,
        total: 10,
        ratio: 0.2,
      },
      { section: "operators", title: "CRDs & Operator Pattern", mastered: 1, total: 10, ratio: 0.1 },
      { section: "multi-cluster", title: "Multi-Cluster & Federation", mastered: 0, total: 10, ratio: 0 },
      { section: "networking", title: "Advanced Networking Plugins", mastered: 0, total: 10, ratio: 0 },
      {
        section: "service-mesh",
        title: "Ingress Controllers & Service Mesh",
        mastered: 1,
        total: 10,
        ratio: 0.1,
      },
    ]);
  });

  it("weak topics: lowest accuracy first, ties by name", () => {
    expect(stats.weakTopics).toEqual([
      { topic: "cni", accuracy: 0.4, answers: 5 },
      { topic: "networking", accuracy: 0.4, answers: 10 },
      { topic: "crds", accuracy: 0.5, answers: 6 },
    ]);
  });

  it("leeches: loaded questions with 5 lapses or more, most lapses first", () => {
    // 531 has 7 lapses, 511 exactly 5; docker:3 has 7 but is not loaded.
    expect(stats.leeches).toEqual([
      { id: "531", prompt: "Prompt 531?", lapses: 7 },
      { id: "511", prompt: "Prompt 511?", lapses: 5 },
    ]);
  });

  it("forecast: seven local days from today, overdue cards counted today", () => {
    // today: 502, 503, 511; 03-13: 531 (due at 00:00 exactly, so tomorrow); 03-14: 512; 03-18: 533.
    // 541 (03-19) and 501 (04-19) fall after the seven days.
    expect(stats.forecast).toEqual([
      { day: "2025-03-12", due: 3 },
      { day: "2025-03-13", due: 1 },
      { day: "2025-03-14", due: 1 },
      { day: "2025-03-15", due: 0 },
      { day: "2025-03-16", due: 0 },
      { day: "2025-03-17", due: 0 },
      { day: "2025-03-18", due: 1 },
    ]);
  });

  it("heatmap: twelve Monday-first weeks ending this week, answers per day, none after today", () => {
    // First column: Monday 2024-12-23 (03-10 minus 11 weeks). The answer on 12-20 falls before it.
    const zero = [0, 0, 0, 0, 0, 0, 0];
    expect(stats.heatmap.weeks.map((w) => w.start)).toEqual([
      "2024-12-23",
      "2024-12-30",
      "2025-01-06",
      "2025-01-13",
      "2025-01-20",
      "2025-01-27",
      "2025-02-03",
      "2025-02-10",
      "2025-02-17",
      "2025-02-24",
      "2025-03-03",
      "2025-03-10",
    ]);
    expect(stats.heatmap.weeks.map((w) => w.counts)).toEqual([
      [1, 0, 0, 0, 0, 0, 0], // 12-23: 501
      zero,
      [2, 0, 0, 0, 0, 0, 0], // 01-06: 502, 503
      zero,
      zero,
      zero,
      [1, 2, 3, 4, 8, 0, 0], // 02-03 to 02-07, the five-day streak
      zero,
      zero,
      zero,
      zero,
      [3, 2, 5, null, null, null, null], // 03-10, 03-11, today (docker:3 at 09:00 + four at 12:00)
    ]);
    expect(stats.heatmap.max).toBe(8);
    expect(stats.heatmap.total).toBe(31); // 32 history entries less the one on 12-20
  });
});

describe("computeStats edge cases", () => {
  it("with no answers: zero totals, null accuracy, an empty but complete grid", () => {
    const empty = reviveState({}).state;
    const s = computeStats(QUESTIONS, SECTIONS, empty, NOW);
    expect(s.totals).toEqual({
      answered: 0,
      questionsSeen: 0,
      questionsTotal: 50,
      accuracy: null,
      currentStreak: 0,
      longestStreak: 0,
      dueToday: 0,
    });
    expect(s.forecast.map((f) => f.due)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(s.heatmap.weeks).toHaveLength(12);
    expect(s.heatmap.total).toBe(0);
    expect(s.leeches).toEqual([]);
  });

  it("a lapsed streak reads 0 but the longest is kept", () => {
    // Two days later (Friday 03-14) without answering on 03-13: the streak has lapsed.
    const later = computeStats(QUESTIONS, SECTIONS, state, new Date("2025-03-14T10:00:00Z"));
    expect(later.totals.currentStreak).toBe(0);
    expect(later.totals.longestStreak).toBe(5);
    // The week ending that day: Thursday 03-13 is 0, Friday 03-14 is today, the weekend still ahead.
    expect(later.heatmap.weeks.at(-1)?.counts).toEqual([3, 2, 5, 0, 0, null, null]);
    expect(later.forecast[0]).toEqual({ day: "2025-03-14", due: 5 }); // 502, 503, 511, 531, 512
  });

  it("on a Monday the current week is a single day", () => {
    const monday = computeStats(QUESTIONS, SECTIONS, state, new Date("2025-03-10T18:00:00Z"));
    expect(monday.heatmap.weeks.at(-1)).toEqual({
      start: "2025-03-10",
      counts: [3, null, null, null, null, null, null],
    });
    expect(monday.heatmap.weeks[0]?.start).toBe("2024-12-23");
  });

  it("forecast and grid keep whole calendar days across a daylight-saving change", () => {
    // New York falls back on Sunday 2025-11-02: that day has 25 hours, so adding 24 h per day would repeat it.
    process.env.TZ = "America/New_York";
    try {
      const s = computeStats(QUESTIONS, SECTIONS, reviveState({}).state, new Date(2025, 10, 1, 12));
      expect(s.forecast.map((f) => f.day)).toEqual([
        "2025-11-01",
        "2025-11-02",
        "2025-11-03",
        "2025-11-04",
        "2025-11-05",
        "2025-11-06",
        "2025-11-07",
      ]);
      expect(s.heatmap.weeks.at(-1)).toEqual({ start: "2025-10-27", counts: [0, 0, 0, 0, 0, 0, null] });
    } finally {
      process.env.TZ = "UTC";
    }
  });
});
