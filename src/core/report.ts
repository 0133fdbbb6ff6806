import { percentOf } from "./percent.js";
import type { Outcome, SessionResult } from "./session.js";
import type { WeakTopic } from "./state.js";
import type { Question } from "./types.js";

export interface SectionScore {
  section: string;
  answered: number;
  score: number;
  percent: number;
}

export interface Summary {
  asked: number;
  answered: number;
  score: number;
  percent: number;
  bySection: SectionScore[];
  /** Every question scored under 1: Again, and Hard (half the score). The JSON's "missed". */
  missed: Question[];
  /** Those of them that were never Again, only Hard: recalled, with effort (a pass for the schedule). */
  hard: Question[];
  weakTopics: { topic: string; accuracy: number }[];
  interrupted: boolean;
  outOfAnswers: boolean;
}

const pct = percentOf;

/** The end-of-session figures: score, per-section breakdown, what was missed, what is now weak. */
export function summarizeSession(
  outcomes: readonly Outcome[],
  planned: number,
  weak: Readonly<Record<string, WeakTopic>>,
  result?: Pick<SessionResult, "interrupted" | "outOfAnswers">,
): Summary {
  const score = outcomes.reduce((s, o) => s + o.score, 0);
  const sections = new Map<string, { answered: number; score: number }>();
  for (const o of outcomes) {
    const key = o.presented.question.section;
    const s = sections.get(key) ?? { answered: 0, score: 0 };
    s.answered++;
    s.score += o.score;
    sections.set(key, s);
  }
  const again = new Set(outcomes.filter((o) => o.score === 0).map((o) => o.presented.question.id));
  return {
    asked: planned,
    answered: outcomes.length,
    score,
    percent: pct(score, outcomes.length),
    bySection: [...sections].map(([section, s]) => ({ section, ...s, percent: pct(s.score, s.answered) })),
    // Once each: a plan can ask a question in two steps and see it missed in both.
    missed: [
      ...new Map(
        outcomes.filter((o) => o.score < 1).map((o) => [o.presented.question.id, o.presented.question]),
      ).values(),
    ],
    hard: [
      ...new Map(
        outcomes
          .filter((o) => o.score > 0 && o.score < 1 && !again.has(o.presented.question.id))
          .map((o) => [o.presented.question.id, o.presented.question]),
      ).values(),
    ],
    weakTopics: Object.entries(weak)
      .map(([topic, w]) => ({ topic, accuracy: w.accuracy }))
      .sort((a, b) => a.accuracy - b.accuracy),
    interrupted: !!result?.interrupted,
    outOfAnswers: !!result?.outOfAnswers,
  };
}
