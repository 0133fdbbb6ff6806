import { existsSync, statSync } from "node:fs";
import { parseDeck } from "../../core/deck-parser.js";
import type { Question, RawMeta } from "../../core/types.js";
import { UserError } from "../../errors.js";
import { readDeckText } from "./deck-text.js";

// The questions of a deck read from its index (io/deck-cache.ts), and the one way to their answers.
// Apart from the index so that asking for answers needs none of the index's own imports.

/**
 * The questions as the index keeps them, one column per field (everything but the answers and the
 * prompts): numbers as arrays, and each question's section as its position in the index's sections.
 */
export interface Columns {
  numbers: number[];
  sections: number[];
  lines: number[];
  /** Quiz blocks by question position, only where there is one. */
  metas: Record<number, RawMeta>;
}

/** What all the questions read from one index share: its columns, and the deck file it was made from. */
export interface Shared {
  deck: string;
  file: string;
  prefixIds: boolean;
  /** The deck file's size and time when it was indexed: its answers must come from that same file. */
  size: number;
  mtimeMs: number;
  columns: Columns;
}

/**
 * A question read from an index, without its answer (see loadAnswers). The fields every listing
 * reads (id, prompt, section) are set when it is made; the rest are read from the index's columns
 * on use. Five fields to set instead of ten, for each of a 10,000-question deck.
 */
export class IndexedQuestion implements Question {
  declare readonly d: Shared;
  declare readonly i: number;
  declare readonly id: string;
  declare readonly prompt: string;
  declare section: string;
  declare meta?: Question["meta"];
  constructor(d: Shared, i: number, id: string, prompt: string, section: string) {
    this.d = d;
    this.i = i;
    this.id = id;
    this.prompt = prompt;
    this.section = section;
  }
  get number(): number {
    return this.d.columns.numbers[this.i] ?? 0;
  }
  get deck(): string {
    return this.d.deck;
  }
  get file(): string {
    return this.d.file;
  }
  get line(): number {
    return this.d.columns.lines[this.i] ?? 0;
  }
  get rawMeta(): RawMeta | undefined {
    return this.d.columns.metas[this.i];
  }
  /** Never read from the deck here: a command that shows answers loads them first, with loadAnswers. */
  get answer(): string {
    throw new Error(`the answers of ${this.d.file} were not loaded (loadAnswers)`);
  }
}

/**
 * The questions with their answers, ready for what shows, searches or grades them: those read from
 * an index are replaced by plain copies with the answer from their deck file, read once per file
 * through the guarded reader; the rest are returned as they are. A deck file that changed or went
 * away since its index was read is one clear error, not an answer taken from another question.
 */
export function loadAnswers(questions: readonly Question[]): Question[] {
  const byDeck = new Map<Shared, Map<number, string>>();
  return questions.map((q) => {
    if (!(q instanceof IndexedQuestion)) return q;
    let answers = byDeck.get(q.d);
    if (!answers) {
      answers = readAnswers(q.d);
      byDeck.set(q.d, answers);
    }
    return {
      id: q.id,
      number: q.number,
      deck: q.deck,
      section: q.section,
      prompt: q.prompt,
      answer: answers.get(q.number) ?? "",
      file: q.file,
      line: q.line,
      ...(q.rawMeta ? { rawMeta: q.rawMeta } : {}),
      ...(q.meta ? { meta: q.meta } : {}),
    };
  });
}

function readAnswers(d: Shared): Map<number, string> {
  const changed = () =>
    new UserError(`${d.file}: the deck changed while it was being read; run the command again`);
  const unchanged = () => {
    try {
      const st = statSync(d.file);
      return st.size === d.size && st.mtimeMs === d.mtimeMs;
    } catch {
      return false;
    }
  };
  if (!unchanged()) {
    if (!existsSync(d.file)) throw new UserError(`${d.file}: the deck is gone since it was read`);
    throw changed();
  }
  const text = readDeckText(d.file);
  // Checked again after the read: a deck saved in between must not give its answers to the old prompts.
  if (!unchanged()) throw changed();
  // Sections and quiz blocks are already in the index: only the answers are wanted here.
  const parsed = parseDeck(text, { file: d.file, deck: d.deck, prefixIds: d.prefixIds });
  return new Map(parsed.questions.map((q) => [q.number, q.answer]));
}
