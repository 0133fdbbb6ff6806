import { spawnSync } from "node:child_process";
import { cpSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import stringWidth from "string-width";
import { beforeAll, describe, expect, it } from "vitest";
import type { Progress } from "../../src/core/state.js";
import { BIN, configOf, fails, ok, outputLines, ROOT, runBin, tempDir } from "../helpers/bin.js";
import { type LearnerOptions, simulateLearner } from "../helpers/simulated-learner.js";

beforeAll(() => {
  expect(existsSync(BIN), "run npm run build first").toBe(true);
});

/** A config dir holding a simulated learner's log, brought in the way a user would: `progress import`. */
function importedDir(opts: Partial<LearnerOptions> = {}): { dir: string; state: Progress } {
  const state = simulateLearner({
    seed: 3,
    days: 90,
    end: Date.now(),
    questions: 120,
    newPerDay: 5,
    ...opts,
  });
  const file = join(tempDir(), "export.json");
  writeFileSync(
    file,
    JSON.stringify({ format: "k8s-quiz-progress", exportedAt: new Date().toISOString(), state }),
  );
  const dir = tempDir();
  expect(ok(runBin(["progress", "import", file], { configDir: dir }))).toMatch(/^Imported /);
  return { dir, state };
}

const fitsIn80 = (text: string) => {
  for (const line of outputLines(text)) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
};

describe("k8s-quiz optimize on 90 days of a simulated learner", () => {
  const { dir, state } = importedDir();

  it("fits, judges on the held-out later reviews, and keeps the fitted parameters as they predict better", () => {
    const doc = JSON.parse(ok(runBin(["optimize", "--json"], { configDir: dir })));
    expect(doc.status).toBe("kept");
    expect(doc.reviews).toBe(state.history.length);
    expect(doc.fitted.logLoss).toBeLessThan(doc.defaults.logLoss);
    expect(doc.parameters).toHaveLength(21);
    const saved = configOf<Progress>(dir).fsrs;
    expect(saved?.w).toEqual(doc.parameters);
    expect(saved).toMatchObject({
      reviews: state.history.length,
      kept: true,
      fitted: doc.fitted,
      defaults: doc.defaults,
    });
  }, 60_000);

  it("prints both sets of figures in plain text within 80 columns; --dry-run saves nothing", () => {
    const before = configOf<Progress>(dir).fsrs?.fittedAt;
    const out = ok(runBin(["optimize", "--dry-run"], { configDir: dir }));
    expect(out).toMatch(/log loss\s+RMSE/);
    expect(out).toMatch(/^\s+defaults\s+0\.\d{4}\s+0\.\d{4}$/m);
    expect(out).toMatch(/^\s+fitted\s+0\.\d{4}\s+0\.\d{4}$/m);
    expect(out).toContain("Keeping the fitted parameters");
    expect(out).toContain("Dry run: nothing was saved.");
    fitsIn80(out);
    expect(configOf<Progress>(dir).fsrs?.fittedAt).toBe(before);
  }, 60_000);

  it("stats shows the calibration and that the scheduler runs on fitted parameters", () => {
    const stats = JSON.parse(ok(runBin(["stats", "--json"], { configDir: dir })));
    expect(stats.scheduler).toMatchObject({ parameters: "fitted", desiredRetention: 0.9, refit: null });
    expect(stats.calibration).toHaveLength(5);
    const text = ok(runBin(["stats"], { configDir: dir }));
    expect(text).toMatch(/Predicted vs actual recall \([\d,]+ reviews, fitted parameters\)/);
    expect(text).toMatch(/Predicted\s+Reviews\s+Expected\s+Recalled/);
    fitsIn80(text);
  }, 60_000);

  it("--reset goes back to the defaults", () => {
    expect(ok(runBin(["optimize", "--reset"], { configDir: dir }))).toBe(
      "Scheduling with the default FSRS parameters again.\n",
    );
    expect(configOf<Progress>(dir).fsrs).toBeUndefined();
    const stats = JSON.parse(ok(runBin(["stats", "--json"], { configDir: dir })));
    expect(stats.scheduler.parameters).toBe("default");
    // Never fitted and over 400 reviews: the fit is suggested, in stats too.
    expect(stats.scheduler.refit).toContain("k8s-quiz optimize");
    expect(ok(runBin(["stats"], { configDir: dir }))).toContain("k8s-quiz optimize can fit the schedule");
  }, 60_000);
});

describe("k8s-quiz optimize with too little history", () => {
  it("says how many more reviews it needs and keeps the parameters", () => {
    const { dir } = importedDir({ days: 3, questions: 10, newPerDay: 3 });
    const out = ok(runBin(["optimize"], { configDir: dir }));
    expect(out).toContain("Not enough history to fit your parameters yet");
    expect(out.replace(/\n/g, " ")).toMatch(/about \d+ more reviews/);
    fitsIn80(out);
    const doc = JSON.parse(ok(runBin(["optimize", "--json"], { configDir: dir })));
    expect(doc.status).toBe("too-little-history");
    expect(doc.reviewsNeeded).toBeGreaterThan(0);
    expect(configOf<Progress>(dir).fsrs).toBeUndefined();
  });

  it("with no answers at all, too", () => {
    expect(ok(runBin(["optimize"]))).toContain("0 reviews logged");
  });
});

describe("without the optimizer's native binding", () => {
  // The package as installed where no prebuilt binary exists: bin/, dist/ and data/ with no
  // node_modules beside them, so the optional dependency cannot be loaded.
  const root = tempDir("k8s-quiz-nobinding-");
  for (const part of ["bin", "dist", "data", "package.json"])
    cpSync(join(ROOT, part), join(root, part), { recursive: true });
  const run = (args: string[], configDir: string, input = "") => {
    const r = spawnSync(process.execPath, [join(root, "bin", "k8s-quiz.js"), ...args], {
      input,
      env: { ...process.env, K8S_QUIZ_CONFIG_DIR: configDir, NO_COLOR: "1" },
      cwd: root,
      encoding: "utf8",
      timeout: 30_000,
    });
    return { stdout: r.stdout, stderr: r.stderr, code: r.status };
  };

  it("optimize says why not in one line, exit 1, and the parameters stay", () => {
    const { dir } = importedDir();
    const err = fails(run(["optimize"], dir), 1);
    expect(err).toMatch(/could not be loaded on \w+-\w+ .*; keeping the current parameters\n$/);
    expect(configOf<Progress>(dir).fsrs).toBeUndefined();
  }, 60_000);

  it("everything else works: stats with calibration, config, review with an exam date", () => {
    const { dir } = importedDir({ days: 20 });
    expect(run(["stats"], dir).stdout).toContain("Predicted vs actual recall");
    expect(run(["config", "set", "desiredRetention", "0.85"], dir).code).toBe(0);
    const r = run(
      ["review", "--exam-date", "2099-01-01", "--json", "--limit", "1", "--mode", "flash"],
      dir,
      "good\n",
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).session.exam.date).toBe("2099-01-01");
  }, 60_000);
});

