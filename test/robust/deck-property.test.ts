import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDeck, scanDeck } from "../../src/core/deck-parser.js";
import { DeckError } from "../../src/errors.js";

// Issue 9, "Decks": over generated and mutated Markdown, the parser either returns questions or throws
// its own DeckError with a line number; never anything else, never a hang, never a silently lost question.
// Issue 16 widened what counts as a question (any heading level, bold lines, lists, tables): over
// random text the parser's reading is checked against the lines it points at; the exact count of
// questions is checked over decks written in every shape (deck-shapes-property.test.ts).

const OPTS = { file: "prop.md", deck: "prop", prefixIds: true } as const;

/**
 * An independent count of the question headings a reader sees: `### 1. ...`, `### Question 2: ...`,
 * `### Q3) ...` with some text after, outside code fences and outside `<!-- quiz ... -->` blocks.
 */
function countHeadings(text: string): number {
  const HEADING = /^###\s+(?:(?:Question|Q)\s*)?\d+\s*[:.)]\s+\S/i;
  let count = 0;
  let fence: string | undefined; // the opening run, e.g. "```" or "~~~~"
  let inQuiz = false;
  for (const line of text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/)) {
    if (inQuiz) {
      if (line.includes("-->")) inQuiz = false;
      continue;
    }
    const run = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      // Closed by a line of only the same character, at least as long as the opening.
      if (run && run[0] === fence[0] && run.length >= fence.length && line.trim() === run) fence = undefined;
      continue;
    }
    if (run) {
      fence = run;
      continue;
    }
    const trimmed = line.trim();
    if (/^<!--\s*quiz\b/.test(trimmed)) {
      if (!trimmed.replace(/^<!--\s*quiz\b/, "").includes("-->")) inQuiz = true;
      continue;
    }
    if (HEADING.test(line)) count++;
  }
  return count;
}

// ---- generating decks --------------------------------------------------------------------------

const plainWords = fc.constantFrom(
  "pod",
  "etcd",
  "Raft",
  "**bold**",
  "`code`",
  "kube-proxy",
  "éàü",
  "日本語",
  "🐳",
  "->",
);
/** Tokens that mean something to the parser when they open a line. */
const trickyWords = fc.constantFrom(
  "<!--",
  "-->",
  "#",
  "###",
  "1.",
  "```",
  "~~~",
  "---",
  "**Answer:**",
  "\t",
  " ",
);
const words = fc.oneof({ weight: 6, arbitrary: plainWords }, { weight: 1, arbitrary: trickyWords });
const text = fc.array(words, { minLength: 0, maxLength: 8 }).map((w) => w.join(" "));
const num = fc.integer({ min: 0, max: 40 });

const questionHeading = fc
  .tuple(
    fc.constantFrom("### ", "###  ", "###\t"),
    fc.constantFrom("", "Question ", "question", "Q", "Q ", "q"),
    num,
    fc.constantFrom(".", ":", ")", " :", " ."),
    fc.constantFrom(" ", "  ", "\t"),
    fc.oneof(text, fc.constant("What is etcd?")),
  )
  .map(([h, label, n, p, sp, prompt]) => `${h}${label}${n}${p}${sp}${prompt}`);

/** Lines that look nearly like question headings but are not, or are in every other respect. */
const nearMiss = fc.constantFrom(
  "###1. no space after the hashes",
  "### 1.no space after the dot",
  "#### 4. four hashes",
  "## 5. a section, not a question",
  "### Question: no number",
  "### 12 no punctuation",
  "  ### 3. indented",
  "### 7.",
  "### 8. ",
);

/** A question as decks write it: the heading, maybe an answer marker, then some answer lines. */
const question = fc
  .tuple(
    questionHeading,
    fc.constantFrom([], [""], ["", "**Answer:**"], ["**Answer**:"]),
    fc.array(text, { minLength: 1, maxLength: 3 }),
  )
  .map(([h, marker, body]) => [h, ...marker, ...body]);

const closes = fc.oneof(
  { weight: 5, arbitrary: fc.constant(true) },
  { weight: 1, arbitrary: fc.constant(false) },
);

