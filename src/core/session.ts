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

/**
 * Instead of an answer: `skip` puts the question back at the end of the session (once; skipped
 * again, it is left for next time), `undo` takes the last saved answer back and asks it again.
 */
export type Move = { move: "skip" } | { move: "undo" };

/** Where the session stands, for a status line such as `[3/10 · 2✔ 1✘]`. */
export interface Position {
  /** Zero-based index of the question in the session's queue. */
  index: number;
  total: number;
  /** How many questions the session set out to ask (the queue grows with skips and undos). */
  planned: number;
  /** Answers given so far, and how many of them were right. */
  answered: number;
  right: number;
  /** The last answer can be taken back (`u`). */
  canUndo: boolean;
}

/** The edges a session talks to: prompts or a script for answers, and the store for results. */
export interface SessionIO {
  ask(p: Presented, position: Position): Promise<Given | Move>;
  /** Shows the verdict and the reference answer; returns the grade the user settles on. */
  review(outcome: Outcome): Promise<Grade>;
  /** Saves one answer; runs before the next question is shown. */
  save(outcome: Outcome): Promise<void> | void;
  /** Shows what the saved answer changed (when it comes back): a view, run right after `save`. */
  showSaved?(outcome: Outcome): void;
  /** A recall question's key points as this learner's grader sees them (with accepted phrasings). */
  keyPoints?(q: Question, points: KeyPoint[]): KeyPoint[];
  /** Grades an answer another way (a model); undefined falls back to evaluate(). */
  judge?(p: Presented, given: Given): Promise<Outcome | undefined>;
  /**
   * After the save, before the next question: a terminal keeps the feedback on screen until a key.
   * "undo" takes the answer just saved back and asks the question again.
   */
  pause?(outcome: Outcome): Promise<"next" | "undo">;
  /** Takes a saved answer back out of progress (undo). */
  unsave?(outcome: Outcome): Promise<void> | void;
}

const isMove = (g: Given | Move): g is Move => "move" in g;

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
    case "choice": {
      // A blank or lone option would be a free point: such a question is a flash card instead.
      const choices = buildChoices(q, pool, random);
      return choices.options.length >= 2 ? { mode, question: q, choices } : { mode: "flash", question: q };
    }
    case "recall": {
      // With nothing to grade against, "key points 0/0: again" would fail every answer: self-graded.
      const keyPoints = keyPointsOf(q);
      return keyPoints.length ? { mode, question: q, keyPoints } : { mode: "flash", question: q };
    }
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
    const coverage: Coverage = { ...scoreRecall(given.text, p.keyPoints), by: "keypoints" };
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
  const withKeyPoints = (q: Question, shown: Presented): Presented =>
    shown.mode === "recall" && io.keyPoints
      ? { ...shown, keyPoints: io.keyPoints(q, shown.keyPoints) }
      : shown;
  // A queue, not the list: a skipped question goes to its end, an undone one comes back at once.
  const queue: { q: Question; p?: Presented }[] = questions.map((q) => ({ q }));
  const skipped = new Set<string>();
  const left = () => {
    // What was planned and has no answer: each question once, however often it was queued.
    const done = new Map<string, number>();
    for (const o of outcomes) done.set(o.presented.question.id, (done.get(o.presented.question.id) ?? 0) + 1);
    return questions.filter((q) => {
      const n = done.get(q.id) ?? 0;
      if (n > 0) done.set(q.id, n - 1);
      return n === 0;
    });
  };
  // Kept as a count: a 10,000-question script must not recount every answer per question.
  let right = 0;
  const keep = (o: Outcome) => {
    outcomes.push(o);
    if (o.correct) right++;
  };
  const takeBack = async (index: number) => {
    const last = outcomes.pop() as Outcome;
    if (last.correct) right--;
    await io.unsave?.(last);
    // Asked again with the same options in the same order: the user is correcting that answer.
    queue.splice(index, 0, { q: last.presented.question, p: last.presented });
  };
  for (let index = 0; index < queue.length; index++) {
    const item = queue[index] as { q: Question; p?: Presented };
    // Key points are settled when the question is first presented, so an undone or skipped
    // question comes back graded by the same points.
    const p = item.p ?? withKeyPoints(item.q, present(item.q, mode, pool, random));
    item.p = p;
    const judge = async (given: Given) => (await io.judge?.(p, given)) ?? evaluate(p, given);
    try {
      const given = await io.ask(p, {
        index,
        total: queue.length,
        planned: questions.length,
        answered: outcomes.length,
        right,
        canUndo: outcomes.length > 0 && !!io.unsave,
      });
      if (isMove(given)) {
        if (given.move === "skip" && !skipped.has(p.question.id)) {
          skipped.add(p.question.id);
          queue.push({ q: p.question, p });
        } else if (given.move === "undo" && outcomes.length && io.unsave) {
          // The question on screen comes back after the one taken back.
          queue.splice(index + 1, 0, { q: p.question, p });
          await takeBack(index + 1);
        } else if (given.move === "undo") index--;
        continue;
      }
      const first = await judge(given);
      let outcome = first;
      try {
        outcome = settle(first, await io.review(first));
      } finally {
        // Ctrl+C while settling the grade still keeps the answer, with the suggested grade.
        keep(outcome);
        await io.save(outcome);
        io.showSaved?.(outcome);
      }
      if (io.pause && (await io.pause(outcome)) === "undo" && io.unsave) await takeBack(index + 1);
    } catch (e) {
      if (e instanceof TimeUp && e.given) {
        const outcome = await judge(e.given);
        keep(outcome);
        await io.save(outcome);
      }
      const unanswered = left();
      if (e instanceof Interrupted) return { outcomes, unanswered, interrupted: e };
      if (e instanceof OutOfAnswers) return { outcomes, unanswered, outOfAnswers: true };
      if (e instanceof TimeUp) return { outcomes, unanswered, timeUp: true };
      throw e;
    }
  }
  return { outcomes, unanswered: left() };
}
