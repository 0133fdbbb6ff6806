/** Edit distance between two strings: insert, delete, substitute or swap two neighbours each cost 1. */
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
  // The same pattern for ASCII text: a Unicode property class costs ~0.5 ms to compile on first use.
  if (ASCII.test(lower)) return lower.match(/[a-z0-9]+(?:[.\-/'][a-z0-9]+)*/g) ?? [];
  return lower.match(/[\p{L}\p{N}]+(?:[.\-/'][\p{L}\p{N}]+)*/gu) ?? [];
}
const ASCII = /^[^\u0080-\uffff]*$/;

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

/** Removes control characters and terminal escape sequences from untrusted text. */
export function stripControl(text: string): string {
  return text.replace(ESCAPES, "");
}

/** List and quote nesting past which Markdown renderers fail: marked-terminal's time doubles with each level (5 s at 20), marked's stack runs out. */
export const MAX_MARKDOWN_DEPTH = 8;

/** Whether lists or block quotes nest deeper than MAX_MARKDOWN_DEPTH: such text is shown plain. */
export function markdownTooDeep(markdown: string): boolean {
  let fence = false;
  for (const line of markdown.split("\n")) {
    // Code is not nesting: a Kubernetes manifest's `- key:` sits deep in plain YAML.
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const quotes = (/^[\s>]*/.exec(line)?.[0].split(">").length ?? 1) - 1;
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    if (quotes > MAX_MARKDOWN_DEPTH) return true;
    if (indent > 2 * MAX_MARKDOWN_DEPTH && /^\s*([-*+]|\d+\.)\s/.test(line)) return true;
  }
  return false;
}
