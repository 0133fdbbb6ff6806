import { isUtf8 } from "node:buffer";
import { readdirSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { parseDeck, problemLines } from "../core/deck-parser.js";
import { validateMeta } from "../core/meta.js";
import { slugify, stripControl } from "../core/text.js";
import type { Bank, Deck, Question, RawMeta } from "../core/types.js";
import { DeckError, UserError } from "../errors.js";
import type { DeckCache } from "./deck-cache.js";
import { decodeText, readRegularFile, whyNot } from "./files.js";

export const MAX_DECK_BYTES = 20 * 1024 * 1024;
export const BUNDLED_DECK = "k8s";

type Yaml = typeof import("yaml");
let yaml: Yaml | undefined;
/** YAML loads only for decks that carry quiz blocks, and only once. */
async function loadYaml(): Promise<Yaml> {
  if (!yaml) {
    const m = await import("yaml");
    // Bundled, the CommonJS build arrives as a default export.
    yaml = ((m as { default?: Yaml }).default ?? m) as Yaml;
  }
  return yaml;
}

/** Reads a deck file as text, refusing what no deck can be: too large, or not UTF-8. */
export function readDeckText(file: string): string {
  let buf: Buffer;
  try {
    buf = readRegularFile(file, MAX_DECK_BYTES);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EFBIG")
      throw new DeckError(file, 1, "deck is larger than 20 MB");
    throw new UserError(`${file}: cannot read deck: ${whyNot(e)}`);
  }
  const text = decodeText(buf);
  if (text === undefined) {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= buf.length; i++) {
      if (i === buf.length || buf[i] === 0x0a) {
        if (!isUtf8(buf.subarray(start, i))) break;
        line++;
        start = i + 1;
      }
    }
    throw new DeckError(file, line, "deck is not valid UTF-8 text");
  }
  return text;
}

/** Parses YAML from a quiz block; a syntax error names the block's line. */
export function parseYaml(y: Yaml, raw: RawMeta, file: string): unknown {
  try {
    // logLevel "error": the library's own warnings (a collection as a key) would reach stderr raw.
    return y.parse(raw.text, { logLevel: "error" });
  } catch (e) {
    const offset = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 0;
    const msg = String((e as Error).message).split("\n")[0];
    throw new DeckError(file, raw.line + offset, `quiz block is not valid YAML: ${msg}`);
  }
}

/** Parses one deck file. Section blocks (slug, aliases) are read now; question blocks stay raw until used. */
export async function loadDeck(
  file: string,
  deck: string,
  prefixIds: boolean,
  cache?: DeckCache,
): Promise<Deck> {
  const cached = cache?.read(file, deck, prefixIds);
  if (cached) return cached;
  const parsed = await parseDeckFile(file, deck, prefixIds);
  cache?.write(file, parsed, prefixIds);
  return parsed;
}

async function parseDeckFile(file: string, deck: string, prefixIds: boolean): Promise<Deck> {
  const text = readDeckText(file);
  const y = text.includes("<!-- quiz") ? await loadYaml() : undefined;
  return parseDeck(text, {
    file,
    deck,
    prefixIds,
    readSectionMeta: (raw) => {
      if (!y) return {};
      const data = parseYaml(y, raw, file) as { slug?: unknown; aliases?: unknown } | null;
      const slug = typeof data?.slug === "string" ? slugify(data.slug) : undefined;
      const aliases = Array.isArray(data?.aliases)
        ? data.aliases.map((a) => slugify(stripControl(String(a)))).filter(Boolean)
        : undefined;
      return { ...(slug ? { slug } : {}), ...(aliases ? { aliases } : {}) };
    },
  });
}

/** The deck name a file gets: its base name in kebab case ("My Docker.md" -> "my-docker"). */
export function deckNameOf(file: string): string {
  return slugify(basename(file, extname(file))) || "deck";
}

