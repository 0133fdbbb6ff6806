import { describe, expect, it } from "vitest";
import { DAILY_KEEP_DAYS, pickDaily, rememberPick } from "../../src/core/daily.js";
import { emptyState, type Progress } from "../../src/core/state.js";
import type { Question, QuizMeta } from "../../src/core/types.js";
import { makeQuestion, reviewCard } from "../helpers/questions.js";

const q = (number: number, section: string, meta?: QuizMeta): Question =>
  makeQuestion({ number, section, meta });

const BANK: Question[] = Array.from({ length: 20 }, (_, i) =>
  q(501 + i, i < 10 ? "internals" : "networking", i % 4 === 0 ? { tags: ["etcd"] } : undefined),
);

const DAY = 86_400_000;

/** YYYY-MM-DD, `n` days after 2026-03-01. */
const dayAt = (n: number) => new Date(Date.UTC(2026, 2, 1) + n * DAY).toISOString().slice(0, 10);
const endOf = (day: string) => Date.parse(`${day}T23:59:59.999Z`);

const withCards = (cards: Record<string, number>, base = emptyState()): Progress => ({
  ...base,
  questions: Object.fromEntries(
    Object.entries(cards).map(([id, due]) => [
      id,
      {
        attempts: 1,
        correct: 1,
        lastAnswered: due - 5 * DAY,
        lastResult: 1,
        recent: [1],
        card: reviewCard(due),
      },
    ]),
  ),
});

const pick = (state: Progress, day: string, bank = BANK) => pickDaily(bank, state, day, endOf(day))?.id;

describe("pickDaily", () => {
  it.each([dayAt(0), dayAt(7), "2026-12-31", "2027-02-28"])(
    "the same day gives the same pick (%s)",
    (day) => {
      expect(pick(emptyState(), day)).toBe(pick(emptyState(), day));
      expect(BANK.map((x) => x.id)).toContain(pick(emptyState(), day));
    },
  );

  it("does not depend on the bank's order", () => {
    const reversed = [...BANK].reverse();
    for (let n = 0; n < 10; n++)
      expect(pick(emptyState(), dayAt(n), reversed)).toBe(pick(emptyState(), dayAt(n)));
  });

  it("different days give different picks", () => {
    const picks = new Set(Array.from({ length: 14 }, (_, n) => pick(emptyState(), dayAt(n))));
    expect(picks.size).toBeGreaterThan(5);
  });

  it("keeps the pick already made for that day", () => {
    const s = rememberPick(emptyState(), dayAt(3), "517", false);
    expect(pick(s, dayAt(3))).toBe("517");
  });

  it("ignores a remembered pick that is no longer in the bank", () => {
    const s = rememberPick(emptyState(), dayAt(3), "999", false);
    expect(pick(s, dayAt(3))).toBe(pick(emptyState(), dayAt(3)));
  });

  it("never repeats yesterday's pick over 60 consecutive days", () => {
    let s = emptyState();
    const seen: string[] = [];
    for (let n = 0; n < 60; n++) {
      const id = pick(s, dayAt(n)) as string;
      if (n > 0) expect(id, `day ${dayAt(n)}`).not.toBe(seen[n - 1]);
      seen.push(id);
      s = rememberPick(s, dayAt(n), id, false);
    }
    expect(new Set(seen).size).toBeGreaterThan(10);
  });

  it("never repeats yesterday's pick when every day draws from the same two due questions", () => {
    let s = withCards({ "503": Date.UTC(2026, 1, 1), "508": Date.UTC(2026, 1, 1) });
    let previous: string | undefined;
    for (let n = 0; n < 30; n++) {
      const id = pick(s, dayAt(n)) as string;
      expect(["503", "508"]).toContain(id);
      if (previous) expect(id).not.toBe(previous);
      previous = id;
      s = rememberPick(s, dayAt(n), id, false);
    }
  });

  it.each([0, 1, 2, 3, 4, 5, 6])("prefers due questions when there are some (day +%i)", (n) => {
    const day = dayAt(n);
    const s = withCards({
      "504": endOf(day) - DAY,
      "514": endOf(day) - 5 * DAY,
      "519": endOf(day) + 3 * DAY,
    });
    expect(["504", "514"]).toContain(pick(s, day));
  });

  it("prefers the one due question when yesterday's pick was another", () => {
    const day = dayAt(3);
    const s = rememberPick(withCards({ "514": endOf(day) - 5 * DAY }), dayAt(2), "501", false);
    expect(pick(s, day)).toBe("514");
  });

  // With no pick remembered for yesterday, the single due question must not be mistaken for yesterday's.
  it.each([0, 1, 2])("prefers the one due question when there is exactly one (day +%i)", (n) => {
    const day = dayAt(n);
    const s = withCards({ "514": endOf(day) - 5 * DAY, "519": endOf(day) + 3 * DAY });
    expect(pick(s, day)).toBe("514");
  });

  it("a card due later the same day counts as due", () => {
    const day = dayAt(2);
    const s = withCards({ "511": endOf(day) - 1000, "517": endOf(day) - 2000, "518": endOf(day) + 1000 });
    expect(["511", "517"]).toContain(pick(s, day));
  });

  it.each([0, 1, 2, 3, 4, 5, 6])("prefers questions of a weak topic (day +%i)", (n) => {
    const s: Progress = { ...emptyState(), weakTopics: { etcd: { accuracy: 0.2, answers: 4, lastSeen: 0 } } };
    const id = pick(s, dayAt(n));
    expect(BANK.find((x) => x.id === id)?.meta?.tags).toContain("etcd");
  });

  it("falls back to another question when the only preferred one was yesterday's", () => {
    const day = dayAt(5);
    let s = withCards({ "514": endOf(day) - 5 * DAY });
    s = rememberPick(s, dayAt(4), "514", false);
    const id = pick(s, day);
    expect(id).toBeDefined();
    expect(id).not.toBe("514");
  });

  it("returns undefined for an empty bank", () => {
    expect(pickDaily([], emptyState(), dayAt(0), endOf(dayAt(0)))).toBeUndefined();
  });
});

