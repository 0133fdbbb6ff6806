import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BIN,
  configOf,
  feed,
  okPlain,
  outputLines,
  type RunResult,
  runBin,
  tempDir,
} from "../helpers/bin.js";
import { clearOfMidnight, MIDNIGHT_TIMEOUT } from "../helpers/clock.js";

// `k8s-quiz weak` and `k8s-quiz review` after scripted sessions, with no terminal.

interface WeakJson {
  threshold: number;
  weakTopics: { topic: string; accuracy: number; answers: number; lastSeen: string; questions: string[] }[];
  leeches: { id: string; lapses: number }[];
}

interface ReviewJson {
  session: { command: string; mode?: string; due: number; new: number; outOfAnswers?: boolean };
  questions: { id: string; correct: boolean }[];
  totals?: { asked: number; answered: number };
  nextDue?: string | null;
}

interface Config {
  questions: Record<string, { attempts: number }>;
  weakTopics: Record<string, { accuracy: number }>;
}

const json = <T>(r: RunResult): T => JSON.parse(okPlain(r)) as T;

/** All ten operators questions, answered wrong on purpose (the letter after the right one). */
function failOperators(dir: string): string[] {
  const args = ["practice", "-s", "operators", "-n", "10", "--seed", "4"];
  const probe = json<{ questions: { id: string; expected: string }[] }>(
    runBin([...args, "--json", "--dry-run"], { input: feed(Array(10).fill("a")) }),
  );
  const wrong = probe.questions.map((q) =>
    String.fromCharCode(((q.expected.charCodeAt(0) - 97 + 1) % 4) + 97),
  );
  const done = json<{ totals: { answered: number; score: number } }>(
    runBin([...args, "--json"], { configDir: dir, input: feed(wrong) }),
  );
  expect(done.totals).toMatchObject({ answered: 10, score: 0 });
  return probe.questions.map((q) => q.id);
}

beforeAll(() => {
  expect(existsSync(BIN), "run npm run build first").toBe(true);
});

