import { foldProgress } from "./progress.js";
import { scheduleAnswer } from "./schedule.js";
import type { HistoryEntry, QuestionProgress } from "./state.js";

/**
 * What is known of a question beyond its logged answers: answers older than the log (a version-1
 * file kept only the last 5,000) and the card as it stood at `throughAt`. Replaying starts here.
 */
export interface Baseline extends QuestionProgress {
  // attempts and correct count only the answers that are not in the log; recent holds the scores
  // before the logged ones.
  /** The card (or the lack of one) already holds every scheduled answer up to this moment. */
  throughAt: number;
}

/**
 * A question's progress rebuilt from its baseline and its logged answers (oldest first): the
 * counters fold every answer, and each scheduling answer after the baseline's card moves the card
 * through ts-fsrs, exactly as it did when it was given.
 */
export function replayQuestion(
  base: Baseline | undefined,
  answers: readonly HistoryEntry[],
): QuestionProgress | undefined {
  let p: QuestionProgress | undefined = base && {
    attempts: base.attempts,
    correct: base.correct,
    lastAnswered: base.lastAnswered,
    lastResult: base.lastResult,
    recent: base.recent.slice(-5),
    ...(base.card ? { card: base.card } : {}),
  };
  let card = base?.card;
  // The baseline's card (or its having none: answered only while cramming) stands up to throughAt.
  const through = base ? base.throughAt : Number.NEGATIVE_INFINITY;
  for (const a of answers) {
    if (a.scheduled && a.at > through) card = scheduleAnswer(card, a.grade, a.at);
    p = foldProgress(p, a.score, a.at, card);
  }
  return p;
}

/** Two baselines for one question (this machine's, another's): the larger counts, the later card. */
export function mergeBaselines(a: Baseline | undefined, b: Baseline | undefined): Baseline | undefined {
  if (!a || !b) return a ?? b;
  const later = b.lastAnswered > a.lastAnswered ? b : a;
  const cardFrom = b.throughAt > a.throughAt ? b : a;
  return {
    attempts: Math.max(a.attempts, b.attempts),
    correct: Math.max(a.correct, b.correct),
    lastAnswered: later.lastAnswered,
    lastResult: later.lastResult,
    recent: later.recent,
    ...(cardFrom.card ? { card: cardFrom.card } : {}),
    throughAt: cardFrom.throughAt,
  };
}
