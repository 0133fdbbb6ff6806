import { existsSync } from "node:fs";
import { pinFor } from "../core/section-slugs.js";
import type { DeckEntry } from "../core/state.js";
import { nearest } from "../core/text.js";
import type { Deps } from "../deps.js";
import { UsageError, UserError } from "../errors.js";
import type { FlagsOnly } from "../flags.js";
import { MAX_DECK_BYTES } from "../io/bank.js";
import { DEFAULT_TIMEOUT_S, fetchDeck } from "../io/decks/fetch-deck.js";
import { installCopy } from "../io/decks/url-decks.js";

/** Its flags, as declared once in src/flags.ts. */
export type DeckUpdateOptions = Partial<FlagsOnly<"deckUpdate">>;

type Status = "updated" | "unchanged" | "failed" | "file";

interface Row {
  name: string;
  url: string | null;
  status: Status;
  questions: number | null;
  error: string | null;
}

/**
 * `k8s-quiz deck update [name]`: downloads the decks added from URLs again, asking the server for
 * a new copy only (ETag, Last-Modified). A download that fails keeps the copy from before; the
 * command then exits 1 once every deck has been tried.
 */
export async function deckUpdateCommand(
  deps: Deps,
  name: string | undefined,
  opts: DeckUpdateOptions,
): Promise<void> {
  const out = deps.output();
  const store = deps.store();
  const decks = store.read().decks;
  if (name !== undefined && !decks.some((d) => d.name === name)) {
    const guess = nearest(
      name,
      decks.map((d) => d.name),
    );
    throw new UsageError(
      `no registered deck "${name}"${guess ? ` (did you mean ${guess}?)` : ""}; see k8s-quiz deck list`,
    );
  }
  const chosen = name !== undefined ? decks.filter((d) => d.name === name) : decks.filter((d) => d.url);
  const rows: Row[] = [];
  const changed: DeckEntry[] = [];
  for (const d of chosen) {
    if (!d.url) {
      rows.push({ name: d.name, url: null, status: "file", questions: null, error: null });
      continue;
    }
    try {
      // Without its copy (a cleared cache) the deck is downloaded whole, not checked against it.
      const have = existsSync(d.path);
      const got = await fetchDeck(d.url, {
        timeoutMs: (opts.timeout ?? DEFAULT_TIMEOUT_S) * 1000,
        maxBytes: MAX_DECK_BYTES,
        ...(have && d.etag ? { etag: d.etag } : {}),
        ...(have && d.lastModified ? { lastModified: d.lastModified } : {}),
      });
      if (got.status === "unchanged") {
        rows.push({ name: d.name, url: d.url, status: "unchanged", questions: null, error: null });
        continue;
      }
      const deck = await installCopy(d.url, d.path, d.name, got.body);
      const bank = await deps.bank([], { answers: false });
      const taken = new Set(bank.sections.filter((s) => s.deck !== d.name).map((s) => s.slug));
      const pinned = pinFor(deck, taken, d.slugs);
      const { etag: _e, lastModified: _l, slugs: _s, ...rest } = d;
      changed.push({
        ...rest,
        ...(got.etag ? { etag: got.etag } : {}),
        ...(got.lastModified ? { lastModified: got.lastModified } : {}),
        ...(Object.keys(pinned).length ? { slugs: pinned } : {}),
      });
      rows.push({
        name: d.name,
        url: d.url,
        status: "updated",
        questions: deck.questions.length,
        error: null,
      });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      rows.push({ name: d.name, url: d.url, status: "failed", questions: null, error: e.message });
    }
  }
  if (changed.length) {
    await store.update(
      (s) => ({ ...s, decks: s.decks.map((d) => changed.find((c) => c.name === d.name) ?? d) }),
      { required: true },
    );
  }
  if (opts.json) out.json({ decks: rows });
  else if (!rows.length)
    out.out("No decks from URLs to update. Add one: k8s-quiz deck add https://…/deck.md");
  for (const r of opts.json ? [] : rows) {
    if (r.status === "updated") out.out(`Updated deck "${r.name}": ${r.questions} questions.`);
    else if (r.status === "unchanged") out.out(`Deck "${r.name}" is up to date.`);
    else if (r.status === "file") out.out(`Deck "${r.name}" is a file, read afresh on every run.`);
  }
  for (const r of rows)
    if (r.status === "failed") out.err(`warning: deck "${r.name}": ${r.error}; keeping the copy from before`);
  const failed = rows.filter((r) => r.status === "failed").length;
  if (failed) throw new UserError(`${failed} of ${rows.length} decks could not be updated`);
}
