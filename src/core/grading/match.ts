import { stemmer } from "stemmer";
import { levenshtein } from "../text.js";
import { type Token, tokenize } from "./tokens.js";

/**
 * Words that deny what follows them. "not", "n't", "never" deny a verb phrase, up to three words on;
 * "no", "without", "instead of", "skips" deny the word right after them, so that "plugins without
 * policy support ignore it" still says "ignore".
 */
const VERBAL = new Set(
  "not never cannot neither nor dont doesnt isnt arent wont cant didnt wasnt werent hasnt havent shouldnt".split(
    " ",
  ),
);
const NOMINAL = new Set(
  `no none nothing without lack lacks lacking instead rather skip skips skipping skipped bypass bypasses
  bypassing bypassed avoid avoids avoiding avoided replace replaces replacing replaced replacement replacements
  alternative alternatives`.split(/\s+/),
);

/** "not just", "not only": the words after still hold, with more besides. */
const HEDGES = new Set(["just", "only", "merely", "simply", "also"]);

/** Words that, after "not" or "n't", deny the words before them: "a controller isn't needed". */
const AFTER = new Set(
  "needed required necessary used involved supported enforced possible present there done".split(" "),
);

/**
 * Words that deny what comes before them: "iptables-free" right after it ("a free IP" is no denial),
 * "a kube-proxy + CNI replacement" a word later.
 */
const SUFFIXED = new Set(["free", "less"]);
const REPLACED = new Set(["replacement", "alternative"]);

/** Words a phrase can leave out or a candidate can put in without changing what it says. */
export const STOP = new Set(
  "the a an any of to in on for with is are be it its by as at from than and or that this their them :".split(
    " ",
  ),
);

const isVerbal = (t: Token) => VERBAL.has(t.raw) || t.raw.endsWith("n't");
export const isNegator = (t: Token) => isVerbal(t) || NOMINAL.has(t.raw);

/**
 * A key phrase ready for matching. `core` is its content words without negations, `full` its content
 * words with them; `negative` says it states an absence ("no iptables"), and `wrong` that it is a
 * misconception ("!polls"), which contradicts the point when an answer says it.
 */
export interface Phrase {
  text: string;
  core: Token[];
  full: Token[];
  negative: boolean;
  wrong: boolean;
}

export function compilePhrase(phrase: string): Phrase {
  const wrong = phrase.startsWith("!");
  const text = wrong ? phrase.slice(1) : phrase;
  // A small word inside a hyphened term stays: "built-in" is one term, not "built" anywhere before "in".
  const all = tokenize(text);
  const full = all.filter((t, i) => !STOP.has(t.raw) || t.tight || all[i - 1]?.tight);
  // A phrase of small words only ("for {") matches nothing rather than every answer.
  return { text, core: full.filter((t) => !isNegator(t)), full, negative: full.some(isNegator), wrong };
}

/** Typos allowed in a word of 5 letters or more; shorter ones must be exact, but for two swapped letters. */
const allowedTypos = (word: string) => (word.length <= 8 ? 1 : 2);

function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Endings the stemmer leaves on a word that still name the same thing: "watchers" for "watch". */
const ENDINGS = /^(?:s|es|ed|er|ers|ing|ings|ly|ment|ments|ion|ions|ation|ations|ity|\..+)$/;

/**
 * Whether a typed word stands for a key word: same stem, a small typo, the key word plus an ending, or
 * one part of a dotted name ("Informer.AddEventHandler" for "addeventhandler"). Any negation stands for
 * any other: "doesn't" for the "not" of a phrase.
 */
export function sameWord(typed: Token, key: Token, exact = false): boolean {
  const inflected = typed.raw.startsWith(key.raw) || key.raw.startsWith(typed.raw);
  if (typed.raw === key.raw || (typed.stem === key.stem && (!exact || inflected))) return true;
  if (isNegator(key)) return isNegator(typed);
  const a = typed.raw;
  const b = key.raw;
  if (b.length >= 5 && a.startsWith(b) && ENDINGS.test(a.slice(b.length))) return true;
  if (
    a.includes(".") &&
    !b.includes(".") &&
    a.split(".").some((part) => part === b || stem(part) === key.stem)
  )
    return true;
  if (exact || /\d/.test(a) || /\d/.test(b) || b.length < 4) return false;
  if (b.length === 4) return isSwap(a, b);
  return Math.abs(a.length - b.length) <= 2 && levenshtein(a, b) <= allowedTypos(b);
}

const stem = (w: string) => (/^[a-z]+$/.test(w) ? stemmer(w) : w);

/** How many words may sit between two words of a phrase: "reconciling the actual state" for "actual state". */
const MAX_GAP = 2;

/** A place in a clause where a phrase's words occur, from `start` to `end` (exclusive). */
export interface Span {
  start: number;
  end: number;
}

/**
 * Every place in a clause where the words occur in order, each at most MAX_GAP words after the last. A
 * key word may also be two typed words run together or apart ("load balancing" for "loadbalancing").
 * `exact` allows no typos, a shared stem only as an ending, and one small word at most between the
 * words: a misconception must be said, not guessed at ("catches" is no "batches", "controls" no "controller", which Porter stems alike).
 */