describe("practice --weak", () => {
  it("says so when there are no weak topics yet, and asks as usual", () => {
    const r = runBin(["practice", "--weak", "-n", "2", "--seed", "1"], { input: feed(["a", "a"]) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "No weak topics yet (they show up once you miss a few): asking in the usual order.\n",
    );
    expect(r.stdout).toContain("[2/2]");
  });
});

describe("weak", () => {
  it("with no answers yet, says how to start", () => {
    const dir = tempDir();
    expect(okPlain(runBin(["weak"], { configDir: dir }))).toBe(
      "No answers yet. Start with: k8s-quiz practice\n",
    );
    expect(json<WeakJson>(runBin(["weak", "--json"], { configDir: dir }))).toEqual({
      threshold: 0.7,
      weakTopics: [],
      leeches: [],
    });
  });

  it("lists the section missed in a session as weak, with the questions behind it; --reset --yes clears it", () => {
    const dir = tempDir();
    const ids = failOperators(dir);

    const weak = json<WeakJson>(runBin(["weak", "--json"], { configDir: dir }));
    expect(weak.threshold).toBe(0.7);
    const operators = weak.weakTopics.find((w) => w.topic === "operators");
    expect(operators).toMatchObject({ accuracy: 0, answers: 10 });
    expect(operators?.questions.slice().sort()).toEqual(ids.slice().sort());
    expect(Number.isNaN(Date.parse(operators?.lastSeen ?? ""))).toBe(false);
    for (const w of weak.weakTopics) {
      expect(w.accuracy).toBeLessThan(0.7);
      expect(w.answers).toBeGreaterThanOrEqual(2);
      expect(w.questions.length).toBeGreaterThan(0);
      for (const id of w.questions) expect(ids).toContain(id);
    }
    expect(Object.keys(configOf<Config>(dir).weakTopics)).toContain("operators");

    const text = okPlain(runBin(["weak"], { configDir: dir }));
    expect(outputLines(text)).toContain("operators  0% over the last 10 answers");
    for (const id of ids) expect(text).toMatch(new RegExp(`^  ${id}  \\S`, "m"));
    expect(outputLines(text).at(-1)).toBe("Practise them first: k8s-quiz practice --weak");

    // Without a terminal to confirm in, --reset needs --yes, and changes nothing.
    const refused = runBin(["weak", "--reset"], { configDir: dir });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(outputLines(refused.stderr)).toEqual([expect.stringMatching(/^k8s-quiz: .*--yes/)]);
    expect(Object.keys(configOf<Config>(dir).weakTopics)).toContain("operators");

    expect(okPlain(runBin(["weak", "--reset", "--yes"], { configDir: dir }))).toBe("Weak topics cleared.\n");
    expect(json<WeakJson>(runBin(["weak", "--json"], { configDir: dir })).weakTopics).toEqual([]);
    const config = configOf<Config>(dir);
    expect(config.weakTopics).toEqual({});
    // The answers themselves are kept.
    expect(Object.keys(config.questions).sort()).toEqual(ids.slice().sort());
    // Not "every topic is at 70% or better": they were cleared, not climbed back.
    expect(okPlain(runBin(["weak"], { configDir: dir }))).toBe(
      "No weak topics since they were cleared: only answers after that count.\n",
    );
  });
});

describe("review", () => {
  it("on an empty config offers new questions: 10 by default, --new 2 only 2", () => {
    const dir = tempDir();
    const all = json<ReviewJson>(runBin(["review", "--json"], { configDir: dir, input: "" }));
    expect(all.session).toMatchObject({ command: "review", due: 0, new: 10, outOfAnswers: true });
    expect(all.totals).toMatchObject({ asked: 10, answered: 0 });
    expect(existsSync(join(dir, "config.json"))).toBe(false);

    const two = json<ReviewJson>(runBin(["review", "--new", "2", "--json"], { configDir: dir, input: "" }));
    expect(two.session).toMatchObject({ due: 0, new: 2 });
    expect(two.totals?.asked).toBe(2);

    const limited = json<ReviewJson>(
      runBin(["review", "--limit", "3", "--json"], { configDir: dir, input: "" }),
    );
    expect(limited.totals?.asked).toBe(3);
    // What was asked, not the ten new ones that were waiting.
    expect(limited.session).toMatchObject({ due: 0, new: 3 });
  });

  it(
    "after answering today's new questions, reports nothing due and when the next review is",
    async () => {
      // The allowance of new questions starts again at midnight.
      await clearOfMidnight();
      const dir = tempDir();
      const answered = json<ReviewJson>(
        runBin(["review", "--new", "2", "--json"], { configDir: dir, input: feed(["a", "b"]) }),
      );
      expect(answered.totals).toMatchObject({ asked: 2, answered: 2 });
      expect(answered.session.outOfAnswers).toBe(false);

      const before = Date.now();
      const none = json<ReviewJson>(runBin(["review", "--new", "2", "--json"], { configDir: dir }));
      expect(none.session).toMatchObject({ command: "review", due: 0, new: 0 });
      expect(none.questions).toEqual([]);
      const next = Date.parse(none.nextDue ?? "");
      expect(next).toBeGreaterThan(before);

      expect(okPlain(runBin(["review", "--new", "2"], { configDir: dir }))).toMatch(
        // Nothing was asked: nothing is due now, not "nothing else" (issue 18).
        /^Nothing due now; next review in \d+ (min|h|days?|hours?|minutes?)\.\n$/,
      );

      // Only 2 of today's 10 new questions are used up, so plain review still has 8 to offer.
      const rest = json<ReviewJson>(runBin(["review", "--json"], { configDir: dir, input: "" }));
      expect(rest.session).toMatchObject({ due: 0, new: 8 });
      expect(rest.questions).toEqual([]);
      for (const q of answered.questions)
        expect(Object.keys(configOf<Config>(dir).questions)).toContain(q.id);
    },
    MIDNIGHT_TIMEOUT,
  );

  it("does not claim nothing is due when the answers ran out with questions left", () => {
    const r = runBin(["review"], { input: "a\n" });
    const out = okPlain(r);
    expect(out).toMatch(/ran out of answers/);
    // 9 of today's 10 new questions were never asked.
    expect(out).not.toMatch(/^Nothing (else )?due/m);
  });

  it("refuses a bad --new or --limit with exit 2", () => {
    for (const args of [
      ["--new", "-1"],
      ["--limit", "zero"],
    ]) {
      const r = runBin(["review", ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(outputLines(r.stderr)).toHaveLength(1);
    }
  });
});
