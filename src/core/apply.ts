import { capCard, examPlan } from "./exam-date.js";
import { type AnswerRecord, recordAnswer } from "./progress.js";
import { scheduleAnswer, schedulerParams } from "./schedule.js";
import type { Outcome } from "./session.js";
import type { Progress, StoredCard } from "./state.js";

export interface ApplyOptions {
  now: number;
  day: string;
  /** Practising ahead (--cram) leaves the spaced-repetition schedule as it was. */
  cram: boolean;
  /** An exam date for this session only (`review --exam-date`), over the one in the settings. */
  examDate?: string;
}

/**
 * Folds a settled answer into the state: counters, history, weak topics, streak and, unless cramming,
 * its FSRS card (from the learner's parameters, capped for the exam date).
 */
export function applyOutcome(state: Progress, o: Outcome, opts: ApplyOptions): Progress {
  const q = o.presented.question;
  const rec: AnswerRecord = { question: q, score: o.score, grade: o.grade, mode: o.presented.mode };
  if (!opts.cram) rec.card = nextCard(state.questions[q.id]?.card, o, state, opts);
  return recordAnswer(state, rec, opts.now, opts.day);
}

/** The card a settled answer leaves `prev` as: the learner's parameters, capped for the exam date. */
export function nextCard(
  prev: StoredCard | undefined,
  o: Outcome,
  state: Pick<Progress, "settings" | "fsrs">,
  opts: Pick<ApplyOptions, "now" | "examDate">,
): StoredCard {
  const card = scheduleAnswer(prev, o.grade, opts.now, schedulerParams(state));
  return capCard(card, o.presented.question.id, examPlan(opts.examDate ?? state.settings.examDate));
}
