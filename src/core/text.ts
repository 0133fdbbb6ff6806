import { lineKinds } from "./markdown.js";
import { once } from "./once.js";

/** Edit distance between two strings: insert, delete, substitute or swap two neighbours each cost 1. */
/** Orders strings by UTF-16 code unit: the same on every machine, and no ICU collator to build. */
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  // Optimal string alignment: Levenshtein plus adjacent transpositions ("etdc" is one typo from "etcd").
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (rows[i - 1]?.[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (rows[i - 1]?.[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row[j] = d;
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/** Lower-cased words of a text: letters and digits, with inner dots, dashes and slashes kept. */
export function words(text: string): string[] {
  const lower = text.toLowerCase();
  if (plainLetters(lower)) return lower.match(/[a-z0-9]+(?:[.\-/'][a-z0-9]+)*/g) ?? [];
  return lower.match(/[\p{L}\p{N}]+(?:[.\-/'][\p{L}\p{N}]+)*/gu) ?? [];
}

/**
 * Whether every letter and digit in `text` is ASCII: beyond ASCII it has only punctuation and
 * symbols (dashes, quotes, bullets, arrows, operators, box drawing, dingbats but their digits), no
 * letter, digit or mark. Then a pattern's [\p{L}\p{N}] is [A-Za-z0-9] for it, and a pattern can say
 * that instead: a Unicode property class costs V8 about 8 million instructions to build on each
 * pattern's first use (callgrind), and a dozen of them ran before a session's first question.
 * test/core/plain-letters.test.ts checks every character this lets through.
 */
export function plainLetters(text: string): boolean {
  return plainForms && PLAIN_LETTERS.test(text);
}
let plainForms = true;

/** For tests: with false, plainLetters says no to every text, so each pattern takes its Unicode form. */
export function usePlainForms(on: boolean): void {
  plainForms = on;
}
const PLAIN_LETTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: all of ASCII, control characters included
  /^[\x00-\x7f\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u23ff\u2500-\u2775\u2794-\u27bf\u2900-\u2bff\u3000-\u3003]*$/;

/** Turns a title into a kebab-case slug: "Advanced Networking Plugins" -> "advanced-networking-plugins". */
export function slugify(text: string): string {
  return words(text.replace(/[./']/g, " ")).join("-");
}

/** The candidate closest to `input` by edit distance, if it is close enough to be a plausible typo. */
export function nearest(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.trim().toLowerCase();
  if (!needle) return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    // Compare with the candidate's start too, so a typo in an abbreviation still finds it.
    const d =
      c.startsWith(needle) || needle.startsWith(c)
        ? 1
        : Math.min(levenshtein(needle, c), levenshtein(needle, c.slice(0, needle.length)) + 1);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(needle.length / 2)) ? best : undefined;
}

// C0/C1 controls (but tab and newline), and the escape sequences a deck could use to
// retitle the terminal, move the cursor, clear the screen or hide text.
const ESCAPES =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

// Characters that reorder or hide text without a control byte: the bidi embeddings, overrides and
// isolates (a prompt "reads" one way and is another), the marks, and the zero-width and invisible
// ones (U+2028/9 break lines in some terminals; the tag block U+E0000 smuggles invisible ASCII).
// The joiners ZWJ and ZWNJ are left between the letters or emoji they join (Persian, Hindi and
// family emoji need them) and shown anywhere else.
const INVISIBLE = once(
  () =>
    // biome-ignore lint/suspicious/noMisleadingCharacterClass: VS16 and skin tones are wanted one by one, as what a joiner follows
    /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u2060-\u2064\ufeff\u180e\u00ad\u2028\u2029\ufff9-\ufffb\u{e0000}-\u{e007f}]|(?<![\p{L}\p{M}\p{Extended_Pictographic}\ufe0f\u{1f3fb}-\u{1f3ff}])[\u200c\u200d]|[\u200c\u200d](?![\p{L}\p{M}\p{Extended_Pictographic}])|(?<=\p{Script=Latin})[\u200c\u200d]|[\u200c\u200d](?=\p{Script=Latin})/gu,
);
/** Every character INVISIBLE can match, joiners included, with no context: for escaping (JSON). */
export const INVISIBLE_CHARS =
  /[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\u2060-\u2064\ufeff\u180e\u00ad\u2028\u2029\ufff9-\ufffb\u{e0000}-\u{e007f}]/u;
// INVISIBLE_CHARS without the Unicode flag (the tag block as its surrogate pairs): a quick look
// that lets most text skip INVISIBLE, whose lookarounds over \p{...} classes cost a compile and a
// slow pass. It was a whole range, U+0600 up, so the "…" a listing cuts its prompts with sent
// every 10,000-line listing through INVISIBLE.
export const MAYBE_INVISIBLE =
  /[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/;

/** A character that ESCAPES (a control character) or MAYBE_INVISIBLE could start a match with. */
const MAYBE_UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\udb40]/;

/** The visible stand-in for an invisible or reordering character: `<U+202E>`. */
const marker = (c: string) => `<U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}>`;

/**
 * THE function for text from outside (a deck, a plan, a progress file, a file name, an error
 * message quoting them) on its way to a terminal: escape sequences and control characters are
 * removed, and bidi controls and invisible characters are shown as `<U+XXXX>` markers, so a prompt
 * can neither drive the terminal nor hide or reorder what it says. Tab and newline stay.
 */
export function safeText(text: string): string {
  // Nearly all text has none of these: one scan for a character either pattern needs, instead of a
  // replace that finds nothing and then a test (a 10,000-line listing goes through here whole).
  if (!MAYBE_UNSAFE.test(text)) return text;
  const stripped = text.replace(ESCAPES, "");
  // The Unicode pattern is only compiled and run for text that could hold such a character.
  return MAYBE_INVISIBLE.test(stripped) ? stripped.replace(INVISIBLE(), marker) : stripped;
}

/**
 * The old name of safeText, kept while the files that call it are being rewritten elsewhere.
 * @deprecated use safeText
 */
export const stripControl = safeText;

/** safeText for a one-line message: a line break quoted from a file name or a deck shows as `\n`. */
export function oneLine(text: string): string {
  return safeText(text).replace(/\r?\n/g, "\\n");
}

/** At most `max` characters of a text, with an ellipsis when cut: what a warning quotes of a line. */
export function excerpt(text: string, max = 60): string {
  const chars = Array.from(text.length > max * 2 + 8 ? text.slice(0, max * 2 + 8) : text);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}

/** The link schemes any output may carry: the web and mail. */
const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:"]);

/** A link's target when it is safe to show or follow: http, https, mailto, or a relative path; else undefined. */
export function safeHref(href: string): string | undefined {
  // Browsers ignore controls and blanks inside a scheme ("java\tscript:"), so they are dropped first.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: what a browser skips is the point
  const h = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(h)?.[1];
  if (scheme === undefined) return h.startsWith("//") ? undefined : h;
  return SAFE_SCHEMES.has(`${scheme.toLowerCase()}:`) ? h : undefined;
}

/**
 * A Markdown link, `[text](target "title")`, as a pattern's source: its text and target are groups
 * 1 and 2. One shape for the answers' plain renderer (which takes images too) and a prompt's
 * tidying (which does not).
 */
export const MARKDOWN_LINK = String.raw`\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)(?:\s+"[^"]*")?\)`;

/**
 * A Markdown link as terminal text: never a hidden target. The target is shown after the text
 * unless the two are the same ("docs (https://…)"); one with another scheme (javascript:, data:,
 * file:) shows only its text.
 */
export function linkText(text: string, href: string): string {
  const target = safeHref(href);
  if (!target) return text;
  const bare = target.replace(/^mailto:/i, "");
  return !text || text === target || text === bare ? target : `${text} (${target})`;
}

/** List and quote nesting past which Markdown renderers fail: marked-terminal's time doubles with each level (5 s at 20), marked's stack runs out. */
export const MAX_MARKDOWN_DEPTH = 8;

/** Whether lists or block quotes nest deeper than MAX_MARKDOWN_DEPTH: such text is shown plain. */
export function markdownTooDeep(markdown: string): boolean {
  const lines = markdown.split("\n");
  const kinds = lineKinds(lines);
  for (const [i, line] of lines.entries()) {
    // Code is not nesting: a Kubernetes manifest's `- key:` sits deep in plain YAML.
    if (kinds[i] !== "text") continue;
    const quotes = (/^[\s>]*/.exec(line)?.[0].split(">").length ?? 1) - 1;
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    if (quotes > MAX_MARKDOWN_DEPTH) return true;
    if (indent > 2 * MAX_MARKDOWN_DEPTH && /^\s*([-*+]|\d+\.)\s/.test(line)) return true;
  }
  return false;
}

/**
 * Whether a Markdown table has more columns than `width` can show (a column takes at least three:
 * a border, a space and a character). Such text is shown plain: marked-terminal's table layout
 * grows with the columns, and what the terminal cannot show is work for nothing.
 */
export function tableTooWide(markdown: string, width: number): boolean {
  if (!markdown.includes("|")) return false;
  const most = Math.max(1, Math.floor(width / 3));
  const lines = markdown.split("\n");
  const kinds = lineKinds(lines);
  for (const [i, line] of lines.entries()) {
    if (kinds[i] !== "text" || !line.includes("|")) continue;
    let cells = 0;
    for (let i = line.indexOf("|"); i >= 0 && cells <= most + 1; i = line.indexOf("|", i + 1)) cells++;
    if (cells > most + 1) return true;
  }
  return false;
}
