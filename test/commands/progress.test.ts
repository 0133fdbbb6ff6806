import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { updateWeakTopics } from "../../src/core/progress.js";
import type { HistoryEntry } from "../../src/core/state.js";
import { BIN, configOf, fails, feed, ok, ROOT, runBin, tempDir } from "../helpers/bin.js";
import { spawnPty } from "../helpers/pty.js";

// `progress export` and `progress import`: two machines, A and B, that studied apart and now merge.

interface Progress {
  attempts: number;
  correct: number;
  lastAnswered: number;
  lastResult: number;
  recent: number[];
  card?: { due: number; reps: number };
}
interface History {
  id: string;
  at: number;
  score: number;
}
interface Config {
  schemaVersion: number;
  questions: Record<string, Progress>;
  history: History[];
  weakTopics: Record<string, { accuracy: number; lastSeen: number }>;
  streak: { current: number; longest: number; lastDay?: string };
  daily: { picks: Record<string, string> };
  settings: { defaultCount: number };
  decks: { name: string; path: string }[];
}

const keyOf = (h: History) => `${h.id}@${h.at}`;

/** Answers a scripted practice session: "r" right, "w" wrong, per question in order. */
function practise(dir: string, section: string, pattern: string): void {
  const args = ["practice", "-s", section, "--order", "deck", "-n", String(pattern.length), "--seed", "1"];
  const probe = runBin([...args, "--json", "--dry-run"], {
    configDir: dir,
    input: feed([...pattern].map(() => "a")),
  });
  const right = (JSON.parse(ok(probe)) as { questions: { expected: string }[] }).questions.map(
    (q) => q.expected,
  );
  const answers = [...pattern].map((c, i) => {
    const r = right[i] ?? "a";
    return c === "r" ? r : r === "a" ? "b" : "a";
  });
  ok(runBin(args, { configDir: dir, input: feed(answers) }));
}

/** One daily question on a past day, answered "a": history with an old timestamp. */
function daily(dir: string, date: string): string {
  const r = runBin(["daily", "--date", date, "--seed", "1", "--json"], {
    configDir: dir,
    input: feed(["a"]),
  });
  return (JSON.parse(ok(r)) as { session: { id: string } }).session.id;
}

let A: string;
let B: string;
let a: Config;
let b: Config;
let exported: string;

beforeAll(() => {
  expect(existsSync(BIN), "run npm run build first").toBe(true);
  A = tempDir("k8s-quiz-a-");
  B = tempDir("k8s-quiz-b-");
  // Old answers first, so every later answer is newer than them on both machines.
  daily(A, "2024-03-01");
  daily(B, "2024-03-02");
  practise(A, "internals", "wr"); // A: 501 wrong, 502 right
  practise(B, "internals", "r"); // B: 501 right, after A
  practise(B, "internals", "r"); // B: 501 right again: 2 attempts, newer than A's
  practise(B, "networking", "rr"); // B: 531, 532
  practise(A, "networking", "w"); // A: 531 wrong, after B's
  ok(runBin(["config", "set", "defaultCount", "5"], { configDir: A }));
  ok(runBin(["config", "set", "defaultCount", "7"], { configDir: B }));
  ok(
    runBin(["deck", "add", join(ROOT, "test", "fixtures", "user-decks", "plain-list.md")], { configDir: B }),
  );
  a = configOf<Config>(A);
  b = configOf<Config>(B);
  exported = join(tempDir(), "b-progress.json");
  // Seven runs of the bin, on a machine that may be busy.
}, 120_000);

