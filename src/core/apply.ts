import { type AnswerRecord, recordAnswer } from "./progress.js";
import { scheduleAnswer } from "./schedule.js";
import type { Outcome } from "./session.js";
import type { State } from "./state.js";

export interface ApplyOptions {
  now: number;
  day: string;
  /** Practising ahead (--cram) leaves the spaced-repetition schedule as it was. */
  cram: boolean;
}

/** Folds a settled answer into the state: counters, history, weak topics, streak and, unless cramming, its FSRS card. */
export function applyOutcome(state: State, o: Outcome, opts: ApplyOptions): State {
  const q = o.presented.question;
  const rec: AnswerRecord = { question: q, score: o.score, grade: o.grade, mode: o.presented.mode };
  if (!opts.cram) rec.card = scheduleAnswer(state.questions[q.id]?.card, o.grade, opts.now);
  return recordAnswer(state, rec, opts.now, opts.day);
}
