import { scoreRecall } from "./grading.js";
import type { Phrasing, Progress } from "./state.js";
import { stripControl, words } from "./text.js";
import type { KeyPoint, Question } from "./types.js";

/** Longest phrase kept: a whole paragraph would never be typed the same way again. */
const MAX_WORDS = 24;

/** An answer's clauses: the pieces between sentence ends, semicolons, commas and line breaks. */
function clauses(text: string): string[] {
  return stripControl(text)
    .split(/[.!?;,\n]+(?:\s|$)|[;\n]/)
    .map((c) => words(c.toLowerCase().replace(/-/g, " ")).join(" "))
    .filter((c) => c.length >= 3);
}

/**
 * The words of a recall answer that stand for its missed key points: the clauses that hit none of
 * the points on their own (the others earned the points that were hit). When every clause hit
 * something, or there is only one, the whole answer is the phrase.
 */
export function phrasesFor(text: string, points: readonly KeyPoint[]): string[] {
  const all = clauses(text);
  const loose = all.filter((c) => scoreRecall(c, points).hit.length === 0);
  const chosen = loose.length && loose.length < all.length ? loose : [all.join(" ")];
  return [...new Set(chosen.map((c) => c.split(" ").slice(0, MAX_WORDS).join(" ")).filter(Boolean))];
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
