import { compilePhrase, STOP as STOP_WORDS, sameWord } from "./grading/match.js";
import { tokenize } from "./grading/tokens.js";
import { boldTerms, plainLine, withoutCode } from "./markdown.js";
import { plainLetters, stripControl, words } from "./text.js";
import type { Grade, KeyPoint, Question } from "./types.js";

// Typed answers are scored in grading/: tokens (words, stems, abbreviations, clauses), match (phrases,
// typos, negation), score (verdicts per key point, subjects) and grade (the FSRS grade they suggest).
export { suggestGrade, thresholds } from "./grading/grade.js";
export {
  type Coverage,
  creditedPlaces,
  type Place,
  type PointVerdict,
  scoreRecall,
  type Verdict,
} from "./grading/score.js";
export { clausesOf } from "./grading/tokens.js";

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
    (t) =>
      // Letters in two forms: plainLetters says why.
      (plainLetters(t) ? /^[A-Za-z_.$@/][A-Za-z0-9_.\-/@$]*$/u : /^[\p{L}_.$@/][\p{L}\p{N}_.\-/@$]*$/u).test(
        t,
      ) &&
      !/^[-/]/.test(t) &&
      !/^\$/.test(t),
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
  const prose = withoutCode(answer);
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
    const bare = stripControl(c);
    // Letters in two forms: plainLetters says why.
    const label = bare
      .replace(
        plainLetters(bare)
          ? /[,:;()"]+|\.(?![A-Za-z0-9])|(?<![A-Za-z0-9])\./gu
          : /[,:;()"]+|\.(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])\./gu,
        " ",
      )
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
  return withoutEchoes(q.meta?.keyPoints?.length ? q.meta.keyPoints : deriveKeyPoints(q.answer), q.prompt);
}

/**
 * A key phrase made only of the question's own words ("custom resource" for "What is a Custom
 * Resource Definition (CRD)?") is said by any answer that repeats the question: "A CRD." and "A CRD
 * is a kind of pizza." earned that point, and with it a pass (Hard). Such a phrase of two words or
 * more gives no credit.
 * A point with nothing else to hit keeps its phrases, and a misconception ("!…") always stays.
 */
export function withoutEchoes(points: readonly KeyPoint[], prompt: string): KeyPoint[] {
  const asked = tokenize(prompt).filter((t) => !STOP_WORDS.has(t.raw));
  if (!asked.length) return [...points];
  const echo = (phrase: string) => {
    if (phrase.startsWith("!")) return false;
    const { core } = compilePhrase(phrase);
    // Two words at least: one word of the question may be the answer's own term ("How do you watch
    // for changes?" is answered by "the WATCH API").
    return core.length > 1 && core.every((k) => asked.some((t) => sameWord(t, k, true)));
  };
  return points.map((p) => {
    const words = p.words.filter((w) => !echo(w));
    return words.some((w) => !w.startsWith("!")) && words.length < p.words.length ? { ...p, words } : p;
  });
}
