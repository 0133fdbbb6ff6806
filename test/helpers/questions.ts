import type { StoredCard } from "../../src/core/state.js";
import type { Question, Section } from "../../src/core/types.js";

// Hand-made bank content for the core tests: questions, sections and scheduler cards.

/**
 * A question of the bundled deck's shape. Everything but `number` has a default: id String(number),
 * deck "k8s", section "internals", prompt `Question N?`, answer `Answer N.`, file "data/x.md", line N.
 * A field given as undefined is left out, as it would be in a parsed deck (no `meta: undefined`).
 */
export function makeQuestion(fields: Partial<Question> & { number: number }): Question {
  const { number } = fields;
  const question: Question = {
    id: String(number),
    number,
    deck: "k8s",
    section: "internals",
    prompt: `Question ${number}?`,
    answer: `Answer ${number}.`,
    file: "data/x.md",
    line: number,
  };
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined) Object.assign(question, { [key]: value });
  return question;
}

/** A section of the bundled deck: its slug, title and aliases. */
export const makeSection = (slug: string, title: string, aliases: string[] = []): Section => ({
  slug,
  title,
  aliases,
  deck: "k8s",
  file: "data/x.md",
  line: 1,
});

const DAY = 86_400_000;

/** A card in the review state, due at `due` and last reviewed five days before it. */
export const reviewCard = (due: number, over: Partial<StoredCard> = {}): StoredCard => ({
  due,
  stability: 5,
  difficulty: 5,
  elapsed_days: 0,
  scheduled_days: 5,
  learning_steps: 0,
  reps: 3,
  lapses: 0,
  state: 2,
  last_review: due - 5 * DAY,
  ...over,
});
