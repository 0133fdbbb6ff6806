import { localDay, startOfDay } from "./dates.js";
import { masteryBySection } from "./mastery.js";
import { currentStreak } from "./progress.js";
import { dueAt, isLeech } from "./schedule.js";
import type { Progress } from "./state.js";
import { byCodeUnit } from "./text.js";
import type { Question, Section } from "./types.js";

export const FORECAST_DAYS = 7;
export const HEATMAP_WEEKS = 12;

export interface StatsTotals {
  /** Every answer ever recorded: attempts summed over all questions (the history keeps only the last 5,000). */
  answered: number;
  /** Questions answered at least once. */
  questionsSeen: number;
  /** Questions in the loaded decks. */
  questionsTotal: number;
  /** Fully correct answers over all answers (`correct / attempts`, summed); null before the first answer. */
  accuracy: number | null;
  currentStreak: number;
  longestStreak: number;
  /** Scheduled cards due by the end of the local day, overdue ones included; never-scheduled questions are not. */
  dueToday: number;
}

export interface SectionMastery {
  section: string;
  title: string;
  mastered: number;
  total: number;
  ratio: number;
}

export interface HeatmapWeek {
  /** The week's Monday, YYYY-MM-DD. */
  start: string;
  /** Answers per local day, Monday to Sunday; null for days after today. */
  counts: (number | null)[];
}

export interface Stats {
  /** The local day the figures are for, YYYY-MM-DD. */
  today: string;
  totals: StatsTotals;
  mastery: SectionMastery[];
  /** Weak topics as last recorded, lowest accuracy first. */
  weakTopics: { topic: string; accuracy: number; answers: number }[];
  /** Questions forgotten five times or more, most lapses first. */
  leeches: { id: string; prompt: string; lapses: number }[];
  /** Cards coming due on each of the next seven local days, today first (overdue cards count today). */
  forecast: { day: string; due: number }[];
  /** Answers per day over twelve weeks, oldest week first, ending with the current week. */
  heatmap: { weeks: HeatmapWeek[]; max: number; total: number };
}

/** What stats needs from all of the progress, which a database can count without loading it. */
export interface ProgressCounts {
  answered: number;
  correct: number;
  /**
   * How many answers fall in each range [bounds[i], bounds[i + 1]) (epoch ms, ascending): one count
   * fewer than bounds. An answer dated more than a day ahead counts as given now.
   */
  answersIn(bounds: readonly number[]): readonly number[];
}

/** The counts from a state in memory. */
export function countProgress(state: Progress): ProgressCounts {
  const progress = Object.values(state.questions);
  return {
    answered: progress.reduce((n, p) => n + p.attempts, 0),
    correct: progress.reduce((n, p) => n + p.correct, 0),
    answersIn: (bounds) =>
      bounds
        .slice(1)
        .map((end, i) => state.history.filter((h) => h.at >= (bounds[i] as number) && h.at < end).length),
  };
}

/** Local midnight `n` days after the day of `d`: calendar arithmetic, so DST days stay whole days. */
const dayStart = (d: Date, n: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);

/**
 * Every figure `k8s-quiz stats` shows, from the loaded questions, their sections and the saved state.
 * Answer totals cover every recorded question (a deck no longer loaded still counts); questions
 * seen, mastery, due cards, forecast and leeches cover the loaded questions only.
 */
export function computeStats(
  questions: readonly Question[],
  sections: readonly Section[],
  state: Progress,
  now: Date,
  counts: ProgressCounts = countProgress(state),
): Stats {
  const at = now.getTime();
  const today = localDay(now);
  const { answered, correct } = counts;

  const ends = Array.from({ length: FORECAST_DAYS }, (_, i) => dayStart(now, i + 1).getTime());
  const forecast = ends.map((_, i) => ({ day: localDay(dayStart(now, i)), due: 0 }));
  for (const q of questions) {
    const card = state.questions[q.id]?.card;
    if (!card) continue;
    const due = dueAt(card, q.id, state);
    const i = ends.findIndex((end) => due < end);
    const slot = forecast[i];
    if (slot) slot.due++;
  }

  const streak = currentStreak(state, today);
  const mastery = masteryBySection(questions, state, at);
  return {
    today,
    totals: {
      answered,
      // "Seen 4 of 50" is of the loaded questions: a removed deck's answers must not count here.
      questionsSeen: questions.filter((q) => (state.questions[q.id]?.attempts ?? 0) > 0).length,
      questionsTotal: questions.length,
      accuracy: answered ? correct / answered : null,
      currentStreak: streak,
      longestStreak: Math.max(state.streak.longest, streak),
      dueToday: forecast[0]?.due ?? 0,
    },
    mastery: sections.map((s) => ({
      section: s.slug,
      title: s.title,
      ...(mastery.get(s.slug) ?? { mastered: 0, total: 0, ratio: 0 }),
    })),
    weakTopics: Object.entries(state.weakTopics)
      .map(([topic, w]) => ({ topic, accuracy: w.accuracy, answers: w.answers }))
      // Ties by name, by code unit: the same on every machine (localeCompare followed the
      // locale, and its first call, building ICU's collator, cost stats more than its queries).
      .sort((a, b) => a.accuracy - b.accuracy || byCodeUnit(a.topic, b.topic)),
    leeches: questions
      .filter((q) => isLeech(state.questions[q.id]?.card))
      .map((q) => ({ id: q.id, prompt: q.prompt, lapses: state.questions[q.id]?.card?.lapses ?? 0 }))
      .sort((a, b) => b.lapses - a.lapses),
    forecast,
    heatmap: activity(counts.answersIn, now),
  };
}

/** Answers per local day in a Monday-first grid of HEATMAP_WEEKS weeks ending with the current one. */
function activity(answersIn: ProgressCounts["answersIn"], now: Date): Stats["heatmap"] {
  const mondayOffset = (now.getDay() + 6) % 7;
  const first = dayStart(now, -mondayOffset - 7 * (HEATMAP_WEEKS - 1));
  const todayStart = startOfDay(now);
  // Local midnights from the grid's first day to tomorrow: one range per day, DST days included.
  const days = Math.round((todayStart - first.getTime()) / 86_400_000) + 1;
  const bounds = Array.from({ length: days + 1 }, (_, i) => dayStart(first, i).getTime());
  const perDay = new Map<string, number>();
  answersIn(bounds).forEach((n, i) => {
    perDay.set(localDay(dayStart(first, i)), n);
  });
  let max = 0;
  let total = 0;
  const weeks: HeatmapWeek[] = [];
  for (let w = 0; w < HEATMAP_WEEKS; w++) {
    const counts: (number | null)[] = [];
    for (let d = 0; d < 7; d++) {
      const day = dayStart(first, w * 7 + d);
      if (day.getTime() > todayStart) {
        counts.push(null);
        continue;
      }
      const n = perDay.get(localDay(day)) ?? 0;
      max = Math.max(max, n);
      total += n;
      counts.push(n);
    }
    weeks.push({ start: localDay(dayStart(first, w * 7)), counts });
  }
  return { weeks, max, total };
}
