import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addToBuckets,
  type BucketSums,
  bucketSums,
  bucketsFromSums,
  calibrationBucket,
  calibrationBuckets,
  compareKeys,
  type PointKey,
  predictionUnits,
} from "../../src/core/calibration.js";

/** The sums the slow way: sort everything, cut at floor(b·n/k). */
function fromScratch(points: readonly PointKey[], k: number): BucketSums {
  const sorted = [...points].sort(compareKeys);
  const n = sorted.length;
  const starts = Array.from({ length: k }, (_, b) => Math.floor((b * n) / k));
  return {
    n,
    bounds: starts.slice(1).map((i) => sorted[i] as PointKey),
    sums: starts.map((from, b) => {
      const slice = sorted.slice(from, b + 1 < k ? starts[b + 1] : n);
      return [
        slice.length,
        slice.reduce((s, p) => s + predictionUnits(p[0]), 0),
        slice.reduce((s, p) => s + p[1], 0),
      ];
    }),
  };
}

/** Neighbours in a list of points kept sorted. */
const neighboursIn = (sorted: PointKey[]) => ({
  before: (key: PointKey) => sorted[sorted.findIndex((p) => compareKeys(p, key) === 0) - 1] as PointKey,
  after: (key: PointKey) => sorted[sorted.findIndex((p) => compareKeys(p, key) === 0) + 1] as PointKey,
});

// Few distinct predictions, so that ties (broken by outcome, then by order of arrival) are common.
const point = fc.tuple(fc.constantFrom(0.2, 0.5, 0.5, 0.9, 0.97, 0.97, 1), fc.constantFrom(0, 1));
const anyPoint = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1));

describe("the calibration chart's sums, one point at a time", () => {
  for (const [name, arb] of [
    ["tied predictions", point],
    ["any predictions", anyPoint],
  ] as const) {
    it(`equal the sums made from scratch after every point (${name})`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 7 }),
          fc.array(arb, { minLength: 8, maxLength: 60 }),
          (k, raw) => {
            const points: PointKey[] = raw.map(([p, r], i) => [p, r, i + 1]);
            let sums = fromScratch(points.slice(0, k), k);
            const sorted = points.slice(0, k).sort(compareKeys);
            for (const x of points.slice(k)) {
              sorted.push(x);
              sorted.sort(compareKeys);
              sums = addToBuckets(sums, x, neighboursIn(sorted));
              expect(sums).toEqual(fromScratch(sorted, k));
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  it("made in one go, are the same", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.array(point, { minLength: 7, maxLength: 60 }),
        (k, raw) => {
          const sorted: PointKey[] = raw.map(([p, r], i): PointKey => [p, r, i + 1]).sort(compareKeys);
          expect(bucketSums(sorted, k)).toEqual(fromScratch(sorted, k));
        },
      ),
    );
  });

  it("give the buckets calibrationBuckets gives, to the last bit", () => {
    fc.assert(
      fc.property(fc.array(anyPoint, { minLength: 5, maxLength: 80 }), (raw) => {
        const points: PointKey[] = raw.map(([p, r], i) => [p, r, i + 1]);
        const sorted = [...points].sort(compareKeys);
        const expected = calibrationBuckets(raw.map(([predicted, recalled]) => ({ predicted, recalled })));
        const s = fromScratch(points, 5);
        const starts = [
          0,
          ...s.bounds.map((b) => sorted.findIndex((p) => compareKeys(p, b) === 0)),
          sorted.length,
        ];
        const buckets = s.sums.map(([c, units, recalled], b) =>
          calibrationBucket(
            (sorted[starts[b] as number] as PointKey)[0],
            (sorted[(starts[b + 1] as number) - 1] as PointKey)[0],
            c,
            units,
            recalled,
          ),
        );
        expect(buckets).toEqual(expected);
        const ends = {
          first: sorted[0] as PointKey,
          last: sorted.at(-1) as PointKey,
          ...neighboursIn(sorted),
        };
        expect(bucketsFromSums(s, ends)).toEqual(expected);
      }),
    );
  });
});
