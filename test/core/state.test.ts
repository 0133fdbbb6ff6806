import { describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  emptyState,
  HISTORY_LIMIT,
  MIGRATIONS,
  migrate,
  reviveState,
  SCHEMA_VERSION,
} from "../../src/core/state.js";

const T = 1_772_000_000_000;

const card = {
  due: T + 86_400_000,
  stability: 3.2,
  difficulty: 5.1,
  elapsed_days: 0,
  scheduled_days: 1,
  learning_steps: 0,
  reps: 1,
  lapses: 0,
  state: 2,
  last_review: T,
};

const history = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: String(501 + (i % 3)),
    at: T + i,
    score: i % 2,
    grade: i % 2 ? "good" : "again",
    mode: "choice",
    section: "internals",
    topics: ["etcd", "internals"],
  }));

/** A well-formed file, as k8s-quiz writes it. */
const GOOD = {
  schemaVersion: 1,
  questions: {
    "501": { attempts: 3, correct: 2, lastAnswered: T, lastResult: 1, recent: [1, 0, 1], card },
    "502": { attempts: 1, correct: 0, lastAnswered: T - 5, lastResult: 0, recent: [0] },
  },
  history: history(4),
  weakTopics: { etcd: { accuracy: 0.5, answers: 4, lastSeen: T } },
  weakResetAt: T - 1000,
  streak: { current: 3, longest: 7, lastDay: "2026-03-01" },
  daily: { picks: { "2026-03-01": "501" }, hookShown: "2026-03-01" },
  settings: {
    defaultMode: "recall",
    defaultCount: 5,
    weakThreshold: 0.8,
    newPerDay: 20,
    desiredRetention: 0.85,
    examDate: "2027-01-15",
  },
  decks: [{ name: "docker", path: "/home/u/docker.md" }],
};

const clone = () => structuredClone(GOOD) as Record<string, unknown> & typeof GOOD;

