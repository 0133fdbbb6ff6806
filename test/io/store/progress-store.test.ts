import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { calibration } from "../../../src/core/calibration.js";
import { localDay } from "../../../src/core/dates.js";
import { checkProgress, latestAllowed, legacyProgress } from "../../../src/core/progress-file.js";
import { replayQuestion } from "../../../src/core/replay.js";
import { newIntroduced, type SchedulerParams } from "../../../src/core/schedule.js";
import { emptyState, type HistoryEntry } from "../../../src/core/state.js";
import { setBusyTimeout } from "../../../src/io/store/progress-db.js";
import { openDatabase } from "../../../src/io/store/sqlite.js";
import { type NewAnswer, openStore } from "../../../src/io/store/store.js";
import { progressOf, tempDir } from "../../helpers/bin.js";

// The progress store in process: answers in SQLite, everything else in config.json.

const DAY = 86_400_000;
const T0 = new Date(2026, 2, 10, 12).getTime();

const answer = (id: string, grade: NewAnswer["grade"], at: number, topics = ["internals"]): NewAnswer => ({
  id,
  section: "internals",
  topics,
  score: grade === "again" ? 0 : 1,
  grade,
  mode: "flash",
  cram: false,
  at,
  // The local day, as the store counts days (the UTC date made the streak tests fail east of UTC+12).
  day: localDay(new Date(at)),
});

function store(dir = tempDir()) {
  const warnings: string[] = [];
  return {
    dir,
    warnings,
    s: openStore(
      dir,
      (l) => warnings.push(l),
      () => new Date(T0 + 30 * DAY),
    ),
  };
}

describe("recordAnswer", () => {
  it("logs every answer uncapped and derives the counters and the card", async () => {
    const { s, dir, warnings } = store();
    for (let i = 0; i < 6; i++) await s.recordAnswer(answer("501", i % 2 ? "good" : "again", T0 + i * DAY));
    const p = s.read().questions["501"];
    expect(p).toMatchObject({ attempts: 6, correct: 3, lastResult: 1, recent: [1, 0, 1, 0, 1] });
    expect(p?.card?.reps).toBe(6);
    expect(progressOf(dir).history).toHaveLength(6);
    expect([...s.reviewLog()].map((h) => h.grade)).toEqual([
      "again",
      "good",
      "again",
      "good",
      "again",
      "good",
    ]);
    // The card is what replaying the log through ts-fsrs gives.
    expect(replayQuestion(undefined, [...s.reviewLog()])).toEqual(p);
    expect(warnings).toEqual([]);
  });

  it("undoAnswer takes the last grade back out: the row goes, the card is rebuilt, the streak restored", async () => {
    const { s } = store();
    await s.recordAnswer(answer("501", "good", T0));
    const before = s.read();
    const beforeCard = before.questions["501"];
    const beforeStreak = before.streak;
    const { seq } = await s.recordAnswer(answer("501", "again", T0 + DAY));
    expect(s.read().questions["501"]?.attempts).toBe(2);
    const after = await s.undoAnswer(seq);
    expect(after.questions["501"]).toEqual(beforeCard);
    expect(after.streak).toEqual(beforeStreak);
    expect([...s.reviewLog()]).toHaveLength(1);
  });

  it("two identical answers in the same millisecond (two sessions) both count", async () => {
    const { s } = store();
    await s.recordAnswer(answer("501", "good", T0));
    await s.recordAnswer(answer("501", "good", T0));
    expect(s.totals()).toEqual({ answered: 2, correct: 2 });
    expect([...s.reviewLog()]).toHaveLength(2);
    // And importing its own export adds nothing: the union keeps each answer as often as either side has it.
    const { log } = s.exportProgress();
    expect(await s.importProgress({ log, baselines: {} })).toEqual({ added: 0, duplicates: 2 });
  });

  it("a cram answer counts but leaves the card alone", async () => {
    const { s } = store();
    await s.recordAnswer(answer("501", "good", T0));
    const card = s.read().questions["501"]?.card;
    await s.recordAnswer({ ...answer("501", "again", T0 + 1000), cram: true });
    expect(s.read().questions["501"]).toMatchObject({ attempts: 2, card });
  });

  it("the weak-topic summary in config.json follows the log, and is rebuilt when it lags", async () => {
    const { s, dir } = store();
    for (let i = 0; i < 3; i++) await s.recordAnswer(answer(`50${i}`, "again", T0 + i * 1000, ["etcd"]));
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    expect(Object.keys(config.weakTopics)).toEqual(["etcd"]);
    // A summary gone stale (an old copy put back): the log says otherwise, and wins.
    writeFileSync(
      join(dir, "config.json"),
      JSON.stringify({ ...config, weakTopics: {}, weakTopicsAsOf: undefined }),
    );
    expect(Object.keys(store(dir).s.read().weakTopics)).toEqual(["etcd"]);
  });
});

