import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { shortDeckName, uniqueName } from "../../core/deck-name.js";
import { foundLine, parseDeck, problemLines } from "../../core/deck-parser.js";
import { validateMeta } from "../../core/meta.js";
import { pinSlugs, qualifiedSlug, renameSections } from "../../core/section-slugs.js";
import type { DeckEntry } from "../../core/state.js";
import { nearest, slugify, stripControl } from "../../core/text.js";
import type { Bank, Deck, Question, QuizMeta, RawMeta, Section } from "../../core/types.js";
import { DeckError, Interrupted, UsageError } from "../../errors.js";
import { readRegularFile, whyNot } from "../files.js";
import { loadJsYaml } from "../lazy.js";
import type { DeckCache } from "./deck-cache.js";
import { readDeckText } from "./deck-text.js";
import { isUrl } from "./fetch-deck.js";
import { blockLine, QuizYamlError, readQuizYaml } from "./quiz-yaml.js";
import { YamlLimitError } from "./yaml-limits.js";

export { MAX_DECK_BYTES, readDeckText } from "./deck-text.js";
export const BUNDLED_DECK = "k8s";

// The quiz blocks' YAML parser loads only for decks that carry quiz blocks (lazy.ts).
type JsYaml = typeof import("js-yaml");

/** Parses YAML from a quiz block, within QUIZ_BLOCK_LIMITS; an error names the deck's line. */
export function parseYaml(J: JsYaml, raw: RawMeta, file: string): unknown {
  try {
    return readQuizYaml(J, raw.text).data;
  } catch (e) {
    // A limit's offset 0 is "no place": the block as a whole is at fault.
    if (e instanceof YamlLimitError)
      throw new DeckError(file, blockLine(raw, e.offset || undefined), e.message);
    if (e instanceof QuizYamlError)
      throw new DeckError(file, blockLine(raw, e.offset), `quiz block is not valid YAML: ${e.message}`);
    throw e;
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
  const y = text.includes("<!-- quiz") ? await loadJsYaml() : undefined;
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

/** The deck name a file gets by default: short and kebab case ("My Docker.md" -> "my-docker"). */
export function deckNameOf(file: string): string {
  return shortDeckName(basename(file, extname(file)), basename(dirname(resolve(file))));
}

/**
 * Merges decks into one bank; an id used twice across decks is an error, a section slug is told
 * apart. The decks given are not changed: one that needs a slug of its own is merged as a copy.
 */
export function mergeDecks(decks: readonly Deck[]): Bank {
  const bank: Bank = { sections: [], questions: [] };
  const ids = new Map<string, Question>();
  const slugs = new Set<string>();
  // A deck's own ids are unique (the parser refuses a repeated number), and `name:number` ids
  // can't clash with another deck's unless that deck has the same name. Such a deck's 10,000
  // questions then need no checking one by one.
  const named = new Map<string, number>();
  for (const d of decks) if (d.prefixIds) named.set(d.name, (named.get(d.name) ?? 0) + 1);
  for (const given of decks) {
    // Two decks may both have a "basics" section: the later one is told apart by its deck name.
    // A registered deck's are fixed when it is added (pinSlugs); this covers the rest.
    const renamed = new Map<Section, string>();
    for (const s of given.sections) {
      const slug = slugs.has(s.slug) ? qualifiedSlug(given.name, s.slug, slugs) : s.slug;
      if (slug !== s.slug) renamed.set(s, slug);
      slugs.add(slug);
    }
    const d = renameSections(given, renamed);
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
    bank.sections.push(...d.sections);
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
 * A 20 MB deck's blocks take seconds: now and then the loop lets the signal handlers run, and once
 * `signal` is aborted (Ctrl+C, SIGTERM) it stops with Interrupted instead of parsing on.
 */
export async function resolveMeta(
  questions: readonly Question[],
  warn: (line: string) => void,
  signal?: AbortSignal,
  { quiz = true }: { quiz?: boolean } = {},
): Promise<void> {
  if (quiz) readQuizFiles(questions, warn);
  const pending = questions.filter((q) => q.rawMeta && !q.meta);
  if (!pending.length) return;
  const J = await loadJsYaml();
  let since = 0; // so the first block is preceded by a look at the signal
  for (const q of pending) {
    if (Date.now() - since > 50) {
      await new Promise((done) => setImmediate(done));
      // (Not cancel.ts's cancelReason: that would load the session core into every listing.)
      if (signal?.aborted) throw new Interrupted(signal.reason === "SIGTERM" ? 143 : 130);
      since = Date.now();
    }
    try {
      q.meta = validateMeta(parseYaml(J, q.rawMeta as RawMeta, q.file)).meta;
    } catch (e) {
      q.meta = {};
      warn(`warning: ${(e as Error).message} (block ignored)`);
    }
  }
}

/**
 * The curated options and key points of the bundled questions read from the build's copy, from
 * the file they are kept in (Question.quizFile), each file once. One that can't be read is one
 * warning: the questions then quiz with generated options and key points.
 */
function readQuizFiles(questions: readonly Question[], warn: (line: string) => void): void {
  const files = new Map<string, Record<string, QuizMeta>>();
  for (const q of questions) {
    if (!q.quizFile) continue;
    let quiz = files.get(q.quizFile);
    if (!quiz) {
      quiz = readQuizFile(q.quizFile, warn);
      files.set(q.quizFile, quiz);
    }
    const part = Object.hasOwn(quiz, q.id) ? quiz[q.id] : undefined;
    if (part) q.meta = { ...q.meta, ...part };
    delete q.quizFile;
  }
}

function readQuizFile(file: string, warn: (line: string) => void): Record<string, QuizMeta> {
  try {
    const quiz: unknown = JSON.parse(readRegularFile(file).toString("utf8"));
    if (typeof quiz === "object" && quiz !== null) return quiz as Record<string, QuizMeta>;
    throw new Error("not an object");
  } catch (e) {
    warn(
      `warning: ${file}: cannot read the bundled questions' options and key points (${whyNot(e)}); they are generated`,
    );
    return {};
  }
}

export interface BankSources {
  dataDir: string;
  /** The build's pre-parsed copy of the bundled decks (dist/bank.json). */
  cacheFile?: string;
  /** Decks registered with `deck add`: one that has moved or broken is warned about and skipped. */
  registered: readonly DeckEntry[];
  /**
   * The --deck values of this run: deck names (`k8s` is the bundled bank) or deck files. Given,
   * the run has only these decks; one that fails is an error.
   */
  extra: readonly string[];
  /** Where indexes of user decks are kept, so big decks list fast. */
  cache?: DeckCache;
  warn: (line: string) => void;
  /**
   * Say what each --deck file gave even when it is clean. A person at a terminal sees it; a
   * script's stderr stays empty on success, as a clean run's should, and a deck with a problem
   * is reported either way.
   */
  tell?: boolean;
}

/** What one --deck value names: the bundled bank, a registered deck or a file. */
type Chosen = { kind: "bundled" } | { kind: "registered"; entry: DeckEntry } | { kind: "file"; file: string };

/** Whether a --deck value is written as a path rather than a name: "docker.md", "./docker", "~/q/x". */
const writtenAsPath = (value: string) => /[/\\]|\.[a-z]{1,8}$/i.test(value);

/**
 * Resolves --deck values to decks. A bare word is a deck's name (`k8s`, `docker`) even when a folder
 * of that name sits in the current directory; else a file. A word that names neither is a usage
 * error naming the nearest.
 */
export function chooseDecks(values: readonly string[], registered: readonly DeckEntry[]): Chosen[] {
  const out: Chosen[] = [];
  const seen = new Set<string>();
  const add = (key: string, c: Chosen) => {
    if (!seen.has(key)) out.push(c);
    seen.add(key);
  };
  for (const value of values) {
    if (isUrl(value))
      throw new UsageError(
        `--deck takes a file or a deck's name; add a URL first: k8s-quiz deck add ${value}`,
      );
    const byName = writtenAsPath(value) ? undefined : registered.find((r) => r.name === value);
    if (value === BUNDLED_DECK && !writtenAsPath(value)) add(BUNDLED_DECK, { kind: "bundled" });
    else if (byName) add(resolve(byName.path), { kind: "registered", entry: byName });
    else if (writtenAsPath(value) || existsSync(value)) {
      // A registered file named by its path is loaded under its registered name.
      const entry = registered.find((r) => resolve(r.path) === resolve(value));
      add(resolve(value), entry ? { kind: "registered", entry } : { kind: "file", file: value });
    } else {
      const names = [BUNDLED_DECK, ...registered.map((r) => r.name)];
      const guess = nearest(value, names);
      throw new UsageError(
        `no deck "${value}"${guess ? ` (did you mean ${guess}?)` : ""}: not a file, nor one of ${names.join(", ")}`,
      );
    }
  }
  return out;
}

/**
 * Everything this run can ask: the bundled bank and the registered decks; or, with --deck, only
 * the decks named there.
 */
export async function loadBank(src: BankSources): Promise<Bank> {
  const chosen: Chosen[] = src.extra.length
    ? chooseDecks(src.extra, src.registered)
    : [{ kind: "bundled" }, ...src.registered.map((entry): Chosen => ({ kind: "registered", entry }))];
  // A file's default name must not be a registered deck's: its ids would take over that deck's progress.
  const names = new Set([BUNDLED_DECK, ...src.registered.map((r) => r.name)]);
  const decks: Deck[] = [];
  // A deck named with --deck says what it gave, and every line it could not use: never silent.
  const report = (d: Deck, file: string) => {
    const lines = problemLines(d, file);
    if (lines.length || src.tell) src.warn(foundLine(file, d.questions.length));
    for (const line of lines) src.warn(line);
  };
  for (const c of chosen) {
    if (c.kind === "bundled") decks.push(...(await loadBundled(src.dataDir, src.cacheFile)));
    else if (c.kind === "registered") {
      const r = c.entry;
      try {
        const d = pinSlugs(await loadDeck(r.path, r.name, true, src.cache), r.slugs);
        decks.push(d);
        // Named with --deck, it is reported as a file given there is.
        if (src.extra.length) {
          report(d, r.path);
          continue;
        }
        // `deck add` listed them all; a command that merely uses the deck names the first in one line.
        const first = d.problems?.find((p) => p.skipped);
        if (first) {
          const more = (d.problems?.filter((p) => p.skipped).length ?? 1) - 1;
          src.warn(
            `warning: deck "${r.name}": ${r.path}:${first.line}: ${first.message}${more ? ` (and ${more} more: k8s-quiz deck check ${r.path})` : ""}`,
          );
        }
      } catch (e) {
        if (src.extra.length) throw e;
        // A URL deck's copy lives in the cache folder, which may be cleared: it can be fetched again.
        const why =
          r.url && !existsSync(r.path)
            ? `its downloaded copy is gone; get it again with: k8s-quiz deck update ${r.name}`
            : (e as Error).message;
        src.warn(`warning: skipping deck "${r.name}": ${why}`);
      }
    } else {
      const name = uniqueName(deckNameOf(c.file), names);
      names.add(name);
      const d = await loadDeck(c.file, name, true, src.cache);
      decks.push(d);
      report(d, c.file);
    }
  }
  return mergeDecks(decks);
}
