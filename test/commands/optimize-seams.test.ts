import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { default_w } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { optimizeCommand } from "../../src/commands/optimize.js";
import { UserError } from "../../src/errors.js";
import type { Optimizer } from "../../src/io/store/optimizer.js";
import { configOf, tempDir } from "../helpers/bin.js";
import { terminalDeps } from "../helpers/deps.js";
import { simulateLearner } from "../helpers/simulated-learner.js";

// optimize through its two seams: where the review log comes from, and the optimizer itself.

const state = simulateLearner({ seed: 11, days: 60, end: Date.now(), questions: 80, newPerDay: 4 });

function setup() {
  const dir = tempDir();
  writeFileSync(join(dir, "config.json"), JSON.stringify({ ...state, history: [] }));
  const output = new PassThrough();
  let printed = "";
  output.on("data", (d) => {
    printed += d;
  });
  const deps = terminalDeps({ configDir: dir, context: { input: new PassThrough(), output } });
  return { dir, deps, printed: () => printed };
}

/** An optimizer that fits `w` and scores each parameter set with `score`. */
const fake = (w: number[], score: (w: readonly number[]) => number): Optimizer => ({
  fit: async () => w,
  evaluate: (p) => ({ logLoss: score(p), rmse: score(p) / 2 }),
  crossValidate: async () => {
    throw new Error("NotEnoughData");
  },
});

describe("optimize's seams", () => {
  it("reads the log through the reviewLog seam, not the progress file's history", async () => {
    const { deps, printed } = setup();
    // The file's history is empty; the log comes from the seam (as the progress database's will).
    const fitted = Array.from(default_w).map((x, i) => (i === 0 ? x / 2 : x));
    const code = await optimizeCommand(
      deps,
      { json: true },
      {
        reviewLog: () => state.history,
        loadOptimizer: async () => fake(fitted, (p) => (p === fitted ? 0.2 : 0.3)),
      },
    );
    expect(code).toBe(0);
    const doc = JSON.parse(printed());
    expect(doc).toMatchObject({ status: "kept", reviews: state.history.length, crossValidation: null });
  });

  it("keeps the defaults when the fit predicts the held-out reviews worse, and records the attempt", async () => {
    const { dir, deps, printed } = setup();
    const fitted = Array.from(default_w).map((x, i) => (i === 5 ? x * 1.5 : x));
    await optimizeCommand(
      deps,
      {},
      {
        reviewLog: () => state.history,
        loadOptimizer: async () => fake(fitted, (p) => (p === fitted ? 0.4 : 0.3)),
      },
    );
    expect(printed()).toContain(
      "Keeping the default parameters: the fitted ones did not predict the held-out",
    );
    const saved = configOf(dir).fsrs;
    expect(saved.w).toBeUndefined();
    expect(saved).toMatchObject({ kept: false, reviews: state.history.length, fitted: { logLoss: 0.4 } });
  });

  it("an optimizer that fails is one line, and the parameters stay", async () => {
    const { dir, deps } = setup();
    const broken: Optimizer = {
      ...fake([], () => 0),
      fit: async () => {
        throw new Error("compute_parameters failed: InvalidInput\n  at native");
      },
    };
    const e = await optimizeCommand(
      deps,
      {},
      { reviewLog: () => state.history, loadOptimizer: async () => broken },
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toBe(
      "optimize: the optimizer failed (compute_parameters failed: InvalidInput); keeping the current parameters",
    );
    expect(configOf(dir).fsrs).toBeUndefined();
  });
});
