import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Deck } from "../../core/types.js";
import { readRegularFile } from "../files.js";

export const BANK_CACHE_VERSION = 4;

/** dist/bank.json: the bundled decks parsed at build time, and what they were parsed from. */
export interface BankCache {
  version: number;
  /**
   * Each deck file's name and size, in name order. Their bytes are kept beside, in
   * bank-source.md (sourceFileOf): content, not modification times, which npm resets on install and
   * which made every installed copy re-parse the Markdown on every run.
   */
  files: BankFile[];
  decks: Deck[];
}

export interface BankFile {
  name: string;
  size: number;
}

/** Where the deck files' bytes, as the cache was built from them, are kept: beside the cache. */
export function sourceFileOf(cacheFile: string): string {
  return cacheFile.replace(/\.json$/, "-source.md");
}

/**
 * Where the bundled questions' curated options and key points are kept: beside the cache, apart
 * from it, as an object of them by question id. They are two thirds of the bank's JSON, and only
 * a quiz (a session, an exam, an export) reads them: `sections` and `list` parse the rest.
 */
export function quizFileOf(cacheFile: string): string {
  return cacheFile.replace(/\.json$/, "-quiz.json");
}

/** The quiz metadata that bank-quiz.json holds, kept apart from each question's other metadata. */
export const QUIZ_FIELDS = ["correct", "wrong", "keyPoints"] as const;

/** The deck files in dataDir, in name order, with their bytes. */
export function deckFiles(dataDir: string): { name: string; bytes: Buffer }[] {
  return readdirSync(dataDir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(dataDir, name)) }));
}

/**
 * An installed copy (under node_modules: npm install, npm install -g, npx) is replaced whole by the
 * next install, its decks and its dist/ together: there the build's copy is the bank, unchecked.
 */
const installed = (dataDir: string) => /[\\/]node_modules[\\/]/.test(dataDir);

/** The cached bundled decks, or undefined when there is no cache or data/ changed since it was built. */
export function readBankCache(dataDir: string, file: string): Deck[] | undefined {
  let cache: BankCache;
  try {
    // The guarded reader, as for every file read: a cache replaced by a FIFO must not hang each run.
    cache = JSON.parse(readRegularFile(file).toString("utf8")) as BankCache;
  } catch {
    return undefined;
  }
  if (cache.version !== BANK_CACHE_VERSION || !Array.isArray(cache.files)) return undefined;
  if (installed(dataDir)) return withQuizFile(cache.decks, file);
  try {
    // Byte for byte against the copy the build kept: a memcmp, where hashing the decks in
    // JavaScript cost a checkout's every run some 8 million instructions (the loop runs cold).
    const source = readRegularFile(sourceFileOf(file));
    const now = deckFiles(dataDir);
    if (now.length !== cache.files.length) return undefined;
    let at = 0;
    for (const [i, f] of now.entries()) {
      const was = cache.files[i];
      if (!was || f.name !== was.name || f.bytes.length !== was.size) return undefined;
      if (!f.bytes.equals(source.subarray(at, at + was.size))) return undefined;
      at += was.size;
    }
    return at === source.length ? withQuizFile(cache.decks, file) : undefined;
  } catch {
    return undefined;
  }
}

/** The decks, each question told where the rest of its quiz metadata is (Question.quizFile). */
function withQuizFile(decks: Deck[], cacheFile: string): Deck[] {
  const quiz = quizFileOf(cacheFile);
  for (const d of decks) for (const q of d.questions) q.quizFile = quiz;
  return decks;
}
