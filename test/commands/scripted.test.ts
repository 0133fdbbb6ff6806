import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BIN,
  configOf,
  ESC,
  fails,
  feed,
  okPlain,
  outputLines,
  ROOT,
  type RunResult,
  runBin,
  tempDir,
} from "../helpers/bin.js";

// Scripted practice sessions: the built bin with no terminal, answers piped on stdin or read from a file.

const ANSWERS = join(ROOT, "test", "fixtures", "answers");

interface QuestionJson {
  id: string;
  section: string;
  mode: string;
  prompt: string;
  given: string;
  expected: string;
  score: number;
  grade: string;
  correct: boolean;
  keyPoints: { hit: string[]; missed: string[]; contradicted: string[] } | null;
  options?: { key: string; text: string }[];
}

interface SessionJson {
  session: {
    command: string;
    mode: string;
    sections: string[];
    seed: number | null;
    dryRun: boolean;
    cram: boolean;
    startedAt: string;
    finishedAt: string;
    interrupted: boolean | string;
    outOfAnswers: boolean;
  };
  questions: QuestionJson[];
  totals: {
    asked: number;
    answered: number;
    score: number;
    percent: number;
    bySection: { section: string; answered: number; score: number; percent: number }[];
    missed: string[];
  };
  weakTopics: { topic: string; accuracy: number }[];
}

interface Config {
  questions: Record<string, { attempts: number; correct: number; lastResult: number; recent: number[] }>;
  history: { id: string; score: number; grade: string; mode: string; section: string }[];
  streak: { current: number; longest: number };
}

const parse = (r: RunResult) => JSON.parse(r.stdout) as SessionJson;

/** Five internals questions, in the order seed 7 fixes. */
const FIVE = ["practice", "--section", "internals", "--count", "5", "--seed", "7"];

/** The letters that are right for FIVE, learned from a dry run, and a wrong letter for each. */
let right: string[];
let wrong: string[];
beforeAll(() => {
  expect(existsSync(BIN), "run npm run build first").toBe(true);
  const probe = runBin([...FIVE, "--json", "--dry-run"], { input: feed(["a", "a", "a", "a", "a"]) });
  expect(probe.code).toBe(0);
  right = parse(probe).questions.map((q) => q.expected);
  expect(right).toHaveLength(5);
  for (const l of right) expect(l).toMatch(/^[a-d]$/);
  wrong = right.map((l) => (l === "a" ? "b" : "a"));
});

/** Answers for FIVE by pattern: "r" right, "w" wrong, anything else "-" (not an option). */
const mix = (pattern: string): string[] =>
  [...pattern].map((c, i) => (c === "r" ? right[i] : c === "w" ? wrong[i] : undefined) ?? "-");

