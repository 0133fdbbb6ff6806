import { rmSync } from "node:fs";
import type { DeckEntry } from "../core/state.js";
import { nearest } from "../core/text.js";
import type { Deck } from "../core/types.js";
import type { Deps } from "../deps.js";
import { UsageError } from "../errors.js";
import { loadDeck } from "../io/bank.js";

/** `k8s-quiz deck remove <name>`: forgets a registered deck; progress on its questions is kept. */
export async function deckRemoveCommand(deps: Deps, name: string): Promise<void> {
  const store = deps.store();
  const decks = store.read().decks;
  if (!decks.some((d) => d.name === name)) {
    const guess = nearest(
      name,
      decks.map((d) => d.name),
    );
    throw new UsageError(
      `no registered deck "${name}"${guess ? ` (did you mean ${guess}?)` : ""}; see k8s-quiz deck list`,
    );
  }
  const gone = decks.find((d) => d.name === name);
  const pins = await slugsInUse(
    deps,
    decks.filter((d) => d.name !== name),
  );
  await store.update(
    (s) => ({
      ...s,
      decks: s.decks
        .filter((d) => d.name !== name)
        .map((d) => (pins.has(d.name) ? { ...d, slugs: pins.get(d.name) } : d)),
    }),
    { required: true },
  );
  // A URL deck's downloaded copy is ours, not the user's file: it goes with the deck.
  if (gone?.url) rmSync(gone.path, { force: true });
  deps
    .output()
    .out(`Removed deck "${name}". Your progress on its questions is kept, should you add it again.`);
}

/**
 * The slugs the other decks' sections have now, for those told apart from another deck's at run
 * time (decks added before slugs were fixed at `deck add`): written down before the deck goes, so
 * its removal moves none of them, nor the progress and weak topics on them.
 */
async function slugsInUse(
  deps: Deps,
  others: readonly DeckEntry[],
): Promise<Map<string, Record<string, string>>> {
  const pins = new Map<string, Record<string, string>>();
  if (!others.length) return pins;
  const bank = await deps.bank([], { answers: false });
  for (const entry of others) {
    let own: Deck;
    try {
      own = await loadDeck(entry.path, entry.name, true);
    } catch {
      continue;
    }
    const now = bank.sections.filter((s) => s.deck === entry.name);
    if (now.length !== own.sections.length) continue;
    const slugs: Record<string, string> = { ...entry.slugs };
    own.sections.forEach((s, i) => {
      const slug = now[i]?.slug;
      if (slug && slug !== s.slug) slugs[s.slug] = slug;
    });
    if (Object.keys(slugs).length > Object.keys(entry.slugs ?? {}).length) pins.set(entry.name, slugs);
  }
  return pins;
}
