import { firstItem, summarize } from "./answer-summary.js";
import { cleanOption, comparedTerms, dropEcho, swapTerms } from "./option-text.js";
import { type Random, shuffle } from "./random.js";
import { stripControl, words } from "./text.js";
import type { Question } from "./types.js";

// The options' keys, a b c...: the same on screen, in a script and in --json (core/letters.ts).
export { letter, letterIndex } from "./letters.js";

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
 * The option a question's answer makes: the curated one, else a one-line summary of the answer,
 * cleaned of Markdown and unmatched quotes, and without the opening that only repeats its own
 * question ("Docker is an open-source platform…" for "What is Docker?" offers "An open-source
 * platform…"). Distractors are made the same way from their own questions, so all options read alike.
 */
export function optionOf(q: Question): string {
  if (q.meta?.correct) return stripControl(q.meta.correct);
  // Each question's option is wanted again as a distractor for its neighbours: made once.
  const known = made.get(q);
  if (known !== undefined) return known;
  const option = generatedOption(q);
  made.set(q, option);
  return option;
}

const made = new WeakMap<Question, string>();

function generatedOption(q: Question): string {
  let text = summarize(q.answer);
  // Bold terms that only name what was asked ("Hard link, Soft link") say nothing: the first
  // item of the answer's list says what they are.
  const asked = keywords(q.prompt);
  const own = [...keywords(text)];
  if (own.length && own.every((w) => asked.has(w))) text = firstItem(q.answer) || text;
  return cleanOption(dropEcho(text, q.prompt));
}

/** Words that say nothing of a topic, left out when options are compared with the prompt. */
const FILLER = new Set(
  "a an the of to in on and or for with is are be by as at from this that which what when how why does do you your it its can".split(
    " ",
  ),
);
/** How many of a tier's shuffled candidates are weighed for their words in common with the prompt. */
const SAMPLE = 40;
const keywords = (text: string) => new Set(words(text).filter((w) => !FILLER.has(w)));
const shared = (a: ReadonlySet<string>, text: string) => {
  let n = 0;
  for (const w of keywords(text)) if (a.has(w)) n++;
  return n;
};

/**
 * Options for a choice question, shuffled; at most `size`. None when the answer makes no option,
 * and one alone when no other does: such a question is asked another way (see present()). The curated ones where the deck has them; otherwise the
 * question's own option against other questions' options: from the same section first, then the
 * same deck (a Docker question's distractors about Thanos would give the answer away), then any.
 * Among those, distractors that share as many words with the prompt as the answer does come
 * first: else the option echoing the prompt most is the answer, and a reader learns to pick it.
 */
export function buildChoices(q: Question, pool: readonly Question[], random: Random, size = 4): ChoiceSet {
  const correct = optionOf(q);
  if (!correct) return { options: [], correct: -1 };
  const wrong: string[] = [];
  const accept = (raw: string) => {
    const text = stripControl(raw);
    if (wrong.length >= size - 1 || !text) return;
    if (clash(text, correct) || wrong.some((w) => clash(w, text))) return;
    wrong.push(text);
  };
  for (const w of q.meta?.wrong ?? []) accept(w);
  // A comparison's answer names what it compares, and so does the question: the same answer with
  // the two trading places is the one distractor as close to the question as the answer is.
  if (!q.meta?.correct) {
    const swapped = swapTerms(correct, comparedTerms(q.prompt));
    if (swapped) accept(swapped);
  }
  if (wrong.length < size - 1) {
    const prompt = keywords(q.prompt);
    const target = shared(prompt, correct);
    const others = pool.filter((o) => o.id !== q.id);
    const near = shuffle(
      others.filter((o) => o.section === q.section),
      random,
    ).concat(
      shuffle(
        others.filter((o) => o.section !== q.section && o.deck === q.deck),
        random,
      ),
    );
    const rest = shuffle(
      others.filter((o) => o.section !== q.section && o.deck !== q.deck),
      random,
    );
    for (const tier of [near, rest]) {
      if (wrong.length >= size - 1) break;
      // A stable partition: order within the tier (same section before same deck) is kept. A
      // sample is enough, and a 10,000-question deck's answers are not all summarized per question.
      const sample = tier.slice(0, SAMPLE).map(optionOf);
      const echoing = sample.filter((o) => target > 0 && shared(prompt, o) >= target);
      for (const o of [...echoing, ...sample.filter((x) => !echoing.includes(x))]) accept(o);
      for (let i = SAMPLE; i < tier.length && wrong.length < size - 1; i++)
        accept(optionOf(tier[i] as Question));
    }
  }
  const options = shuffle([correct, ...wrong], random);
  return { options, correct: options.indexOf(correct) };
}
