import { localDay } from "./dates.js";
import type { Progress, StoredCard } from "./state.js";

const DAY = 86_400_000;
/** How far ahead of now a date may be before it counts as the work of a wrong clock. */
export const FUTURE_SLACK = DAY;

/**
 * The range a clock reading is held to. Past its top a YYYY-MM-DD day would need five digits
 * (a clock in year 10000 made `daily --reveal` crash in toISOString), and the top leaves room for
 * the longest review interval (100 years) after it. Before 1970 no answer was ever given.
 */
export const CLOCK_MIN = Date.UTC(1970, 0, 1);
export const CLOCK_MAX = Date.UTC(9899, 0, 1);

/** A clock reading held to [CLOCK_MIN, CLOCK_MAX]: no date the system reports can crash a command. */
export function clampClock(d: Date): Date {
  const t = d.getTime();
  if (Number.isNaN(t) || t > CLOCK_MAX) return new Date(CLOCK_MAX);
  return t < CLOCK_MIN ? new Date(CLOCK_MIN) : d;
}

/** A moment dated more than a day after `now` (a clock that was wrong), taken as `now`. */
export function notInFuture(at: number, now: number): number {
  return at > now + DAY ? now : at;
}

/** A card reviewed "in the future" counts as reviewed now: its interval is kept, moved back. */
export function cardNotInFuture(card: StoredCard, now: number): StoredCard {
  if (card.last_review === undefined || card.last_review <= now + DAY) return card;
  const shift = card.last_review - now;
  return { ...card, last_review: now, due: Math.max(now, card.due - shift) };
}

/** A streak whose last day is after tomorrow (a clock that was ahead) is no streak: its longest stays. */
export function streakNotInFuture(streak: Progress["streak"], now: number): Progress["streak"] {
  const tomorrow = localDay(new Date(now + DAY));
  return (streak.lastDay ?? "") > tomorrow ? { current: 0, longest: streak.longest } : streak;
}

/**
 * Progress as read, with every date more than a day after `now` taken as `now`: one answer given
 * with the clock at 2099 froze the streak for years and pushed its card out of review. A streak
 * whose last day is still to come is no streak. Pure, for every store (JSON file or SQLite) to
 * call when it reads; the stored file is corrected at its next write.
 */
export function clampFuture(state: Progress, now: number): Progress {
  const late = now + DAY;
  const tomorrow = localDay(new Date(late));
  // Nearly always nothing is in the future: then the state is returned as it is, not copied.
  const future =
    Object.values(state.questions).some((p) => p.lastAnswered > late || (p.card?.last_review ?? 0) > late) ||
    state.history.some((h) => h.at > late) ||
    Object.values(state.weakTopics).some((w) => w.lastSeen > late) ||
    (state.weakResetAt ?? 0) > late ||
    (state.streak.lastDay ?? "") > tomorrow;
  if (!future) return state;
  const questions: Progress["questions"] = {};
  for (const [id, p] of Object.entries(state.questions)) {
    const card = p.card ? cardNotInFuture(p.card, now) : undefined;
    questions[id] = {
      ...p,
      lastAnswered: notInFuture(p.lastAnswered, now),
      ...(card ? { card } : {}),
    };
  }
  const weakTopics: Progress["weakTopics"] = {};
  for (const [topic, w] of Object.entries(state.weakTopics))
    weakTopics[topic] = { ...w, lastSeen: notInFuture(w.lastSeen, now) };
  const streak = streakNotInFuture(state.streak, now);
  return {
    ...state,
    questions,
    history: state.history.map((h) => (h.at > late ? { ...h, at: now } : h)),
    weakTopics,
    ...(state.weakResetAt !== undefined ? { weakResetAt: notInFuture(state.weakResetAt, now) } : {}),
    streak,
  };
}
