import { isGenericPhrase } from "./grading/generic.js";
import { TAGS, validateMeta } from "./meta.js";
import { clash } from "./options.js";
import type { Question } from "./types.js";

export interface LintProblem {
  line: number;
  message: string;
  level: "error" | "warning";
  /** A question-shaped line that gave no question: --json readers can count what was lost. */
  skipped?: true;
}

/** Where a field of a question's quiz block sits; the block's own line when unknown. */
export type FieldLine = (path: (string | number)[]) => number;

const tagSet = new Set<string>(TAGS);

/**
 * Checks one question's parsed quiz block: required fields, three distinct distractors that do not
 * echo the correct option, known tags, and key points that its own answer actually covers.
 */
export function lintQuestion(q: Question, data: unknown, lineOf: FieldLine): LintProblem[] {
  const problems: LintProblem[] = [];
  const err = (path: (string | number)[], message: string) =>
    problems.push({ line: lineOf(path), message: `question ${q.number}: ${message}`, level: "error" });
  const { meta, problems: shape } = validateMeta(data);
  for (const p of shape) err([], p);

  const raw = (data ?? {}) as Record<string, unknown>;
  if (raw.choices === undefined) err([], "missing choices (correct and wrong)");
  if (raw.keyPoints === undefined) err([], "missing keyPoints");
  if (raw.tags === undefined) err([], "missing tags");
  if (raw.difficulty === undefined) err([], "missing difficulty (1-3)");

  if (meta.correct && meta.wrong) {
    if (meta.wrong.length !== 3) err(["choices", "wrong"], `needs 3 wrong options, has ${meta.wrong.length}`);
    meta.wrong.forEach((w, i) => {
      const at = ["choices", "wrong", i];
      if (clash(w, meta.correct ?? "")) err(at, `wrong option "${w}" equals or overlaps the correct one`);
      const dup = meta.wrong?.findIndex((o, j) => j < i && clash(o, w)) ?? -1;
      if (dup >= 0) err(at, `wrong options ${dup + 1} and ${i + 1} duplicate each other`);
    });
  }
  if (meta.keyPoints) {
    const n = meta.keyPoints.length;
    if (n < 2 || n > 5) err(["keyPoints"], `needs 2-5 key points, has ${n}`);
    const answer = q.answer.toLowerCase();
    for (const k of meta.keyPoints) {
      if (!k.words.some((w) => answer.includes(w))) {
        err(
          ["keyPoints", k.label],
          `key point "${k.label}": none of its words (${k.words.join(", ")}) occurs in the answer`,
        );
      }
    }
  }
  if (meta.tags) {
    if (meta.tags.length < 1 || meta.tags.length > 3)
      err(["tags"], `needs 1-3 tags, has ${meta.tags.length}`);
    meta.tags.forEach((t, i) => {
      if (!tagSet.has(t)) err(["tags", i], `unknown tag "${t}" (known: ${TAGS.join(", ")})`);
    });
  }
  return problems;
}

/**
 * Key point words that come down to one generic word ("sync", "events", "the cluster"): any answer on
 * any topic says them, so the grader ignores them unless the point names a subject for them to sit
 * next to. A warning, since the point still works through its other words.
 */
export function lintGenericWords(q: Question, data: unknown, lineOf: FieldLine): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const k of validateMeta(data).meta.keyPoints ?? []) {
    if (k.subject?.length) continue;
    const generic = k.words.filter((w) => !w.startsWith("!") && isGenericPhrase(w));
    if (!generic.length) continue;
    problems.push({
      line: lineOf(["keyPoints", k.label]),
      message: `question ${q.number}: key point "${k.label}": ${generic.map((w) => `"${w}"`).join(", ")} alone ${generic.length > 1 ? "are" : "is"} too generic to show the point and will not count; use a phrase, or give the point a subject`,
      level: "warning",
    });
  }
  return problems;
}
