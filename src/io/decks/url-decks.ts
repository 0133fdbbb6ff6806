import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { shortDeckName } from "../../core/deck-name.js";
import { hashSeed } from "../../core/random.js";
import { slugify } from "../../core/text.js";
import type { Deck } from "../../core/types.js";
import { DeckError } from "../../errors.js";
import { loadDeck } from "./bank.js";

/** Where a URL deck's downloaded copy is kept: one file per URL, read offline like any deck. */
export function copyPathOf(cacheDir: string, url: string): string {
  const last = new URL(url).pathname.split("/").filter(Boolean).pop() ?? "";
  const stem = slugify(last.replace(/\.[a-z]+$/i, "")).slice(0, 40) || "deck";
  return join(cacheDir, "decks", `${stem}-${hashSeed(url).toString(16)}.md`);
}

/** A URL deck's default name, from its path: ".../docker/README.md" -> "docker". */
export function urlDeckName(url: string): string {
  const parts = new URL(url).pathname.split("/").filter(Boolean).map(decodeSafe);
  const last = (parts.pop() ?? "").replace(/\.[a-z]+$/i, "");
  return shortDeckName(last || new URL(url).hostname, parts.pop() ?? "");
}

function decodeSafe(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * Parses a downloaded deck and only then puts it in place of the old copy: a download that is no
 * deck (an HTML error page, a binary) leaves the copy that worked. Errors name the URL, not the copy.
 */
export async function installCopy(url: string, path: string, name: string, body: Buffer): Promise<Deck> {
  mkdirSync(join(path, ".."), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, body);
  try {
    await loadDeck(tmp, name, true);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof DeckError) throw new DeckError(url, e.line, e.reason);
    throw e;
  }
  renameSync(tmp, path);
  return loadDeck(path, name, true);
}