describe("rememberPick", () => {
  it("records the day's pick and, for the hook, that it was shown", () => {
    const s = rememberPick(emptyState(), "2026-03-05", "512", true);
    expect(s.daily).toEqual({ picks: { "2026-03-05": "512" }, hookShown: "2026-03-05" });
    const t = rememberPick(s, "2026-03-06", "513", false);
    expect(t.daily).toEqual({ picks: { "2026-03-05": "512", "2026-03-06": "513" }, hookShown: "2026-03-05" });
  });

  it("does not modify the state it is given", () => {
    const s = emptyState();
    rememberPick(s, "2026-03-05", "512", true);
    expect(s.daily).toEqual({ picks: {} });
  });

  it(`prunes picks older than ${DAILY_KEEP_DAYS} days`, () => {
    let s = emptyState();
    s = rememberPick(s, "2026-01-01", "501", false);
    s = rememberPick(s, "2026-01-20", "502", false);
    s = rememberPick(s, "2026-03-05", "503", false);
    // 2026-03-05 minus 60 days is 2026-01-04: the 1 January pick goes, 20 January stays.
    expect(Object.keys(s.daily.picks).sort()).toEqual(["2026-01-20", "2026-03-05"]);
  });

  it("stays bounded over a year of daily use", () => {
    let s = emptyState();
    for (let n = 0; n < 365; n++) s = rememberPick(s, dayAt(n), String(501 + (n % 20)), false);
    const kept = Object.keys(s.daily.picks).sort();
    expect(kept.length).toBeLessThanOrEqual(DAILY_KEEP_DAYS + 1);
    expect(kept.length).toBeGreaterThanOrEqual(DAILY_KEEP_DAYS);
    expect(kept.at(-1)).toBe(dayAt(364));
  });
});

describe("the draw's order of ids", () => {
  it("is English collation with numbers as numbers, with or without the collator", async () => {
    const { byId } = await import("../../src/core/daily.js");
    const q = (id: string) => ({ id }) as unknown as import("../../src/core/types.js").Question;
    const collated = (ids: string[]) => [...ids].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 10_000_000 }).map(String), { maxLength: 60 }), (ids) => {
        expect(byId(ids.map(q)).map((x) => x.id)).toEqual(collated(ids));
      }),
    );
    const mixed = [
      "docker:12",
      "502",
      "docker:2",
      "aws:3",
      "501",
      "k8s:10",
      "k8s:9",
      "10000000000000000000001",
      "9",
    ];
    expect(byId(mixed.map(q)).map((x) => x.id)).toEqual(collated(mixed));
  });
});
