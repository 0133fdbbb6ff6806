import { boldTerms, plainLine, proseLines } from "./markdown.js";

// An answer in one line, for a generated choice option (options.ts).

/** The answer's first list item as one plain line, cut to `max`; empty when it has no list. */
export function firstItem(answer: string, max = 120): string {
  const item = proseLines(answer).find((l) => /^\s*(?:[-*+]|\d+\.)\s/.test(l));
  const text = item
    ? plainLine(item)
        .replace(/[:;,]$/, "")
        .trim()
    : "";
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/**
 * A one-line summary of an answer for a generated choice option: its first sentence when it opens
 * with prose, else its bold terms, else its first list item.
 */
export function summarize(answer: string, max = 120): string {
  // A table's rows, run together ("Feature, Deployment, StatefulSet"), say nothing as one line.
  const lines = proseLines(answer).filter((l) => !/^\s*\|/.test(l));
  const first = lines[0] ?? "";
  let text: string;
  if (first && !/^\s*(?:[-*+]|\d+\.)\s/.test(first) && plainLine(first).length >= 12) {
    // "e.g. PATH" and "i.e. the node" do not end a sentence.
    text = plainLine(first).split(/(?<![\s(]e\.g\.|[\s(]i\.e\.|\betc\.|\bvs\.)(?<=[.!?])\s/)[0] ?? "";
  } else {
    const bold = boldTerms(answer);
    text = bold.length >= 2 ? bold.slice(0, 4).join(", ") : plainLine(lines.find((l) => plainLine(l)) ?? "");
  }
  text = text.replace(/[:;,]$/, "").trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