describe("a fixed --seed", () => {
  it("prints the same transcript and asks the same questions with the same options", () => {
    const input = feed(["a", "b", "c", "d"]);
    const args = ["practice", "-s", "networking", "-n", "4", "--seed", "11"];
    const one = okPlain(runBin(args, { input }));
    const two = okPlain(runBin(args, { input }));
    expect(two).toBe(one);
    const heads = outputLines(one).filter((l) => /^\[\d\/4\] #\d+ \(networking\)$/.test(l));
    expect(heads).toHaveLength(4);
    // Options in the documented form, four to a question.
    for (const key of ["a", "b", "c", "d"])
      expect(outputLines(one).filter((l) => l.startsWith(`  ${key}) `))).toHaveLength(4);

    const j1 = parse(runBin([...args, "--json"], { input }));
    const j2 = parse(runBin([...args, "--json"], { input }));
    expect(j2.questions).toEqual(j1.questions);
    expect(j2.totals).toEqual(j1.totals);
    // The JSON run asked what the text run printed, in the same order.
    expect(j1.questions.map((q) => `#${q.id}`)).toEqual(heads.map((h) => h.split(" ")[1]));

    const other = parse(
      runBin(["practice", "-s", "networking", "-n", "4", "--seed", "12", "--json"], { input }),
    );
    const shape = (j: SessionJson) => j.questions.map((q) => [q.id, q.options?.map((o) => o.text)]);
    expect(shape(other)).not.toEqual(shape(j1));
  });

  it("lets a script answer every question right: 100%, exit 0, saved to the config file", () => {
    const dir = tempDir();
    const out = okPlain(runBin(FIVE, { configDir: dir, input: feed(right) }));
    expect(out).toContain("Score: 5/5 (100%)\n  Kubernetes Internals & Architecture  5/5  100%\n");
    expect(outputLines(out).filter((l) => /^> [a-d]: correct$/.test(l))).toHaveLength(5);
    expect(out).not.toContain("wrong");
    const config = configOf<Config>(dir);
    expect(Object.keys(config.questions)).toHaveLength(5);
    for (const p of Object.values(config.questions)) expect(p).toMatchObject({ attempts: 1, correct: 1 });
    expect(config.history).toHaveLength(5);
    for (const h of config.history)
      expect(h).toMatchObject({ score: 1, mode: "choice", section: "internals" });
    expect(config.streak).toMatchObject({ current: 1, longest: 1 });
  });
});

describe("feedback in plain text", () => {
  // 541, the first mesh question, carries a note (Gateway API); "a" or "b" is wrong for it at seed 3.
  const args = ["practice", "-s", "mesh", "-n", "1", "--order", "deck", "--seed", "3", "--dry-run"];

  it("a missed question shows the answer, the deck's note on it, and when it comes back", () => {
    const probe = parse(runBin([...args, "--json"], { input: "a\n" }));
    const wrong = probe.questions[0]?.expected === "a" ? "b" : "a";
    const out = outputLines(okPlain(runBin(args, { input: `${wrong}\n` })));
    const verdict = out.findIndex((l) => l.startsWith(`> ${wrong}: wrong, the answer is `));
    expect(verdict).toBeGreaterThan(0);
    const after = out.slice(verdict + 1);
    expect(after[0]).toBe('  - Ingress: The Rule (YAML). "Route /foo to Service A".');
    expect(after.find((l) => l.startsWith("  Note: "))).toMatch(/Gateway API/);
    expect(after.find((l) => l.startsWith("  Next review"))).toBe("  Next review in 1 min.");
  });

  it("a flash card says its line is a grade, so a script knows what to send", () => {
    const out = outputLines(okPlain(runBin([...args, "--mode", "flash"], { input: "good\n" })));
    const head = out.findIndex((l) => l.startsWith("[1/1] #541"));
    expect(out[head + 2]).toBe("  (a flash card: its line is a grade, again, hard, good or easy)");
    expect(out).toContain("> grade good");
  });

  it("recall lists the key points hit as well as those missed", () => {
    const out = outputLines(
      okPlain(runBin([...args, "--mode", "recall"], { input: "the ingress is the rule object\n" })),
    );
    expect(out).toContain("> key points 1/4; grade again");
    expect(out).toContain("  hit: Ingress is a rule object");
    expect(out.find((l) => l.startsWith("  missed: "))).toMatch(/^ {2}missed: Controller does the work; /);
  });

  it("--json carries the note with each question", () => {
    const j = parse(runBin([...args, "--json"], { input: "a\n" }));
    expect((j.questions[0] as unknown as { note: string }).note).toMatch(
      /^New setups increasingly use Gateway API/,
    );
    const none = parse(
      runBin(["practice", "-s", "internals", "-n", "1", "--order", "deck", "--json", "--dry-run"], {
        input: "a\n",
      }),
    );
    expect((none.questions[0] as unknown as { note: string | null }).note).toBeNull();
  });
});

describe("--json says whether the answers were saved", () => {
  it("false under --dry-run, and when the session ran unsaved (progress.db is a folder)", () => {
    const dry = parse(runBin([...FIVE, "--json", "--dry-run"], { input: feed(mix("rwrwr")) }));
    expect(dry.session).toMatchObject({ dryRun: true, saved: false });
    const dir = tempDir();
    mkdirSync(join(dir, "progress.db"));
    const r = runBin([...FIVE, "--json"], { configDir: dir, input: feed(mix("rwrwr")) });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/not a regular file/);
    expect(parse(r).session).toMatchObject({ dryRun: false, saved: false });
  });
});

