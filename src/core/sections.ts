import { UsageError } from "../errors.js";
import { excerpt, nearest, words } from "./text.js";
import type { Section } from "./types.js";

/** Slug, else aliases, else titles whose words start with the query's words: the sections a query names. */
function candidates(sections: readonly Section[], query: string): Section[] {
  const q = query.trim().toLowerCase();
  // A slug or an alias names a section in each deck that has one: "networking" is the bundled
  // networking and a deck's own "Networking" (slug team-networking, alias networking). Within one
  // deck the slug wins over an alias.
  const named = sections.filter((s) => s.slug === q || s.aliases.includes(q));
  if (named.length) {
    const byDeck = new Map<string, Section[]>();
    for (const s of named) byDeck.set(s.deck, [...(byDeck.get(s.deck) ?? []), s]);
    return [...byDeck.values()].flatMap((list) => {
      const bySlug = list.filter((s) => s.slug === q);
      return bySlug.length ? bySlug : list;
    });
  }
  // Hyphens split words here, so "multi cluster" and "cluster" both find "Multi-Cluster & Federation".
  const split = (t: string) => words(t.replace(/-/g, " "));
  const qWords = split(q);
  if (!qWords.length) return [];
  return sections.filter((s) => {
    const title = split(s.title);
    // Every query word must prefix a title word, in order: "net" and "adv net" both find networking.
    let at = 0;
    for (const w of qWords) {
      while (at < title.length && !title[at]?.startsWith(w)) at++;
      if (at >= title.length) return false;
      at++;
    }
    return true;
  });
}

const listing = (sections: readonly Section[]) => sections.map((s) => s.slug).join(", ");

/** Resolves a --section value to exactly one section, or a usage error that lists and suggests. */
export function findSection(sections: readonly Section[], query: string): Section {
  const found = candidates(sections, query);
  if (found.length === 1 && found[0]) return found[0];
  if (found.length > 1) {
    throw new UsageError(`section "${excerpt(query)}" is ambiguous: it matches ${listing(found)}`);
  }
  const names = sections.flatMap((s) => [s.slug, ...s.aliases]);
  const guess = nearest(query, names);
  const hint = guess ? ` (did you mean ${guess}?)` : "";
  throw new UsageError(`unknown section "${excerpt(query)}"${hint}; sections: ${listing(sections)}`);
}

/**
 * The sections a --section value selects: the one it names, or one in each of several decks
 * ("basics" in two decks is both). Two matches in one deck are ambiguous: a usage error.
 */
export function matchSections(sections: readonly Section[], query: string): Section[] {
  const found = candidates(sections, query);
  const decks = new Set(found.map((s) => s.deck));
  if (found.length > 1 && decks.size === found.length) return found;
  return [findSection(sections, query)];
}

/** Resolves several --section values, keeping their order and dropping repeats. */
export function findSections(sections: readonly Section[], queries: readonly string[]): Section[] {
  const out: Section[] = [];
  for (const q of queries) {
    for (const s of matchSections(sections, q)) if (!out.includes(s)) out.push(s);
  }
  return out;
}