describe("reviveState", () => {
  it("keeps a well-formed file as it is", () => {
    const { state, dropped, newer } = reviveState(clone());
    expect(dropped).toEqual([]);
    expect(newer).toBe(false);
    expect(state).toEqual(GOOD);
  });

  it.each([
    { name: "undefined (no file yet)", raw: undefined, dropped: [] },
    { name: "null", raw: null, dropped: ["(root)"] },
    { name: "an array", raw: [1, 2], dropped: ["(root)"] },
    { name: "a string", raw: "oops", dropped: ["(root)"] },
    { name: "an empty object", raw: {}, dropped: [] },
  ])("starts empty from $name", ({ raw, dropped }) => {
    const got = reviveState(raw);
    expect(got.state).toEqual(emptyState());
    expect(got.dropped).toEqual(dropped);
    expect(got.newer).toBe(false);
  });

  it.each([2, 99])("flags a file from a newer version (schemaVersion %i)", (v) => {
    const got = reviveState({ ...clone(), schemaVersion: v });
    expect(got.newer).toBe(true);
    expect(SCHEMA_VERSION).toBe(1);
  });

  type Case = {
    name: string;
    edit: (raw: ReturnType<typeof clone>) => void;
    dropped: string[];
    check?: (s: ReturnType<typeof reviveState>["state"]) => void;
  };
  const cases: Case[] = [
    {
      name: "a question whose progress is a string",
      edit: (r) => {
        (r.questions as Record<string, unknown>).x = "oops";
      },
      dropped: ["questions.x"],
      check: (s) => expect(Object.keys(s.questions).sort()).toEqual(["501", "502"]),
    },
    {
      name: "a question with a non-numeric attempts",
      edit: (r) => {
        (r.questions["502"] as Record<string, unknown>).attempts = "1";
      },
      dropped: ["questions.502"],
      check: (s) => expect(s.questions["501"]?.attempts).toBe(3),
    },
    {
      name: "questions that are a list",
      edit: (r) => {
        (r as Record<string, unknown>).questions = [1, 2];
      },
      dropped: ["questions"],
      check: (s) => expect(s.questions).toEqual({}),
    },
    {
      name: "one bad history entry",
      edit: (r) => {
        (r.history as unknown[]).splice(1, 0, {
          id: "501",
          at: "yesterday",
          score: 1,
          grade: "good",
          mode: "choice",
        });
      },
      dropped: ["history (some entries)"],
      check: (s) => expect(s.history).toEqual(GOOD.history),
    },
    {
      name: "a history entry with an unknown grade",
      edit: (r) => {
        (r.history[0] as Record<string, unknown>).grade = "perfect";
      },
      dropped: ["history (some entries)"],
      check: (s) => expect(s.history).toEqual(GOOD.history.slice(1)),
    },
    {
      name: "a history that is not a list",
      edit: (r) => {
        (r as Record<string, unknown>).history = { a: 1 };
      },
      dropped: ["history"],
      check: (s) => expect(s.history).toEqual([]),
    },
    {
      name: "a weak topic with a string accuracy",
      edit: (r) => {
        (r.weakTopics as Record<string, unknown>).dns = { accuracy: "low", answers: 2, lastSeen: T };
      },
      dropped: ["weakTopics.dns"],
      check: (s) => expect(Object.keys(s.weakTopics)).toEqual(["etcd"]),
    },
    {
      name: "a streak with a string count",
      edit: (r) => {
        (r.streak as Record<string, unknown>).current = "3";
      },
      dropped: ["streak"],
      check: (s) => expect(s.streak).toEqual({ current: 0, longest: 0 }),
    },
    {
      name: "a daily pick that is a number",
      edit: (r) => {
        (r.daily.picks as Record<string, unknown>)["2026-03-02"] = 502;
      },
      dropped: ["daily.picks.2026-03-02"],
      check: (s) => expect(s.daily).toEqual(GOOD.daily),
    },
    {
      name: "a daily that is a string",
      edit: (r) => {
        (r as Record<string, unknown>).daily = "x";
      },
      dropped: ["daily"],
      check: (s) => expect(s.daily).toEqual({ picks: {} }),
    },
    {
      name: "decks that are not a list",
      edit: (r) => {
        (r as Record<string, unknown>).decks = "docker";
      },
      dropped: ["decks"],
      check: (s) => expect(s.decks).toEqual([]),
    },
  ];
  it.each(cases)("drops $name on its own", ({ edit, dropped, check }) => {
    const raw = clone();
    edit(raw);
    const got = reviveState(raw);
    expect(got.dropped).toEqual(dropped);
    expect(got.newer).toBe(false);
    check?.(got.state);
    // Everything else survives.
    const {
      questions: _q,
      history: _h,
      weakTopics: _w,
      streak: _s,
      daily: _d,
      decks: _k,
      ...rest
    } = got.state;
    const {
      questions: _q2,
      history: _h2,
      weakTopics: _w2,
      streak: _s2,
      daily: _d2,
      decks: _k2,
      ...goodRest
    } = GOOD;
    expect(rest).toEqual(goodRest);
  });

  it("keeps the card of a question and drops a card that is not one", () => {
    const raw = clone();
    (raw.questions["502"] as Record<string, unknown>).card = { due: "tomorrow" };
    const { state } = reviveState(raw);
    expect(state.questions["501"]?.card).toEqual(card);
    expect(state.questions["502"]?.card).toBeUndefined();
    expect(state.questions["502"]?.attempts).toBe(1);
  });

  it("filters non-numbers out of recent and caps it at 5", () => {
    const raw = clone();
    raw.questions["501"].recent = [1, "x", 0, 1, 1, 0.5, 0, null] as unknown as number[];
    expect(reviveState(raw).state.questions["501"]?.recent).toEqual([0, 1, 1, 0.5, 0]);
  });

  it(`bounds the history at ${HISTORY_LIMIT}, keeping the newest`, () => {
    const raw = { ...clone(), history: history(HISTORY_LIMIT + 5) };
    const { state } = reviveState(raw);
    expect(state.history).toHaveLength(5000);
    expect(state.history[0]?.at).toBe(T + 5);
  });
});

