import { type Random, shuffle } from "./random.js";
import { summarize } from "./summarize.js";
import { stripControl } from "./text.js";
import type { Question } from "./types.js";

export interface ChoiceSet {
  options: string[];
  correct: number;
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();

/** Whether two options are too alike to stand side by side: equal, or one inside the other. */
export function clash(a: string, b: string): boolean {
  const x = norm(a);
  const y = norm(b);
  return x === y || x.includes(y) || y.includes(x);
}

/**
 * Four options for a choice question, shuffled: the curated ones where the deck has them, otherwise
 * a summary of the answer against summaries of other answers: from the same section first, then
 * the same deck (a Docker question's distractors about Thanos would give the answer away), then any.
 */
export function buildChoices(q: Question, pool: readonly Question[], random: Random, size = 4): ChoiceSet {
  // Options may come straight from deck text: no control characters reach a screen through them.
  const correct = stripControl(q.meta?.correct ?? summarize(q.answer));
  const wrong: string[] = [];
  const accept = (raw: string) => {
    const text = stripControl(raw);
    if (wrong.length >= size - 1 || !text) return;
    if (clash(text, correct) || wrong.some((w) => clash(w, text))) return;
    wrong.push(text);
  };
  for (const w of q.meta?.wrong ?? []) accept(w);
  if (wrong.length < size - 1) {
    const others = pool.filter((o) => o.id !== q.id);
    const sameSection = shuffle(
      others.filter((o) => o.section === q.section),
      random,
    );
    const sameDeck = shuffle(
      others.filter((o) => o.section !== q.section && o.deck === q.deck),
      random,
    );
    const rest = shuffle(
      others.filter((o) => o.section !== q.section && o.deck !== q.deck),
      random,
    );
    for (const o of [...sameSection, ...sameDeck, ...rest]) {
      if (wrong.length >= size - 1) break;
      accept(o.meta?.correct ?? summarize(o.answer));
    }
  }
  const options = shuffle([correct, ...wrong], random);
  return { options, correct: options.indexOf(correct) };
}
