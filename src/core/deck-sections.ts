import type { QuestionLine } from "./deck-shapes.js";
import { slugify, stripControl } from "./text.js";
import type { Deck, DeckProblem, Question, RawMeta, Section } from "./types.js";

/** A heading that may become a section: it does once a question sits under it. */
export interface Heading {
  title: string;
  line: number;
  meta?: { slug?: string; aliases?: string[] };
  /** Set when the first question under it is read. */
  used?: boolean;
}

/** A run of deck lines [from, to) by index, or a piece of text that is not a whole line. */
export type Part = string | [number, number];

/** A question read but not yet numbered: numbers are handed out once every written one is known. */
export interface Pending {
  q: QuestionLine;
  line: number;
  /** The prompt with any text between the question line and its answer marker. */
  prompt?: string;
  /** The body as line ranges: no string is copied until an answer is actually read. */
  body: Part[];
  /** Index in body where the answer starts, after `**Answer:**`; -1 without the marker. */
  marker: number;
  rawMeta?: RawMeta;
  /** The heading it sits under; none puts it in a section named after the deck. */
  at: Heading | undefined;
  /** A list item's answer, indented under it, is read without that indent. */
  dedent?: boolean;
}

/**
 * Numbers the questions (their own number; the next free one for an unnumbered or repeated one, so
 * two decks pasted into one file both load), makes the sections that have questions, and builds
 * the questions with answers that are joined only when read.
 */
export function finishDeck(
  lines: readonly string[],
  pending: readonly Pending[],
  problems: DeckProblem[],
  opts: { file: string; deck: string; prefixIds: boolean },
): Deck {
  const { file, deck } = opts;
  const seen = new Map<number, number>();
  let max = 0;
  const numbers = pending.map((p) => {
    const n = p.q.number;
    if (n === undefined || seen.has(n)) return undefined;
    seen.set(n, p.line);
    if (n > max) max = n;
    return n;
  });
  const sections: Section[] = [];
  const made = new Map<Heading | undefined, Section>();
  const slugs = new Map<string, Section>();
  const sectionOf = (h: Heading | undefined): Section => {
    const had = made.get(h);
    if (had) return had;
    const title = h ? h.title : deck;
    let slug = h?.meta?.slug || slugify(title) || (h ? `section-${h.line}` : "questions");
    const other = slugs.get(slug);
    if (other) {
      let n = 2;
      while (slugs.has(`${slug}-${n}`)) n++;
      problems.push({
        line: h?.line ?? 1,
        message: `section "${title}" has the same slug "${slug}" as line ${other.line}: named "${slug}-${n}"`,
        skipped: false,
      });
      slug = `${slug}-${n}`;
    }
    const s: Section = { slug, title, aliases: h?.meta?.aliases ?? [], deck, file, line: h?.line ?? 1 };
    if (h) h.used = true;
    made.set(h, s);
    slugs.set(slug, s);
    sections.push(s);
    return s;
  };

  const questions: Question[] = pending.map((p, i) => {
    let number = numbers[i];
    if (number === undefined) {
      number = ++max;
      if (p.q.number !== undefined)
        problems.push({
          line: p.line,
          message: `question ${p.q.number} repeats the number of line ${seen.get(p.q.number)}: numbered ${number}`,
          skipped: false,
        });
    }
    const parts = p.body;
    let answer: string | undefined;
    return {
      id: opts.prefixIds ? `${deck}:${number}` : String(number),
      number,
      deck,
      section: sectionOf(p.at).slug,
      prompt: p.prompt ?? p.q.prompt,
      // Joined on first use: listing a 10,000-question deck never builds its answers.
      get answer() {
        answer ??= (p.dedent ? dedent : (x: string[]) => x)(trimBlank(expand(lines, parts))).join("\n");
        return answer;
      },
      file,
      line: p.line,
      ...(p.rawMeta ? { rawMeta: p.rawMeta } : {}),
    };
  });
  problems.sort((a, b) => a.line - b.line);
  return {
    name: deck,
    file,
    sections,
    questions,
    prefixIds: opts.prefixIds,
    ...(problems.length ? { problems } : {}),
  };
}

