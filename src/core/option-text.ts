import { plainLetters, stripControl, words } from "./text.js";

// The text of a generated choice option. Options come from the first line of an answer, written
// for reading, not for a quiz: Markdown marks, a quote cut in half by the summary, or an opening
// that repeats the question ("Docker is…" under "What is Docker?") would each point at the answer.

/** Removes every `open`/`close` pair's unmatched members; a balanced text is left as it is. */
function balance(text: string, open: string, close: string): string {
  const unmatched = new Set<number>();
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === open) stack.push(i);
    else if (text[i] === close) {
      if (stack.length) stack.pop();
      else unmatched.add(i);
    }
  }
  for (const i of stack) unmatched.add(i);
  if (!unmatched.size) return text;
  return [...text].filter((_, i) => !unmatched.has(i)).join("");
}

/** Drops a quote character that appears an odd number of times: one of them lost its partner. */
function evenQuotes(text: string, quote: RegExp): string {
  const n = text.match(quote)?.length ?? 0;
  return n % 2 ? text.replace(quote, "") : text;
}

/**
 * An option as plain words: no Markdown marks (emphasis, code, headings, quotes, table pipes,
 * HTML tags, escapes), no quote or bracket without its partner, no trailing colon. Empty when no
 * letter or digit is left.
 */
// HTML's own tags, the ones answers use. Anything else in angle brackets is a placeholder people
// write ("kubectl logs <pod-name>", "List<T>") and stays.
const HTML_TAG =
  /<\/?(?:a|abbr|b|big|blockquote|br|center|code|dd|del|details|div|dl|dt|em|font|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|pre|q|s|samp|small|span|strike|strong|sub|summary|sup|table|tbody|td|th|thead|tr|tt|u|ul|var)(?=[\s/>])[^>]*>/gi;

