import { default_w } from "ts-fsrs";
import { percentText } from "../core/percent.js";
import {
  FULL_FIT_ITEMS,
  HELD_OUT,
  MIN_ITEMS,
  reviewCount,
  reviewsNeeded,
  splitByTime,
  toOptimizerItems,
  trainingItems,
} from "../core/review-log.js";
import type { FitFigures, FittedParams, Progress } from "../core/state.js";
import type { Deps } from "../deps.js";
import { UserError } from "../errors.js";
import type { OptionsOf } from "../flags.js";
import { loadOptimizer, type Optimizer, OptimizerUnavailable } from "../io/optimizer.js";
import { stylesFor } from "../io/render.js";
import { type ReviewLog, reviewLogOf } from "../io/review-log.js";
import { table } from "../io/table.js";
import { wrapText } from "../io/wrap.js";

/** Its flags, as declared once in src/flags.ts. */
export type OptimizeOptions = Partial<OptionsOf<"optimize">>;

/** Where `optimize` gets its log and its optimizer: the real ones unless a caller passes others. */
export interface OptimizeSeams {
  reviewLog?: ReviewLog;
  loadOptimizer?: () => Promise<Optimizer>;
}

const DEFAULTS: readonly number[] = Array.from(default_w);
const same = (a: readonly number[], b: readonly number[], from = 0) =>
  a.length === b.length && a.every((x, i) => i < from || Math.abs(x - (b[i] ?? 0)) < 1e-4);
const f4 = (n: number) => n.toFixed(4);
const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/**
 * `k8s-quiz optimize`: fits FSRS's parameters to the learner's own reviews with the FSRS project's
 * optimizer, on the earlier part of the log, and keeps them only when they predict the later part
 * better than the defaults do.
 */
