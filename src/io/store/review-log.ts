import type { HistoryEntry } from "../../core/state.js";
import type { Deps } from "../../deps.js";

/**
 * The learner's review log: the one place `optimize`, the calibration chart and the re-fit reminder
 * read it from: every answer in the progress database, oldest first.
 */
export type ReviewLog = () => readonly HistoryEntry[];

export const reviewLogOf =
  (deps: Pick<Deps, "store">): ReviewLog =>
  () => [...deps.store().reviewLog()];
