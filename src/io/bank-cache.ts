import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Deck } from "../core/types.js";
import { loadBundledDecks, resolveMeta } from "./bank.js";
import { readRegularFile } from "./files.js";

const CACHE_VERSION = 1;

interface Cache {
  version: number;
  /** The deck files the cache was built from; any change in size or time means it is stale. */
  files: { name: string; size: number; mtimeMs: number }[];
  decks: Deck[];
}

function fingerprint(dataDir: string) {
  return readdirSync(dataDir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((name) => {
      const st = statSync(join(dataDir, name));
      return { name, size: st.size, mtimeMs: st.mtimeMs };
    });
}

/**
 * Build time: the bundled decks parsed, with their quiz blocks read, as JSON, so a run needs neither
 * the parser's YAML nor a pass over the Markdown to list, show or ask a bundled question.
 */
export async function writeBankCache(dataDir: string, file: string): Promise<number> {
  const decks = await loadBundledDecks(dataDir);
  const questions = decks.flatMap((d) => d.questions);
  await resolveMeta(questions, (line) => {
    throw new Error(line);
  });
  for (const q of questions) delete q.rawMeta;
  const cache: Cache = { version: CACHE_VERSION, files: fingerprint(dataDir), decks };
  writeFileSync(file, JSON.stringify(cache));
  return questions.length;
}

/** The cached bundled decks, or undefined when there is no cache or data/ changed since it was built. */
export function readBankCache(dataDir: string, file: string): Deck[] | undefined {
  let cache: Cache;
  try {
    cache = JSON.parse(readRegularFile(file).toString("utf8")) as Cache;
  } catch {
    return undefined;
  }
  if (cache.version !== CACHE_VERSION) return undefined;
  const now = fingerprint(dataDir);
  const same =
    now.length === cache.files.length &&
    now.every(
      (f, i) =>
        f.name === cache.files[i]?.name &&
        f.size === cache.files[i]?.size &&
        f.mtimeMs === cache.files[i]?.mtimeMs,
    );
  return same ? cache.decks : undefined;
}
