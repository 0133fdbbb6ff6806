import { scheduledReviews } from "./review-log.js";
import { retrievability, type SchedulerParams, scheduleAnswer } from "./schedule.js";
import type { HistoryEntry, StoredCard } from "./state.js";
import type { Grade } from "./types.js";

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

/** One review after a card's first: the recall the card predicted then, and whether it came. */
export interface CalibrationPoint {
  predicted: number;
  recalled: 0 | 1;
}

/** Where one question's replay stands: its card under the parameters, and its last review's time. */
export interface CalibrationTrack {
  card: StoredCard;
  lastAt: number;
}

/**
 * One scheduled review added to a question's replay: the point it makes (none for the first
 * review), and the track after it. The same step serves the full replay and a store that keeps the
 * replay up to date one answer at a time, so the two cannot drift apart.
 */
export function calibrationStep(
  track: CalibrationTrack | undefined,
  review: { grade: Grade; at: number },
  p?: SchedulerParams,
): { track: CalibrationTrack; point?: CalibrationPoint } {
  const point: CalibrationPoint | undefined = track && {
    predicted: retrievability(track.card, review.at, p),
    recalled: review.grade === "again" ? 0 : 1,
  };
  const card = scheduleAnswer(track?.card, review.grade, review.at, p);
  return { track: { card, lastAt: review.at }, ...(point ? { point } : {}) };
}

/**
 * The replay behind the calibration chart: each card's reviews through the scheduler with the
 * current parameters. A card with more reviews than the log holds (`repsOf`) is left out (its
 * replay would start mid-way) and listed in `excluded`.
 */
export function calibrationReplay(
  log: readonly HistoryEntry[],
  p?: SchedulerParams,
  repsOf: (id: string) => number | undefined = () => undefined,
): { points: CalibrationPoint[]; tracks: Map<string, CalibrationTrack>; excluded: Set<string> } {
  const points: CalibrationPoint[] = [];
  const tracks = new Map<string, CalibrationTrack>();
  const excluded = new Set<string>();
  for (const [id, list] of scheduledReviews(log)) {
    if ((repsOf(id) ?? 0) > list.length) {
      excluded.add(id);
      continue;
    }
    let track: CalibrationTrack | undefined;
    for (const h of list) {
      const step = calibrationStep(track, h, p);
      if (step.point) points.push(step.point);
      track = step.track;
    }
    if (track) tracks.set(id, track);
  }
  return { points, tracks, excluded };
}

/**
 * The predictions in `buckets` groups of equal size (quintiles), not equal width: nearly all
 * predictions sit between 70% and 100%, and equal widths would leave most buckets empty.
 */
export function calibrationBuckets(
  points: readonly CalibrationPoint[],
  buckets = CALIBRATION_BUCKETS,
): CalibrationBucket[] {
  // Ties broken by the outcome, misses first: the order the store's index keeps, so a chart drawn
  // from the database and one replayed here split tied predictions the same way.
  const sorted = [...points].sort((a, b) => a.predicted - b.predicted || a.recalled - b.recalled);
  const n = Math.min(buckets, sorted.length);
  const out: CalibrationBucket[] = [];
  for (let b = 0; b < n; b++) {
    const slice = sorted.slice(
      Math.floor((b * sorted.length) / n),
      Math.floor(((b + 1) * sorted.length) / n),
    );
    const mean = (f: (x: CalibrationPoint) => number) => slice.reduce((s, x) => s + f(x), 0) / slice.length;
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

/**
 * Predicted against actual recall over the logged reviews: before each review of a card after its
 * first, the recall the card predicted at that moment (replayed with the current parameters), and
 * whether it was recalled, in quintiles.
 */
export function calibration(
  log: readonly HistoryEntry[],
  p?: SchedulerParams,
  repsOf: (id: string) => number | undefined = () => undefined,
  buckets = CALIBRATION_BUCKETS,
): CalibrationBucket[] {
  return calibrationBuckets(calibrationReplay(log, p, repsOf).points, buckets);
}