export async function optimizeCommand(
  deps: Deps,
  opts: OptimizeOptions,
  seams: OptimizeSeams = {},
): Promise<number> {
  const out = deps.output(opts.color);
  const c = stylesFor(out);
  const width = Math.min(out.width, 80);
  const say = (text: string) => out.out(wrapText(text, width));
  const store = deps.store();

  if (opts.reset) {
    const had = !!store.read().fsrs?.w;
    if (!opts.dryRun)
      await store.update(
        (s) => {
          const { fsrs: _dropped, ...rest } = s;
          return rest as Progress;
        },
        { required: true },
      );
    if (opts.json) out.json({ status: "reset", hadFitted: had, dryRun: !!opts.dryRun });
    else {
      say(
        had
          ? "Scheduling with the default FSRS parameters again."
          : "Already on the default FSRS parameters.",
      );
      if (opts.dryRun) out.out(c.dim("Dry run: nothing was saved."));
    }
    return 0;
  }

  const state = store.read();
  const log = (seams.reviewLog ?? reviewLogOf(deps))();
  const reviews = reviewCount(log);
  const items = toOptimizerItems(log, (id) => state.questions[id]?.card?.reps);
  const { train, test } = splitByTime(items);
  const usable = { train: trainingItems(train), test: trainingItems(test) };

  const tooLittle = (fsrsDefaults: boolean) => {
    const needed = Math.max(reviewsNeeded(items), 1);
    if (opts.json) {
      out.json({
        status: "too-little-history",
        reviews,
        trainingItems: usable,
        reviewsNeeded: needed,
        ...(fsrsDefaults ? { note: "the optimizer returned its defaults" } : {}),
      });
      return 0;
    }
    say(
      `Not enough history to fit your parameters yet: ${plural(reviews, "review")} logged, ` +
        `${usable.train} of them usable for fitting (a review on a later day than the question's previous one). ` +
        `The optimizer needs ${MIN_ITEMS} to start and ${FULL_FIT_ITEMS} for a full fit: about ${plural(needed, "more review")}. ` +
        "Keeping the current parameters.",
    );
    return 0;
  };
  if (usable.train < MIN_ITEMS || usable.test === 0) return tooLittle(false);

  let optimizer: Optimizer;
  try {
    optimizer = await (seams.loadOptimizer ?? loadOptimizer)();
  } catch (e) {
    if (e instanceof OptimizerUnavailable)
      throw new UserError(`optimize: ${e.message}; keeping the current parameters`);
    throw e;
  }

  // The optimizer's own failures (fsrs-rs errors) are one line, not a stack: the parameters stay.
  const run = async <T>(what: () => Promise<T> | T): Promise<T> => {
    try {
      return await what();
    } catch (e) {
      const why = String((e as Error)?.message ?? e).split("\n")[0];
      throw new UserError(`optimize: the optimizer failed (${why}); keeping the current parameters`);
    }
  };
  // Fitting a long log takes a while: said on a terminal, so the wait is not taken for a hang.
  if (!opts.json && deps.stderrTTY) out.err(c.dim(`Fitting on ${plural(train.length, "review")}…`));
  const w = await run(() => optimizer.fit(train));
  if (same(w, DEFAULTS)) return tooLittle(true);
  // fsrs-rs fits only the first-answer stabilities (w0-w3) below FULL_FIT_ITEMS training items.
  const partial = same(w, DEFAULTS, 4);
  const defaults = await run(() => optimizer.evaluate(DEFAULTS, test));
  const fitted = await run(() => optimizer.evaluate(w, test));
  const kept = fitted.logLoss < defaults.logLoss;
  let crossValidation: FitFigures | undefined;
  try {
    crossValidation = await optimizer.crossValidate(items);
  } catch {
    // fsrs-rs refuses a log too small for its five folds; the held-out figures above still stand.
  }

  const record: FittedParams = {
    ...(kept ? { w } : state.fsrs?.w ? { w: state.fsrs.w } : {}),
    fittedAt: deps.now().getTime(),
    reviews,
    kept,
    defaults,
    fitted,
  };
  if (!opts.dryRun) await store.update((s) => ({ ...s, fsrs: record }), { required: true });

  if (opts.json) {
    out.json({
      status: kept ? "kept" : "rejected",
      reviews,
      items: { train: train.length, test: test.length },
      trainingItems: usable,
      partial,
      ...(partial ? { reviewsNeeded: reviewsNeeded(items) } : {}),
      defaults,
      fitted,
      crossValidation: crossValidation ?? null,
      parameters: w,
      dryRun: !!opts.dryRun,
    });
    return 0;
  }
  say(
    `Fitted FSRS parameters on the earlier ${percentText(1 - HELD_OUT)} of ${plural(reviews, "review")} ` +
      `and judged them on the latest ${percentText(HELD_OUT)} (${plural(test.length, "review")}):`,
  );
  const rows = [
    ["defaults", f4(defaults.logLoss), f4(defaults.rmse)],
    ["fitted", f4(fitted.logLoss), f4(fitted.rmse)],
  ];
  for (const line of table(["", "log loss", "RMSE"], rows, width - 2)) out.out(`  ${line}`);
  if (crossValidation)
    say(
      c.dim(
        `Cross-validated over the whole log (fsrs-rs time-series splits): log loss ${f4(crossValidation.logLoss)}, RMSE ${f4(crossValidation.rmse)}.`,
      ),
    );
  if (partial)
    say(
      `Only the first-answer stabilities could be fitted: about ${plural(reviewsNeeded(items), "more review")} for a full fit.`,
    );
  say(
    kept
      ? "Keeping the fitted parameters: they predicted the held-out reviews better (lower log loss). k8s-quiz optimize --reset goes back to the defaults."
      : `Keeping the ${state.fsrs?.w ? "current" : "default"} parameters: the fitted ones did not predict the held-out reviews better.`,
  );
  if (opts.dryRun) out.out(c.dim("Dry run: nothing was saved."));
  return 0;
}