describe("--json", () => {
  it("prints one document with the session, every question and the totals", () => {
    const r = runBin([...FIVE, "--json"], {
      input: feed(mix("rwrwr")),
    });
    okPlain(r);
    const j = parse(r);
    expect(Object.keys(j).sort()).toEqual(["questions", "session", "totals", "weakTopics"]);
    expect(j.session).toMatchObject({
      command: "practice",
      mode: "choice",
      sections: ["internals"],
      seed: 7,
      dryRun: false,
      cram: false,
      interrupted: false,
      outOfAnswers: false,
      saved: true,
    });
    const started = Date.parse(j.session.startedAt);
    const finished = Date.parse(j.session.finishedAt);
    expect(Number.isNaN(started)).toBe(false);
    expect(finished).toBeGreaterThanOrEqual(started);

    expect(j.questions).toHaveLength(5);
    j.questions.forEach((q, i) => {
      expect(q).toMatchObject({ section: "internals", mode: "choice", expected: right[i], keyPoints: null });
      expect(q.id).toMatch(/^5(0[1-9]|10)$/);
      expect(q.prompt.length).toBeGreaterThan(10);
      expect(q.options?.map((o) => o.key)).toEqual(["a", "b", "c", "d"]);
      expect(new Set(q.options?.map((o) => o.text)).size).toBe(4);
    });
    expect(j.questions.map((q) => q.given)).toEqual(mix("rwrwr"));
    expect(j.questions.map((q) => q.correct)).toEqual([true, false, true, false, true]);
    expect(j.questions.map((q) => q.score)).toEqual([1, 0, 1, 0, 1]);
    expect(j.questions.map((q) => q.grade)).toEqual(["good", "again", "good", "again", "good"]);

    const missed = [j.questions[1]?.id, j.questions[3]?.id];
    expect(j.totals).toEqual({
      asked: 5,
      answered: 5,
      score: 3,
      percent: 60,
      bySection: [{ section: "internals", answered: 5, score: 3, percent: 60 }],
      missed,
    });
    expect(j.weakTopics.map((w) => w.topic)).toContain("internals");
    for (const w of j.weakTopics) expect(w.accuracy).toBeLessThan(0.7);
  });

  it("with recall answers, reports the key points hit and missed and keeps `\\n` as a newline", () => {
    const r = runBin([
      ...["practice", "-s", "internals", "-n", "2", "--seed", "7", "--mode", "recall", "--json", "--dry-run"],
      ...["--answers", join(ANSWERS, "recall-two-lines.txt")],
    ]);
    const j = JSON.parse(okPlain(r)) as SessionJson;
    expect(j.session.mode).toBe("recall");
    const [first, second] = j.questions;
    expect(first?.given).toBe("A Lease object in kube-system\nthe leader keeps renewing renewTime");
    for (const q of j.questions) {
      expect(q.mode).toBe("recall");
      expect(q.options).toBeUndefined();
      expect(Object.keys(q.keyPoints ?? {}).sort()).toEqual(["contradicted", "hit", "missed"]);
      expect((q.keyPoints?.hit.length ?? 0) + (q.keyPoints?.missed.length ?? 0)).toBeGreaterThanOrEqual(2);
      expect(q.expected.length).toBeGreaterThan(20);
    }
    expect(second).toMatchObject({ given: "no idea", score: 0, grade: "again", correct: false });
    expect(second?.keyPoints?.hit).toEqual([]);
  });

  it("escapes control characters in a typed answer, C1 ones too, so --json never carries a raw escape", () => {
    // U+009B is a one-byte CSI to a terminal; JSON.stringify escapes C0 controls but not C1 ones.
    const typed = "kube\u009b31mred\u001b[0m";
    const args = [
      "practice",
      "-s",
      "internals",
      "-n",
      "1",
      "--seed",
      "7",
      "--mode",
      "recall",
      "--json",
      "--dry-run",
    ];
    const r = runBin(args, { input: feed([typed]) });
    const out = okPlain(r);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain('"given": "kube\\u009b31mred\\u001b[0m"');
    expect(parse(r).questions[0]?.given).toBe(typed);
  });

  it("in recall mode, an answer that states every key point hits them all", () => {
    // The labels printed as "missed" are the key points themselves: typing them back must count.
    const all = ["practice", "-n", "50", "--order", "deck", "--mode", "recall", "--json", "--dry-run"];
    const probe = parse(runBin(all, { input: feed(Array(50).fill("pass")) }));
    expect(probe.questions).toHaveLength(50);
    const restated = probe.questions.map((q) => (q.keyPoints?.missed ?? []).join("\\n"));
    const j = parse(runBin(all, { input: feed(restated) }));
    const stillMissed = j.questions
      .filter((q) => q.keyPoints?.missed.length)
      .map((q) => `${q.id}: ${q.keyPoints?.missed.join("; ")}`);
    expect(stillMissed).toEqual([]);
  });
});

