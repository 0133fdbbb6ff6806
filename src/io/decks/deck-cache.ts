import { mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";

import { hashSeed } from "../../core/random.js";
import { slugify } from "../../core/text.js";
import type { Deck, DeckProblem, Question, Section } from "../../core/types.js";
import { readRegularFile } from "../files.js";
import { contentHash } from "./content-hash.js";
import { type Columns, IndexedQuestion, type Shared } from "./indexed.js";

/** Set by the build (scripts/build.mjs): a hash of the reader's code, src/core/ and src/io/decks/. */
declare const __READER_HASH__: string | undefined;
// An index made by another reader would keep that reader's reading, and its questions' places would
// no longer match the answers this reader finds in the deck: so each build's reader has its own. The
// number is for a change of the index's own layout; the hash changes with any change of the reader
// (a user who upgrades re-reads each deck once). Run from source (the tests), the hash is "src".
const VERSION = `9-${typeof __READER_HASH__ === "string" ? __READER_HASH__ : "src"}`;
/** An index holds a deck's prompts and layout, never more than the deck (at most 20 MB) itself. */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/**
 * An index file is a hash of the rest in hex on a line (decks/content-hash.ts: node:zlib's CRC-32
 * brought Node's whole stream layer into every --deck run), then this header as one line of
 * JSON, then the prompts, one per line (a prompt is
 * one line of its deck). Read as bytes and split at the first newline, the prompts never go
 * through the JSON parser: ~3.5 ms instead of ~5.5 for the 10,000-question bench deck.
 */
interface Index {
  version: string;
  file: string;
  deck: string;
  prefixIds: boolean;
  size: number;
  mtimeMs: number;
  sections: Section[];
  questions: Columns;
  /** What the reader reported: a --deck run repeats it from here without parsing the deck. */
  problems?: DeckProblem[];
}

/**
 * An index of a user deck's questions without their answers, kept in the cache folder and used while
 * the file's size and modification time are unchanged. Listing a 10,000-question deck then reads a
 * small JSON file instead of scanning megabytes of answers; the answers, for a command that shows
 * them, come from parsing the deck itself, once (loadAnswers).
 */
export class DeckCache {
  constructor(private readonly dir: string) {}

  private pathOf(file: string, deck: string, prefixIds: boolean): string {
    // The index also records its file, deck and flags and is checked against them: a hash clash only misses.
    const key = hashSeed(`${resolve(file)}\0${deck}\0${prefixIds}`).toString(16);
    return join(this.dir, `deck-${slugify(basename(file)).slice(0, 40)}-${key}.index`);
  }

  /** The deck from its index, or undefined when there is none or the file changed since. */
  read(file: string, deck: string, prefixIds: boolean): Deck | undefined {
    let index: Index;
    let prompts: string[];
    try {
      const st = statSync(file);
      // The guarded reader: an index replaced by a FIFO hung every command, one linked to /dev/zero crashed.
      const sealed = readRegularFile(this.pathOf(file, deck, prefixIds), MAX_INDEX_BYTES);
      // The first line is the hash of the rest: a damaged index gave one question another's
      // answer, or crashed every command that loaded the deck.
      const first = sealed.indexOf(0x0a);
      if (first < 0) return undefined;
      const bytes = sealed.subarray(first + 1);
      if (contentHash(bytes) !== Number.parseInt(sealed.toString("latin1", 0, first), 16)) return undefined;
      const end = bytes.indexOf(0x0a);
      if (end < 0) return undefined;
      index = JSON.parse(bytes.toString("utf8", 0, end)) as Index;
      if (index.version !== VERSION || index.size !== st.size || index.mtimeMs !== st.mtimeMs)
        return undefined;
      if (index.file !== resolve(file) || index.deck !== deck || index.prefixIds !== prefixIds)
        return undefined;
      prompts = index.questions.numbers.length ? bytes.toString("utf8", end + 1).split("\n") : [];
      if (prompts.length !== index.questions.numbers.length) return undefined;
    } catch {
      return undefined;
    }
    const shared: Shared = {
      deck,
      file,
      prefixIds,
      size: index.size,
      mtimeMs: index.mtimeMs,
      columns: index.questions,
    };
    const { numbers, sections } = index.questions;
    const slugs = index.sections.map((s) => s.slug);
    const questions: Question[] = new Array(numbers.length);
    for (let i = 0; i < questions.length; i++) {
      const n = numbers[i] as number;
      const id = prefixIds ? `${deck}:${n}` : String(n);
      questions[i] = new IndexedQuestion(shared, i, id, prompts[i] ?? "", slugs[sections[i] as number] ?? "");
    }
    return {
      name: deck,
      file,
      sections: index.sections,
      questions,
      prefixIds,
      ...(index.problems ? { problems: index.problems } : {}),
    };
  }

  /** Saves a freshly parsed deck's index; a cache that cannot be written is simply not used. */
  write(file: string, deck: Deck, prefixIds: boolean): void {
    // A prompt is one line of its deck; were one to hold a newline, the joined column couldn't be split.
    if (deck.questions.some((x) => x.prompt.includes("\n"))) return;
    const position = new Map(deck.sections.map((s, i) => [s.slug, i]));
    if (deck.questions.some((x) => !position.has(x.section))) return;
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
          sections: deck.questions.map((x) => position.get(x.section) as number),
          lines: deck.questions.map((x) => x.line),
          metas: Object.fromEntries(deck.questions.flatMap((x, i) => (x.rawMeta ? [[i, x.rawMeta]] : []))),
        },
        ...(deck.problems ? { problems: deck.problems } : {}),
      };
      mkdirSync(this.dir, { recursive: true });
      const target = this.pathOf(file, deck.name, prefixIds);
      const tmp = `${target}.${process.pid}.tmp`;
      const body = Buffer.from(`${JSON.stringify(index)}\n${deck.questions.map((x) => x.prompt).join("\n")}`);
      writeFileSync(tmp, Buffer.concat([Buffer.from(`${contentHash(body).toString(16)}\n`), body]));
      renameSync(tmp, target);
    } catch {
      // A read-only or full disk only costs speed.
    }
  }
}
