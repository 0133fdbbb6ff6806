import { resolve } from "node:path";
import { problemLines } from "../core/deck-parser.js";
import type { Deps } from "../deps.js";
import { UsageError } from "../errors.js";
import { BUNDLED_DECK, deckNameOf, loadDeck } from "../io/bank.js";

export interface DeckAddOptions {
  name?: string;
}

/** `k8s-quiz deck add <file>`: registers a deck for good; its ids are prefixed by its name. */
export async function deckAddCommand(deps: Deps, file: string, opts: DeckAddOptions): Promise<void> {
  const path = resolve(file);
  const name = opts.name ? deckNameOf(opts.name) : deckNameOf(file);
  if (name === BUNDLED_DECK)
    throw new UsageError(`"${BUNDLED_DECK}" is the bundled deck's name; pick another with --name`);
  const deck = await loadDeck(path, name, true);
  const store = deps.store();
  const { decks } = store.read();
  const taken = decks.find((d) => d.name === name);
  if (taken && taken.path !== path)
    throw new UsageError(`a deck named "${name}" is already registered (${taken.path}); use --name`);
  // The same file under a second name would load every question twice, its progress under the old ids.
  const same = decks.find((d) => d.path === path && d.name !== name);
  if (same)
    throw new UsageError(
      `${file} is already registered as "${same.name}"; to give it another name, first: k8s-quiz deck remove ${same.name}`,
    );
  await store.update((s) => ({ ...s, decks: [...s.decks.filter((d) => d.name !== name), { name, path }] }), {
    required: true,
  });
  const out = deps.output();
  // Every question-shaped line the reader could not use, so none is lost without a word.
  for (const line of problemLines(deck, file)) out.err(line);
  const first = deck.questions[0]?.id ?? `${name}:1`;
  out.out(
    `Added deck "${name}": ${deck.questions.length} questions in ${deck.sections.length} section${deck.sections.length === 1 ? "" : "s"} ` +
      `(${deck.sections.map((s) => s.slug).join(", ")}). Ids look like ${first}.`,
  );
}