describe("--fail-under", () => {
  it("exits 0 when the score reaches it and 3 when it falls short", () => {
    okPlain(runBin([...FIVE, "--fail-under", "80", "--dry-run"], { input: feed(right) }));
    const below = runBin([...FIVE, "--fail-under", "80", "--dry-run"], {
      input: feed(mix("rrrww")),
    });
    expect(below.code).toBe(3);
    expect(below.stdout).toContain("Score: 3/5 (60%)");
    expect(outputLines(below.stderr)).toEqual([expect.stringMatching(/score 60% is below --fail-under 80%/)]);
  });

  it("exits 3 under --json too, with the document still on stdout", () => {
    const r = runBin([...FIVE, "--fail-under", "80", "--json", "--dry-run"], { input: feed(wrong) });
    expect(r.code).toBe(3);
    expect(parse(r).totals).toMatchObject({ answered: 5, score: 0, percent: 0 });
  });
});

describe("running out of answers", () => {
  it("ends cleanly: exit 0, the partial results reported and saved", () => {
    const dir = tempDir();
    const r = runBin(FIVE, { configDir: dir, input: feed(mix("wr")) });
    const out = okPlain(r);
    expect(out).toContain("Score: 1/2 (50%)");
    expect(out).toMatch(/ran out of answers/);
    const config = configOf<Config>(dir);
    const attempts = Object.values(config.questions).reduce((n, q) => n + q.attempts, 0);
    expect(attempts).toBe(2);
    expect(config.history).toHaveLength(2);

    const j = parse(runBin([...FIVE, "--json", "--dry-run"], { input: feed(mix("wr")) }));
    expect(j.session.outOfAnswers).toBe(true);
    expect(j.questions).toHaveLength(2);
    expect(j.totals).toMatchObject({ asked: 5, answered: 2, score: 1 });
  });

  it("exits 3 under --fail-under when the answered part is below it", () => {
    const r = runBin([...FIVE, "--fail-under", "80", "--dry-run"], { input: feed(mix("wr")) });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/ran out of answers/);
  });

  it("exits 3 under --fail-under even when the few answers given were right", () => {
    // Issue 3/5: running out "ends the session cleanly ... with exit 0, or 3 under --fail-under".
    // Two right answers out of five planned questions is not a pass.
    const r = runBin([...FIVE, "--fail-under", "80", "--dry-run"], { input: feed(mix("rr")) });
    expect(r.stdout).toMatch(/ran out of answers/);
    expect(r.code).toBe(3);
  });

  it("with no answers at all, says nothing was answered and saves nothing", () => {
    const dir = tempDir();
    const out = okPlain(runBin(FIVE, { configDir: dir, input: "" }));
    expect(out).toContain("No questions answered.");
    expect(out).not.toContain("Score:");
    expect(existsSync(join(dir, "config.json"))).toBe(false);

    const j = parse(runBin([...FIVE, "--json"], { configDir: dir, input: "" }));
    expect(j.session.outOfAnswers).toBe(true);
    expect(j.questions).toEqual([]);
    expect(j.totals).toMatchObject({ asked: 5, answered: 0, score: 0 });
  });
});

