import { boldTerms, plainLine } from "./summarize.js";
import { levenshtein, stripControl, words } from "./text.js";
import type { Grade, KeyPoint, Question } from "./types.js";

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

const allowedTypos = (word: string) => (word.length <= 3 ? 0 : word.length <= 7 ? 1 : 2);

/** Whether `phrase` appears in the answer words as a run of words, each allowing a small typo. */
function containsPhrase(answerWords: readonly string[], phrase: string): boolean {
  const target = words(phrase.replace(/-/g, " "));
  if (!target.length) return false;
  for (let i = 0; i + target.length <= answerWords.length; i++) {
    let ok = true;
    for (let j = 0; j < target.length && ok; j++) {
      const a = answerWords[i + j] ?? "";
      const t = target[j] ?? "";
      ok = a === t || (Math.abs(a.length - t.length) <= 2 && levenshtein(a, t) <= allowedTypos(t));
    }
    if (ok) return true;
  }
  return false;
}

export interface Coverage {
  hit: KeyPoint[];
  missed: KeyPoint[];
  /** Share of key points hit, 0 to 1. */
  ratio: number;
}

/** Scores a typed answer: a key point is hit when one of its words or phrases appears, typos tolerated. */
export function scoreRecall(text: string, points: readonly KeyPoint[]): Coverage {
  const flat = text.toLowerCase();
  const answerWords = words(flat.replace(/-/g, " "));
  const hit: KeyPoint[] = [];
  const missed: KeyPoint[] = [];
  for (const p of points) {
    const found = p.words.some((w) => (w.length >= 4 && flat.includes(w)) || containsPhrase(answerWords, w));
    (found ? hit : missed).push(p);
  }
  return { hit, missed, ratio: points.length ? hit.length / points.length : 0 };
}

/** The grade a coverage suggests; the user confirms or changes it. */
export function suggestGrade(ratio: number): Grade {
  if (ratio >= 0.75) return "good";
  if (ratio >= 0.4) return "hard";
  return "again";
}
