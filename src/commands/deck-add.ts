import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { MAX_NAME, uniqueName } from "../core/deck-name.js";
import { problemLines } from "../core/deck-parser.js";
import { pinFor } from "../core/section-slugs.js";
import type { DeckEntry } from "../core/state.js";
import { slugify } from "../core/text.js";
import type { Deck } from "../core/types.js";
import type { Deps } from "../deps.js";
import { UsageError, UserError } from "../errors.js";
import type { FlagsOnly } from "../flags.js";
import { BUNDLED_DECK, deckNameOf, loadDeck, MAX_DECK_BYTES } from "../io/bank.js";
import { DEFAULT_TIMEOUT_S, fetchDeck, isUrl } from "../io/decks/fetch-deck.js";
import { copyPathOf, installCopy, urlDeckName } from "../io/decks/url-decks.js";
import { whyNot } from "../io/files.js";

/** Its flags, as declared once in src/flags.ts. */
export type DeckAddOptions = Partial<FlagsOnly<"deckAdd">>;

/** One deck to add: a file given or found in a folder given, or a URL. */
type Target = { kind: "file"; file: string; fromFolder: boolean } | { kind: "url"; url: string };

/** The Markdown files under a folder, at any depth, in name order; hidden folders are skipped. */
function markdownIn(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...markdownIn(path));
    else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) out.push(path);
  }
  return out;
}

