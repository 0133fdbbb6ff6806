import { topicsOf, updateWeakTopics } from "./progress.js";
import type { Progress, QuestionProgress } from "./state.js";
import type { Question } from "./types.js";

/** What one answer changed, kept so that `u` can take it back. */
export interface AnswerUndo {
  question: Question;
  /** The history entry's time: the entry to remove. */
  at: number;
  /** The question's progress and the streak as they were before the answer. */
  before: { progress?: QuestionProgress; streak: Progress["streak"] };
}

/** What to keep, taken from the state an answer is about to be folded into. */
export function undoPoint(state: Progress, question: Question, at: number): AnswerUndo {
  const progress = state.questions[question.id];
  return {
    question,
    at,
    before: { ...(progress ? { progress: structuredClone(progress) } : {}), streak: { ...state.streak } },
  };
}

/**
 * The state with one answer taken back: the question's counters and card as they were, its history
 * entry gone, the streak as before, and its topics re-judged without it.
 */
export function revertAnswer(state: Progress, u: AnswerUndo): Progress {
  const id = u.question.id;
  let i = state.history.length - 1;
  while (i >= 0 && !(state.history[i]?.id === id && state.history[i]?.at === u.at)) i--;
  const history = i < 0 ? state.history : [...state.history.slice(0, i), ...state.history.slice(i + 1)];
  const questions = { ...state.questions };
  if (u.before.progress) questions[id] = u.before.progress;
  else delete questions[id];
  return {
    ...state,
    questions,
    history,
    streak: { ...u.before.streak },
    weakTopics: updateWeakTopics(
      state.weakTopics,
      history,
      topicsOf(u.question),
      state.settings.weakThreshold,
      state.weakResetAt,
    ),
  };
}

/** Flags a question, or takes its flag off; returns the state and whether it is flagged now. */
export function toggleFlag(state: Progress, id: string, now: number): { state: Progress; flagged: boolean } {
  const flagged = { ...(state.flagged ?? {}) };
  if (flagged[id] !== undefined) {
    delete flagged[id];
    return { state: { ...state, flagged }, flagged: false };
  }
  flagged[id] = now;
  return { state: { ...state, flagged }, flagged: true };
}

/** Another machine's flags merged in as a union: a question flagged here keeps its own time. How many were new. */
export function mergeFlags(
  state: Progress,
  incoming: Readonly<Record<string, number>>,
): { state: Progress; added: number } {
  const ours = state.flagged ?? {};
  const fresh = Object.entries(incoming).filter(([id]) => ours[id] === undefined);
  if (!fresh.length) return { state, added: 0 };
  return { state: { ...state, flagged: { ...ours, ...Object.fromEntries(fresh) } }, added: fresh.length };
}