describe("a database's identity", () => {
  const idOf = (dir: string) => {
    const doc = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    return (Object.values(doc).find((v) => typeof v === "object" && v && "db" in v) as { db: string }).db;
  };

  it("is a random version 4 UUID, one for each database, kept across openings", async () => {
    const a = store();
    const b = store();
    await a.s.recordAnswer(answer("501", "good", T0));
    await b.s.recordAnswer(answer("501", "good", T0));
    const id = idOf(a.dir);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idOf(b.dir)).not.toBe(id);
    await store(a.dir).s.recordAnswer(answer("502", "good", T0 + DAY));
    expect(idOf(a.dir)).toBe(id);
  });
});

describe("answers per range (the heatmap's days)", () => {
  it("counts each range [start, end) on its own, and an answer dated after tomorrow in the range of now", async () => {
    const dir = tempDir();
    const now = T0 + 30 * DAY;
    const s = openStore(
      dir,
      () => {},
      () => new Date(now),
    );
    for (const at of [T0, T0 + 1, T0 + DAY - 1, T0 + DAY, T0 + 3 * DAY, now - 5])
      await s.recordAnswer(answer("501", "good", at));
    const ahead = openStore(
      dir,
      () => {},
      () => new Date(now + 400 * DAY),
    );
    await ahead.recordAnswer(answer("502", "good", now + 400 * DAY));
    const bounds = [T0, T0 + DAY, T0 + 2 * DAY, T0 + 4 * DAY, now - DAY / 2, now + DAY / 2];
    expect(s.answersIn(bounds)).toEqual([3, 1, 1, 0, 2]);
    expect(s.answersIn([T0 - DAY, T0])).toEqual([0]);
    expect(s.answersIn([T0])).toEqual([]);
  });
});

describe("a clock that was ahead (issue 19)", () => {
  it("answers and cards dated after tomorrow read as given now; the streak ignores their day; the log keeps them", async () => {
    const dir = tempDir();
    const Y2099 = new Date(2099, 0, 1, 12).getTime();
    const now = T0 + 30 * DAY;
    const ahead = openStore(
      dir,
      () => {},
      () => new Date(Y2099),
    );
    await ahead.recordAnswer(answer("501", "good", Y2099, ["etcd"]));
    const s = openStore(
      dir,
      () => {},
      () => new Date(now),
    );
    const read = s.read();
    expect([...s.reviewLog()].map((h) => h.at)).toEqual([now]);
    expect(read.questions["501"]?.lastAnswered).toBe(now);
    const card = read.questions["501"]?.card;
    expect(card?.last_review).toBe(now);
    // Its learning step, from now: due today, not in 2099.
    expect(card?.due).toBeGreaterThan(now);
    expect(card?.due).toBeLessThan(now + DAY);
    expect(read.streak).toEqual({ current: 0, longest: 1 });
    expect(s.answersIn([now - DAY, now + 1])).toEqual([1]);
    for (const w of Object.values(read.weakTopics)) expect(w.lastSeen).toBeLessThanOrEqual(now);
    expect(s.exportProgress().log.map((h) => h.at)).toEqual([now]);
    // The next answer is scheduled from the card as read, and starts the streak again.
    await s.recordAnswer(answer("501", "good", now + 60_000));
    const after = s.read();
    expect(after.streak.current).toBe(1);
    expect(after.questions["501"]?.card?.last_review).toBe(now + 60_000);
    // Stored as the clock gave it: a clock that is now behind must not rewrite real history.
    expect(Math.max(...progressOf(dir).history.map((h: HistoryEntry) => h.at))).toBe(Y2099);
    expect(
      [
        ...openStore(
          dir,
          () => {},
          () => new Date(Y2099),
        ).reviewLog(),
      ].map((h) => h.at),
    ).toContain(Y2099);
  });
});