describe("the two machines before the merge", () => {
  it("answered different questions, and some of the same at different times", () => {
    expect(a.questions["501"]).toMatchObject({ attempts: 1, correct: 0 });
    expect(b.questions["501"]).toMatchObject({ attempts: 2, correct: 2 });
    expect(b.questions["501"]?.lastAnswered).toBeGreaterThan(a.questions["501"]?.lastAnswered ?? 0);
    expect(a.questions["531"]).toMatchObject({ attempts: 1, correct: 0 });
    expect(b.questions["531"]).toMatchObject({ attempts: 1, correct: 1 });
    expect(a.questions["531"]?.lastAnswered).toBeGreaterThan(b.questions["531"]?.lastAnswered ?? 0);
    expect(a.questions["502"]).toBeDefined();
    expect(b.questions["502"]).toBeUndefined();
    expect(b.questions["532"]).toBeDefined();
    expect(a.questions["532"]).toBeUndefined();
    // No answer happened at the same moment on both, so the union of histories is their sum.
    const keys = new Set(a.history.map(keyOf));
    for (const h of b.history) expect(keys.has(keyOf(h))).toBe(false);
  });
});

describe("progress export", () => {
  it("prints the review log, cards, streak and settings as a tagged JSON document on stdout", () => {
    const doc = JSON.parse(ok(runBin(["progress", "export"], { configDir: B }))) as {
      format: string;
      version: number;
      exportedAt: string;
      log: History[];
      cards: Record<string, unknown>;
      streak: Config["streak"];
      settings: Config["settings"];
    };
    expect(doc.format).toBe("k8s-quiz-progress");
    expect(doc.version).toBe(2);
    expect(Number.isNaN(Date.parse(doc.exportedAt))).toBe(false);
    expect(doc.log).toEqual(b.history);
    const cards = Object.fromEntries(
      Object.entries(b.questions).flatMap(([id, p]) => (p.card ? [[id, p.card]] : [])),
    );
    expect(doc.cards).toEqual(cards);
    expect(doc.streak).toEqual(b.streak);
    expect(doc.settings).toEqual(b.settings);
  });

  it("-o writes the file and says so on stderr", () => {
    const r = runBin(["progress", "export", "-o", exported], { configDir: B });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`Exported ${b.history.length} answers to ${exported}\n`);
    expect(JSON.parse(readFileSync(exported, "utf8")).log).toEqual(b.history);
  });

  it("-o into a missing directory exits 1 in one line", () => {
    const err = fails(
      runBin(["progress", "export", "-o", join(tempDir(), "no", "x.json")], { configDir: B }),
      1,
    );
    expect(err).toContain("x.json");
  });
});

