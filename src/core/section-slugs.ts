import type { Deck, Question, Section } from "./types.js";

// Section slugs across decks: two decks may both have "basics"; the one that comes later is told
// apart by its deck name, and a registered deck keeps the slug it got when it was added.

/**
 * The deck with some of its sections under new slugs ("basics" -> "team-b-basics"), each keeping
 * its old slug as an alias so `--section basics` still finds it, and their questions moved along.
 * A new deck: the one given is left as it was, since a loaded deck may be shared (a cached index,
 * the bank another command assembled).
 */
export function renameSections(d: Deck, slugs: ReadonlyMap<Section, string>): Deck {
  const moved = new Map<string, string>();
  const sections = d.sections.map((s) => {
    const slug = slugs.get(s);
    if (!slug || slug === s.slug) return s;
    if (!moved.has(s.slug)) moved.set(s.slug, slug);
    return { ...s, slug, aliases: s.aliases.includes(s.slug) ? s.aliases : [...s.aliases, s.slug] };
  });
  if (!moved.size) return d;
  const questions = d.questions.map((q) => {
    const slug = moved.get(q.section);
    return slug ? withSection(q, slug) : q;
  });
  return { ...d, sections, questions };
}

/**
 * A copy of a question under another section. Made with the original's prototype, not by spreading
 * it: a question read from an index keeps most of its fields as getters over the index's columns,
 * which a spread would drop.
 */
function withSection(q: Question, section: string): Question {
  return Object.assign(Object.create(Object.getPrototypeOf(q)) as Question, q, { section });
}

/** The slug a section of deck `name` gets when `slug` is taken: `name-slug`, numbered if need be. */
export function qualifiedSlug(name: string, slug: string, taken: ReadonlySet<string>): string {
  let next = `${name}-${slug}`;
  for (let n = 2; taken.has(next); n++) next = `${name}-${slug}-${n}`;
  return next;
}

/** The deck under the slugs it was given when it was added. */
export function pinSlugs(d: Deck, pinned: Readonly<Record<string, string>> | undefined): Deck {
  if (!pinned) return d;
  const slugs = new Map<Section, string>();
  for (const s of d.sections) {
    const slug = pinned[s.slug];
    if (slug) slugs.set(s, slug);
  }
  return renameSections(d, slugs);
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