describe("the calibration chart kept in the database", () => {
  const grades: NewAnswer["grade"][] = ["good", "again", "hard", "easy", "good", "good", "again"];
  const fill = async (s: ReturnType<typeof openStore>, from: number, n: number) => {
    for (let i = from; i < from + n; i++)
      await s.recordAnswer(
        answer(String(501 + (i % 13)), grades[i % grades.length] ?? "good", T0 + i * 3_600_000),
      );
  };
  const replayed = (s: ReturnType<typeof openStore>, p: SchedulerParams) =>
    calibration([...s.reviewLog()], p, (id) => s.read().questions[id]?.card?.reps);

  it("matches a full replay, is kept, follows each answer, and is replayed again for other parameters", async () => {
    const { s, dir } = store();
    const p = { retention: 0.9 };
    await fill(s, 0, 60);
    const first = s.calibration(p);
    expect(first).toEqual(replayed(s, p));
    expect(first.reduce((n, b) => n + b.answers, 0)).toBe(60 - 13);
    // Kept: the tables and the stamp are there for the next reader.
    const kept = openDatabase(join(dir, "progress.db"), { readOnly: true });
    expect(kept.prepare("SELECT count(*) AS n FROM calib_point").get()?.n).toBe(47);
    kept.close();
    // Moved on by each answer, and still what a replay gives.
    await fill(s, 60, 25);
    // ...in the database itself, answer by answer, not replayed by this reader.
    const raw = openDatabase(join(dir, "progress.db"), { readOnly: true });
    const at = raw.prepare("SELECT value FROM meta WHERE key = 'calib_at'").get()?.value;
    expect(at).toBe(`0:${raw.prepare("SELECT max(seq) AS s FROM log").get()?.s}`);
    expect(raw.prepare("SELECT count(*) AS n FROM calib_point").get()?.n).toBe(72);
    // ...with the chart's sums moved on too, for the same log: what the reader below draws from.
    const sums = JSON.parse(
      String(raw.prepare("SELECT value FROM meta WHERE key = 'calib_sums'").get()?.value),
    );
    expect(sums).toMatchObject({ at, n: 72 });
    expect(sums.sums.reduce((n: number, b: number[]) => n + (b[0] ?? 0), 0)).toBe(72);
    raw.close();
    const reader = openStore(
      dir,
      () => {},
      () => new Date(T0 + 30 * DAY),
    );
    expect(reader.calibration(p)).toEqual(replayed(reader, p));
    expect(reader.calibration(p).reduce((n, b) => n + b.answers, 0)).toBe(85 - 13);
    // Other parameters (a fit, another retention): replayed, not the kept chart.
    expect(reader.calibration({ retention: 0.8 })).toEqual(replayed(reader, { retention: 0.8 }));
    // An undo changes the log under the kept replay: the replay follows it, and is right.
    const { seq } = await s.recordAnswer(answer("501", "again", T0 + 200 * 3_600_000));
    await s.undoAnswer(seq);
    expect(s.calibration(p)).toEqual(replayed(s, p));
  });

  /** The kept replay's stamp and point count, as the next reader finds them. */
  const keptState = (dir: string) => {
    const raw = openDatabase(join(dir, "progress.db"), { readOnly: true });
    try {
      const meta = (k: string) => raw.prepare("SELECT value FROM meta WHERE key = ?").get(k)?.value;
      const m = raw.prepare("SELECT max(seq) AS s FROM log").get()?.s;
      return {
        current: meta("calib_at") === `${meta("gen") ?? 0}:${m}`,
        points: Number(raw.prepare("SELECT count(*) AS n FROM calib_point").get()?.n),
        sumsAt: JSON.parse(String(meta("calib_sums") ?? "{}")).at,
        at: meta("calib_at"),
      };
    } finally {
      raw.close();
    }
  };

  it("follows an undo question by question, so the next stats replays nothing", async () => {
    const { s, dir } = store();
    const p = { retention: 0.9 };
    await fill(s, 0, 60);
    s.calibration(p);
    expect(keptState(dir)).toMatchObject({ current: true, points: 47 });
    // The newest answer taken back: its point goes, and the chart is a full replay's.
    const last = await s.recordAnswer(answer("503", "again", T0 + 100 * 3_600_000));
    expect(keptState(dir).points).toBe(48);
    await s.undoAnswer(last.seq);
    let k = keptState(dir);
    expect(k).toMatchObject({ current: true, points: 47 });
    expect(k.sumsAt).toBe(k.at);
    const reader = () =>
      openStore(
        dir,
        () => {},
        () => new Date(T0 + 30 * DAY),
      );
    expect(reader().calibration(p)).toEqual(replayed(s, p));
    // An answer from the middle of a question's history: every later point of that question changes.
    const middle = await s.recordAnswer(answer("501", "easy", T0 + 20.5 * 3_600_000));
    expect(keptState(dir).current).toBe(false); // dated before the card's last review: dropped...
    s.calibration(p); // ...and made again by the next chart
    expect(keptState(dir).current).toBe(true);
    await s.undoAnswer(middle.seq);
    k = keptState(dir);
    expect(k.current).toBe(true);
    expect(k.points).toBe(47);
    expect(reader().calibration(p)).toEqual(replayed(s, p));
    // A --cram answer taken back leaves the points as they are.
    const cram = await s.recordAnswer({ ...answer("505", "good", T0 + 101 * 3_600_000), cram: true });
    await s.undoAnswer(cram.seq);
    expect(keptState(dir)).toMatchObject({ current: true, points: 47 });
    expect(reader().calibration(p)).toEqual(replayed(s, p));
  });

  it("is made again by an import and by new scheduler parameters, not by the next stats", async () => {
    const { s, dir } = store();
    await fill(s, 0, 30);
    s.calibration({ retention: 0.9 });
    const theirs: HistoryEntry[] = Array.from({ length: 40 }, (_, i) => ({
      id: String(520 + (i % 7)),
      at: T0 + i * 5_400_000,
      score: i % 3 ? 1 : 0,
      grade: i % 3 ? "good" : "again",
      mode: "flash",
      section: "internals",
      topics: ["internals"],
      scheduled: true,
    }));
    await s.importProgress({ log: theirs, baselines: {} });
    expect(keptState(dir).current).toBe(true);
    expect(keptState(dir).points).toBe(30 - 13 + 40 - 7);
    const reader = openStore(
      dir,
      () => {},
      () => new Date(T0 + 30 * DAY),
    );
    expect(reader.calibration({ retention: 0.9 })).toEqual(replayed(reader, { retention: 0.9 }));
    // Another desired retention: the replay is made for it by the change itself.
    await s.update((st) => ({ ...st, settings: { ...st.settings, desiredRetention: 0.8 } }));
    const raw = openDatabase(join(dir, "progress.db"), { readOnly: true });
    expect(raw.prepare("SELECT value FROM meta WHERE key = 'calib_key'").get()?.value).toBe(
      JSON.stringify({ retention: 0.8 }),
    );
    raw.close();
    expect(keptState(dir).current).toBe(true);
    // A change that leaves the parameters alone replays nothing.
    await s.update((st) => ({ ...st, settings: { ...st.settings, newPerDay: 4 } }));
    expect(keptState(dir).current).toBe(true);
  });

  it("an answer dated before its card's last review drops the kept replay instead of bending it", async () => {
    const { s } = store();
    const p = { retention: 0.9 };
    await fill(s, 0, 40);
    s.calibration(p);
    await s.recordAnswer(answer("501", "again", T0 - DAY));
    expect(s.calibration(p)).toEqual(replayed(s, p));
  });
});