const block = fc.oneof(
  { weight: 8, arbitrary: question },
  { weight: 2, arbitrary: questionHeading.map((h) => [h]) },
  { weight: 2, arbitrary: nearMiss.map((l) => [l]) },
  { weight: 3, arbitrary: text.map((t) => [`## ${t}`]) },
  { weight: 1, arbitrary: text.map((t) => [`# ${t}`]) },
  { weight: 5, arbitrary: fc.array(text, { minLength: 1, maxLength: 4 }) },
  { weight: 3, arbitrary: text.map((t) => [`**Answer:** ${t}`]) },
  { weight: 2, arbitrary: fc.constant([""]) },
  { weight: 1, arbitrary: fc.constantFrom(["---"], ["***"], ["___"]) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom("```", "````", "~~~", "```yaml", "  ```"),
        fc.array(fc.oneof(text, questionHeading)),
        closes,
      )
      .map(([open, body, close]) => [open, ...body, ...(close ? [open.trim().replace(/[a-z]+$/, "")] : [])]),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.oneof(
          {
            weight: 4,
            arbitrary: fc.constantFrom(["<!-- quiz", "tags: [etcd]", "-->"], ["<!-- quiz tags: [etcd] -->"]),
          },
          { weight: 1, arbitrary: fc.constant(["<!-- quiz", "difficulty: 2"]) },
        ),
        fc.option(questionHeading),
      )
      .map(([lines, q]) => (q ? [lines[0] as string, q, ...lines.slice(1)] : lines)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(["<!-- a plain comment -->"], ["<!--", "### 9. in a plain comment", "-->"]),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }).map((s) => [s]) },
);

const newline = fc.constantFrom("\n", "\r\n", "\r");

const deck = fc
  .tuple(fc.boolean(), fc.array(block, { minLength: 0, maxLength: 24 }), newline)
  .map(([bom, blocks, nl]) => `${bom ? "\uFEFF" : ""}${blocks.flat().join(nl)}`);

/** A well-formed deck: sections, questions with answers, unique numbers. Mutated afterwards. */
const validDeck = fc
  .uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 15 })
  .chain((numbers) =>
    fc.tuple(fc.constant(numbers), fc.array(text, { minLength: numbers.length, maxLength: numbers.length })),
  )
  .map(([numbers, answers]) => {
    const lines = ["# Deck", ""];
    numbers.forEach((n, i) => {
      if (i % 4 === 0) lines.push(`## Section ${i}`, "");
      lines.push(
        `### ${n}. Question ${n}?`,
        "",
        "**Answer:**",
        `Answer ${answers[i] || n}.`,
        "",
        "```",
        `### ${n + 1000}. not a question`,
        "```",
        "",
      );
    });
    return lines.join("\n");
  });

type Mutation =
  | { kind: "delete"; at: number }
  | { kind: "duplicate"; at: number }
  | { kind: "swap"; at: number; other: number }
  | { kind: "insert"; at: number; line: string }
  | { kind: "truncate"; at: number }
  | { kind: "splice"; at: number; chars: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), line: block.map((b) => b.join("\n")) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("splice" as const),
    at: fc.nat(),
    chars: fc.oneof(
      fc.constantFrom("`", "~~~", "<!-- quiz", "-->", "\n", "\r", "###", ". ", "\u0000"),
      fc.string({ maxLength: 5 }),
    ),
  }),
);