describe("bad answer lines", () => {
  it("count as wrong with a warning naming the line, and the session goes on", () => {
    const answers = mix("_r__r");
    answers[0] = "e";
    answers[2] = "9";
    answers[3] = "";
    const r = runBin([...FIVE, "--json", "--dry-run"], { input: feed(answers) });
    expect(r.code).toBe(0);
    expect(outputLines(r.stderr)).toEqual([
      expect.stringMatching(/^warning: answer 1 \("e"\) .*a-d.*counted as wrong$/),
      expect.stringMatching(/^warning: answer 3 \("9"\) .*counted as wrong$/),
      expect.stringMatching(/^warning: answer 4 \(""\) .*counted as wrong$/),
    ]);
    const j = parse(r);
    expect(j.questions.map((q) => q.given)).toEqual(answers);
    expect(j.questions.map((q) => q.correct)).toEqual([false, true, false, false, true]);
    expect(j.totals).toMatchObject({ answered: 5, score: 2, percent: 40 });
  });

  it("accept numbers 1-4, capitals and surrounding spaces", () => {
    const j = parse(
      runBin(["practice", "-s", "internals", "-n", "4", "--seed", "7", "--json", "--dry-run"], {
        input: "1\n B \n3\nd\n",
      }),
    );
    expect(j.questions.map((q) => q.given)).toEqual(["a", "b", "c", "d"]);
  });
});

describe("--answers <file>", () => {
  it("reads the answers from the file, not stdin (flash grades, scored 1 / 0.5 / 0 / 1)", () => {
    const r = runBin(
      [
        ...[
          "practice",
          "-s",
          "operators",
          "-n",
          "4",
          "--seed",
          "3",
          "--mode",
          "flash",
          "--json",
          "--dry-run",
        ],
        ...["--answers", join(ANSWERS, "flash-grades.txt")],
      ],
      { input: "easy\neasy\neasy\neasy\n" },
    );
    const j = JSON.parse(okPlain(r)) as SessionJson;
    expect(j.session.mode).toBe("flash");
    expect(j.questions.map((q) => q.grade)).toEqual(["good", "hard", "again", "easy"]);
    expect(j.questions.map((q) => q.score)).toEqual([1, 0.5, 0, 1]);
    expect(j.questions.map((q) => q.correct)).toEqual([true, false, false, true]);
    expect(j.totals).toMatchObject({ answered: 4, score: 2.5, percent: 62.5 });
  });

  it("reads CRLF files and choice answers in every printed form", () => {
    const flash = parse(
      runBin(
        ["practice", "-s", "networking", "-n", "2", "--mode", "flash", "--json", "--dry-run"].concat([
          "--answers",
          join(ANSWERS, "flash-crlf.txt"),
        ]),
      ),
    );
    expect(flash.questions.map((q) => q.grade)).toEqual(["good", "again"]);
    const choice = runBin(
      ["practice", "-s", "internals", "-n", "4", "--seed", "7", "--json", "--dry-run"].concat([
        "--answers",
        join(ANSWERS, "choice-mixed.txt"),
      ]),
    );
    expect(choice.stderr).toBe("");
    expect(parse(choice).questions.map((q) => q.given)).toEqual(["a", "b", "c", "d"]);
  });

  it("also takes - for stdin", () => {
    const j = parse(runBin([...FIVE, "--answers", "-", "--json", "--dry-run"], { input: feed(right) }));
    expect(j.totals.percent).toBe(100);
  });

  it("refuses a missing file with one line and exit 1, before asking anything", () => {
    const dir = tempDir();
    const err = fails(
      runBin([...FIVE, "--answers", "missing.txt"], { configDir: dir, input: feed(right) }),
      1,
    );
    expect(err).toContain("missing.txt");
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });
});

