import { Interrupted } from "../errors.js";
import { type Coverage, keyPointsOf, scoreOf, scoreRecall, suggestGrade } from "./grading.js";
import { buildChoices, type ChoiceSet } from "./options.js";
import type { Random } from "./random.js";
import type { Grade, KeyPoint, Mode, Question } from "./types.js";

/** A question as it is put to the user. */
export type Presented =
  | { mode: "choice"; question: Question; choices: ChoiceSet }
  | { mode: "recall"; question: Question; keyPoints: KeyPoint[] }
  | { mode: "flash"; question: Question };

/** What the user gave. `choice: null` is an answer that named no option (a bad scripted line). */
export type Given =
  | { mode: "choice"; choice: number | null; raw: string }
  | { mode: "recall"; text: string }
  | { mode: "flash"; grade: Grade };

export interface Outcome {
  presented: Presented;
  given: Given;
  grade: Grade;
  score: number;
  correct: boolean;
  coverage?: Coverage;
}

/** The edges a session talks to: prompts or a script for answers, and the store for results. */
export interface SessionIO {
  ask(p: Presented, position: { index: number; total: number }): Promise<Given>;
  /** Shows the verdict and the reference answer; returns the grade the user settles on. */
  review(outcome: Outcome): Promise<Grade>;
  /** Saves one answer; runs before the next question is shown. */
  save(outcome: Outcome): Promise<void> | void;
}

/** No more scripted answers: the session ends cleanly with what it has. */
export class OutOfAnswers extends Error {}

/**
 * An exam's time ran out: the session ends, and what is left counts as missed. `given` is what
 * was typed for the question on screen by then, scored as its answer.
 */
export class TimeUp extends Error {
  constructor(readonly given?: Given) {
    super("time is up");
  }
}

export interface SessionResult {
  outcomes: Outcome[];
  /** Questions never asked because the session stopped early. */
  unanswered: Question[];
  interrupted?: Interrupted;
  outOfAnswers?: boolean;
  timeUp?: boolean;
}

export function present(q: Question, mode: Mode, pool: readonly Question[], random: Random): Presented {
  switch (mode) {
    case "choice":
      return { mode, question: q, choices: buildChoices(q, pool, random) };
    case "recall":
      return { mode, question: q, keyPoints: keyPointsOf(q) };
    case "flash":
      return { mode, question: q };
  }
}

/** Grades what was given, before the user confirms: the core of scoring, shared by every front end. */
export function evaluate(p: Presented, given: Given): Outcome {
  if (p.mode === "choice" && given.mode === "choice") {
    const correct = given.choice === p.choices.correct;
    return { presented: p, given, grade: correct ? "good" : "again", score: correct ? 1 : 0, correct };
  }
  if (p.mode === "recall" && given.mode === "recall") {
    const coverage = scoreRecall(given.text, p.keyPoints);
    const grade = suggestGrade(coverage);
    return { presented: p, given, grade, score: scoreOf(grade), correct: scoreOf(grade) === 1, coverage };
  }
  if (p.mode === "flash" && given.mode === "flash") {
    return {
      presented: p,
      given,
      grade: given.grade,
      score: scoreOf(given.grade),
      correct: scoreOf(given.grade) === 1,
    };
  }
  throw new Error(`answer of mode ${given.mode} given to a ${p.mode} question`);
}

/** Applies the grade the user settled on; choice answers keep theirs (right is Good, wrong is Again). */
export function settle(o: Outcome, grade: Grade): Outcome {
  if (o.presented.mode === "choice" || grade === o.grade) return o;
  return { ...o, grade, score: scoreOf(grade), correct: scoreOf(grade) === 1 };
}

/**
 * The one session loop: interactive and scripted sessions differ only in their SessionIO.
 * Each answer is saved before the next question; an interrupt or the end of the script stops the
 * loop and returns what was answered.
 */
export async function runSession(
  questions: readonly Question[],
  mode: Mode,
  pool: readonly Question[],
  random: Random,
  io: SessionIO,
): Promise<SessionResult> {
  const outcomes: Outcome[] = [];
  for (let index = 0; index < questions.length; index++) {
    const q = questions[index] as Question;
    const p = present(q, mode, pool, random);
    try {
      const given = await io.ask(p, { index, total: questions.length });
      const first = evaluate(p, given);
      let outcome = first;
      try {
        outcome = settle(first, await io.review(first));
      } finally {
        // Ctrl+C while settling the grade still keeps the answer, with the suggested grade.
        outcomes.push(outcome);
        await io.save(outcome);
      }
    } catch (e) {
      if (e instanceof TimeUp && e.given) {
        const outcome = evaluate(p, e.given);
        outcomes.push(outcome);
        await io.save(outcome);
      }
      const unanswered = questions.slice(outcomes.length);
      if (e instanceof Interrupted) return { outcomes, unanswered, interrupted: e };
      if (e instanceof OutOfAnswers) return { outcomes, unanswered, outOfAnswers: true };
      if (e instanceof TimeUp) return { outcomes, unanswered, timeUp: true };
      throw e;
    }
  }
  return { outcomes, unanswered: [] };
}
