import { stripVTControlCharacters } from "node:util";
import { eastAsianWidth } from "get-east-asian-width";

/**
 * Characters that always take one column: printable ASCII, Latin, Greek and Cyrillic letters, common
 * punctuation, arrows and box drawing (no combining marks, zero-width or wide characters, no emoji).
 */
const NARROW = /^[\x20-\x7e\u00a0-\u02ff\u0370-\u04ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u259f]*$/;
const ZERO_WIDTH = /^[\p{Mark}\p{Default_Ignorable_Code_Point}\p{Control}]$/u;
const EMOJI = /^\p{Extended_Pictographic}$/u;

/**
 * Columns a string takes on screen: escape codes count nothing, combining and zero-width characters
 * nothing, East Asian wide characters and emoji two. string-width does this grapheme by grapheme with
 * Intl.Segmenter, whose start-up alone costs more than most commands may take, so code points it is.
 */
export function displayWidth(text: string): number {
  if (NARROW.test(text)) return text.length;
  return wideWidth(text);
}

/** True when every character of `text` takes one column, so its width is its length. */
export function isNarrow(text: string): boolean {
  return NARROW.test(text);
}

function wideWidth(text: string): number {
  let width = 0;
  for (const ch of stripVTControlCharacters(text)) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x7f) width += cp >= 0x20 ? 1 : 0;
    else if (ZERO_WIDTH.test(ch)) continue;
    else if (EMOJI.test(ch)) width += 2;
    else width += eastAsianWidth(cp);
  }
  return width;
}

/** Greedy word wrap by display width; a word wider than the line is cut. */
function wrapWords(line: string, width: number): string[] {
  const out: string[] = [];
  let cur = "";
  let curWidth = 0;
  for (const word of line.split(" ")) {
    const w = displayWidth(word);
    if (!cur) {
      cur = word;
      curWidth = w;
    } else if (curWidth + 1 + w <= width) {
      cur += ` ${word}`;
      curWidth += 1 + w;
    } else {
      out.push(cur);
      cur = word;
      curWidth = w;
    }
    while (curWidth > width) {
      const head = cut(cur, width);
      out.push(head);
      cur = cur.slice(head.length);
      curWidth = displayWidth(cur);
    }
  }
  out.push(cur);
  return out;
}

/** The longest start of `text` that fits `width` columns (at least one character). */
function cut(text: string, width: number): string {
  if (NARROW.test(text)) return text.slice(0, Math.max(1, width));
  let out = "";
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (out && used + w > width) break;
    out += ch;
    used += w;
  }
  return out;
}

/**
 * Wraps every line of plain text to `width` columns; list items and indented lines keep a hanging
 * indent. Colour goes on after wrapping (render.ts wraps styled Markdown itself).
 */
export function wrapText(text: string, width: number): string {
  return text
    .split("\n")
    .flatMap((line) => {
      if (displayWidth(line) <= width) return [line];
      const lead = /^(\s*(?:[-*+\u2022]|\d+\.|[a-z]\))?\s*)/.exec(line)?.[1] ?? "";
      const hang = " ".repeat(Math.min(lead.length, Math.floor(width / 3)));
      const [first = "", ...rest] = wrapWords(line.slice(lead.length), width - hang.length);
      return [lead.slice(0, hang.length) + first, ...rest.map((r) => hang + r)];
    })
    .join("\n");
}

/** Cuts a line to `width` columns with an ellipsis. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  return `${cut(text, Math.max(1, width - 1))}…`;
}
