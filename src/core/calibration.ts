import { scheduledReviews } from "./review-log.js";
import { retrievability, type SchedulerParams, scheduleAnswer } from "./schedule.js";
import type { HistoryEntry, StoredCard } from "./state.js";

export const CALIBRATION_BUCKETS = 5;

export interface CalibrationBucket {
  /** Lowest and highest predicted recall in the bucket. */
  from: number;
  to: number;
  answers: number;
  /** Mean predicted recall. */
  predicted: number;
  /** Share of those answers that were recalled (anything but "again"). */
  actual: number;
}

/**
 * Predicted against actual recall over the logged reviews. Each card's reviews are replayed through
 * the scheduler with the current parameters: before each review after the first, the recall the
 * card predicted at that moment, and whether it was recalled. The predictions go into `buckets`
 * groups of equal size (quintiles), not equal width: nearly all predictions sit between 70% and
 * 100%, and equal widths would leave most buckets empty. A card with more reviews than the log holds
 * (`repsOf`) is left out: its replay would start mid-way.
 */
export function calibration(
  log: readonly HistoryEntry[],
  p?: SchedulerParams,
  repsOf: (id: string) => number | undefined = () => undefined,
  buckets = CALIBRATION_BUCKETS,
): CalibrationBucket[] {
  const points: { predicted: number; recalled: number }[] = [];
  for (const [id, list] of scheduledReviews(log)) {
    if ((repsOf(id) ?? 0) > list.length) continue;
    let card: StoredCard | undefined;
    for (const h of list) {
      if (card)
        points.push({ predicted: retrievability(card, h.at, p), recalled: h.grade === "again" ? 0 : 1 });
      card = scheduleAnswer(card, h.grade, h.at, p);
    }
  }
  points.sort((a, b) => a.predicted - b.predicted);
  const n = Math.min(buckets, points.length);
  const out: CalibrationBucket[] = [];
  for (let b = 0; b < n; b++) {
    const slice = points.slice(
      Math.floor((b * points.length) / n),
      Math.floor(((b + 1) * points.length) / n),
    );
    const mean = (f: (x: (typeof slice)[number]) => number) =>
      slice.reduce((s, x) => s + f(x), 0) / slice.length;
    out.push({
      from: slice[0]?.predicted ?? 0,
      to: slice.at(-1)?.predicted ?? 0,
      answers: slice.length,
      predicted: mean((x) => x.predicted),
      actual: mean((x) => x.recalled),
    });
  }
  return out;
}
