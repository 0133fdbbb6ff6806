import { boldTerms, plainLine } from "./summarize.js";
import { stripControl, words } from "./text.js";
import type { Grade, KeyPoint, Question } from "./types.js";

// Typed answers are scored in grading/: tokens (words, stems, abbreviations, clauses), match (phrases,
// typos, negation), score (verdicts per key point, subjects) and grade (the FSRS grade they suggest).
export { suggestGrade, thresholds } from "./grading/grade.js";
export { type Coverage, type PointVerdict, scoreRecall, type Verdict } from "./grading/score.js";

/** Score of a grade: Good and Easy count 1, Hard a half, Again nothing. */
export function scoreOf(grade: Grade): number {
  switch (grade) {
    case "again":
      return 0;
    case "hard":
      return 0.5;
    case "good":
    case "easy":
      return 1;
  }
}

const STOP = new Set([
  "the",
  "a",
  "an",
  "of",
  "to",
  "in",
  "on",
  "and",
  "or",
  "for",
  "with",
  "is",
  "are",
  "e.g",
]);

/**
 * Key points derived from an answer with no curated ones: its bold terms, its code spans and the heads
 * of its list items (the text before a colon, or the first few words).
 */
export function deriveKeyPoints(answer: string, max = 5): KeyPoint[] {
  const prose = answer.replace(/^(```|~~~)[\s\S]*?^\1\s*$/gm, "");
  const candidates = [
    ...boldTerms(prose),
    ...[...prose.matchAll(/`([^`\n]{2,40})`/g)].map((m) => m[1] ?? ""),
    ...[...prose.matchAll(/^\s*(?:[-*+]|\d+\.)\s+(.+)$/gm)].map((m) => {
      const item = plainLine(m[1] ?? "");
      const head = item.split(/:\s/)[0] ?? item;
      return head.split(/\s+/).slice(0, 4).join(" ");
    }),
  ];
  const points: KeyPoint[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    const label = stripControl(c)
      .replace(/[.,:;()"]+/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    const key = label.toLowerCase();
    if (label.length < 2 || seen.has(key) || words(key).every((w) => STOP.has(w))) continue;
    seen.add(key);
    points.push({ label, words: [key] });
    if (points.length >= max) break;
  }
  return points;
}

/** The key points a recall answer is scored against: curated where present, otherwise derived. */
export function keyPointsOf(q: Question): KeyPoint[] {
  return q.meta?.keyPoints?.length ? q.meta.keyPoints : deriveKeyPoints(q.answer);
}
