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

/** Typos allowed in a word of 5 letters or more (shorter ones are handled by sameWord). */
const allowedTypos = (word: string) => (word.length <= 7 ? 1 : 2);

/** Two neighbours swapped, and nothing else: "etdc" for "etcd". */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Whether a typed word stands for a key word. Short words allow no typo but a swap, or "etc" and
 * "rat" would count for "etcd" and "raft"; longer ones allow one or two.
 */
function sameWord(typed: string, key: string): boolean {
  if (typed === key) return true;
  if (key.length < 4) return false;
  if (key.length === 4) return isSwap(typed, key);
  return Math.abs(typed.length - key.length) <= 2 && levenshtein(typed, key) <= allowedTypos(key);
}

/**
 * Whether `key` occurs in `text` starting at a word's start: "watchers" holds "watch" and
 * "/registry/pods" holds "/registry", but "draft" does not hold "raft".
 */
function startsAWord(text: string, key: string): boolean {
  for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1] ?? "") || !/[\p{L}\p{N}]/u.test(key[0] ?? ""))
      return true;
  }
  return false;
}

/** Whether `phrase` appears in the answer words as a run of words, each allowing a small typo. */
function containsPhrase(answerWords: readonly string[], phrase: string): boolean {
  const target = words(phrase.replace(/-/g, " "));
  if (!target.length) return false;
  for (let i = 0; i + target.length <= answerWords.length; i++) {
    let ok = true;
    for (let j = 0; j < target.length && ok; j++) {
      const a = answerWords[i + j] ?? "";
      const t = target[j] ?? "";
      ok = sameWord(a, t);
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
  /** Points the answer states the opposite of ("it does not use etcd"). */
  contradicted?: KeyPoint[];
  /** A short reason per key point label, when the grader gives one (a model does). */
  reasons?: Record<string, string>;
  /** Who graded: the key points on this machine, or a model. */
  by?: "keypoints" | "llm";
}

/** Scores a typed answer: a key point is hit when one of its words or phrases appears, typos tolerated. */
export function scoreRecall(text: string, points: readonly KeyPoint[]): Coverage {
  const flat = text.toLowerCase();
  const answerWords = words(flat.replace(/-/g, " "));
  const hit: KeyPoint[] = [];
  const missed: KeyPoint[] = [];
  for (const p of points) {
    const found = p.words.some(
      (w) => (w.length >= 4 && startsAWord(flat, w)) || containsPhrase(answerWords, w),
    );
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

/**
 * The grade of a whole verdict, whoever gave it (key points or a model), so both map alike. A
 * contradicted point counts as not hit, and takes the grade one step lower: saying the opposite
 * is worse than leaving a point out.
 */
export function gradeCoverage(c: Coverage): Grade {
  const contradicted = c.contradicted?.length ?? 0;
  const n = c.hit.length + c.missed.length + contradicted;
  const grade = suggestGrade(n ? c.hit.length / n : 0);
  if (!contradicted) return grade;
  return grade === "good" ? "hard" : "again";
}