export function findSpans(clause: readonly Token[], words: readonly Token[], exact = false): Span[] {
  // Depth-first from word i of the clause and word j of the phrase; the end of the first way found.
  const complete = (i: number, j: number): number => {
    if (j === words.length) return i;
    // Up to MAX_GAP words between, or two more when they are small ones and one word at most says
    // something: "removes its entry from the finalizers list".
    let content = 0;
    for (let k = i; k < Math.min(clause.length, i + MAX_GAP + 3); k++) {
      if (k > i && !STOP.has((clause[k - 1] as Token).raw)) content++;
      if (k - i > MAX_GAP && content > 1) break;
      // A misconception's words stand together, one small word apart at most ("each app to check"):
      // "the new one in the versions list" does not say "one version".
      if (exact && (k > i + 1 || (k > i && !STOP.has((clause[i] as Token).raw)))) break;
      // The parts of a hyphened term side by side ("built-in", "built in", or "builtin" run together).
      if (k > i && words[j - 1]?.tight) break;
      const len = matchAt(clause, k, words, j, exact);
      const end = len ? complete(k + len.typed, j + len.key) : -1;
      if (end >= 0) return end;
    }
    return -1;
  };
  const spans: Span[] = [];
  if (!words.length) return spans;
  for (let k = 0; k < clause.length; k++) {
    const len = matchAt(clause, k, words, 0, exact);
    const end = len ? complete(k + len.typed, len.key) : -1;
    if (end >= 0) spans.push({ start: k, end });
  }
  return spans;
}

/** How many typed and key words match here: 1 and 1, or two run together against one (exactly). */
function matchAt(
  clause: readonly Token[],
  k: number,
  words: readonly Token[],
  j: number,
  exact: boolean,
): { typed: number; key: number } | undefined {
  const t = clause[k] as Token;
  const c = words[j] as Token;
  if (sameWord(t, c, exact)) return { typed: 1, key: 1 };
  const next = clause[k + 1];
  if (next && t.raw + next.raw === c.raw) return { typed: 2, key: 1 };
  const nextKey = words[j + 1];
  if (nextKey && c.raw + nextKey.raw === t.raw) return { typed: 1, key: 2 };
  return undefined;
}

/**
 * Whether the words at `span` are denied: by a negation among them ("a lean alternative to kube-proxy"),
 * one close enough before them (not before `floor`, where another subject was named), or "… isn't
 * needed", "-free" or "replacement" right after them. A list reaches further: in "doesn't use etcd or raft" and
 * "without context switching to userspace or long iptables chains" the denial covers every item.
 */
export function isDenied(clause: readonly Token[], span: Span, floor: number): boolean {
  for (let i = span.start; i < span.end; i++) if (denies(clause, i)) return true;
  let distance = 0;
  // After a list word or a verb in -ing, "without" reaches as far as "not": "without context switching
  // to userspace".
  let far = false;
  /** The nearest "and" or "or" before the words, once the walk has passed one. */
  let conjunction = -1;
  const gerund = isGerund((clause[span.start] as Token).raw);
  for (let i = span.start - 1; i >= floor && distance <= 4; i--) {
    const t = clause[i] as Token;
    if (t.raw === ":") break;
    if (t.raw === "or" || t.raw === "nor" || t.raw === "and") {
      far = true;
      if (conjunction < 0) conjunction = i;
      distance = 0;
      continue;
    }
    // "instead of every controller hammering the API server", "without the client having to poll": a
    // nominal denial reaches a verb in -ing across the few words that say who does it.
    if (denies(clause, i)) {
      // "instead of polling and keep a local cache": what the denial takes is a verb in -ing, and
      // what follows "and" is not one, so it is no item of the same list but a clause of its own.
      const denied = clause.slice(i + 1).find((w) => !STOP.has(w.raw));
      const joined = clause[conjunction + 1];
      if (conjunction > i && denied && joined && isGerund(denied.raw) && !isGerund(joined.raw)) return false;
      return distance <= (isVerbal(t) || far || gerund ? 3 : 0);
    }
    if (isGerund(t.raw)) far = true;
    if (!STOP.has(t.raw)) distance++;
  }
  const after = clause.slice(span.end, span.end + 4).map((t) => t.raw);
  if (SUFFIXED.has(after[0] ?? "") || REPLACED.has(after[0] ?? "") || REPLACED.has(after[1] ?? ""))
    return true;
  for (let i = 0; i + 1 < after.length; i++) {
    const t = clause[span.end + i] as Token;
    if (isVerbal(t) && (AFTER.has(after[i + 1] ?? "") || AFTER.has(after[i + 2] ?? ""))) return true;
  }
  return false;
}

/** A verb in -ing ("hammering", "polling"), as far as its spelling tells: not "everything" or "string". */
function isGerund(word: string): boolean {
  return word.length > 4 && word.endsWith("ing") && !word.endsWith("thing") && !NOT_GERUNDS.has(word);
}
const NOT_GERUNDS = new Set(["string", "strings", "spring", "during", "ceiling", "ring"]);

/** A negation at i that is not a hedge ("not just"). */
const denies = (clause: readonly Token[], i: number) =>
  isNegator(clause[i] as Token) && !HEDGES.has(clause[i + 1]?.raw ?? "");
