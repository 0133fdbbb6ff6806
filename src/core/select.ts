import { UsageError } from "../errors.js";
import { topicsOf } from "./progress.js";
import { type Random, shuffle } from "./random.js";
import type { WeakTopic } from "./state.js";
import { excerpt, nearest } from "./text.js";
import type { Bank, Question } from "./types.js";

export type Order = "random" | "deck";

export interface Selection {
  /** Section slugs to draw from; all when empty. */
  sections: readonly string[];
  count: number;
  order: Order;
  /** Weak-topic questions first, lowest accuracy first. */
  weakFirst: boolean;
  weakTopics: Readonly<Record<string, WeakTopic>>;
  random: Random;
}

/** The lowest accuracy among a question's weak topics, or undefined when none of them is weak. */
export function weakness(q: Question, weak: Readonly<Record<string, WeakTopic>>): number | undefined {
  let low: number | undefined;
  for (const t of topicsOf(q)) {
    const w = weak[t];
    if (w && (low === undefined || w.accuracy < low)) low = w.accuracy;
  }
  return low;
}

/** Picks the questions of a session: filtered by section, ordered, weak ones first on request, cut to count. */
export function selectQuestions(questions: readonly Question[], sel: Selection): Question[] {
  const pool = sel.sections.length
    ? questions.filter((q) => sel.sections.includes(q.section))
    : [...questions];
  const ordered = sel.order === "random" ? shuffle(pool, sel.random) : pool;
  if (!sel.weakFirst) return ordered.slice(0, sel.count);
  const weak = ordered
    .map((q) => ({ q, w: weakness(q, sel.weakTopics) }))
    .filter((x): x is { q: Question; w: number } => x.w !== undefined)
    .sort((a, b) => a.w - b.w);
  const weakIds = new Set(weak.map((x) => x.q.id));
  return [...weak.map((x) => x.q), ...ordered.filter((q) => !weakIds.has(q.id))].slice(0, sel.count);
}

/** Finds a question by id ("502", "docker:12"); a bare number also finds a user deck's only match. */
export function findQuestion(bank: Bank, id: string): Question {
  const exact = bank.questions.find((q) => q.id === id);
  if (exact) return exact;
  const byNumber = /^\d+$/.test(id) ? bank.questions.filter((q) => String(q.number) === id) : [];
  if (byNumber.length === 1 && byNumber[0]) return byNumber[0];
  if (byNumber.length > 1)
    throw new UsageError(`question ${id} is ambiguous: ${byNumber.map((q) => q.id).join(", ")}`);
  const guess = nearest(
    id,
    bank.questions.map((q) => q.id),
  );
  throw new UsageError(
    `no question "${excerpt(id)}"${guess ? ` (did you mean ${guess}?)` : ""}; see k8s-quiz list`,
  );
}
