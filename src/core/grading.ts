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
 * Words that head a part of an answer rather than say anything: "**Key Features:**", "Why used:",
 * "Fix:". A point named so would be hit by nobody's answer, or by everybody's.
 */
const LABELS = new Set([
  "answer",
  "advantages",
  "benefits",
  "best practice",
  "best practices",
  "cons",
  "definition",
  "description",
  "disadvantages",
  "example",
  "examples",
  "explanation",
  "features",
  "fix",
  "how it works",
  "important",
  "in short",
  "interview tip",
  "key benefits",
  "key concepts",
  "key features",
  "key points",
  "limitations",
  "note",
  "notes",
  "output",
  "overview",
  "pros",
  "purpose",
  "real-world example",
  "result",
  "solution",
  "steps",
  "summary",
  "syntax",
  "tip",
  "tips",
  "usage",
  "use case",
  "use cases",
  "when to use",
  "why",
  "why used",
  "why use it",
  "why it matters",
]);

/** A code span that is a name (`etcdctl`, `sync.Mutex`, `kubectl get`), not a command line or code. */
function isName(code: string): boolean {
  const tokens = code.trim().split(/\s+/);
  if (tokens.length > 2) return false;
  return tokens.every(
    (t) => /^[\p{L}_.$@/][\p{L}\p{N}_.\-/@$]*$/u.test(t) && !/^[-/]/.test(t) && !/^\$/.test(t),
  );
}

/** Where a list item's head stops: before a word that starts its explanation. */
const JOINS = new Set([
  "to",
  "of",
  "for",
  "with",
  "in",
  "on",
  "at",
  "by",
  "from",
  "than",
  "across",
  "into",
  "and",
  "or",
  "is",
  "are",
]);

/**
 * A list item's head: the text before a colon or dash ("Consistency: every read…"), or else, as a
 * weaker guess, its first words up to a joining one.
 */
function headOf(item: string): { head: string; split: boolean } {
  const text = plainLine(item)
    .replace(/\([^)]*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const split = /^(.{2,60}?)(?::\s|\s[-\u2013\u2014]\s)/.exec(text);
  if (split?.[1]) return { head: split[1], split: true };
  const first = text.split(/\s+/).slice(0, 4);
  const stop = first.findIndex((w, i) => i > 0 && JOINS.has(w.toLowerCase()));
  return { head: (stop > 0 ? first.slice(0, stop) : first).join(" "), split: false };
}

/**
 * Key points derived from an answer with no curated ones: its bold terms, the names in its code
 * spans and the heads of its list items (the text before a colon, or the first few words). Labels
 * ("Key Features:") and code (`docker run -p 80:80 nginx`) are no points.
 */
export function deriveKeyPoints(answer: string, max = 5): KeyPoint[] {
  const prose = answer.replace(/^(```|~~~)[\s\S]*?^\1\s*$/gm, "");
  // A bold line of its own that ends in a colon ("**Key Features:**") heads the list below it.
  const heads = new Set(
    [...prose.matchAll(/^\s*\*\*([^*\n]+?):?\*\*:?\s*$/gm)].map((m) => (m[1] ?? "").trim().toLowerCase()),
  );
  const candidates = [
    ...boldTerms(prose).filter((t) => !heads.has(t.toLowerCase())),
    ...[...prose.matchAll(/`([^`\n]{2,40})`/g)].map((m) => m[1] ?? "").filter(isName),
  ];
  const items = [...prose.matchAll(/^\s*(?:[-*+]|\d+\.)\s+(.+)$/gm)].map((m) => headOf(m[1] ?? ""));
  candidates.push(...items.filter((i) => i.split).map((i) => i.head));
  // An item's first words are a fragment more often than a concept: used only when nothing better is.
  const guesses = items.filter((i) => !i.split).map((i) => i.head);
  const points: KeyPoint[] = [];
  const seen = new Set<string>();
  const add = (c: string) => {
    // Dots inside a name stay (sync.Mutex, module.exports); a sentence's full stop goes.
    const label = stripControl(c)
      .replace(/[,:;()"]+|\.(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])\./gu, " ")
      .replace(/\s+/g, " ")
      .trim();
    const key = label.toLowerCase();
    const n = words(key).length;
    if (label.length < 2 || n > 6 || seen.has(key) || LABELS.has(key) || words(key).every((w) => STOP.has(w)))
      return;
    seen.add(key);
    points.push({ label, words: [key] });
  };
  for (const c of candidates) if (points.length < max) add(c);
  if (points.length < 2) for (const g of guesses) if (points.length < max) add(g);
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
