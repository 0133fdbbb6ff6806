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
 * An FNV-1a-style hash of the bytes, a 32-bit word at a time. Written here rather than taken from
 * node:zlib (crc32) or node:crypto because loading either module costs more of every run than
 * hashing the bundled decks does; the check only has to notice an edited deck file, not resist an
 * attacker. Word by word, it runs a quarter of the steps of a byte-wise loop.
 */
export function contentHash(bytes: Uint8Array): number {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length >>> 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ (words[i] as number), 0x01000193);
  for (let i = words.length * 4; i < aligned.length; i++)
    h = Math.imul(h ^ (aligned[i] as number), 0x01000193);
  return (h ^ aligned.length) >>> 0;
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

/**
 * An installed copy (under node_modules: npm install, npm install -g, npx) is replaced whole by the
 * next install, its decks and its dist/ together: there the build's copy is the bank, unchecked.
 */
const installed = (dataDir: string) => /[\\/]node_modules[\\/]/.test(dataDir);

/** The cached bundled decks, or undefined when there is no cache or data/ changed since it was built. */
export function readBankCache(dataDir: string, file: string): Deck[] | undefined {
  let cache: BankCache;
  try {
    cache = JSON.parse(readFileSync(file, "utf8")) as BankCache;
  } catch {
    return undefined;
  }
  if (cache.version !== BANK_CACHE_VERSION || !Array.isArray(cache.files)) return undefined;
  if (installed(dataDir)) return cache.decks;
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