describe("the weak topics after each answer", () => {
  it("worked out from the answer's own topics, they are what the whole log gives", async () => {
    const { s, dir } = store();
    const topics = ["etcd", "dns", "rbac", "cni", "csi"];
    const grades: NewAnswer["grade"][] = ["again", "good", "again", "hard", "easy", "again", "good"];
    for (let i = 0; i < 120; i++) {
      const t = [topics[i % 5] as string, topics[(i * 3) % 5] as string];
      await s.recordAnswer(answer(String(501 + (i % 17)), grades[(i * 5) % 7] ?? "good", T0 + i * 60_000, t));
      if (i === 60) await s.update((x) => ({ ...x, settings: { ...x.settings, weakThreshold: 0.7 } }));
    }
    const after = s.read().weakTopics;
    expect(Object.keys(after).length).toBeGreaterThan(0);
    // From scratch: no summary, so every topic is judged again from the log.
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    writeFileSync(
      join(dir, "config.json"),
      JSON.stringify({ ...config, weakTopics: {}, weakTopicsAsOf: undefined }),
    );
    expect(store(dir).s.read().weakTopics).toEqual(after);
  });
});

describe("introducedSince", () => {
  it("the questions first scheduled since a moment, as the history says, cram answers aside", async () => {
    const { s } = store();
    const day = T0 + 10 * DAY;
    await s.recordAnswer(answer("501", "good", day - DAY));
    await s.recordAnswer(answer("501", "good", day + 1000));
    await s.recordAnswer({ ...answer("502", "good", day - DAY), cram: true });
    await s.recordAnswer(answer("502", "again", day + 2000));
    await s.recordAnswer(answer("503", "hard", day + 3000));
    await s.recordAnswer(answer("503", "good", day + 4000));
    await s.recordAnswer({ ...answer("504", "good", day + 5000), cram: true });
    expect([...s.introducedSince(day)].sort()).toEqual(["502", "503"]);
    expect(s.introducedSince(day).size).toBe(newIntroduced(s.read(), day));
    expect([...s.introducedSince(day - DAY)].sort()).toEqual(["501", "502", "503"]);
    expect(s.introducedSince(day + DAY).size).toBe(0);
  });
});

