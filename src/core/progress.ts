import {
  HISTORY_LIMIT,
  type HistoryEntry,
  type Progress,
  type QuestionProgress,
  type StoredCard,
  type WeakTopic,
} from "./state.js";
import type { Grade, Mode, Question } from "./types.js";

export const WEAK_WINDOW = 10;
export const WEAK_MIN_ANSWERS = 2;

/** A question's topics: its curated tags plus, always, its section. */
export function topicsOf(q: Question): string[] {
  return [...new Set([...(q.meta?.tags ?? []), q.section])];
}

export interface AnswerRecord {
  question: Question;
  score: number;
  grade: Grade;
  mode: Mode;
  /** The question's new spaced-repetition card, when this answer moved the schedule. */
  card?: StoredCard;
}

/** YYYY-MM-DD of the day before `day`. */
export function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Accuracy of a topic over its last WEAK_WINDOW answers, from the history. */
export function topicAccuracy(
  history: readonly HistoryEntry[],
  topic: string,
  since = 0,
): WeakTopic | undefined {
  const scores: number[] = [];
  let lastSeen = 0;
  for (let i = history.length - 1; i >= 0 && scores.length < WEAK_WINDOW; i--) {
    const h = history[i];
    if (!h || h.at < since) break;
    if (!h.topics.includes(topic)) continue;
    scores.push(h.score);
    lastSeen = Math.max(lastSeen, h.at);
  }
  if (!scores.length) return undefined;
  const accuracy = scores.reduce((a, b) => a + b, 0) / scores.length;
  return { accuracy: Math.round(accuracy * 1000) / 1000, answers: scores.length, lastSeen };
}

/** Recomputes whether each given topic is weak: below `threshold` over its window, after enough answers. */
export function updateWeakTopics(
  weak: Readonly<Record<string, WeakTopic>>,
  history: readonly HistoryEntry[],
  topics: readonly string[],
  threshold: number,
  since = 0,
): Record<string, WeakTopic> {
  const next = { ...weak };
  for (const t of topics) {
    const acc = topicAccuracy(history, t, since);
    if (acc && acc.answers >= WEAK_MIN_ANSWERS && acc.accuracy < threshold) next[t] = acc;
    else delete next[t];
  }
  return next;
}

/**
 * The state with new settings. A changed weak threshold re-judges every topic in the history, not
 * just those answered next: lowering it to 30% must drop a topic at 60% at once.
 */
export function withSettings(state: Progress, settings: Progress["settings"]): Progress {
  if (settings.weakThreshold === state.settings.weakThreshold) return { ...state, settings };
  const topics = new Set(state.history.flatMap((h) => h.topics));
  const weakTopics = updateWeakTopics(
    {},
    state.history,
    [...topics],
    settings.weakThreshold,
    state.weakResetAt,
  );
  return { ...state, settings, weakTopics };
}

/** A question's counters after one more answer; the card is the one the answer left (or the old one). */
export function foldProgress(
  prev: QuestionProgress | undefined,
  score: number,
  at: number,
  card: StoredCard | undefined,
): QuestionProgress {
  return {
    attempts: (prev?.attempts ?? 0) + 1,
    correct: (prev?.correct ?? 0) + (score === 1 ? 1 : 0),
    lastAnswered: at,
    lastResult: score,
    recent: [...(prev?.recent ?? []), score].slice(-5),
    ...(card ? { card } : {}),
  };
}

/** The day streak after an answer on local `day`. */
export function nextStreak(streak: Progress["streak"], day: string): Progress["streak"] {
  let { current, longest, lastDay } = streak;
  // An answer dated before the streak's last day (a --date in the past) leaves the streak alone.
  if (lastDay !== day && !(lastDay && day < lastDay)) {
    current = lastDay === previousDay(day) ? current + 1 : 1;
    longest = Math.max(longest, current);
    lastDay = day;
  }
  return lastDay === undefined ? { current, longest } : { current, longest, lastDay };
}

/**
 * The streak that a set of answer days makes, joined with streaks known without their days (an
 * older file's, another machine's): each stands for the run of days ending on its lastDay.
 */
export function streakFromDays(
  days: Iterable<string>,
  known: readonly Progress["streak"][],
): Progress["streak"] {
  const all = new Set(days);
  for (const s of known) {
    if (!s.lastDay) continue;
    let d = s.lastDay;
    for (let i = 0; i < Math.min(s.current, 3660); i++, d = previousDay(d)) all.add(d);
  }
  const sorted = [...all].sort();
  let longest = Math.max(0, ...known.map((s) => s.longest));
  let run = 0;
  let prev: string | undefined;
  for (const d of sorted) {
    run = prev !== undefined && previousDay(d) === prev ? run + 1 : 1;
    longest = Math.max(longest, run);
    prev = d;
  }
  return prev === undefined ? { current: 0, longest } : { current: run, longest, lastDay: prev };
}

/** The log entry an answer makes. */
export function logEntry(rec: AnswerRecord, at: number): HistoryEntry {
  const q = rec.question;
  return {
    id: q.id,
    at,
    score: rec.score,
    grade: rec.grade,
    mode: rec.mode,
    section: q.section,
    topics: topicsOf(q),
    ...(rec.card ? { scheduled: true } : {}),
  };
}

/**
 * Folds one answer into the state: the question's counters, the bounded history, the weak topics
 * touched by the answer, and the day streak. Pure: `now` and the local `day` come from the caller.
 */
export function recordAnswer(state: Progress, rec: AnswerRecord, now: number, day: string): Progress {
  const { question: q } = rec;
  const entry = logEntry(rec, now);
  const history = [...state.history, entry].slice(-HISTORY_LIMIT);
  const progress = foldProgress(
    state.questions[q.id],
    rec.score,
    now,
    rec.card ?? state.questions[q.id]?.card,
  );
  return {
    ...state,
    questions: { ...state.questions, [q.id]: progress },
    history,
    weakTopics: updateWeakTopics(
      state.weakTopics,
      history,
      entry.topics,
      state.settings.weakThreshold,
      state.weakResetAt,
    ),
    streak: nextStreak(state.streak, day),
  };
}

/** The streak as it stands on `day`: a streak whose last day is before yesterday has lapsed. */
export function currentStreak(state: Progress, day: string): number {
  const last = state.streak.lastDay;
  return last === day || last === previousDay(day) ? state.streak.current : 0;
}