/** Lines without the indent they all share. */
function dedent(lines: string[]): string[] {
  let indent = Number.POSITIVE_INFINITY;
  for (const l of lines) if (l.trim()) indent = Math.min(indent, /^[ \t]*/.exec(l)?.[0].length ?? 0);
  return indent && Number.isFinite(indent) ? lines.map((l) => l.slice(Math.min(indent, l.length))) : lines;
}

export function expand(lines: readonly string[], parts: readonly Part[]): string[] {
  return parts.flatMap((p) => (typeof p === "string" ? [p] : lines.slice(p[0], p[1])));
}

/** A thematic break (`---`, `***`, `___`): what ends a question's answer for the next question line. */
// And "⸻" (a three-em dash) or "———" on a line of its own: how chatbot-written notes rule off answers.
export const RULE_LINE = /^ {0,3}(?:-{3,}|\*{3,}|_{3,}|\u2E3B+|\u2014{3,})\s*$/;
// "**[⬆ Back to Top](#table-of-contents)**", "[Back to top](#)", "<a href="#top">back to top</a>"
const BACK_TO_TOP =
  /^\s*(?:\*\*|__)?\s*(?:\[|<a\b[^>]*>)?\s*(?:[\u2B06\u2191\u{1F51D}^]\uFE0F?\s*)?back\s+to\s+(?:the\s+)?(?:top|contents|index|questions)\s*(?:[\u2B06\u2191^]\uFE0F?)?\s*(?:\]\([^)]*\)|<\/a>)?\s*(?:\*\*|__)?\s*$/iu;

/** A line with nothing to read in an answer: blank, a rule, or a "back to top" link. */
export function isFiller(line: string | undefined): boolean {
  if (!line?.trim()) return true;
  const c = line.trimStart().charCodeAt(0);
  // - * _ [ < and the arrows: the only ways such a line can start.
  if (c === 45 || c === 42 || c === 95) return RULE_LINE.test(line) || BACK_TO_TOP.test(line);
  if (c === 0x2e3b || c === 0x2014) return RULE_LINE.test(line);
  // "<p></p>", "</div>": tags around nothing show nothing.
  if (c === 60 && EMPTY_TAGS.test(line)) return true;
  return (c === 91 || c === 60 || c === 66 || c === 98 || c > 127) && BACK_TO_TOP.test(line);
}
const EMPTY_TAGS = /^\s*(?:<\/?(?:p|div|span|b|strong|i|em|br|hr)\b[^>]*\/?>\s*)+$/i;

/** Lines without the blank ones, rules and "back to top" links at either end. */
export function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && isFiller(lines[start])) start++;
  while (end > start && isFiller(lines[end - 1])) end--;
  return lines.slice(start, end);
}

/** A `<!-- quiz ... -->` block from line index `at`: its text and last line, or undefined if never closed. */
export function readMeta(lines: readonly string[], at: number, first: string) {
  const body: string[] = [];
  let rest = first;
  // Blank lines stay in the body, so a YAML error's line maps back to the deck's line.
  const sameLine = rest.replace(/-->.*$/, "").trim() !== "";
  for (let i = at, isFirst = true; i < lines.length; i++, isFirst = false) {
    if (!isFirst) rest = lines[i] ?? "";
    const end = rest.indexOf("-->");
    const part = end >= 0 ? rest.slice(0, end) : rest;
    if (isFirst ? sameLine : end < 0 || part.trim()) body.push(part);
    if (end >= 0) return { meta: { text: body.join("\n"), line: sameLine ? at : at + 1 }, end: i };
  }
  return undefined;
}

// A prompt quoted in a message, short and with no control characters: messages reach the terminal.
export const short = (s: string) => {
  const t = stripControl(s);
  return t.length > 40 ? `${t.slice(0, 39)}\u2026` : t;
};

export function hasText(lines: readonly string[], [from, to]: [number, number]): boolean {
  for (let i = from; i < to; i++) if (!isFiller(lines[i])) return true;
  return false;
}