export function cleanOption(raw: string): string {
  let t = stripControl(raw)
    .replace(HTML_TAG, " ")
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~"'])/g, "$1")
    .replace(/^\s*(?:#{1,6}|>+)\s*/, "")
    .replace(/\*+|`+|~~/g, "")
    // _emphasis_ at word edges; snake_case names keep theirs.
    .replace(/(^|[\s(])_+|_+(?=[\s).,;:!?]|$)/g, "$1");
  if (t.includes("|")) t = t.replace(/\s*\|\s*/g, ", ").replace(/^[,\s]+|[,\s]+$/g, "");
  t = balance(balance(balance(t, "(", ")"), "[", "]"), "{", "}");
  t = evenQuotes(t, /"/g);
  // Curly quotes, escaped: the bundle is ASCII. \u201c \u201d are double, \u2018 \u2019 single.
  if ((t.match(/\u201c/g)?.length ?? 0) !== (t.match(/\u201d/g)?.length ?? 0))
    t = t.replace(/[\u201c\u201d]/g, "");
  // Each pattern with letters in two forms: plainLetters says why.
  const plain = plainLetters(t);
  if (
    (t.match(/\u2018/g)?.length ?? 0) !==
    (t.match(plain ? /\u2019(?![A-Za-z])/gu : /\u2019(?![\p{L}])/gu)?.length ?? 0)
  )
    t = t.replace(/\u2018/g, "");
  // A straight single quote next to no letter on one side is a quote mark, not an apostrophe.
  t = evenQuotes(
    t,
    plain ? /(?<![A-Za-z0-9])'|'(?![A-Za-z0-9])/gu : /(?<![\p{L}\p{N}])'|'(?![\p{L}\p{N}])/gu,
  );
  t = t
    .replace(/\s+([,.;:!?])/g, "$1")
    .replace(/\(\s*\)/g, "")
    .replace(/\s+/g, " ")
    .replace(/[\s:;,]+$/, "")
    .trim();
  return (plain ? /[A-Za-z0-9]/u : /[\p{L}\p{N}]/u).test(t) ? t : "";
}

/** A subject's word matches a prompt's word: the same, or one of them the other's plural. */
const sameStem = (a: string, b: string) => a === b || `${a}s` === b || `${b}s` === a || `${a}es` === b;

const LEAD =
  /^(?:(?:a|an|the)\s+)?([^,;:]{1,60}?)\s+(is|are|was|means|refers to|stands for|provides|allows|lets|gives|enables|stores|controls|manages|runs|adjusts|maps|records|monitors|shares|holds|keeps|defines|describes|represents|contains)\s+(\S.*)$/i;
const ARTICLES = new Set(["a", "an", "the"]);
/** Questions that compare two things: their answer's subject is which one, and must stay. */
const COMPARES = /\b(?:difference|differ|vs\.?|versus|compare|compared|between)\b/i;

/**
 * An option without its opening subject when that subject only repeats the question's words:
 * "A Docker image is a read-only template…" for "What is a Docker image?" -> "A read-only
 * template…". A comparison keeps its subject ("EBS is block storage…": which one is the point).
 */
export function dropEcho(option: string, prompt: string): string {
  if (COMPARES.test(prompt)) return option;
  const m = LEAD.exec(option);
  if (!m) return option;
  const [, subject = "", verb = "", rest = ""] = m;
  const asked = words(prompt);
  // Words in brackets spell the subject out ("EC2 (Elastic Compute Cloud)"): they say no more.
  const own = words(subject.replace(/\([^)]*\)/g, " ")).filter((w) => !ARTICLES.has(w));
  // One word more may qualify it ("Amazon S3" for "What is S3?"), as long as most of it is asked.
  const echoed = own.filter((w) => asked.some((p) => sameStem(w, p))).length;
  const extra = own.length - echoed;
  if (!echoed || extra > 1 || extra > echoed) return option;
  const copula = /^(?:is|are|was)$/i.test(verb);
  const body = copula ? rest : `${verb} ${rest}`;
  if (body.length < 12) return option;
  return body.charAt(0).toUpperCase() + body.slice(1);
}

const THE = /^(?:a|an|the)\s+/i;
const COMPARED = [
  /\bbetween\s+(.+?)\s*\??$/i,
  /^(?:what is|what's)?\s*(.+?)\s+(?:vs\.?|versus)\s+(.+?)\s*\??$/i,
  /^(?:how (?:is|are|does|do))\s+(.+?)\s+differ(?:ent)?\s+from\s+(.+?)\s*\??$/i,
  /^compare\s+(.+?)\s*\??$/i,
];

/**
 * The things a question compares: "What is the difference between a hard link and a soft link?"
 * -> ["hard link", "soft link"]; "… between grep, sed and awk?" -> ["grep", "sed", "awk"]. A head
 * noun only the last one spells out is shared ("a public and a private subnet").
 */
export function comparedTerms(prompt: string): string[] {
  const flat = stripControl(prompt).replace(/[`*_]/g, "");
  for (const re of COMPARED) {
    const m = re.exec(flat);
    if (!m) continue;
    const list = m.slice(1).filter(Boolean).join(" and ");
    const terms = list
      .split(/\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+/i)
      .map((t) =>
        t
          .replace(THE, "")
          .replace(/[?.!]+$/, "")
          .trim(),
      )
      .filter(Boolean);
    if (terms.length < 2 || terms.some((t) => t.split(/\s+/).length > 4)) return [];
    const last = terms[terms.length - 1]?.split(/\s+/) ?? [];
    const head = last.length > 1 ? last[last.length - 1] : undefined;
    return [...new Set(terms.map((t) => (head && !t.includes(" ") ? `${t} ${head}` : t)))];
  }
  return [];
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The option with the compared things trading places (each named as the next): "EBS is block
 * storage…" -> "EFS is block storage…". Wrong, and exactly as close to the question's words as
 * the right one. Undefined when the option names none of them, or only their order changes.
 */
export function swapTerms(option: string, terms: readonly string[]): string | undefined {
  if (terms.length < 2) return undefined;
  const sorted = [...terms].sort((a, b) => b.length - a.length);
  // Letters in two forms: plainLetters says why.
  const plain = plainLetters(option) && terms.every(plainLetters);
  const letter = plain ? "[A-Za-z0-9]" : "[\\p{L}\\p{N}]";
  const re = new RegExp(`(?<!${letter})(?:${sorted.map(escaped).join("|")})(?!${letter})`, "giu");
  let hits = 0;
  const swapped = option.replace(re, (found) => {
    const i = terms.findIndex((t) => t.toLowerCase() === found.toLowerCase());
    if (i < 0) return found;
    hits++;
    const next = terms[(i + 1) % terms.length] as string;
    const upper = found[0] !== undefined && found[0] !== found[0].toLowerCase();
    return upper && next[0] ? next[0].toUpperCase() + next.slice(1) : next;
  });
  if (!hits || swapped === option) return undefined;
  // "grep, sed, awk" -> "sed, awk, grep" is the same answer in another order.
  const onlyTerms = !(plain ? /[A-Za-z0-9]/u : /[\p{L}\p{N}]/u).test(option.replace(re, ""));
  return onlyTerms ? undefined : swapped;
}
