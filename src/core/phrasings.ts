import { isGenericPhrase } from "./grading/generic.js";
import type { Token } from "./grading/tokens.js";
import { clausesOf, creditedPlaces } from "./grading.js";
import type { Phrasing, Progress } from "./state.js";
import type { KeyPoint, Question } from "./types.js";

/** Longest phrase kept: a whole paragraph would never be typed the same way again. */
const MAX_WORDS = 24;

/**
 * Words that join two statements inside one clause ("etcd stores it and controllers reconcile"): a
 * part on either side may have earned a point while the other did not.
 */
const JOINS = new Set(["and", "or", "plus", "also", "so", "which", "then", "nor"]);

/** Words that say nothing on their own, so a part made only of them is no phrasing. */
const EMPTY = new Set(
  "the a an any of to in on for with is are be it its by as at from than and or that this their them : i it's so also then which nor plus yes".split(
    " ",
  ),
);

/** A clause cut at its joining words, each part as token positions [start, end). */
function parts(tokens: readonly Token[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  tokens.forEach((t, i) => {
    if (JOINS.has(t.raw) && i > start) {
      out.push({ start, end: i });
      start = i;
    }
  });
  if (start < tokens.length) out.push({ start, end: tokens.length });
  return out;
}

/**
 * The words of a recall answer that stand for its missed key points: every part of it that earned
 * none of the points it hit. The grader's own clauses and the places it credited decide, so a line
 * or clause that scored for one point is never kept as a phrasing of another; a clause with a credited
 * part keeps only its other parts (cut at "and", "or", "which"…). Each clause gives its own phrase, as
 * a key phrase is matched within one clause. Nothing left: nothing to keep, no offer.
 */
export function phrasesFor(text: string, points: readonly KeyPoint[]): string[] {
  const credited = creditedPlaces(text, points);
  const phrases: string[] = [];
  clausesOf(text)
    .flat()
    .forEach((tokens, clause) => {
      const spent = credited.filter((p) => p.clause === clause).map((p) => p.span);
      let run: Token[] = [];
      const flush = () => {
        const words = run.map((t) => t.raw).filter((w) => w !== ":");
        // "and controllers reconcile", once the part before it is left out: the join goes with it.
        while (words.length && JOINS.has(words[0] as string)) words.shift();
        while (words.length && JOINS.has(words.at(-1) as string)) words.pop();
        const phrase = words.slice(0, MAX_WORDS).join(" ");
        if (words.some((w) => !EMPTY.has(w)) && !isGenericPhrase(phrase)) phrases.push(phrase);
        run = [];
      };
      for (const part of parts(tokens)) {
        if (spent.some((s) => s.start < part.end && part.start < s.end)) flush();
        else run.push(...tokens.slice(part.start, part.end));
      }
      flush();
    });
  return [...new Set(phrases)];
}

/** The next free id: small numbers a learner can type (`phrasings --remove 3`). */
function nextId(list: readonly Phrasing[]): string {
  return String(list.reduce((n, p) => Math.max(n, Number(p.id) || 0), 0) + 1);
}

/** Adds one accepted phrasing per missed key point; a phrase already accepted for a point is not repeated. */
export function acceptPhrasings(
  state: Progress,
  question: string,
  points: readonly string[],
  phrases: readonly string[],
  at: number,
): Progress {
  const list = [...(state.phrasings ?? [])];
  for (const point of points) {
    const known = new Set(acceptedFor(list, question, point));
    const fresh = phrases.filter((p) => !known.has(p));
    if (fresh.length) list.push({ id: nextId(list), question, point, phrases: fresh, at });
  }
  return { ...state, phrasings: list };
}

/** The state without the phrasing `id`, and whether there was one. */
export function removePhrasing(state: Progress, id: string): { state: Progress; removed?: Phrasing } {
  const list = state.phrasings ?? [];
  const removed = list.find((p) => p.id === id);
  if (!removed) return { state };
  const rest = list.filter((p) => p !== removed);
  const { phrasings: _, ...others } = state;
  return { state: rest.length ? { ...others, phrasings: rest } : others, removed };
}

/** The phrases a learner accepted for one key point of one question. */
export function acceptedFor(list: readonly Phrasing[] = [], question: string, point: string): string[] {
  return list.filter((p) => p.question === question && p.point === point).flatMap((p) => p.phrases);
}

/** A question's key points with the learner's accepted phrasings added as extra words of each. */
export function withPhrasings(
  q: Question,
  points: readonly KeyPoint[],
  list: readonly Phrasing[] = [],
): KeyPoint[] {
  return points.map((k) => {
    const extra = acceptedFor(list, q.id, k.label);
    return extra.length ? { ...k, words: [...k.words, ...extra] } : k;
  });
}

/**
 * Another machine's phrasings merged in as a union: each phrase not yet accepted for its question's
 * key point is added (under this state's next id); the rest are here already. How many phrases came in.
 */
export function mergePhrasings(
  state: Progress,
  incoming: readonly Phrasing[],
): { state: Progress; added: number } {
  let out = state;
  let added = 0;
  for (const p of incoming) {
    const known = new Set(acceptedFor(out.phrasings, p.question, p.point));
    const fresh = [...new Set(p.phrases)].filter((x) => !known.has(x));
    if (!fresh.length) continue;
    out = acceptPhrasings(out, p.question, [p.point], fresh, p.at);
    added += fresh.length;
  }
  return { state: out, added };
}
