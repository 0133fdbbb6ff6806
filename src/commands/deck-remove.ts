import { rmSync } from "node:fs";
import { nearest } from "../core/text.js";
import type { Deps } from "../deps.js";
import { UsageError } from "../errors.js";

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
  await store.update((s) => ({ ...s, decks: s.decks.filter((d) => d.name !== name) }), { required: true });
  // A URL deck's downloaded copy is ours, not the user's file: it goes with the deck.
  if (gone?.url) rmSync(gone.path, { force: true });
  deps
    .output()
    .out(`Removed deck "${name}". Your progress on its questions is kept, should you add it again.`);
}
