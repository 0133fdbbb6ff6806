import { localDay } from "./dates.js";
import { previousDay, topicsOf } from "./progress.js";
import { hashSeed, type Random, seededRandom } from "./random.js";
import type { HistoryEntry, Progress } from "./state.js";
import { byCodeUnit } from "./text.js";
import type { Question } from "./types.js";

export const DAILY_KEEP_DAYS = 60;

/** The candidates a day draws from: due or weak-topic questions when there are any, else the whole bank. */
function candidates(questions: readonly Question[], state: Progress, endOfDay: number): Question[] {
  const preferred = questions.filter((q) => {
    const card = state.questions[q.id]?.card;
    return (card && card.due <= endOfDay) || topicsOf(q).some((t) => state.weakTopics[t]);
  });
  return preferred.length ? preferred : [...questions];
}

/** A whole number written without leading zeros: the bundled deck's ids. */
const PLAIN_NUMBER = /^(?:0|[1-9]\d*)$/;

/**
 * Ids in the order the draw has always used: English collation with numbers compared as numbers.
 * The first localeCompare of a run builds ICU's collator, some 67 million instructions (callgrind),
 * more than the rest of `daily`; for ids that are all plain numbers (the bundled deck) that order is
 * by length, then by digits, which gives the same draw without it.
 */
export function byId(pool: readonly Question[]): Question[] {
  if (pool.every((q) => PLAIN_NUMBER.test(q.id)))
    return [...pool].sort((a, b) => a.id.length - b.id.length || byCodeUnit(a.id, b.id));
  return [...pool].sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
}

function draw(pool: readonly Question[], day: string): Question | undefined {
  const sorted = byId(pool);
  return sorted[Math.floor(seededRandom(hashSeed(day))() * sorted.length)];
}

/**
 * The random source of a day's round: its options come in the same order all day, so a script,
 * or the shell hook's reader coming back to it, knows which letter is which; `seed` picks another.
 */
export function dailyRandom(day: string, seed?: number): Random {
  return seededRandom(seed ?? hashSeed(`daily ${day}`));
}

/**
 * The question of the day: the one already picked for that day if any, else a draw seeded by the
 * date from due or weak questions (or the whole bank), never the question shown yesterday.
 */
export function pickDaily(
  questions: readonly Question[],
  state: Progress,
  day: string,
  endOfDay: number,
): Question | undefined {
  const kept = state.daily.picks[day];
  const already = kept ? questions.find((q) => q.id === kept) : undefined;
  if (already) return already;
  // Every command that shows the day's question remembers it, so yesterday's is known when it was seen.
  const yesterdayId = state.daily.picks[previousDay(day)];
  let pool = candidates(questions, state, endOfDay).filter((q) => q.id !== yesterdayId);
  if (!pool.length) pool = questions.filter((q) => q.id !== yesterdayId);
  return draw(pool, day) ?? questions[0];
}

/** Records the day's pick (and, for the shell hook, that it was shown), dropping picks older than two months. */
export function rememberPick(state: Progress, day: string, id: string, hook: boolean): Progress {
  const cutoff = new Date(`${day}T00:00:00Z`);
  cutoff.setUTCDate(cutoff.getUTCDate() - DAILY_KEEP_DAYS);
  const oldest = cutoff.toISOString().slice(0, 10);
  const picks = Object.fromEntries(Object.entries(state.daily.picks).filter(([d]) => d >= oldest));
  picks[day] = id;
  return { ...state, daily: { ...state.daily, picks, ...(hook ? { hookShown: day } : {}) } };
}

/** Today's answer to the day's question, if it has one: the last one given on that local day. */
export function dailyAnswer(state: Progress, day: string): HistoryEntry | undefined {
  const id = state.daily.picks[day];
  if (!id) return undefined;
  for (let i = state.history.length - 1; i >= 0; i--) {
    const h = state.history[i];
    if (h?.id === id && localDay(new Date(h.at)) === day) return h;
  }
  return undefined;
}
