/**
 * Markdown as deck text needs it outside the renderer: code fences, the one idea every reader of
 * deck text needs (parser, renderer, grader, linter), and Markdown as plain text. Line-based on
 * purpose: the deck reader runs at start-up, where a Markdown lexer costs more than the whole scan.
 */

/** An open code fence: its character, the length of its run and its 1-based line. */
export interface Fence {
  char: "`" | "~";
  length: number;
  line: number;
}

// Up to three spaces of indent, as CommonMark allows; four make indented code, not a fence.
const RUN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
// What follows a run when it names a language ("yaml", "c++", "objective-c", "{r}").
const LANG = /^\s*[A-Za-z{][\w+#.{}=-]*(?:\s.*)?$/;

/** The fence a line opens, or undefined when it opens none. */
export function fenceOpen(line: string, lineNo = 0): Fence | undefined {
  const m = RUN.exec(line);
  if (!m?.[1]) return undefined;
  // A backtick run followed by more backticks on the line is inline code ("```a``` b"), not a fence.
  if (m[1][0] === "`" && m[2]?.includes("`")) return undefined;
  return { char: m[1][0] as "`" | "~", length: m[1].length, line: lineNo };
}

/**
 * What a line inside the open fence `open` does:
 * - "close": a run of the fence's character at least as long, with nothing after it, or with text
 *   that is no language name (```` ```" ````, ```` ```. ````): decks written by hand close fences so.
 * - "open": such a run followed by a language name (```` ```yaml ````). A fence is never nested in
 *   one of the same kind, so this is a new block, and the one before it was left open.
 * - "text": anything else, which is the block's content.
 */
export function fenceLine(line: string, open: Fence): "close" | "open" | "text" {
  const c = line.charCodeAt(0);
  if (c !== 96 && c !== 126 && c !== 32) return "text"; // ` ~ space: most lines stop here
  const m = RUN.exec(line);
  const run = m?.[1];
  if (!run || run[0] !== open.char || run.length < open.length) return "text";
  const rest = m?.[2] ?? "";
  if (!rest.trim()) return "close";
  return LANG.test(rest) ? "open" : "close";
}

/** Whether `line` closes the open fence `open`. */
export function isFenceClose(line: string, open: Fence): boolean {
  return fenceLine(line, open) === "close";
}

/**
 * Where the fence opened at index `from` of `lines` ends: the index of its closing line, or, when
 * none comes before the next block of the same kind or the end, `{ unclosed: next }` with the
 * index of that next opening line (or `lines.length`).
 */
export function fenceEnd(lines: readonly string[], from: number, open: Fence): number | { unclosed: number } {
  for (let j = from + 1; j < lines.length; j++) {
    const kind = fenceLine(lines[j] ?? "", open);
    if (kind === "close") return j;
    if (kind === "open") return { unclosed: j };
  }
  return { unclosed: lines.length };
}

/** A line of Markdown: a fence's own opening or closing line, code inside a fence, or text. */
export type LineKind = "open" | "close" | "code" | "text";

/**
 * The kind of each line, by the deck reader's rules (fenceOpen, fenceLine), for everything else
 * that skips code: a fence the reader sees is code to the renderer, the grader and the summaries
 * too. A fence left open runs to the end; one opened inside another of its kind ends the one before.
 */
export function lineKinds(lines: readonly string[]): LineKind[] {
  let open: Fence | undefined;
  return lines.map((line): LineKind => {
    if (open) {
      const kind = fenceLine(line, open);
      if (kind === "text") return "code";
      open = kind === "open" ? fenceOpen(line) : undefined;
      return kind;
    }
    open = fenceOpen(line);
    return open ? "open" : "text";
  });
}

/** The text lines of Markdown, outside code fences, blank ones left out. */
export function proseLines(markdown: string): string[] {
  const lines = markdown.split("\n");
  const kinds = lineKinds(lines);
  return lines.filter((line, i) => kinds[i] === "text" && line.trim());
}

/** Markdown with its fenced code (fences included) blanked out, each such line left empty. */
export function withoutCode(markdown: string): string {
  const lines = markdown.split("\n");
  const kinds = lineKinds(lines);
  return lines.map((line, i) => (kinds[i] === "text" ? line : "")).join("\n");
}

/** Markdown to one plain line: emphasis, code marks, links and list bullets dropped. */
export function plainLine(markdown: string): string {
  return markdown
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, "$1$2")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Bold terms of a Markdown text, in order, without repeats. */
export function boldTerms(markdown: string): string[] {
  const terms = [...markdown.matchAll(/\*\*([^*]+?)\*\*/g)].map((m) =>
    (m[1] ?? "").replace(/[:.]+$/, "").trim(),
  );
  return [...new Set(terms.filter(Boolean))];
}

// A line that starts a block of its own rather than going on with the paragraph above it: a list
// item, a heading, a quote, a table row, a rule, HTML, or indented code after a blank line.
const BLOCK_START =
  /^\s*(?:[-*+\u2022]\s|\d{1,9}[.)]\s|#{1,6}(?:\s|$)|>|\||<|(?:-{3,}|\*{3,}|_{3,}|=+|-+)\s*$)/;
// A table row, with or without its outer pipes: a line with an unescaped pipe is never joined.
const PIPE = /(?:^|[^\\])\|/;
// A hard line break at the end of a line: two spaces, or a backslash.
const HARD_BREAK = /(?: {2,}|\\)$/;

/**
 * Markdown with each paragraph's soft line breaks joined, as a Markdown viewer shows them: a deck
 * wrapped at 80 columns by its author would otherwise be wrapped again at the terminal's width,
 * one short line after each long one. Code, lists' own lines, headings, tables and hard breaks
 * stay as written; a list item's continuation lines join the item.
 */
export function joinSoftBreaks(markdown: string): string {
  if (!markdown.includes("\n")) return markdown;
  const source = markdown.split("\n");
  const kinds = lineKinds(source);
  const out: string[] = [];
  let joinable = false;
  // Indented code: four spaces after a blank line, on until a line with less indent.
  let indentedCode = false;
  let afterBlank = true;
  for (const [i, line] of source.entries()) {
    const text = kinds[i] === "text";
    const blank = !line.trim();
    if (text && !blank) {
      const deep = /^(?: {4}|\t)/.test(line);
      indentedCode = deep && (indentedCode || afterBlank);
    } else if (!text) indentedCode = false;
    if (text && !blank && !indentedCode && joinable && !BLOCK_START.test(line) && !PIPE.test(line)) {
      out[out.length - 1] = `${out[out.length - 1]} ${line.trim()}`;
    } else out.push(line);
    const last = out[out.length - 1] ?? "";
    // What may take the next line: paragraph or list text, not a heading, a table row or a hard break.
    joinable =
      text &&
      !blank &&
      !indentedCode &&
      !/^\s*(?:#{1,6}\s|\||<|(?:-{3,}|\*{3,}|_{3,}|=+|-+)\s*$)/.test(last) &&
      !PIPE.test(last) &&
      !HARD_BREAK.test(last);
    afterBlank = blank || !text;
  }
  return out.join("\n");
}