function mutate(source: string, mutations: Mutation[]): string {
  let t = source;
  for (const m of mutations) {
    const lines = t.split("\n");
    const i = lines.length ? m.at % lines.length : 0;
    switch (m.kind) {
      case "delete":
        lines.splice(i, 1);
        break;
      case "duplicate":
        lines.splice(i, 0, lines[i] ?? "");
        break;
      case "swap": {
        const j = lines.length ? m.other % lines.length : 0;
        [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
        break;
      }
      case "insert":
        lines.splice(i, 0, m.line);
        break;
      case "truncate":
        return t.slice(0, t.length ? m.at % t.length : 0);
      case "splice": {
        const k = t.length ? m.at % t.length : 0;
        t = t.slice(0, k) + m.chars + t.slice(k);
        continue;
      }
    }
    t = lines.join("\n");
  }
  return t;
}

// ---- the property ------------------------------------------------------------------------------

function checkDeck(input: string): void {
  const started = performance.now();
  let outcome: { ok: true; questions: number } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, questions: parseDeck(input, OPTS).questions.length };
  } catch (error) {
    outcome = { ok: false, error };
  }
  // Bounded inputs: anything near a second would be a runaway loop.
  expect(performance.now() - started).toBeLessThan(1000);
  if (outcome.ok) {
    const d = scanDeck(input, OPTS);
    const lines = input.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
    // Every question stands on a question-shaped line: a heading, a bold line, a list item, a table row.
    for (const q of d.questions) expect(lines[q.line - 1]).toMatch(/^(?:#{1,6}\s|\*\*|\d+[.)]\s|\|)/);
    for (const p of d.problems ?? []) {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.line).toBeLessThanOrEqual(lines.length);
    }
    // Never more questions and skipped lines than there are lines.
    const skipped = (d.problems ?? []).filter((p) => p.skipped).length;
    expect(outcome.questions + skipped).toBeLessThanOrEqual(lines.length);
    // Headings of the old shape outside fences and quiz blocks are all read, or reported.
    expect(outcome.questions + skipped).toBeGreaterThanOrEqual(countHeadings(input) > 0 ? 1 : 0);
  } else {
    const e = outcome.error;
    if (!(e instanceof DeckError))
      throw new Error(`parseDeck threw something other than a DeckError: ${String(e)}`);
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(e.line)).toBe(true);
    // No line past the end of the input.
    expect(e.line).toBeLessThanOrEqual(input.split(/\r\n|\n|\r/).length);
    expect(e.file).toBe(OPTS.file);
    expect(e.message.startsWith(`${OPTS.file}:${e.line}: `)).toBe(true);
  }
}

describe("the deck parser on generated and mutated Markdown", () => {
  it("the independent heading counter agrees with hand-checked decks", () => {
    expect(countHeadings("### 1. a\nx\n### Question 2: b\ny\n### Q3) c\nz")).toBe(3);
    expect(countHeadings("```\n### 1. a\n```\n### 2. b\nx")).toBe(1);
    expect(countHeadings("~~~~\n### 1. a\n~~~\n### 2. b\n~~~~\n### 3. c")).toBe(1);
    expect(countHeadings("<!-- quiz\n### 1. a\n-->\n### 2. b")).toBe(1);
    expect(countHeadings("###1. a\n#### 2. b\n### 3.c\n### 4. ")).toBe(0);
  });

  it("generated decks: questions, or a DeckError with a line; no question silently dropped", () => {
    fc.assert(fc.property(deck, checkDeck), { seed: 20_261_125, numRuns: 400 });
  });

  it("mutated valid decks: questions, or a DeckError with a line; no question silently dropped", () => {
    fc.assert(
      fc.property(validDeck, fc.array(mutation, { minLength: 1, maxLength: 5 }), (source, ms) => {
        checkDeck(mutate(source, ms));
      }),
      { seed: 9, numRuns: 400 },
    );
  });

  it("a question heading with a number but no prompt is skipped with its line, not asked empty", () => {
    // Found by the property above: `### 8. ` (trailing space) parsed as question 8 with an empty prompt.
    const d = parseDeck("# Deck\n\n### 8. \n**Answer:** pod\n### 9. Next?\nYes.", OPTS);
    expect(d.questions.map((q) => q.prompt)).toEqual(["Next?"]);
    expect(d.problems?.map((p) => [p.line, p.skipped])).toEqual([[3, true]]);
  });

  it("valid decks parse with every question", () => {
    fc.assert(
      fc.property(validDeck, (source) => {
        const d = parseDeck(source, OPTS);
        expect(d.questions.length).toBe(countHeadings(source));
      }),
      { seed: 3, numRuns: 100 },
    );
  });
});