/** Merges decks into one bank; an id or section slug used twice across decks is an error. */
export function mergeDecks(decks: readonly Deck[]): Bank {
  const bank: Bank = { sections: [], questions: [] };
  const ids = new Map<string, Question>();
  const slugs = new Set<string>();
  // A deck's own ids are unique (the parser refuses a repeated number), and `name:number` ids
  // can't clash with another deck's unless that deck has the same name. Such a deck's 10,000
  // questions then need no checking one by one.
  const named = new Map<string, number>();
  for (const d of decks) if (d.prefixIds) named.set(d.name, (named.get(d.name) ?? 0) + 1);
  for (const d of decks) {
    if (d.prefixIds && named.get(d.name) === 1) {
      bank.questions = bank.questions.concat(d.questions);
    } else {
      for (const q of d.questions) {
        const other = ids.get(q.id);
        if (other)
          throw new DeckError(q.file, q.line, `question ${q.id} is also in ${other.file}:${other.line}`);
        ids.set(q.id, q);
        bank.questions.push(q);
      }
    }
    for (const s of d.sections) {
      if (slugs.has(s.slug)) {
        // Two decks may both have a "basics" section: the later one is told apart by its deck name.
        const old = s.slug;
        let slug = `${d.name}-${old}`;
        for (let n = 2; slugs.has(slug); n++) slug = `${d.name}-${old}-${n}`;
        s.slug = slug;
        for (const q of d.questions) if (q.section === old) q.section = slug;
      }
      slugs.add(s.slug);
      bank.sections.push(s);
    }
  }
  return bank;
}

/** The bundled decks: from the build's cache when it is fresh, else parsed from dataDir. */
export async function loadBundled(dataDir: string, cacheFile?: string): Promise<Deck[]> {
  if (cacheFile) {
    const { readBankCache } = await import("./bank-cache.js");
    const cached = readBankCache(dataDir, cacheFile);
    if (cached) return cached;
  }
  return loadBundledDecks(dataDir);
}

/** The bundled decks parsed from the Markdown in dataDir, in file-name order. */
export async function loadBundledDecks(dataDir: string): Promise<Deck[]> {
  const files = readdirSync(dataDir)
    .filter((f) => f.endsWith(".md"))
    .sort();
  return Promise.all(files.map((f) => loadDeck(join(dataDir, f), BUNDLED_DECK, false)));
}

/**
 * Fills in the quiz metadata of the given questions, parsing their blocks now. A block that does not
 * parse is reported through `warn` and left out: the question still works with generated options.
 */
export async function resolveMeta(
  questions: readonly Question[],
  warn: (line: string) => void,
): Promise<void> {
  const pending = questions.filter((q) => q.rawMeta && !q.meta);
  if (!pending.length) return;
  const y = await loadYaml();
  for (const q of pending) {
    try {
      q.meta = validateMeta(parseYaml(y, q.rawMeta as RawMeta, q.file)).meta;
    } catch (e) {
      q.meta = {};
      warn(`warning: ${(e as Error).message} (block ignored)`);
    }
  }
}

export interface BankSources {
  dataDir: string;
  /** The build's pre-parsed copy of the bundled decks (dist/bank.json). */
  cacheFile?: string;
  /** Decks registered with `deck add`: one that has moved or broken is warned about and skipped. */
  registered: readonly { name: string; path: string }[];
  /** Decks given with --deck for this run: one that fails is an error. */
  extra: readonly string[];
  /** Where indexes of user decks are kept, so big decks list fast. */
  cache?: DeckCache;
  warn: (line: string) => void;
}

/** Everything this run can ask: the bundled bank, then registered decks, then --deck files. */
export async function loadBank(src: BankSources): Promise<Bank> {
  const decks = await loadBundled(src.dataDir, src.cacheFile);
  for (const r of src.registered) {
    try {
      const d = await loadDeck(r.path, r.name, true, src.cache);
      decks.push(d);
      // `deck add` listed them all; a command that merely uses the deck names the first in one line.
      const first = d.problems?.find((p) => p.skipped);
      if (first) {
        const more = (d.problems?.filter((p) => p.skipped).length ?? 1) - 1;
        src.warn(
          `warning: deck "${r.name}": ${r.path}:${first.line}: ${first.message}${more ? ` (and ${more} more: k8s-quiz deck check ${r.path})` : ""}`,
        );
      }
    } catch (e) {
      src.warn(`warning: skipping deck "${r.name}": ${(e as Error).message}`);
    }
  }
  // A file named twice (or --deck on a registered deck) is loaded once, under its registered name.
  const loaded = new Set(src.registered.map((r) => resolve(r.path)));
  for (const file of src.extra) {
    if (loaded.has(resolve(file))) continue;
    loaded.add(resolve(file));
    const d = await loadDeck(file, deckNameOf(file), true, src.cache);
    decks.push(d);
    for (const line of problemLines(d, file)) src.warn(line);
  }
  return mergeDecks(decks);
}