describe("progress import", () => {
  let merged: Config;
  let firstOut: string;
  beforeAll(() => {
    firstOut = ok(runBin(["progress", "import", exported], { configDir: A }));
    merged = configOf<Config>(A);
  });

  it("reports what came in", () => {
    // The line is wrapped to the terminal's width (80 without one): compare the words.
    expect(firstOut.replace(/\s+/g, " ").trim()).toBe(
      `Imported ${exported}: ${b.history.length} new answers, 0 already here; ` +
        `${a.history.length + b.history.length} answers in all now.`,
    );
  });

  // Issue 15: "the newer side wins" lost answers (8 became 6). Now every answer of both sides counts.
  it("keeps every question from both sides, with the answers of both counted", () => {
    const ids = [...new Set([...Object.keys(a.questions), ...Object.keys(b.questions)])].sort();
    expect(Object.keys(merged.questions).sort()).toEqual(ids);
    for (const id of ids) {
      const ours = a.questions[id];
      const theirs = b.questions[id];
      expect(merged.questions[id]?.attempts, id).toBe((ours?.attempts ?? 0) + (theirs?.attempts ?? 0));
      expect(merged.questions[id]?.correct, id).toBe((ours?.correct ?? 0) + (theirs?.correct ?? 0));
      expect(merged.questions[id]?.lastAnswered, id).toBe(
        Math.max(ours?.lastAnswered ?? 0, theirs?.lastAnswered ?? 0),
      );
    }
    // The cases set up on purpose, spelled out: A answered 501 wrong, then B right twice.
    expect(merged.questions["501"]).toMatchObject({
      attempts: 3,
      correct: 2,
      lastResult: 1,
      recent: [0, 1, 1],
    });
    expect(merged.questions["531"]).toMatchObject({ attempts: 2, correct: 1, lastResult: 0 });
    expect(merged.questions["502"]).toEqual(a.questions["502"]);
    expect(merged.questions["532"]).toEqual(b.questions["532"]);
    // The card is the replay of every answer, so it has seen all three.
    expect(merged.questions["501"]?.card?.reps).toBe(3);
  });

  it("unites the histories: nothing lost, nothing doubled, oldest first", () => {
    expect(merged.history).toHaveLength(a.history.length + b.history.length);
    for (const h of [...a.history, ...b.history]) expect(merged.history).toContainEqual(h);
    const ats = merged.history.map((h) => h.at);
    expect(ats).toEqual([...ats].sort((x, y) => x - y));
    expect(new Set(merged.history.map(keyOf)).size).toBe(merged.history.length);
  });

  it("derives the weak topics from the merged log, keeps the best streak and both days' daily picks", () => {
    const topics = [...new Set(merged.history.flatMap((h) => (h as unknown as { topics: string[] }).topics))];
    const expected = updateWeakTopics({}, merged.history as unknown as HistoryEntry[], topics, 0.7);
    expect(merged.weakTopics).toEqual(expected);
    expect(merged.streak.longest).toBeGreaterThanOrEqual(Math.max(a.streak.longest, b.streak.longest));
    // Derived from the merged days: A's 2024-03-01 and B's 2024-03-02 make a two-day run.
    expect(merged.streak.longest).toBe(2);
    expect(merged.daily.picks).toMatchObject({ ...b.daily.picks, ...a.daily.picks });
    expect(Object.keys(merged.daily.picks)).toEqual(
      expect.arrayContaining(["2024-03-01", "2024-03-02", ...Object.keys(a.daily.picks)]),
    );
  });

  it("leaves this machine's settings and registered decks alone", () => {
    expect(merged.settings).toEqual(a.settings);
    expect(merged.settings.defaultCount).toBe(5);
    expect(merged.decks).toEqual([]);
    expect(merged.schemaVersion).toBe(a.schemaVersion);
  });

  it("is idempotent: importing the same file again changes nothing", () => {
    const out = ok(runBin(["progress", "import", exported], { configDir: A }));
    expect(out).toContain(" 0 new answers,");
    expect(configOf<Config>(A)).toEqual(merged);
  });

  it.each([
    ["with a UTF-8 byte-order mark", (t: string) => Buffer.from(`\uFEFF${t}`, "utf8")],
    ["as UTF-16 with its byte-order mark", (t: string) => Buffer.from(`\uFEFF${t}`, "utf16le")],
  ])("takes the file saved again %s, as it is", (_name, encode) => {
    const file = join(tempDir(), "resaved.json");
    writeFileSync(file, encode(readFileSync(exported, "utf8")));
    const C = tempDir("k8s-quiz-c-");
    ok(runBin(["progress", "import", file], { configDir: C }));
    expect(configOf<Config>(C).history).toEqual(b.history);
  });

  it("- reads the export from stdin, as `progress export | progress import -` gives it", () => {
    const C = tempDir("k8s-quiz-c-");
    const out = ok(
      runBin(["progress", "import", "-"], { configDir: C, input: readFileSync(exported, "utf8") }),
    );
    expect(out).toMatch(/^Imported stdin: /);
    expect(configOf<Config>(C).history).toEqual(b.history);
    const r = runBin(["progress", "import", "-"], { configDir: C, input: "{}" });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("k8s-quiz: stdin: not a k8s-quiz progress export (see k8s-quiz progress export)\n");
  });

  it("- from a terminal says to pipe an export in, instead of waiting for one", async () => {
    const s = spawnPty(["progress", "import", "-"], { configDir: tempDir("k8s-quiz-c-") });
    expect((await s.exit).exitCode).toBe(1);
    expect(s.text()).toContain("k8s-quiz: progress import -: stdin is a terminal; pipe an export into it");
  });

  it("into a fresh machine gives exactly the exported progress", () => {
    const C = tempDir("k8s-quiz-c-");
    ok(runBin(["progress", "import", exported], { configDir: C }));
    const c = configOf<Config>(C);
    expect(c.questions).toEqual(b.questions);
    expect(c.history).toEqual(b.history);
    expect(c.weakTopics).toEqual(b.weakTopics);
    expect(c.streak).toEqual(b.streak);
    expect(c.decks).toEqual([]);
  });

  it("then shows up in stats: every question seen on either side, every answer of both", () => {
    const stats = JSON.parse(ok(runBin(["stats", "--json"], { configDir: A }))) as {
      totals: { answered: number; questionsSeen: number };
    };
    const attempts = Object.values(merged.questions).reduce((n, p) => n + p.attempts, 0);
    expect(stats.totals.answered).toBe(attempts);
    expect(attempts).toBe(a.history.length + b.history.length);
    expect(stats.totals.questionsSeen).toBe(Object.keys(merged.questions).length);
  });
});

