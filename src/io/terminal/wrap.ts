import { stripVTControlCharacters } from "node:util";
import { eastAsianWidth } from "get-east-asian-width";
import { once } from "../../core/once.js";

/**
 * Characters that always take one column: printable ASCII, Latin, Greek and Cyrillic letters, common
 * punctuation, arrows, mathematical operators (stats' "≥"), box drawing, geometric shapes and the
 * text-style dingbats (a session's ✔, ✘ and ❯), but no combining marks (Cyrillic's U+0483–0489),
 * zero-width or wide characters (the soft hyphen U+00AD), and no emoji. Anything else is measured
 * grapheme by grapheme, which costs the first such text of a run the Unicode property patterns'
 * compilation: the status line's ✔ had cost every session's first question that.
 * test/io/display-width.test.ts checks each character against the grapheme-by-grapheme width.
 */
const NARROW =
  /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u205e\u2190-\u22ff\u2500-\u25fc\u2700-\u2704\u2706-\u2709\u270c-\u2727\u2729-\u274b\u274d\u274f-\u2752\u2756\u2758-\u2794\u2798-\u27af\u27b1-\u27be]*$/;
const ZERO_WIDTH = once(() => /^[\p{Mark}\p{Default_Ignorable_Code_Point}\p{Control}]/u);
// A grapheme drawn as an emoji, two columns: one shown as emoji by default (👍, 💻, a flag's
// regional indicators), or made one by VS16 (❤️) or a keycap's U+20E3 (1️⃣). Skin tones and ZWJ
// sequences (👍🏽, 👩‍💻) are one grapheme, so they count once. Plain and colour text are measured by
// this one function; string-width (inside wrap-ansi) agrees but for bare text-style symbols (☺).
const EMOJI = once(() => /\p{Emoji_Presentation}|\ufe0f|\u20e3/u);

let segmenter: Intl.Segmenter | undefined;
/** Grapheme clusters. The segmenter costs a few milliseconds to build: only text that is not all narrow needs it. */
function graphemes(text: string): Iterable<string> {
  segmenter ??= new Intl.Segmenter();
  const segments = segmenter.segment(text);
  return {
    *[Symbol.iterator]() {
      for (const s of segments) yield s.segment;
    },
  };
}

/** Columns one grapheme cluster takes. */
function graphemeWidth(g: string): number {
  const cp = g.codePointAt(0) ?? 0;
  if (g.length === 1 && cp < 0x7f) return cp >= 0x20 ? 1 : 0;
  if (EMOJI().test(g)) return 2;
  if (ZERO_WIDTH().test(g)) return 0;
  return eastAsianWidth(cp);
}

/**
 * Columns a string takes on screen, grapheme by grapheme: escape codes count nothing, combining and
 * zero-width characters nothing, East Asian wide characters and emoji two, whatever their code points.
 * Nearly all text is narrow and measured by its length, without segmenting.
 */
export function displayWidth(text: string): number {
  if (NARROW.test(text)) return text.length;
  return wideWidth(text);
}

/** True when every character of `text` takes one column, so its width is its length. */
export function isNarrow(text: string): boolean {
  return NARROW.test(text);
}

// What joins code points into one grapheme: ZWJ, VS16, a keycap, skin tones, flags' regional
// indicators, combining marks, Hangul jamo. Without any, each code point is its own grapheme and
// the segmenter (several times slower) is not needed.
const JOINS = once(() => /[\u200d\ufe0f\u20e3\u{1f3fb}-\u{1f3ff}\u{1f1e6}-\u{1f1ff}\p{M}\u1100-\u11ff]/u);

function wideWidth(text: string): number {
  const plain = stripVTControlCharacters(text);
  let width = 0;
  for (const g of JOINS().test(plain) ? graphemes(plain) : plain) width += graphemeWidth(g);
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
  // By grapheme: a ZWJ sequence or a flag is never cut in two.
  for (const ch of graphemes(text)) {
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
