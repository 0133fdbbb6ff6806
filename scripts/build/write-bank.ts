// Build time only (bundled to a temporary file by scripts/build.mjs, never shipped): the bundled
// decks parsed, with their quiz blocks read, as JSON, so a run needs neither the parser's YAML nor a
// pass over the Markdown to list, show or ask a bundled question.

import { writeFileSync } from "node:fs";
import type { QuizMeta } from "../../src/core/types.js";
import { loadBundledDecks, resolveMeta } from "../../src/io/decks/bank.js";
import {
  BANK_CACHE_VERSION,
  type BankCache,
  deckFiles,
  QUIZ_FIELDS,
  quizFileOf,
  sourceFileOf,
} from "../../src/io/decks/bank-cache.js";

export async function writeBankCache(dataDir: string, file: string): Promise<number> {
  // The bytes first: a deck edited during the build then fails the next run's comparison.
  const files = deckFiles(dataDir);
  const decks = await loadBundledDecks(dataDir);
  const questions = decks.flatMap((d) => d.questions);
  await resolveMeta(questions, (line) => {
    throw new Error(line);
  });
  // The curated options and key points apart (bank-cache.ts, quizFileOf): only a quiz reads them.
  const quiz: Record<string, Partial<QuizMeta>> = {};
  for (const q of questions) {
    delete q.rawMeta;
    if (!q.meta) continue;
    const part: Partial<QuizMeta> = {};
    for (const k of QUIZ_FIELDS) {
      if (q.meta[k] === undefined) continue;
      (part as Record<string, unknown>)[k] = q.meta[k];
      delete q.meta[k];
    }
    if (Object.keys(part).length) quiz[q.id] = part;
  }
  const cache: BankCache = {
    version: BANK_CACHE_VERSION,
    files: files.map((f) => ({ name: f.name, size: f.bytes.length })),
    decks,
  };
  // The bytes the decks were parsed from, for a checkout's run to compare data/ against.
  writeFileSync(sourceFileOf(file), Buffer.concat(files.map((f) => f.bytes)));
  writeFileSync(quizFileOf(file), JSON.stringify(quiz));
  writeFileSync(file, JSON.stringify(cache));
  return questions.length;
}