describe("progress import of a partly damaged file", () => {
  it("merges what is valid and counts what it dropped in its one-line report", () => {
    const dir = tempDir();
    const good = { attempts: 1, correct: 1, lastAnswered: 1000, lastResult: 1, recent: [1] };
    const entry = {
      id: "501",
      at: 1000,
      score: 1,
      grade: "good",
      mode: "choice",
      section: "internals",
      topics: [],
    };
    const file = join(tempDir(), "damaged.json");
    writeFileSync(
      file,
      JSON.stringify({
        format: "k8s-quiz-progress",
        state: {
          schemaVersion: 1,
          questions: { "501": good, "502": { attempts: "many" } },
          history: [entry, { id: "502" }],
        },
      }),
    );
    const r = runBin(["progress", "import", file], { configDir: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.replace(/\s+/g, " ").trim()).toBe(
      `Imported ${file}: 1 new answer, 0 already here, 2 bad entries dropped; 1 answer in all now.`,
    );
    const c = configOf<Config>(dir);
    expect(c.questions).toEqual({ "501": good });
    expect(c.history).toEqual([entry]);
  });
});

describe("progress export and import carry accepted phrasings and flagged questions", () => {
  const DAY = 86_400_000;
  const t = Date.now() - 10 * DAY;
  /** A machine that answered once and keeps these phrasings and flags in its config.json. */
  function machine(phrasings: unknown[], flagged: Record<string, number>): string {
    const dir = tempDir();
    practise(dir, "internals", "r");
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    writeFileSync(join(dir, "config.json"), JSON.stringify({ ...config, phrasings, flagged }));
    return dir;
  }
  const phrasing = (id: string, question: string, point: string, phrases: string[], at = t) => ({
    id,
    question,
    point,
    phrases,
    at,
  });

  it("export writes them; import unites them with this machine's, each once, and again adds nothing", () => {
    const there = machine(
      [
        phrasing("1", "501", "watch", ["keeps an eye on the api"]),
        phrasing("2", "502", "leader", ["one at a time", "takes turns"]),
      ],
      { "501": t, "533": t + 1000 },
    );
    const here = machine([phrasing("1", "502", "leader", ["takes turns"])], { "501": t + 5000, "540": t });
    const file = join(tempDir(), "there.json");
    expect(runBin(["progress", "export", "-o", file], { configDir: there }).code).toBe(0);
    const doc = JSON.parse(readFileSync(file, "utf8"));
    expect(doc.flagged).toEqual({ "501": t, "533": t + 1000 });
    expect(doc.phrasings.map((p: { phrases: string[] }) => p.phrases)).toEqual([
      ["keeps an eye on the api"],
      ["one at a time", "takes turns"],
    ]);

    const first = ok(runBin(["progress", "import", file], { configDir: here }));
    expect(first.replace(/\s+/g, " ")).toMatch(/, 1 new flag, 2 new accepted phrasings;/);
    const c = configOf<{ flagged: Record<string, number>; phrasings: ReturnType<typeof phrasing>[] }>(here);
    // This machine's flag of 501 keeps its own time; 533 comes in; 540 stays.
    expect(c.flagged).toEqual({ "501": t + 5000, "533": t + 1000, "540": t });
    const accepted = (q: string, point: string) =>
      c.phrasings.filter((p) => p.question === q && p.point === point).flatMap((p) => p.phrases);
    expect(accepted("502", "leader").sort()).toEqual(["one at a time", "takes turns"]);
    expect(accepted("501", "watch")).toEqual(["keeps an eye on the api"]);
    // Each with an id of its own, as `phrasings --remove ID` needs.
    expect(new Set(c.phrasings.map((p) => p.id)).size).toBe(c.phrasings.length);
    // They show where the learner looks for them.
    const flagged = JSON.parse(ok(runBin(["flagged", "--json"], { configDir: here })));
    expect(flagged.flagged.map((f: { id: string }) => f.id).sort()).toEqual(["501", "533", "540"]);

    const again = ok(runBin(["progress", "import", file], { configDir: here }));
    expect(again).not.toMatch(/new flag|new accepted phrasing/);
    expect(configOf(here)).toEqual(c);
  });

  it("drops and counts flags and phrasings out of range, and keeps the rest", () => {
    const here = tempDir();
    const file = join(tempDir(), "bad-extras.json");
    writeFileSync(
      file,
      JSON.stringify({
        format: "k8s-quiz-progress",
        version: 2,
        log: [],
        flagged: { "501": t, "502": 9e15, "503": Date.now() + 30 * DAY, "": t, "504": "yesterday" },
        phrasings: [
          phrasing("1", "501", "watch", ["fine words"]),
          phrasing("2", "501", "watch", ["  "]),
          phrasing("3", "501", "watch", ["x".repeat(5000)]),
          phrasing("4", "501", "watch", ["later"], Date.now() + 30 * DAY),
          { id: "5", question: 501, point: "watch", phrases: ["a number for an id"], at: t },
          "not a phrasing",
        ],
      }),
    );
    const r = runBin(["progress", "import", file], { configDir: here });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, " ").trim()).toBe(
      `Imported ${file}: 0 new answers, 0 already here, 1 new flag, 1 new accepted phrasing, 9 bad entries dropped; 0 answers in all now.`,
    );
    const c = configOf<{ flagged: Record<string, number>; phrasings: { phrases: string[] }[] }>(here);
    expect(c.flagged).toEqual({ "501": t });
    expect(c.phrasings.map((p) => p.phrases)).toEqual([["fine words"]]);
  });
});

