import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BIN,
  configOf,
  okPlain,
  outputLines,
  ROOT,
  type RunResult,
  runBin,
  tempDir,
} from "../helpers/bin.js";
import { clearOfMidnight, MIDNIGHT_TIMEOUT } from "../helpers/clock.js";

// `k8s-quiz run <plan.yaml>`: study plans run step by step with scripted answers, and plan errors by line.

const PLANS = "test/fixtures/plans";
const VALID = `${PLANS}/valid.yaml`;

interface RunJson {
  session: {
    command: string;
    plan: string;
    steps: { step: string; line: number; asked: number; alreadyDone?: true }[];
    dryRun: boolean;
    outOfAnswers: boolean;
    interrupted: boolean | string;
  };
  questions: { id: string; section: string; mode: string; grade: string }[];
  totals: { asked: number; answered: number; score: number; percent: number };
}

/** `n` answer lines of "1": option a in choice mode, Again in flash mode, text in recall mode. */
const ones = (n: number) => "1\n".repeat(n);

function fails(r: RunResult, code: number): string {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe("");
  expect(outputLines(r.stderr)).toHaveLength(1);
  expect(r.stderr).not.toContain("    at ");
  return r.stderr.trimEnd();
}

beforeAll(() => {
  expect(existsSync(BIN), "run npm run build first").toBe(true);
});

describe("a valid plan", () => {
  let dir: string;
  let out: string;
  beforeAll(() => {
    dir = tempDir();
    out = okPlain(runBin(["run", VALID, "--seed", "5"], { configDir: dir, input: ones(20) }));
  });

  it("runs its steps in order and ends with one combined summary", () => {
    const heads = outputLines(out).filter((l) => l.startsWith("== Step"));
    expect(heads).toEqual([
      "== Step 1/4: review (2 questions)",
      "== Step 2/4: practice internals (2 questions)",
      expect.stringMatching(/^== Step 3\/4: daily \(1 questions?\)$/),
      "== Step 4/4: practice networking (3 questions)",
    ]);
    const scores = outputLines(out).filter((l) => l.startsWith("Score:"));
    expect(scores).toHaveLength(1);
    expect(scores[0]).toMatch(/^Score: [\d.]+\/8 \(/);
    expect(out.lastIndexOf("Score:")).toBeGreaterThan(out.lastIndexOf("== Step 4/4"));
    const history = configOf<{ history: unknown[] }>(dir).history;
    expect(history).toHaveLength(8);
  });

  it("counts a one-question step in the singular", () => {
    expect(outputLines(out)).toContain("== Step 3/4: daily (1 question)");
  });

  it("--json lists each step with its line and the questions it asked; the totals add up", () => {
    const r = runBin(["run", VALID, "--seed", "5", "--json", "--dry-run"], { input: ones(20) });
    const j = JSON.parse(okPlain(r)) as RunJson;
    expect(j.session).toMatchObject({
      command: "run",
      plan: "Fixture plan",
      dryRun: true,
      outOfAnswers: false,
      interrupted: false,
    });
    expect(j.session.steps).toEqual([
      { step: "review", line: 4, asked: 2 },
      { step: "practice internals", line: 5, asked: 2 },
      { step: "daily", line: 6, asked: 1 },
      { step: "practice networking", line: 7, asked: 3 },
    ]);
    const asked = j.session.steps.reduce((n, s) => n + s.asked, 0);
    expect(j.totals).toMatchObject({ asked, answered: asked });
    expect(j.questions).toHaveLength(asked);
    // Steps in file order: practice internals in choice mode, then the flash networking step last.
    expect(j.questions.slice(2, 4).map((q) => [q.section, q.mode])).toEqual([
      ["internals", "choice"],
      ["internals", "choice"],
    ]);
    expect(j.questions.slice(5).map((q) => [q.section, q.mode, q.grade])).toEqual([
      ["networking", "flash", "again"],
      ["networking", "flash", "again"],
      ["networking", "flash", "again"],
    ]);
    expect(new Set(j.questions.map((q) => q.id)).size).toBe(asked);
  });

  it(
    "asks the day's question in its daily step, remembers it for daily, and asks it once a day",
    async () => {
      await clearOfMidnight();
      const dir = tempDir();
      const first = JSON.parse(
        okPlain(runBin(["run", VALID, "--seed", "5", "--json"], { configDir: dir, input: ones(20) })),
      ) as RunJson;
      // Steps in order: review 2, practice internals 2, then the daily step's one question.
      const asked = first.questions[4]?.id;
      expect(first.session.steps[2]).toEqual({ step: "daily", line: 6, asked: 1 });
      const shown = JSON.parse(okPlain(runBin(["daily", "--reveal", "--json"], { configDir: dir }))) as {
        id: string;
      };
      expect(shown.id).toBe(asked);
      const again = runBin(["run", VALID, "--seed", "5"], { configDir: dir, input: ones(20) });
      expect(outputLines(okPlain(again))).toContain("== Step 3/4: daily (answered already today)");
      const json = JSON.parse(
        okPlain(
          runBin(["run", VALID, "--seed", "5", "--json", "--dry-run"], { configDir: dir, input: ones(20) }),
        ),
      ) as RunJson;
      expect(json.session.steps[2]).toEqual({ step: "daily", line: 6, asked: 0, alreadyDone: true });
    },
    MIDNIGHT_TIMEOUT,
  );

  it(
    "asks the day's question once, with daily's options in daily's order, however the plan is written",
    async () => {
      await clearOfMidnight();
      const dir = tempDir();
      const day = JSON.parse(okPlain(runBin(["daily", "--reveal", "--json"], { configDir: dir }))) as {
        id: string;
        section: string;
      };
      const options = (text: string) => outputLines(text).filter((l) => /^ {2}[a-d]\) /.test(l));
      const shown = options(okPlain(runBin(["daily", "--dry-run"], { configDir: dir, input: "1\n" })));
      expect(shown).toHaveLength(4);
      // The whole of the day's section first, then a daily step twice: the practice step leaves the
      // day's question to the daily step, and the second daily step asks nothing.
      const plan = join(tempDir(), "plan.yaml");
      writeFileSync(
        plan,
        `steps:\n  - practice: { section: ${day.section}, count: 50 }\n  - daily\n  - daily: { mode: recall }\n`,
      );
      const text = okPlain(runBin(["run", plan, "--dry-run"], { configDir: dir, input: ones(60) }));
      expect(outputLines(text)).toContain("== Step 3/3: daily (answered already today)");
      const daily = text.slice(text.indexOf("== Step 2/3: daily"), text.indexOf("== Step 3/3"));
      expect(options(daily)).toEqual(shown);
      const j = JSON.parse(
        okPlain(runBin(["run", plan, "--dry-run", "--json"], { configDir: dir, input: ones(60) })),
      ) as RunJson;
      expect(j.questions.filter((q) => q.id === day.id)).toHaveLength(1);
      expect(j.session.steps[1]).toEqual({ step: "daily", line: 3, asked: 1 });
      expect(j.session.steps[2]).toEqual({ step: "daily", line: 4, asked: 0, alreadyDone: true });
    },
    MIDNIGHT_TIMEOUT,
  );

  it("a review step with nothing to ask says when the next review is, as review does", () => {
    const dir = tempDir();
    const plan = join(tempDir(), "plan.yaml");
    writeFileSync(plan, "steps:\n  - review: { new: 2 }\n  - review: { new: 0 }\n");
    const out = outputLines(okPlain(runBin(["run", plan], { configDir: dir, input: ones(5) })));
    expect(out).toContain("== Step 2/2: review (0 questions)");
    expect(out[out.indexOf("== Step 2/2: review (0 questions)") + 1]).toMatch(
      /^Nothing due now; next review in (\d+ min|under a minute)\.$/,
    );
  });

  it("stops at the step where the answers run out, and still exits 0 with the summary", () => {
    const r = runBin(["run", VALID, "--seed", "5", "--json", "--dry-run"], { input: ones(3) });
    const j = JSON.parse(okPlain(r)) as RunJson;
    expect(j.session.outOfAnswers).toBe(true);
    expect(j.totals.answered).toBe(3);
    expect(j.session.steps.map((s) => s.step)).toEqual(["review", "practice internals"]);
  });
});

