import { DeckError } from "../errors.js";
import { type ParseOptions, scanDeck } from "./deck-scan.js";
import { oneLine } from "./text.js";
import type { Deck, DeckProblem } from "./types.js";

export { MAX_LINE_LENGTH, type ParseOptions, scanDeck } from "./deck-scan.js";
export { cleanTitle } from "./deck-shapes.js";

/** A deck with no question in it: its problems say which question-shaped lines could not be used. */
export class EmptyDeckError extends DeckError {
  constructor(
    file: string,
    readonly problems: DeckProblem[],
  ) {
    const skipped = problems.filter((p) => p.skipped).length;
    super(
      file,
      1,
      skipped
        ? `no questions found: ${skipped} question-shaped line${skipped === 1 ? "" : "s"} could not be used, the first at line ${problems.find((p) => p.skipped)?.line}`
        : "no questions found (expected headings like '### Question 1: ...', '## 1. ...' or lines like '**Q:** ...')",
    );
  }
}

/**
 * Splits a Markdown deck into sections and questions by scanning lines; no Markdown lexer runs here.
 * A defect costs only the question it is in: each one is in `problems` with its line. Throws
 * DeckError only for a line past the length limit, a section block the caller rejects, or a deck
 * with no question at all (EmptyDeckError).
 */
export function parseDeck(text: string, opts: ParseOptions): Deck {
  const deck = scanDeck(text, opts);
  if (!deck.questions.length) throw new EmptyDeckError(opts.file, deck.problems ?? []);
  return deck;
}

/**
 * One `warning: file:line: reason` line per problem the reader had with a deck: how `deck add` and a
 * `--deck` run report what `deck check` lists, so no skipped question goes unmentioned.
 */
export function problemLines(deck: Deck, file = deck.file): string[] {
  // A file's name may hold a line break: each report stays one line.
  const name = oneLine(file);
  return (deck.problems ?? []).map((p) => `warning: ${name}:${p.line}: ${p.message}`);
}

/**
 * What one file gave, as `docker.md: 41 questions`: the words `deck check` and a `--deck` run use.
 * The lines it could not use are listed next to it, each with its own line and reason.
 */
export function foundLine(file: string, questions: number): string {
  return `${oneLine(file)}: ${questions} question${questions === 1 ? "" : "s"}`;
}
