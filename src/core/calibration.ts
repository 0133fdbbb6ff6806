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
 * A prediction in whole units of 2^-32. A bucket's mean is taken from the sum of these, which is
 * exact (for up to two million points) in any order: the chart the database keeps by adding and
 * taking away points one at a time equals the one a replay sums from scratch, to the last bit.
 */
export const PREDICTION_UNIT = 2 ** 32;
// floor(x + 0.5) rather than Math.round, so that SQLite's CAST(x + 0.5 AS INTEGER) gives the same
// integer, bit for bit, when the database sums points itself (io/store/progress-db.ts).
export const predictionUnits = (predicted: number): number => Math.floor(predicted * PREDICTION_UNIT + 0.5);

/** A bucket from its range, its size and its sums (predictions in PREDICTION_UNITs, recalls). */
export function calibrationBucket(
  from: number,
  to: number,
  answers: number,
  units: number,
  recalled: number,
): CalibrationBucket {
  return {
    from,
    to,
    answers,
    predicted: answers ? units / answers / PREDICTION_UNIT : 0,
    actual: answers ? recalled / answers : 0,
  };
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
    out.push(
      calibrationBucket(
        slice[0]?.predicted ?? 0,
        slice.at(-1)?.predicted ?? 0,
        slice.length,
        slice.reduce((s, x) => s + predictionUnits(x.predicted), 0),
        slice.reduce((s, x) => s + x.recalled, 0),
      ),
    );
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

/** A point's place in the chart's order: its prediction, then its outcome, then when it was added. */
export type PointKey = readonly [predicted: number, recalled: number, id: number];

export const compareKeys = (a: PointKey, b: PointKey): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * The chart's buckets as sums, kept up to date one point at a time so that `stats` reads five rows
 * instead of sorting every review: `n` points; `bounds[b - 1]`, the first point of bucket b (for
 * b ≥ 1); and each bucket's [points, predictions in PREDICTION_UNITs, recalls].
 */
export interface BucketSums {
  n: number;
  bounds: PointKey[];
  sums: [number, number, number][];
}

/**
 * The sums once point `x` joined, with `bounds.length + 1` buckets of sizes as calibrationBuckets
 * cuts them. Bucket b starts at rank floor(b·n/k); with one more point each start moves by at most
 * one place, so each bound moves to its neighbour or stays, and one point crosses over with it.
 * `before` and `after` give a key's neighbours in the order with x already in it. Needs n ≥ k, so
 * that no bucket is empty.
 */
export function addToBuckets(
  s: BucketSums,
  x: PointKey,
  neighbours: { before(k: PointKey): PointKey; after(k: PointKey): PointKey },
): BucketSums {
  const k = s.bounds.length + 1;
  const n = s.n + 1;
  const units = (p: PointKey) => predictionUnits(p[0]);
  const sums = s.sums.map((t) => [...t] as [number, number, number]);
  const move = (p: PointKey, from: number, to: number) => {
    const a = sums[from] as [number, number, number];
    const b = sums[to] as [number, number, number];
    a[0]--;
    a[1] -= units(p);
    a[2] -= p[1];
    b[0]++;
    b[1] += units(p);
    b[2] += p[1];
  };
  const bucket = s.bounds.filter((b) => compareKeys(b, x) < 0).length;
  const own = sums[bucket] as [number, number, number];
  own[0]++;
  own[1] += units(x);
  own[2] += x[1];
  const bounds = s.bounds.map((bound, i) => {
    const b = i + 1;
    const rank = Math.floor((b * s.n) / k) + (compareKeys(x, bound) < 0 ? 1 : 0);
    const target = Math.floor((b * n) / k);
    if (rank === target + 1) {
      // The bucket before has one too many: its last point becomes this one's first.
      const last = neighbours.before(bound);
      move(last, b - 1, b);
      return last;
    }
    if (rank === target - 1) {
      // This bucket's first point goes to the one before.
      move(bound, b, b - 1);
      return neighbours.after(bound);
    }
    return bound;
  });
  return { n, bounds, sums };
}

/** The sums of points already in the chart's order (compareKeys), cut into `k` buckets. */
export function bucketSums(sorted: readonly PointKey[], k: number): BucketSums {
  const n = sorted.length;
  const starts = Array.from({ length: k + 1 }, (_, b) => Math.floor((b * n) / k));
  const sums: [number, number, number][] = [];
  for (let b = 0; b < k; b++) {
    const t: [number, number, number] = [0, 0, 0];
    for (let i = starts[b] as number; i < (starts[b + 1] as number); i++) {
      const p = sorted[i] as PointKey;
      t[0]++;
      t[1] += predictionUnits(p[0]);
      t[2] += p[1];
    }
    sums.push(t);
  }
  return { n, bounds: starts.slice(1, k).map((i) => sorted[i] as PointKey), sums };
}

/** The chart from kept sums: each bucket's range from its first point and the one before the next bucket's. */
export function bucketsFromSums(
  s: BucketSums,
  ends: { first: PointKey; last: PointKey; before(k: PointKey): PointKey },
): CalibrationBucket[] {
  return s.sums.map(([answers, units, recalled], b) =>
    calibrationBucket(
      b === 0 ? ends.first[0] : (s.bounds[b - 1] as PointKey)[0],
      b === s.sums.length - 1 ? ends.last[0] : ends.before(s.bounds[b] as PointKey)[0],
      answers,
      units,
      recalled,
    ),
  );
}