/** What to add, each deck once: a file given and also found in a folder given is one deck. */
function targetsOf(inputs: readonly string[]): Target[] {
  const seen = new Set<string>();
  return collect(inputs).filter((t) => {
    const key = t.kind === "url" ? t.url : resolve(t.file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function collect(inputs: readonly string[]): Target[] {
  const out: Target[] = [];
  for (const input of inputs) {
    if (isUrl(input)) {
      out.push({ kind: "url", url: input });
      continue;
    }
    let folder = false;
    try {
      folder = statSync(input).isDirectory();
    } catch {
      // Not there: loading it says so, naming the file.
    }
    if (!folder) {
      out.push({ kind: "file", file: input, fromFolder: false });
      continue;
    }
    let files: string[];
    try {
      files = markdownIn(input);
    } catch (e) {
      throw new UserError(`${input}: cannot read folder: ${whyNot(e)}`);
    }
    if (!files.length) throw new UserError(`${input}: no .md files in this folder`);
    for (const file of files) out.push({ kind: "file", file, fromFolder: true });
  }
  return out;
}

/** The name `--name` gives: kebab case, short enough to leave a listing room for the prompt. */
function chosenName(raw: string): string {
  const name = slugify(raw);
  if (!name) throw new UsageError(`--name "${raw}" has no letters or digits to make a name of`);
  if (name.length > MAX_NAME)
    throw new UsageError(`--name "${name}" is longer than ${MAX_NAME} characters; ids start with it`);
  return name;
}

/**
 * `k8s-quiz deck add <files, folders or URLs...>`: registers decks for good; their ids are prefixed
 * by their names. Each deck is checked before it is added; one that fails is reported and the others
 * are still added (exit 1).
 */
export async function deckAddCommand(deps: Deps, inputs: string[], opts: DeckAddOptions): Promise<void> {
  const targets = targetsOf(inputs);
  if (opts.name !== undefined && targets.length !== 1)
    throw new UsageError(`--name names one deck, and ${targets.length} were given`);
  const given = opts.name !== undefined ? chosenName(opts.name) : undefined;
  if (given === BUNDLED_DECK)
    throw new UsageError(`"${BUNDLED_DECK}" is the bundled deck's name; pick another with --name`);
  const out = deps.output();
  const store = deps.store();
  const before = store.read().decks;
  const added: DeckEntry[] = [];
  const failures: string[] = [];
  // Section slugs the other decks hold: a new deck's section with one of them gets its own, for good.
  let held: { slug: string; deck: string }[] | undefined;
  const takenSlugs = async (except: string) => {
    held ??= (await deps.bank([], { answers: false })).sections.map((s) => ({ slug: s.slug, deck: s.deck }));
    return new Set(held.filter((s) => s.deck !== except).map((s) => s.slug));
  };

  for (const t of targets) {
    try {
      const source = t.kind === "url" ? t.url : resolve(t.file);
      const all = [...before.filter((d) => !added.some((a) => a.name === d.name)), ...added];
      const same = all.find((d) => (t.kind === "url" ? d.url === source : !d.url && d.path === source));
      let name = given ?? same?.name ?? (t.kind === "url" ? urlDeckName(t.url) : deckNameOf(t.file));
      // The same file under a second name would load every question twice, its progress under the old ids.
      if (same && same.name !== name)
        throw new UsageError(
          `${t.kind === "url" ? t.url : t.file} is already registered as "${same.name}"; to give it another name, first: k8s-quiz deck remove ${same.name}`,
        );
      const taken = all.find((d) => d.name === name);
      if (taken && taken !== same) {
        if (given || (t.kind === "file" && !t.fromFolder))
          throw new UsageError(
            `a deck named "${name}" is already registered (${taken.url ?? taken.path}); use --name`,
          );
        name = uniqueName(name, new Set([BUNDLED_DECK, ...all.map((d) => d.name)]));
      }
      if (name === BUNDLED_DECK) name = uniqueName(name, new Set([BUNDLED_DECK, ...all.map((d) => d.name)]));

      let entry: DeckEntry;
      let deck: Deck;
      if (t.kind === "url") {
        const path = copyPathOf(deps.cacheDir, t.url);
        const got = await fetchDeck(t.url, {
          timeoutMs: (opts.timeout ?? DEFAULT_TIMEOUT_S) * 1000,
          maxBytes: MAX_DECK_BYTES,
        });
        if (got.status !== "fetched") throw new UserError(`${t.url}: the server sent no deck`);
        deck = await installCopy(t.url, path, name, got.body);
        entry = {
          name,
          path,
          url: t.url,
          ...(got.etag ? { etag: got.etag } : {}),
          ...(got.lastModified ? { lastModified: got.lastModified } : {}),
        };
      } else {
        deck = await loadDeck(source, name, true);
        entry = { name, path: source };
      }
      const pinned = pinFor(deck, await takenSlugs(name), same?.slugs);
      if (Object.keys(pinned).length) entry.slugs = pinned;
      added.push(entry);
      held = [
        ...(held ?? []).filter((s) => s.deck !== name),
        ...deck.sections.map((s) => ({ slug: pinned[s.slug] ?? s.slug, deck: name })),
      ];
      // Every question-shaped line the reader could not use, so none is lost without a word.
      for (const line of problemLines(deck, t.kind === "url" ? t.url : t.file)) out.err(line);
      const first = deck.questions[0]?.id ?? `${name}:1`;
      const sections = deck.sections.map((s) => pinned[s.slug] ?? s.slug);
      out.out(
        `Added deck "${name}": ${deck.questions.length} questions in ${sections.length} section${sections.length === 1 ? "" : "s"} ` +
          `(${sections.join(", ")}). Ids look like ${first}.`,
      );
    } catch (e) {
      // One input alone fails as itself (its own exit code); among several, each is one line.
      if (targets.length === 1) throw e;
      if (!(e instanceof UserError)) throw e;
      failures.push(e.message);
      out.err(`k8s-quiz: ${e.message}`);
    }
  }
  if (added.length) {
    await store.update(
      (s) => ({
        ...s,
        decks: [...s.decks.filter((d) => !added.some((a) => a.name === d.name)), ...added],
      }),
      { required: true },
    );
  }
  if (failures.length)
    throw new UserError(
      `${failures.length} of ${targets.length} decks could not be added (see above); ${added.length} added`,
    );
}