describe("the settings optimize and the exam date use", () => {
  it.each([
    ["desiredRetention", "0.7", "0.7"],
    ["desiredRetention", "0.97", "0.97"],
    ["examDate", "2099-01-15", "2099-01-15"],
    ["examDate", "", ""],
  ])("config set %s %j", (key, raw, shown) => {
    const dir = tempDir();
    expect(ok(runBin(["config", "set", key, raw], { configDir: dir }))).toBe(`${key} = ${shown}\n`);
  });

  it.each([
    ["desiredRetention", "0.5", "a fraction from 0.7 to 0.97"],
    ["desiredRetention", "0.99", "a fraction from 0.7 to 0.97"],
    ["examDate", "2027-02-30", "a date as YYYY-MM-DD"],
    ["examDate", "next week", "a date as YYYY-MM-DD"],
    ["examDate", "2020-01-15", "examDate 2020-01-15 has passed"],
  ])("refuses %s %j with exit 2", (key, raw, rule) => {
    expect(fails(runBin(["config", "set", key, raw]), 2)).toContain(rule);
  });

  it("review --exam-date refuses a date that is not one", () => {
    expect(fails(runBin(["review", "--exam-date", "2027-13-01"]), 2)).toContain(
      "expected a date as YYYY-MM-DD",
    );
  });

  it("stats shows readiness for the exam date by section, unseen questions at 0", () => {
    const dir = tempDir();
    ok(runBin(["config", "set", "examDate", "2099-06-01"], { configDir: dir }));
    ok(
      runBin(["practice", "-s", "networking", "-n", "2", "--seed", "1", "--mode", "flash"], {
        configDir: dir,
        input: "good\ngood\n",
      }),
    );
    const stats = JSON.parse(ok(runBin(["stats", "--json"], { configDir: dir })));
    expect(stats.readiness.examDate).toBe("2099-06-01");
    const net = stats.readiness.sections.find((s: { section: string }) => s.section === "networking");
    expect(net.seen).toBe(2);
    expect(net.readiness).toBeGreaterThan(0);
    expect(
      stats.readiness.sections
        .filter((s: { section: string }) => s.section !== "networking")
        .every((s: { readiness: number }) => s.readiness === 0),
    ).toBe(true);
    const text = ok(runBin(["stats"], { configDir: dir }));
    // One rounding everywhere (issue 18): a tenth, as in the summary.
    expect(text).toMatch(/Ready for 2099-06-01 \(in [\d,]+ days\): [\d.]+% predicted recall/);
    expect(text).toMatch(/2\/10 seen/);
    fitsIn80(text);
  });

  it("review says when today's new-question limit cannot see the bank twice before the exam", () => {
    const dir = tempDir();
    const soon = new Date(Date.now() + 5 * 86_400_000);
    const day = `${soon.getFullYear()}-${String(soon.getMonth() + 1).padStart(2, "0")}-${String(soon.getDate()).padStart(2, "0")}`;
    const r = runBin(["review", "--exam-date", day, "--new", "2", "--limit", "1", "--mode", "flash"], {
      configDir: dir,
      input: "good\n",
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `To see all \\d+ new questions twice before the exam on ${day} takes \\d+ new a day; today's limit is 2 \\(raise it with --new\\)\\.`,
      ),
    );
  });
});

describe("k8s-quiz optimize --help", () => {
  it("names every flag and gives examples", () => {
    const out = ok(runBin(["optimize", "--help"]));
    for (const flag of ["--json", "--dry-run", "--reset"]) expect(out).toContain(flag);
    expect(out).toContain("$ k8s-quiz optimize --dry-run --json");
  });
});
