import { parseDay } from "./dates.js";
import { hashSeed } from "./random.js";
import type { StoredCard } from "./state.js";

/** The days right before the exam in which every studied question comes up at least once. */
export const FINAL_STRETCH_DAYS = 7;

const DAY = 86_400_000;

/** Local midnight `n` days after the day of `d`: calendar arithmetic, so DST days stay whole days. */
export const dayStart = (d: Date, n = 0) =>
  new Date(d.getFullYear(), d.getMonth(), d.getDate() + n).getTime();

/** The exam as the scheduler sees it: local midnight of the exam day and of the stretch's first day. */
export interface ExamPlan {
  /** YYYY-MM-DD, as set. */
  date: string;
  /** Local midnight at the start of the exam day. */
  at: number;
  /** Local midnight at the start of the final stretch. */
  stretchStart: number;
}

/** The plan for an exam on `date` (YYYY-MM-DD), or undefined for "" or a date that is not one. */
export function examPlan(date: string | undefined): ExamPlan | undefined {
  const day = date ? parseDay(date) : undefined;
  if (!day) return undefined;
  return { date: date as string, at: dayStart(day), stretchStart: dayStart(day, -FINAL_STRETCH_DAYS) };
}

/**
 * When a card should come due given the exam: its own due date, unless that falls on or after the
 * exam day while the card was last reviewed before the final stretch; then a day inside the stretch
 * (the same day for the same question). A card already reviewed in the stretch, or an exam that is
 * past, leaves the date alone.
 */
export function cappedDue(due: number, lastReview: number, id: string, plan: ExamPlan | undefined): number {
  if (!plan || lastReview >= plan.stretchStart || due < plan.at) return due;
  // A stable day for each question, so capped cards spread over the stretch instead of all
  // landing on its first day.
  const slot = dayStart(new Date(plan.stretchStart), hashSeed(id) % FINAL_STRETCH_DAYS);
  // Never before the day after the review: a stretch that has begun cannot be sent into the past.
  return Math.max(slot, dayStart(new Date(lastReview), 1));
}

/** The card with its due date capped for the exam; the same card when nothing changes. */
export function capCard(card: StoredCard, id: string, plan: ExamPlan | undefined): StoredCard {
  const last = card.last_review ?? card.due;
  const due = cappedDue(card.due, last, id, plan);
  if (due === card.due) return card;
  return { ...card, due, scheduled_days: Math.max(0, Math.round((due - last) / DAY)) };
}

/** How many new questions a day it takes for the whole selection to be seen twice before the exam. */
export interface NewPace {
  /** Questions never answered into the schedule, counted at the start of today. */
  unseen: number;
  /** Days left to introduce them: today up to the day before the last day before the exam. */
  days: number;
  /** New questions a day needed; Infinity when unseen ones remain and no day does. */
  perDay: number;
  /** Whether today's limit allows it. */
  possible: boolean;
}

/**
 * The pace for new questions: spread the unseen ones evenly over the days that still leave a later
 * day for a second look before the exam. `unseenAtDayStart` counts the ones introduced today as
 * unseen, so the pace holds steady through the day; `limit` is today's new-question limit.
 */
export function newPace(unseenAtDayStart: number, now: Date, plan: ExamPlan, limit: number): NewPace {
  // Days from today to the exam day, exclusive; the last of them is kept for the second look.
  const days = Math.max(0, Math.round((plan.at - dayStart(now)) / DAY) - 1);
  const perDay =
    unseenAtDayStart === 0 ? 0 : days === 0 ? Number.POSITIVE_INFINITY : Math.ceil(unseenAtDayStart / days);
  return { unseen: unseenAtDayStart, days, perDay, possible: perDay <= limit };
}
