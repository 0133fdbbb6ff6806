import type { HistoryEntry } from "../core/state.js";
import type { Deps } from "../deps.js";

/**
 * The learner's review log: the one place `optimize`, the calibration chart and the re-fit reminder
 * read it from. Today it is the progress file's history (its last 5,000 answers); pointing this at
 * the full log of the progress database changes every reader at once.
 */
export type ReviewLog = () => readonly HistoryEntry[];

export const reviewLogOf =
  (deps: Pick<Deps, "store">): ReviewLog =>
  () =>
    deps.store().read().history;