describe("update", () => {
  it("keeps any field it does not know through every rewrite, and removes one a caller drops", async () => {
    const { s, dir } = store();
    await s.update(
      (st) => ({ ...st, bookmarks: ["501"], futureField: { "501:0": ["the api server"] } }) as never,
    );
    await s.recordAnswer(answer("501", "again", T0));
    await s.recordAnswer(answer("502", "again", T0 + 1, ["internals"]));
    await s.update((st) => ({ ...st, settings: { ...st.settings, newPerDay: 3 } }));
    const raw = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    expect(raw.bookmarks).toEqual(["501"]);
    expect(raw.futureField).toEqual({ "501:0": ["the api server"] });
    expect(raw.settings.newPerDay).toBe(3);
    expect(raw.questions).toBeUndefined();
    expect((s.read() as unknown as { bookmarks: string[] }).bookmarks).toEqual(["501"]);
    await s.update((st) => {
      const { bookmarks: _, ...rest } = st as unknown as Record<string, unknown>;
      return rest as never;
    });
    expect(JSON.parse(readFileSync(join(dir, "config.json"), "utf8")).bookmarks).toBeUndefined();
  });

  it("clears copies a killed writer left behind, and only those", async () => {
    const { s, dir } = store();
    // pid 2^22 + 1 is above the largest pid_max Linux allows: no process can have it.
    const dead = join(dir, "config.json.tmp-4194305-abcdef");
    const live = join(dir, `config.json.tmp-${process.pid}-keep`);
    const deadDb = join(dir, "progress.db.new-4194305-abcdef");
    for (const f of [dead, live, deadDb]) writeFileSync(f, "left over");
    await s.update((st) => ({ ...st, settings: { ...st.settings, newPerDay: 2 } }));
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(deadDb)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  it("refuses to change progress: that goes through the log", async () => {
    const { s } = store();
    await expect(s.update((st) => ({ ...st, history: [] }))).rejects.toThrow(/recordAnswer/);
  });

  it("reading never creates the database, and a missing one is no progress", () => {
    const { s, dir } = store();
    expect(s.read().questions["501"]).toBeUndefined();
    expect(s.hasProgress()).toBe(false);
    expect(Object.keys(s.read().questions)).toEqual([]);
    expect(existsSync(join(dir, "progress.db"))).toBe(false);
  });
});

describe("import", () => {
  it("the union of answers: the same answer twice counts once, and totals add up", async () => {
    const { s } = store();
    await s.recordAnswer(answer("501", "good", T0));
    const log: HistoryEntry[] = [...s.reviewLog()];
    const theirs = { ...log[0], at: T0 + DAY, grade: "again", score: 0 } as HistoryEntry;
    const r = await s.importProgress({ log: [...log, theirs], baselines: {} });
    expect(r).toEqual({ added: 1, duplicates: 1 });
    expect(s.totals()).toEqual({ answered: 2, correct: 1 });
    expect(s.read().questions["501"]?.card?.reps).toBe(2);
  });

  it("30,000 answers go in, in one transaction", async () => {
    const { s } = store();
    const log: HistoryEntry[] = Array.from({ length: 30_000 }, (_, i) => ({
      id: `big:${i % 10_000}`,
      at: T0 + i * 1000,
      score: 1,
      grade: "good",
      mode: "flash",
      section: "big",
      topics: ["big"],
      scheduled: true,
    }));
    expect(await s.importProgress({ log, baselines: {} })).toEqual({ added: 30_000, duplicates: 0 });
    expect(s.totals().answered).toBe(30_000);
    expect(s.read().questions["big:7"]?.attempts).toBe(3);
  }, 120_000);
});

describe("checkProgress: imported values are range-checked", () => {
  const now = new Date(T0);
  const good = { id: "501", at: T0, score: 1, grade: "good", mode: "flash", section: "s", topics: [] };
  it.each([
    ["a date past tomorrow", { ...good, at: latestAllowed(now) + 1 }],
    ["a date no Date can hold", { ...good, at: 1e300 }],
    ["an unknown grade", { ...good, grade: "great" }],
    ["a score above 1", { ...good, score: 1e308 }],
    ["a negative score", { ...good, score: -1 }],
    ["no id", { ...good, id: "" }],
    ["a date before the clock's floor (1970)", { ...good, at: -8e15 }],
    ["a section that is not text", { ...good, section: 5 }],
    ["topics that are not text", { ...good, topics: [1, 2, {}] }],
  ])("drops %s and counts it", (_what, bad) => {
    const r = checkProgress({ log: [good, bad], baselines: {} }, now);
    expect(r.set.log).toEqual([good]);
    expect(r.dropped).toBe(1);
  });

  it("drops a streak longer than the days since 1970, or whose current run passes its longest", () => {
    for (const streak of [
      { current: 1, longest: 1e9 },
      { current: 5, longest: 3 },
    ]) {
      const r = checkProgress({ log: [], baselines: {}, streak }, now);
      expect(r.set.streak).toBeUndefined();
      expect(r.dropped).toBe(1);
    }
    expect(
      checkProgress({ log: [], baselines: {}, streak: { current: 3, longest: 40 } }, now).set.streak,
    ).toEqual({
      current: 3,
      longest: 40,
    });
  });

  it("two answers from long before 1970 are dropped, and the import of the rest works (it threw a RangeError)", async () => {
    const { s } = store();
    const ancient = [
      { ...good, id: "501", at: -8e15 },
      { ...good, id: "503", at: -1e15 },
    ];
    const checked = checkProgress({ log: [...ancient, good], baselines: {} }, new Date(T0 + 30 * DAY));
    expect(checked.dropped).toBe(2);
    expect(await s.importProgress(checked.set)).toEqual({ added: 1, duplicates: 0 });
  });

  it("an imported answer dated tomorrow does not end the streak tomorrow: today's answers extend it", async () => {
    const { s } = store();
    const today = T0 + 30 * DAY;
    await s.recordAnswer(answer("501", "good", today - DAY));
    await s.importProgress({ log: [{ ...good, id: "510", at: today + DAY } as HistoryEntry], baselines: {} });
    expect(s.read().streak.current).toBe(1);
    await s.recordAnswer(answer("502", "good", today));
    expect(s.read().streak.current).toBe(2);
  });

  it("drops baselines with counts of 1e308, negative counts or a bad card", () => {
    const base = { attempts: 3, correct: 1, lastAnswered: T0, lastResult: 1, recent: [1], throughAt: T0 };
    const r = checkProgress(
      {
        log: [],
        baselines: {
          a: base,
          b: { ...base, attempts: 1e308 },
          c: { ...base, correct: -2 },
          d: { ...base, card: { due: 1e300 } },
        },
        streak: { current: 1e308, longest: 2 },
      },
      now,
    );
    expect(Object.keys(r.set.baselines)).toEqual(["a"]);
    expect(r.set.streak).toBeUndefined();
    expect(r.dropped).toBe(4);
  });

  it("a version-1 state becomes log rows plus baselines that replay to its exact figures", () => {
    const state = emptyState();
    const card = {
      due: T0 + DAY,
      stability: 3,
      difficulty: 5,
      elapsed_days: 1,
      scheduled_days: 1,
      learning_steps: 0,
      reps: 9,
      lapses: 1,
      state: 2,
      last_review: T0,
    };
    state.questions["501"] = {
      attempts: 9,
      correct: 5,
      lastAnswered: T0,
      lastResult: 1,
      recent: [0, 1, 1, 0, 1],
      card,
    };
    state.history = [{ ...good, grade: "good", mode: "flash", scheduled: true } as HistoryEntry];
    const set = legacyProgress(state, true);
    expect(replayQuestion(set.baselines["501"], set.log)).toEqual(state.questions["501"]);
  });
});

describe("a database another program holds busy (issue 15: no session runs unsaved)", () => {
  afterEach(() => setBusyTimeout(15_000));

  /** A second connection holding the write lock, as an sqlite3 shell inside BEGIN IMMEDIATE does. */
  const holdLock = (dir: string) => {
    const other = openDatabase(join(dir, "progress.db"));
    other.exec("BEGIN IMMEDIATE");
    return () => {
      other.exec("ROLLBACK");
      other.close();
    };
  };
  const logged = (dir: string) => progressOf(dir).history.map((h) => h.id);

  it("keeps the answers while the lock is held and saves them all, in order, once it is free", async () => {
    setBusyTimeout(50);
    const { s, dir, warnings } = store();
    await s.recordAnswer(answer("501", "good", T0));
    const release = holdLock(dir);
    await s.recordAnswer(answer("502", "good", T0 + 1000));
    const kept = await s.recordAnswer(answer("503", "again", T0 + 2000));
    expect(warnings).toEqual([expect.stringMatching(/SQLITE_BUSY.*kept and saved as soon as it is free/)]);
    expect(s.read().questions["503"]?.attempts).toBe(1);
    release();
    await s.recordAnswer(answer("504", "good", T0 + 3000));
    expect(warnings[1]).toMatch(/is free again: the answers kept meanwhile are saved/);
    expect(logged(dir)).toEqual(["501", "502", "503", "504"]);
    // An answer kept while busy and saved since is undone in the database, under its saved seq.
    await s.undoAnswer(kept.seq);
    expect(logged(dir)).toEqual(["501", "502", "504"]);
    // And the session saves as before.
    await s.recordAnswer(answer("505", "good", T0 + 4000));
    expect(logged(dir)).toEqual(["501", "502", "504", "505"]);
    expect(warnings).toHaveLength(2);
  });

  it("at the session's end, waits once more; what stays unsaved is said in one line", async () => {
    setBusyTimeout(50);
    const { s, dir, warnings } = store();
    await s.recordAnswer(answer("501", "good", T0));
    let release = holdLock(dir);
    await s.recordAnswer(answer("502", "good", T0 + 1000));
    await s.recordAnswer(answer("503", "good", T0 + 2000));
    s.settle();
    expect(warnings.at(-1)).toMatch(
      /2 answers of this session could not be saved: .*stayed busy \(SQLITE_BUSY\)/,
    );
    release();
    // Free by the end of another session: its answers and the kept ones are saved there.
    release = holdLock(dir);
    await s.recordAnswer(answer("504", "good", T0 + 3000));
    release();
    s.settle();
    expect(logged(dir)).toEqual(["501", "502", "503", "504"]);
  });

  it("a change other than an answer saves what waits if it can, and else says they are not saved", async () => {
    setBusyTimeout(50);
    const { s, dir, warnings } = store();
    await s.recordAnswer(answer("501", "good", T0));
    let release = holdLock(dir);
    await s.recordAnswer(answer("502", "good", T0 + 1000));
    release();
    // Free by the time of a flag (an update of config.json): what waited is saved first.
    await s.update((st) => ({ ...st, settings: { ...st.settings, newPerDay: 4 } }));
    expect(logged(dir)).toEqual(["501", "502"]);
    expect(warnings.at(-1)).toMatch(/is free again/);
    // Still held at the time of the change: one line says the kept answers are not saved.
    release = holdLock(dir);
    await s.recordAnswer(answer("503", "good", T0 + 2000));
    await s.update((st) => ({ ...st, settings: { ...st.settings, newPerDay: 5 } }));
    expect(warnings.at(-1)).toMatch(/1 answer kept while .* was busy cannot be saved now/);
    release();
    // An undo of an answer the database already has, while one waits, says so too.
    const { s: t, dir: d2, warnings: w2 } = store();
    const first = await t.recordAnswer(answer("501", "good", T0));
    const hold = holdLock(d2);
    await t.recordAnswer(answer("502", "good", T0 + 1000));
    await t.undoAnswer(first.seq);
    expect(w2.at(-1)).toMatch(/1 answer kept while .* was busy cannot be saved now/);
    hold();
  });

  it("an answer undone while it waits is never saved", async () => {
    setBusyTimeout(50);
    const { s, dir } = store();
    await s.recordAnswer(answer("501", "good", T0));
    const release = holdLock(dir);
    const kept = await s.recordAnswer(answer("502", "again", T0 + 1000));
    await s.undoAnswer(kept.seq);
    release();
    await s.recordAnswer(answer("503", "good", T0 + 2000));
    expect(logged(dir)).toEqual(["501", "503"]);
  });
});
