import { slugify } from "./text.js";

/** The longest default name: with an id's ":1234" it leaves an 80-column listing room for the prompt. */
export const SHORT_NAME = 16;
/** The longest name `--name` accepts; ids stay under 30 characters. */
export const MAX_NAME = 24;

/**
 * Words that name the genre of a file, not its topic: "top-100-docker-interview-questions-and-answers"
 * is about docker. Dropped only from names too long to keep whole.
 */
const FILLER = new Set([
  "interview",
  "interviews",
  "question",
  "questions",
  "answer",
  "answers",
  "qa",
  "q",
  "a",
  "and",
  "for",
  "the",
  "of",
  "to",
  "in",
  "on",
  "with",
  "top",
  "most",
  "asked",
  "common",
  "commonly",
  "frequently",
  "faq",
  "faqs",
  "guide",
  "ultimate",
  "complete",
  "prep",
  "preparation",
  "cheat",
  "sheet",
  "cheatsheet",
  "collection",
  "list",
  "notes",
  "beginners",
  "beginner",
  "experienced",
  "freshers",
  "engineers",
  "engineer",
  "developers",
  "developer",
  "readme",
  "md",
]);

/** File names that say nothing of their deck: the folder they sit in names it instead. */
const GENERIC = new Set(["readme", "index", "questions", "question", "notes", "deck", "qa", "faq"]);

/**
 * A deck's default name from its file's base name and its folder's: kebab case, at most 16
 * characters, genre words and years dropped from a long one ("Top 50 Docker Interview Questions
 * (2024)" -> "docker"). A name shown before every id ("docker:12") must leave the prompt room.
 */
export function shortDeckName(base: string, folder = ""): string {
  let slug = slugify(base);
  if (GENERIC.has(slug) && slugify(folder)) slug = slugify(folder);
  if (!slug) return "deck";
  if (slug.length <= SHORT_NAME) return slug;
  const all = slug.split("-");
  const topical = all.filter((w) => !FILLER.has(w) && !/^(19|20)\d\d$/.test(w) && !/^\d+$/.test(w));
  const pool = topical.length ? topical : all;
  let name = "";
  for (const w of pool) {
    const next = name ? `${name}-${w}` : w;
    if (next.length > SHORT_NAME) break;
    name = next;
  }
  return name || (pool[0] ?? "deck").slice(0, SHORT_NAME).replace(/-+$/, "");
}

/** `name`, or the first of `name-2`, `name-3`… that is not taken. */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const stem = name.slice(0, MAX_NAME - 3);
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}
