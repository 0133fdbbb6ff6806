import type { Deck, Section } from "./types.js";

// Section slugs across decks: two decks may both have "basics"; the one that comes later is told
// apart by its deck name, and a registered deck keeps the slug it got when it was added.

/**
 * Gives a section a slug of its own deck's ("basics" -> "team-b-basics"), keeping the old one as an
 * alias so `--section basics` still finds it, and moves its questions along.
 */
export function qualifySection(d: Deck, s: Section, slug: string): void {
  const old = s.slug;
  if (old === slug) return;
  s.slug = slug;
  if (!s.aliases.includes(old)) s.aliases = [...s.aliases, old];
  for (const q of d.questions) if (q.section === old) q.section = slug;
}

/** The slug a section of deck `name` gets when `slug` is taken: `name-slug`, numbered if need be. */
export function qualifiedSlug(name: string, slug: string, taken: ReadonlySet<string>): string {
  let next = `${name}-${slug}`;
  for (let n = 2; taken.has(next); n++) next = `${name}-${slug}-${n}`;
  return next;
}

/** Applies the slugs a registered deck was given when it was added. */
export function pinSlugs(d: Deck, pinned: Readonly<Record<string, string>> | undefined): Deck {
  if (!pinned) return d;
  for (const s of d.sections) {
    const slug = pinned[s.slug];
    if (slug) qualifySection(d, s, slug);
  }
  return d;
}

/**
 * The slugs a new deck's sections get for good: its own, unless another deck has it already; one
 * pinned earlier (the deck added again) stays as it was.
 */
export function pinFor(
  deck: Deck,
  taken: Set<string>,
  earlier: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const pinned: Record<string, string> = {};
  for (const s of deck.sections) {
    const slug = earlier?.[s.slug] ?? (taken.has(s.slug) ? qualifiedSlug(deck.name, s.slug, taken) : s.slug);
    if (slug !== s.slug) pinned[s.slug] = slug;
    taken.add(slug);
  }
  return pinned;
}