describe("progress import refuses", () => {
  const untouched = (dir: string, run: () => void) => {
    const before = existsSync(join(dir, "config.json"))
      ? readFileSync(join(dir, "config.json"), "utf8")
      : null;
    run();
    const after = existsSync(join(dir, "config.json"))
      ? readFileSync(join(dir, "config.json"), "utf8")
      : null;
    expect(after).toBe(before);
  };

  it("a JSON file that is not a progress export, with exit 1 in one line", () => {
    const file = join(tempDir(), "settings.json");
    writeFileSync(file, JSON.stringify({ questions: {}, history: [] }));
    untouched(B, () => {
      const err = fails(runBin(["progress", "import", file], { configDir: B }), 1);
      expect(err).toContain(file);
      expect(err).toContain("not a k8s-quiz progress export");
    });
  });

  it("a file that is not JSON at all, with exit 1 in one line", () => {
    const file = join(tempDir(), "notes.json");
    writeFileSync(file, "progress: lots\n");
    untouched(B, () => {
      expect(fails(runBin(["progress", "import", file], { configDir: B }), 1)).toContain(file);
    });
  });

  it("a missing file, with exit 1 in one line", () => {
    const file = join(tempDir(), "gone.json");
    untouched(B, () => {
      const err = fails(runBin(["progress", "import", file], { configDir: B }), 1);
      expect(err).toContain(file);
      expect(err).toContain("no such file");
    });
  });

  it("a file written by a newer k8s-quiz, with exit 1 in one line", () => {
    const file = join(tempDir(), "future.json");
    writeFileSync(file, JSON.stringify({ format: "k8s-quiz-progress", state: { schemaVersion: 99 } }));
    untouched(B, () => {
      expect(fails(runBin(["progress", "import", file], { configDir: B }), 1)).toContain("newer k8s-quiz");
    });
  });

  it("no file argument, with exit 2", () => {
    fails(runBin(["progress", "import"], { configDir: B }), 2);
  });
});