describe("an invalid plan", () => {
  it.each([
    ["unknown-step.yaml", 4, /unknown step "practise" \(did you mean practice\?\)/],
    ["unknown-option.yaml", 6, /unknown option "sectoin" for practice \(did you mean section\?\)/],
    ["bad-mode.yaml", 3, /mode must be one of choice, recall, flash/],
    ["count-zero.yaml", 6, /count must be a whole number of at least 1/],
    ["unknown-section.yaml", 4, /unknown section "netwrking" \(did you mean networking\?\)/],
    ["not-yaml.yaml", 4, /not valid YAML/],
    ["prose.yaml", 1, /a plan is a mapping with a "steps" list/],
    ["empty-section.yaml", 4, /section names no section \(leave it out for the whole bank\)/],
    ["name-list.yaml", 1, /name must be text/],
    // The library's own advice ("use YAML.parseAllDocuments()") is not for a user.
    [
      "two-documents.yaml",
      4,
      /^k8s-quiz: \S+: not valid YAML: a plan is one YAML document, and another starts here$/,
    ],
    // Found at the end of the file: reported on its last line, not on a line after it.
    ["unclosed-quote.yaml", 3, /not valid YAML: Missing closing "quote/],
  ])("%s fails at line %i with one clear line and exit 1", (name, line, message) => {
    const dir = tempDir();
    const file = `${PLANS}/${name}`;
    const err = fails(runBin(["run", file], { configDir: dir, input: ones(20) }), 1);
    expect(err.startsWith(`k8s-quiz: ${file}:${line}: `), err).toBe(true);
    expect(err).toMatch(message);
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });

  it("a missing plan file is one line and exit 1; no plan at all is a usage error", () => {
    const err = fails(runBin(["run", `${PLANS}/no-such-plan.yaml`], { input: ones(5) }), 1);
    expect(err).toMatch(/^k8s-quiz: .*no-such-plan\.yaml/);
    fails(runBin(["run"], { input: ones(5) }), 2);
  });
});

describe("the shipped example plans", () => {
  const shipped = readdirSync(join(ROOT, "plans")).filter((f) => f.endsWith(".yaml"));

  it("exist", () => {
    expect(shipped.length).toBeGreaterThanOrEqual(2);
  });

  it.each(shipped)("plans/%s validates and runs to the end", (name) => {
    const file = `plans/${name}`;
    const r = runBin(["run", file, "--dry-run", "--json", "--seed", "1"], { input: ones(200) });
    const j = JSON.parse(okPlain(r)) as RunJson;
    expect(j.session.outOfAnswers).toBe(false);
    // Each step is reported at the line of its `- ` entry in the file.
    const stepLines = outputLines(readFileSync(join(ROOT, file), "utf8"))
      .map((l, i) => (/^\s*- /.test(l) ? i + 1 : 0))
      .filter((n) => n > 0);
    expect(j.session.steps.map((s) => s.line)).toEqual(stepLines);
    expect(j.totals.answered).toBe(j.session.steps.reduce((n, s) => n + s.asked, 0));
    expect(j.totals.answered).toBeGreaterThan(0);
  });
});
