import stringWidth from "string-width";
import wrapAnsi from "wrap-ansi";

/**
 * Characters that always take one column: printable ASCII, Latin, Greek and Cyrillic letters, common
 * punctuation, arrows and box drawing (no combining marks, zero-width or wide characters, no emoji).
 */
const NARROW = /^[\x20-\x7e\u00a0-\u02ff\u0370-\u04ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u259f]*$/;

/**
 * Columns a string takes on screen. Text of narrow characters is its length; anything else (escape
 * codes, wide characters, emoji) goes to string-width, whose grapheme segmentation costs time.
 */
export function displayWidth(text: string): number {
  return NARROW.test(text) ? text.length : stringWidth(text);
}

/** Wraps every line to `width` columns; list items and indented lines keep a hanging indent. */
export function wrapText(text: string, width: number): string {
  return text
    .split("\n")
    .flatMap((line) => {
      if (displayWidth(line) <= width) return [line];
      const lead = /^(\s*(?:[-*+•]|\d+\.|[a-z]\))?\s*)/.exec(line)?.[1] ?? "";
      const hang = " ".repeat(Math.min(lead.length, Math.floor(width / 3)));
      const [first = "", ...rest] = wrapAnsi(line.slice(lead.length), width - hang.length, {
        hard: true,
      }).split("\n");
      return [lead.slice(0, hang.length) + first, ...rest.map((r) => hang + r)];
    })
    .join("\n");
}

/** Cuts a line to `width` columns with an ellipsis. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = "";
  for (const ch of text) {
    if (displayWidth(out + ch) + 1 > width) break;
    out += ch;
  }
  return `${out}…`;
}
