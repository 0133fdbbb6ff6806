import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseDeck } from "../core/deck-parser.js";
import { hashSeed } from "../core/random.js";
import { slugify } from "../core/text.js";
import type { Deck, Question, RawMeta, Section } from "../core/types.js";

const VERSION = 2;

/** The questions as the index keeps them, one array per field (everything but the answers). */
interface Columns {
  numbers: number[];
  prompts: string[];
  sections: string[];
  lines: number[];
  /** Quiz blocks by question position, only where there is one. */
  metas: Record<number, RawMeta>;
}

interface Index {
  version: number;
  file: string;
  deck: string;
  prefixIds: boolean;
  size: number;
  mtimeMs: number;
  sections: Section[];
  questions: Columns;
}

/** A question read from an index: its answer is fetched from the deck file the first time it is read. */
class IndexedQuestion implements Question {
  constructor(
    readonly id: string,
    readonly number: number,
    readonly deck: string,
    public section: string,
    readonly prompt: string,
    readonly file: string,
    readonly line: number,
    private readonly answers: (n: number) => string,
    readonly rawMeta?: RawMeta,
  ) {}
  meta?: Question["meta"];
  get answer(): string {
    return this.answers(this.number);
  }
}

/**
 * An index of a user deck's questions without their answers, kept in the cache folder and used while
 * the file's size and modification time are unchanged. Listing a 10,000-question deck then reads a
 * small JSON file instead of scanning megabytes of answers; an answer, when one is shown, comes from
 * parsing the deck itself, once.
 */
export class DeckCache {
  constructor(private readonly dir: string) {}

  private pathOf(file: string, deck: string, prefixIds: boolean): string {
    // The index also records its file, deck and flags and is checked against them: a hash clash only misses.
    const key = hashSeed(`${resolve(file)}\0${deck}\0${prefixIds}`).toString(16);
    return join(this.dir, `deck-${slugify(basename(file)).slice(0, 40)}-${key}.json`);
  }

  /** The deck from its index, or undefined when there is none or the file changed since. */
  read(file: string, deck: string, prefixIds: boolean): Deck | undefined {
    let index: Index;
    try {
      const st = statSync(file);
      index = JSON.parse(readFileSync(this.pathOf(file, deck, prefixIds), "utf8")) as Index;
      if (index.version !== VERSION || index.size !== st.size || index.mtimeMs !== st.mtimeMs)
        return undefined;
      if (index.file !== resolve(file) || index.deck !== deck || index.prefixIds !== prefixIds)
        return undefined;
    } catch {
      return undefined;
    }
    let answers: Map<number, string> | undefined;
    const answerOf = (n: number): string => {
      // Sections and quiz blocks are already in the index: only the answers are wanted here.
      answers ??= new Map(
        parseDeck(readFileSync(file, "utf8"), { file, deck, prefixIds }).questions.map((q) => [
          q.number,
          q.answer,
        ]),
      );
      return answers.get(n) ?? "";
    };
    const q = index.questions;
    const questions: Question[] = q.numbers.map(
      (number, i) =>
        new IndexedQuestion(
          prefixIds ? `${deck}:${number}` : String(number),
          number,
          deck,
          q.sections[i] ?? "",
          q.prompts[i] ?? "",
          file,
          q.lines[i] ?? 0,
          answerOf,
          q.metas[i],
        ),
    );
    return { name: deck, file, sections: index.sections, questions };
  }

  /** Saves a freshly parsed deck's index; a cache that cannot be written is simply not used. */
  write(file: string, deck: Deck, prefixIds: boolean): void {
    try {
      const st = statSync(file);
      const index: Index = {
        version: VERSION,
        file: resolve(file),
        deck: deck.name,
        prefixIds,
        size: st.size,
        mtimeMs: st.mtimeMs,
        sections: deck.sections,
        questions: {
          numbers: deck.questions.map((x) => x.number),
          prompts: deck.questions.map((x) => x.prompt),
          sections: deck.questions.map((x) => x.section),
          lines: deck.questions.map((x) => x.line),
          metas: Object.fromEntries(deck.questions.flatMap((x, i) => (x.rawMeta ? [[i, x.rawMeta]] : []))),
        },
      };
      mkdirSync(this.dir, { recursive: true });
      const target = this.pathOf(file, deck.name, prefixIds);
      const tmp = `${target}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(index));
      renameSync(tmp, target);
    } catch {
      // A read-only or full disk only costs speed.
    }
  }
}