describe("reviveState: FSRS cards", () => {
  it.each<[string, Record<string, unknown>]>([
    ["a negative stability", { stability: -5 }],
    ["no stability on a reviewed card", { stability: 0 }],
    ["an unknown state", { state: 99 }],
    ["a fractional state", { state: 1.5 }],
    ["a difficulty as text", { difficulty: "x" }],
    ["a difficulty above 10", { difficulty: 11 }],
    ["reps as text", { reps: "x" }],
    ["negative lapses", { lapses: -1 }],
    ["a missing due", { due: undefined }],
    ["last_review as text", { last_review: "yesterday" }],
    ["a last_review past what a date can hold", { last_review: 1e300 }],
    ["a due past what a date can hold", { due: -1e300 }],
  ])("drops a card with %s, keeping the question's answers", (_name, change) => {
    const raw = clone();
    raw.questions["501"].card = { ...card, ...change } as typeof card;
    const { state, dropped } = reviveState(raw);
    expect(dropped).toEqual(["questions.501.card"]);
    expect(state.questions["501"]).toEqual({
      attempts: 3,
      correct: 2,
      lastAnswered: T,
      lastResult: 1,
      recent: [1, 0, 1],
    });
  });

  it("keeps only the fields ts-fsrs uses", () => {
    const raw = clone();
    raw.questions["501"].card = { ...card, extra: "x" } as typeof card;
    const { state, dropped } = reviveState(raw);
    expect(dropped).toEqual([]);
    expect(state.questions["501"]?.card).toEqual(card);
  });
});

describe("reviveState: settings", () => {
  it("fills missing settings with the defaults", () => {
    const raw = { ...clone(), settings: { newPerDay: 3 } };
    const got = reviveState(raw);
    expect(got.state.settings).toEqual({ ...DEFAULT_SETTINGS, newPerDay: 3 });
    expect(got.dropped).toEqual([]);
  });

  it.each([
    { key: "defaultMode", value: "quiz" },
    { key: "defaultMode", value: 1 },
    { key: "defaultCount", value: "10" },
    { key: "weakThreshold", value: "70%" },
    { key: "newPerDay", value: null },
    { key: "defaultCount", value: Number.NaN },
  ])("drops settings.$key = $value alone and keeps the rest", ({ key, value }) => {
    const raw = clone();
    (raw.settings as Record<string, unknown>)[key] = value;
    const got = reviveState(raw);
    expect(got.dropped).toEqual([`settings.${key}`]);
    expect(got.state.settings).toEqual({
      ...GOOD.settings,
      [key]: DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS],
    });
  });

  // A number the program cannot use is as bad as a string: 70 (meant as a percent) would make every
  // topic weak, a negative count would cut the session from the end.
  it.each([
    { key: "weakThreshold", value: 70 },
    { key: "weakThreshold", value: -0.1 },
    { key: "defaultCount", value: 0 },
    { key: "defaultCount", value: -3 },
    { key: "defaultCount", value: 2.5 },
    { key: "newPerDay", value: -1 },
    { key: "newPerDay", value: 1.5 },
  ])("drops an out-of-range settings.$key = $value", ({ key, value }) => {
    const raw = clone();
    (raw.settings as Record<string, unknown>)[key] = value;
    const got = reviveState(raw);
    expect(got.dropped).toEqual([`settings.${key}`]);
    expect(got.state.settings[key as keyof typeof DEFAULT_SETTINGS]).toBe(
      DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS],
    );
  });

  it("drops settings that are not an object", () => {
    const got = reviveState({ ...clone(), settings: "fast" });
    expect(got.dropped).toEqual(["settings"]);
    expect(got.state.settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe("emptyState", () => {
  it("is a fresh, independent object each time", () => {
    const a = emptyState();
    a.settings.defaultCount = 99;
    a.daily.picks.x = "1";
    expect(emptyState().settings).toEqual(DEFAULT_SETTINGS);
    expect(emptyState().daily.picks).toEqual({});
    expect(DEFAULT_SETTINGS).toEqual({
      defaultMode: "choice",
      defaultCount: 10,
      weakThreshold: 0.7,
      newPerDay: 10,
      desiredRetention: 0.9,
      examDate: "",
    });
  });
});

describe("migrations", () => {
  it("brings a file from before schema versioning up to date, keeping its answers", () => {
    const old = {
      questions: { "502": { attempts: 2, correct: 1, lastAnswered: 1000, lastResult: 1, recent: [0, 1] } },
      weakTopics: ["etcd", "networking"],
    };
    const { state, dropped } = reviveState(old);
    expect(state.schemaVersion).toBe(SCHEMA_VERSION);
    expect(state.questions["502"]?.attempts).toBe(2);
    expect(state.weakTopics).toEqual({});
    expect(dropped).toEqual([]);
  });

  it("has a step for every version below the current one", () => {
    for (let v = 0; v < SCHEMA_VERSION; v++)
      expect(MIGRATIONS[v], `migration from ${v}`).toBeTypeOf("function");
    expect(migrate({ schemaVersion: SCHEMA_VERSION, x: 1 })).toEqual({ schemaVersion: SCHEMA_VERSION, x: 1 });
  });
});