describe("plain output and --dry-run", () => {
  it("never prints escape codes without --json, in any mode", () => {
    for (const mode of ["choice", "recall", "flash"]) {
      const r = runBin(["practice", "-s", "service-mesh", "-n", "2", "--mode", mode, "--dry-run"], {
        input: "x\nx\n",
      });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain(ESC);
      expect(r.stderr).not.toContain(ESC);
    }
  });

  it("--dry-run reports the session but writes no config file", () => {
    const dir = tempDir();
    const out = okPlain(runBin([...FIVE, "--dry-run"], { configDir: dir, input: feed(right) }));
    expect(out).toContain("Score: 5/5 (100%)");
    expect(outputLines(out).at(-1)).toBe("Dry run: nothing was saved.");
    const j = parse(runBin([...FIVE, "--dry-run", "--json"], { configDir: dir, input: feed(right) }));
    expect(j.session.dryRun).toBe(true);
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });
});

describe("usage errors exit 2 with one line", () => {
  it.each([
    [["--count", "-3"], /-3/],
    [["--count", "abc"], /abc/],
    [["--mode", "bogus"], /bogus/],
    [
      ["--section", "nope"],
      /unknown section "nope".*internals, operators, multi-cluster, networking, service-mesh/,
    ],
    [["--section", "netwrk"], /did you mean networking\?/],
    [["--bogus"], /unknown option '--bogus'/],
    [["--fail-under", "120"], /120/],
  ])("practice %j", (args, message) => {
    const dir = tempDir();
    const base = args.includes("--section") ? ["practice"] : ["practice", "-s", "internals"];
    const err = fails(runBin([...base, ...args], { configDir: dir, input: feed(right) }), 2);
    expect(err).toMatch(message);
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });
});

describe("the summary", () => {
  it("lists Hard answers apart from the missed ones: Hard is a pass that took effort", () => {
    const r = runBin(
      [
        "practice",
        "-s",
        "networking",
        "-n",
        "3",
        "--mode",
        "flash",
        "--order",
        "deck",
        "--dry-run",
        "--json",
      ],
      { input: feed(["again", "hard", "good"]) },
    );
    const text = runBin(
      ["practice", "-s", "networking", "-n", "3", "--mode", "flash", "--order", "deck", "--dry-run"],
      { input: feed(["again", "hard", "good"]) },
    ).stdout;
    const missed = text.slice(text.indexOf("Missed:"), text.indexOf("Recalled with effort"));
    expect(missed).toContain("531");
    expect(missed).not.toContain("532");
    expect(text.slice(text.indexOf("Recalled with effort (Hard):"))).toMatch(
      /^Recalled with effort \(Hard\):\n {2}532 /,
    );
    // The JSON keeps "missed" as it was: every answer scored under 1.
    expect(JSON.parse(r.stdout).totals.missed).toEqual(["531", "532"]);
  });
});

describe("practice --id", () => {
  const ids = (r: RunResult) => JSON.parse(r.stdout).questions.map((q: { id: string }) => q.id);

  it("asks those questions, each once, all of them by default, in the order given with --order deck", () => {
    const args = [
      "practice",
      "--id",
      "536",
      "--id",
      "502",
      "--id",
      "536",
      "--mode",
      "flash",
      "--dry-run",
      "--json",
    ];
    expect(ids(runBin([...args, "--order", "deck"], { input: feed(["good", "again"]) }))).toEqual([
      "536",
      "502",
    ]);
    expect(ids(runBin(args, { input: feed(["good", "again"]) })).sort()).toEqual(["502", "536"]);
    expect(ids(runBin([...args, "-n", "1"], { input: feed(["good"]) }))).toHaveLength(1);
  });

  it("refuses an unknown id with the nearest one, and --section beside it, in one line each", () => {
    const unknown = runBin(["practice", "--id", "5344"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('k8s-quiz: no question "5344" (did you mean 534?); see k8s-quiz list\n');
    const both = runBin(["practice", "--id", "534", "-s", "mesh"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe("k8s-quiz: --id picks the questions itself: leave out --section\n");
  });
});
