import type { FittedParams, HistoryEntry } from "./state.js";
import type { Grade } from "./types.js";

/**
 * The review log as the optimizer wants it. One item per review after a card's first: that review
 * and every earlier one of the card, each with the whole days since the one before (0 for the first
 * and for a same-day repeat), as fsrs-rs's FSRSItem; only once the card has a review on a later day. These are plain data; the optimizer's own
 * classes are built from them at the edge (src/io/store/optimizer.ts).
 */
export interface OptimizerReview {
  /** 1 again, 2 hard, 3 good, 4 easy. */
  rating: number;
  deltaT: number;
}

export interface OptimizerItem {
  reviews: OptimizerReview[];
  /** When the item's last review was given: the time-series split goes by this. */
  at: number;
}

export const RATING_OF: Record<Grade, number> = { again: 1, hard: 2, good: 3, easy: 4 };

/** fsrs-rs gives back its defaults below this many training items... */
export const MIN_ITEMS = 8;
/** ...and below this many fits only the first-answer stabilities. */
export const FULL_FIT_ITEMS = 64;
/** Share of the items, the latest ones, held out to judge the fitted parameters. */
export const HELD_OUT = 0.2;
/** With no fit yet, `stats` and the home screen suggest one from this many reviews on. */
export const FIRST_FIT_REVIEWS = 400;

const DAY = 86_400_000;
/** Calendar days between two moments, by local date: a review at 23:50 and one at 00:10 are a day apart. */
const daysBetween = (a: number, b: number) => {
  const da = new Date(a);
  const db = new Date(b);
  return Math.round(
    (Date.UTC(db.getFullYear(), db.getMonth(), db.getDate()) -
      Date.UTC(da.getFullYear(), da.getMonth(), da.getDate())) /
      DAY,
  );
};

/** The answers that moved the schedule (not --cram ones), per question, oldest first. */
export function scheduledReviews(log: readonly HistoryEntry[]): Map<string, HistoryEntry[]> {
  const byId = new Map<string, HistoryEntry[]>();
  for (const h of log) {
    if (!h.scheduled) continue;
    const list = byId.get(h.id);
    if (list) list.push(h);
    else byId.set(h.id, [h]);
  }
  for (const list of byId.values()) list.sort((a, b) => a.at - b.at);
  return byId;
}

/** How many answers in the log moved the schedule: what "the number of reviews" means here. */
export const reviewCount = (log: readonly HistoryEntry[]): number =>
  log.reduce((n, h) => n + (h.scheduled ? 1 : 0), 0);

/**
 * The optimizer's input from the review log, oldest item first. `repsOf` gives a question's review
 * count as its card has it: a card with more reviews than the log holds lost its first ones to a
 * capped log, and a sequence that does not start at the first review would teach the optimizer
 * wrong first-answer stabilities, so such a card is left out.
 */
export function toOptimizerItems(
  log: readonly HistoryEntry[],
  repsOf: (id: string) => number | undefined = () => undefined,
): OptimizerItem[] {
  const items: OptimizerItem[] = [];
  for (const [id, list] of scheduledReviews(log)) {
    if ((repsOf(id) ?? 0) > list.length) continue;
    const reviews: OptimizerReview[] = [];
    let laterDay = false;
    list.forEach((h, i) => {
      const prev = list[i - 1];
      const deltaT = prev ? Math.max(0, daysBetween(prev.at, h.at)) : 0;
      laterDay ||= deltaT > 0;
      reviews.push({ rating: RATING_OF[h.grade], deltaT });
      // fsrs-rs aborts the whole process (a panic, not an error) on an item whose reviews all fall
      // on the card's first day, so those are never passed on.
      if (i > 0 && laterDay) items.push({ reviews: reviews.slice(), at: h.at });
    });
  }
  return items.sort((a, b) => a.at - b.at);
}

/** A time-series split: the earlier items to fit on, the later `heldOut` share to judge the fit by. */
export function splitByTime(
  items: readonly OptimizerItem[],
  heldOut = HELD_OUT,
): { train: OptimizerItem[]; test: OptimizerItem[] } {
  const sorted = [...items].sort((a, b) => a.at - b.at);
  const cut = Math.round(sorted.length * (1 - heldOut));
  return { train: sorted.slice(0, cut), test: sorted.slice(cut) };
}

/** Items whose last review came on a later day than the one before: the ones fsrs-rs trains on. */
export const trainingItems = (items: readonly OptimizerItem[]): number =>
  items.filter((i) => (i.reviews.at(-1)?.deltaT ?? 0) > 0).length;

/**
 * Roughly how many more reviews the log needs before the optimizer fits every parameter: its count
 * of training items must reach FULL_FIT_ITEMS in the fitting part, which is 1 - HELD_OUT of the log.
 */
export function reviewsNeeded(items: readonly OptimizerItem[]): number {
  const { train } = splitByTime(items);
  const have = trainingItems(train);
  return have >= FULL_FIT_ITEMS ? 0 : Math.ceil((FULL_FIT_ITEMS - have) / (1 - HELD_OUT));
}

/**
 * The suggestion to re-fit, or undefined: once the log has doubled since the last fit (as Anki's
 * reminder does), or, with no fit yet, once it holds FIRST_FIT_REVIEWS reviews. Never forced.
 */
export function refitHint(fitted: FittedParams | undefined, reviews: number): string | undefined {
  if (!fitted) {
    return reviews >= FIRST_FIT_REVIEWS
      ? `${reviews} reviews logged: k8s-quiz optimize can fit the schedule to your memory.`
      : undefined;
  }
  return reviews >= 2 * Math.max(1, fitted.reviews)
    ? `Your review log has doubled since the last fit (${fitted.reviews} → ${reviews} reviews): run k8s-quiz optimize again.`
    : undefined;
}
