import type { OptimizerItem } from "../core/review-log.js";
import type { FitFigures } from "../core/state.js";
import { exportsWith } from "./lazy.js";

/** The FSRS optimizer, as `optimize` uses it; built over @open-spaced-repetition/binding. */
export interface Optimizer {
  /** Parameters fitted to the items (fsrs-rs returns its defaults when there are too few). */
  fit(items: readonly OptimizerItem[]): Promise<number[]>;
  /** How well `w` predicts the items: log loss and RMSE over bins, as fsrs-rs measures them. */
  evaluate(w: readonly number[], items: readonly OptimizerItem[]): FitFigures;
  /** fsrs-rs's own time-series cross-validation (fit on each earlier fold, judge on the next). */
  crossValidate(items: readonly OptimizerItem[]): Promise<FitFigures>;
}

/** The optimizer could not be loaded: no prebuilt binary for this platform, or not installed. */
export class OptimizerUnavailable extends Error {}

/**
 * fsrs-rs's Node binding, as its prebuilt platform package. The umbrella package
 * (@open-spaced-repetition/binding) only picks one of these, but it lists a package for every
 * platform at its own version while only linux-x64 is published at 0.5.0: npm then writes a lock file
 * that `npm ci` refuses everywhere. The platform package is the same native module, and on any other
 * platform it is simply not installed, which `optimize` reports in one line.
 */
export const OPTIMIZER_PACKAGE = "@open-spaced-repetition/binding-linux-x64-gnu";

/** The part of the binding's API (its index.d.ts, version 0.5) that k8s-quiz uses. */
interface Binding {
  FSRSBindingReview: new (rating: number, deltaT: number) => unknown;
  FSRSBindingItem: new (reviews: unknown[]) => unknown;
  FSRSBinding: new (parameters: number[]) => { evaluate(items: unknown[]): ModelEvaluation };
  computeParameters(items: unknown[], options?: { enableShortTerm: boolean }): Promise<number[]>;
  evaluateWithTimeSeriesSplits(
    items: unknown[],
    options?: { enableShortTerm: boolean },
  ): Promise<ModelEvaluation>;
}

interface ModelEvaluation {
  logLoss: number;
  rmseBins: number;
}

// The same choice the scheduler makes (ts-fsrs enables short-term steps by default): same-day
// reviews count, so fitted parameters mean the same thing in both.
const OPTIONS = { enableShortTerm: true } as const;

/**
 * Loads the optimizer on first use: a native module, needed by `optimize` alone. It is an optional
 * dependency, so on a platform without a prebuilt binary the import fails; that is reported as
 * OptimizerUnavailable with the loader's first line. `specifier` is the seam a test points at a
 * module that cannot load.
 */
export async function loadOptimizer(specifier: string = OPTIMIZER_PACKAGE): Promise<Optimizer> {
  let b: Binding;
  try {
    // Loaded as CommonJS from the bundle, or as an ES module: the functions may sit under `default`.
    b = exportsWith<Binding>(await import(specifier), "computeParameters", "it");
  } catch (e) {
    const why = String((e as Error)?.message ?? e).split("\n")[0];
    throw new OptimizerUnavailable(
      `${specifier} could not be loaded on ${process.platform}-${process.arch} (${why})`,
    );
  }
  const toItems = (items: readonly OptimizerItem[]) =>
    items.map(
      (i) => new b.FSRSBindingItem(i.reviews.map((r) => new b.FSRSBindingReview(r.rating, r.deltaT))),
    );
  // fsrs-rs judges predictions of reviews on a later day only: an item ending in a same-day repeat
  // makes evaluate() fail with InvalidInput, so such items are left out of judging (not of fitting).
  const judged = (items: readonly OptimizerItem[]) =>
    toItems(items.filter((i) => (i.reviews.at(-1)?.deltaT ?? 0) > 0));
  const figures = (m: { logLoss: number; rmseBins: number }): FitFigures => ({
    logLoss: m.logLoss,
    rmse: m.rmseBins,
  });
  return {
    fit: (items) => b.computeParameters(toItems(items), OPTIONS),
    evaluate: (w, items) => figures(new b.FSRSBinding([...w]).evaluate(judged(items))),
    crossValidate: async (items) => figures(await b.evaluateWithTimeSeriesSplits(judged(items), OPTIONS)),
  };
}
