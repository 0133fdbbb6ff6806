import { DeckError } from "../errors.js";
import { repairMojibake } from "./mojibake.js";
import { slugify, stripControl } from "./text.js";
import type { Deck, Question, RawMeta, Section } from "./types.js";

export interface ParseOptions {
  /** Path shown in error messages. */
  file: string;
  /** Deck name; user decks prefix their ids with it. */
  deck: string;
  /** Prefix ids with `${deck}:`. Off for the bundled bank, whose ids are plain numbers. */
  prefixIds: boolean;
  /** Reads a section's metadata block (slug, aliases). Kept out of the core so YAML loads only when needed. */
  readSectionMeta?: (raw: RawMeta) => { slug?: string; aliases?: string[] };
}

export const MAX_LINE_LENGTH = 100_000;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SECTION = /^(#{1,2})\s+(.*?)\s*#*\s*$/;
const QUESTION = /^###\s+(?:(?:Question|Q)\s*)?(\d+)\s*[:.)]\s+(.*?)\s*$/i;
const ANSWER = /^\*\*Answer:?\*\*:?\s*(.*)$/i;
const RULE = /^ {0,3}(?:-{3,}|\*{3,}|_{3,})\s*$/;
const META_OPEN = /^<!--\s*quiz\b(.*)$/;
const RANGE = /\s*\((?:questions?|q)\s*\d+\s*[-\u2013]\s*\d+\)\s*$/i;

/** The title a section heading shows: mojibake repaired, leading emoji and trailing "(Questions a-b)" dropped. */
export function cleanTitle(heading: string): string {
  return stripControl(repairMojibake(heading))
    .replace(/^[^\p{L}\p{N}]+/u, "")
    .replace(RANGE, "")
    .trim();
}

/** A run of deck lines [from, to) by index, or a piece of text that is not a whole line. */
type Part = string | [number, number];

interface Draft {
  number: number;
  prompt: string;
  line: number;
  /** The body as line ranges: no string is copied until an answer is actually read. */
  body: Part[];
  /** Index in body where the answer starts, after `**Answer:**`; -1 without the marker. */
  marker: number;
  rawMeta?: RawMeta;
}

function pushLine(d: Draft | undefined, i: number): void {
  if (!d) return;
  const last = d.body[d.body.length - 1];
  if (typeof last === "object" && last[1] === i) last[1] = i + 1;
  else d.body.push([i, i + 1]);
}

/**
 * Splits a Markdown deck into sections and questions by scanning lines; no Markdown lexer runs here.
 * Throws DeckError with the file and line for anything it cannot make sense of.
 */
export function parseDeck(text: string, opts: ParseOptions): Deck {
  const { file, deck } = opts;
  const body = text.replace(/^\uFEFF/, "");
  // A plain split is several times faster than a regular expression over a big deck.
  const lines = (body.includes("\r") ? body.replace(/\r\n?/g, "\n") : body).split("\n");
  const sections: Section[] = [];
  const questions: Question[] = [];
  const seen = new Map<number, number>();
  const counts = new Map<Section, number>();
  let section: Section | undefined;
  let draft: Draft | undefined;
  let fence: { char: string; length: number; line: number } | undefined;

  const fail = (line: number, reason: string): never => {
    throw new DeckError(file, line, reason);
  };

  const flush = () => {
    if (!draft) return;
    const d = draft;
    draft = undefined;
    const hasMarker = d.marker >= 0;
    const answerParts = hasMarker ? d.body.slice(d.marker) : d.body;
    const before = hasMarker ? d.body.slice(0, d.marker) : [];
    const extraPrompt = before.some((p) => (typeof p === "string" ? p.trim() : hasText(lines, p)))
      ? trimBlank(expand(lines, before)).join("\n")
      : "";
    let answer: string | undefined;
    if (!answerParts.some((p) => (typeof p === "string" ? p.trim() : hasText(lines, p)))) {
      fail(d.line, `question ${d.number} has no answer`);
    }
    const first = seen.get(d.number);
    if (first !== undefined) fail(d.line, `duplicate question ${d.number} (first at line ${first})`);
    seen.set(d.number, d.line);
    const owner = section ?? implicitSection();
    counts.set(owner, (counts.get(owner) ?? 0) + 1);
    questions.push({
      id: opts.prefixIds ? `${deck}:${d.number}` : String(d.number),
      number: d.number,
      deck,
      section: owner.slug,
      prompt: extraPrompt ? `${d.prompt}\n${extraPrompt}` : d.prompt,
      // Joined on first use: listing a 10,000-question deck never builds its answers.
      get answer() {
        answer ??= trimBlank(expand(lines, answerParts)).join("\n");
        return answer;
      },
      file,
      line: d.line,
      ...(d.rawMeta ? { rawMeta: d.rawMeta } : {}),
    });
  };

  const implicitSection = (): Section => {
    section = { slug: slugify(deck) || "questions", title: deck, aliases: [], deck, file, line: 1 };
    sections.push(section);
    return section;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const lineNo = i + 1;
    if (line.length > MAX_LINE_LENGTH) fail(lineNo, `line is longer than ${MAX_LINE_LENGTH} characters`);

    // Most lines are answer text: look at the first character before running any pattern on them.
    const lead = line.charCodeAt(0);
    const indented = lead === 32; // " "
    const fenceMatch = lead === 96 || lead === 126 || indented ? FENCE.exec(line) : null; // ` ~
    if (fence) {
      if (fenceMatch?.[1] && fenceMatch[1][0] === fence.char && fenceMatch[1].length >= fence.length) {
        if (line.trim() === fenceMatch[1]) fence = undefined;
      }
      pushLine(draft, i);
      continue;
    }
    if (fenceMatch?.[1]) {
      fence = { char: fenceMatch[1][0] ?? "`", length: fenceMatch[1].length, line: lineNo };
      pushLine(draft, i);
      continue;
    }

    const metaOpen = lead === 60 || indented ? META_OPEN.exec(line.trim()) : null; // <
    if (metaOpen) {
      const start = lineNo;
      const body: string[] = [];
      let rest = metaOpen[1] ?? "";
      // Blank lines stay in the body, so a YAML error's line maps back to the deck's line.
      const sameLine = rest.replace(/-->.*$/, "").trim() !== "";
      let closed = false;
      for (let first = true; ; first = false) {
        const end = rest.indexOf("-->");
        const part = end >= 0 ? rest.slice(0, end) : rest;
        if (first ? sameLine : end < 0 || part.trim()) body.push(part);
        if (end >= 0) {
          closed = true;
          break;
        }
        i++;
        if (i >= lines.length) break;
        rest = lines[i] ?? "";
      }
      if (!closed) fail(start, "quiz block is never closed with -->");
      const raw = { text: body.join("\n"), line: sameLine ? start - 1 : start };
      if (draft) {
        if (draft.rawMeta) fail(start, `question ${draft.number} has a second quiz block`);
        draft.rawMeta = raw;
      } else if (section && !counts.has(section) && opts.readSectionMeta) {
        const meta = opts.readSectionMeta(raw);
        if (meta.slug) section.slug = meta.slug;
        if (meta.aliases) section.aliases = meta.aliases;
      }
      continue;
    }

    const heading = lead === 35; // #
    const q = heading ? QUESTION.exec(line) : null;
    if (q) {
      flush();
      const prompt = q[2] ?? "";
      if (!prompt.trim()) fail(lineNo, `question ${q[1]} has no prompt`);
      draft = { number: Number(q[1]), prompt, line: lineNo, body: [], marker: -1 };
      continue;
    }
    const s = heading ? SECTION.exec(line) : null;
    if (s) {
      flush();
      const title = cleanTitle(s[2] ?? "");
      section = { slug: slugify(title) || `section-${lineNo}`, title, aliases: [], deck, file, line: lineNo };
      sections.push(section);
      continue;
    }
    if ((lead === 45 || lead === 42 || lead === 95 || indented) && RULE.test(line)) {
      // - * _
      flush();
      continue;
    }
    if (!draft) continue;
    if (draft.marker < 0 && lead === 42 && ANSWER.test(line)) {
      // *
      const rest = ANSWER.exec(line)?.[1] ?? "";
      draft.marker = draft.body.length;
      if (rest.trim()) draft.body.push(rest);
      continue;
    }
    pushLine(draft, i);
  }
  if (fence) fail(fence.line, "code block is never closed");
  flush();
  if (!questions.length) {
    fail(1, "no questions found (expected headings like '### Question 1: ...' or '### 1. ...')");
  }
  const used = sections.filter((sec) => counts.has(sec));
  const slugs = new Map<string, Section>();
  for (const sec of used) {
    const other = slugs.get(sec.slug);
    if (other) fail(sec.line, `section "${sec.title}" has the same slug "${sec.slug}" as line ${other.line}`);
    slugs.set(sec.slug, sec);
  }
  return { name: deck, file, sections: used, questions, prefixIds: opts.prefixIds };
}

function expand(lines: readonly string[], parts: readonly Part[]): string[] {
  return parts.flatMap((p) => (typeof p === "string" ? [p] : lines.slice(p[0], p[1])));
}

function hasText(lines: readonly string[], [from, to]: [number, number]): boolean {
  for (let i = from; i < to; i++) if (lines[i]?.trim()) return true;
  return false;
}

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && !lines[start]?.trim()) start++;
  while (end > start && !lines[end - 1]?.trim()) end--;
  return lines.slice(start, end);
}
