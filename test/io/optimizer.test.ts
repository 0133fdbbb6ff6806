import { default_w } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { splitByTime, toOptimizerItems } from "../../src/core/review-log.js";
import { loadOptimizer, OptimizerUnavailable } from "../../src/io/store/optimizer.js";
import { simulateLearner } from "../helpers/simulated-learner.js";

describe("the FSRS optimizer on a simulated learner's log", () => {
  // 90 days of a learner who forgets on a known curve (R = 0.9^(t/S), S starting at 0.4 days),
  // scheduled all along by the default parameters.
  const state = simulateLearner({
    seed: 42,
    days: 90,
    end: new Date(2026, 5, 30).getTime(),
    questions: 120,
    newPerDay: 5,
  });
  const items = toOptimizerItems(state.history, (id) => state.questions[id]?.card?.reps);

  it("fits parameters that predict the held-out, later part of the log better than the defaults", async () => {
    const optimizer = await loadOptimizer();
    const { train, test } = splitByTime(items);
    expect(train.length).toBeGreaterThan(500);
    const w = await optimizer.fit(train);
    expect(w).toHaveLength(21);
    const defaults = optimizer.evaluate(Array.from(default_w), test);
    const fitted = optimizer.evaluate(w, test);
    expect(fitted.logLoss).toBeLessThan(defaults.logLoss);
    expect(fitted.rmse).toBeLessThan(defaults.rmse);
    // The learner's first stabilities are far below the defaults' (w0-w3: again, hard, good, easy).
    expect(w[2]).toBeLessThan(default_w[2] as number);
  }, 60_000);

  it("a module that cannot load is OptimizerUnavailable, naming it", async () => {
    const missing = new URL("./no-such-binding.cjs", import.meta.url).pathname;
    const e = await loadOptimizer(missing).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OptimizerUnavailable);
    expect((e as Error).message).toContain("no-such-binding.cjs could not be loaded");
    expect((e as Error).message).not.toContain("\n");
  });
});
