import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Deck } from "../core/types.js";

export const BANK_CACHE_VERSION = 2;

/** dist/bank.json: the bundled decks parsed at build time, and what they were parsed from. */
export interface BankCache {
  version: number;
  /**
   * Each deck file's name, size and a hash of its bytes. Content, not modification times: npm
   * resets those on install, which made every installed copy re-parse the Markdown on every run.
   */
  files: BankFile[];
  decks: Deck[];
}

export interface BankFile {
  name: string;
  size: number;
  hash: number;
}

/**
 * FNV-1a (32-bit) of the bytes. Written here rather than taken from node:zlib (crc32) or node:crypto
 * because loading either module costs more of every run than hashing the bundled decks does: the
 * check only has to notice an edited deck file, not resist an attacker.
 */
export function contentHash(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

/** The deck files in dataDir with the fingerprint of their content, in name order. */
export function fingerprint(dataDir: string): BankFile[] {
  return readdirSync(dataDir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dataDir, name));
      return { name, size: bytes.length, hash: contentHash(bytes) };
    });
}

/** The cached bundled decks, or undefined when there is no cache or data/ changed since it was built. */
export function readBankCache(dataDir: string, file: string): Deck[] | undefined {
  let cache: BankCache;
  try {
    cache = JSON.parse(readFileSync(file, "utf8")) as BankCache;
  } catch {
    return undefined;
  }
  if (cache.version !== BANK_CACHE_VERSION || !Array.isArray(cache.files)) return undefined;
  let now: BankFile[];
  try {
    now = fingerprint(dataDir);
  } catch {
    return undefined;
  }
  const same =
    now.length === cache.files.length &&
    now.every(
      (f, i) =>
        f.name === cache.files[i]?.name && f.size === cache.files[i]?.size && f.hash === cache.files[i]?.hash,
    );
  return same ? cache.decks : undefined;
}
