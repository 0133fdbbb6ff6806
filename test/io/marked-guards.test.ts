import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { Marked } from "marked";
import { describe, expect, it } from "vitest";
import { parseDeck } from "../../src/core/deck-parser.js";
import { MARKED_GUARDS } from "../../src/io/terminal/marked-guards.js";

// The guards only skip a block rule where its own pattern cannot match: marked must give the same
// tokens with them as without, for any text at all.
const plain = new Marked();
const guarded = new Marked({ tokenizer: MARKED_GUARDS });
const same = (md: string): void => {
  expect(guarded.lexer(md)).toEqual(plain.lexer(md));
};

/** Lines that make each guarded rule match, nearly match, or not. */
const LINES = [
  "",
  "   ",
  "A plain line of text.",
  "Foo",
  "===",
  "---",
  "  --",
  "- item",
  "1. step",
  "> quote",
  "   > indented quote",
  "    > code, not a quote",
  "<div>",
  "   <div>",
  "    <div>",
  "   ===",
  "   ---",
  "    ---",
  "</div>",
  "  <!-- comment -->",
  "<span>inline</span> html",
  "a < b and c > d",
  "| a | b |",
  "| --- | --- |",
  "a | b",
  "--|--",
  ":-:",
  "x: y",
  "```",
  "```yaml",
  "key: value",
  "# Heading",
  "**bold** and `code`",
  "\t- tabbed",
  "=",
  "line\r",
];

describe("marked's block rules behind cheap guards", () => {
  it("give the same tokens as marked alone, for text made of lines that touch every rule", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 14 }), fc.boolean(), (lines, end) => {
        same(lines.join("\n") + (end ? "\n" : ""));
      }),
      { seed: 16, numRuns: 3000 },
    );
  });

  it("give the same tokens for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."ab -=|:<>\n\t`#*1.") }), (md) => {
        same(md);
      }),
      { seed: 17, numRuns: 3000 },
    );
  });

  it("give the same tokens for every answer of the bundled bank and of the deck fixtures", () => {
    const texts: string[] = [];
    for (const dir of ["data", "test/fixtures/decks", "test/fixtures/decks/shapes"]) {
      for (const f of readdirSync(dir).filter((x) => x.endsWith(".md"))) {
        const text = readFileSync(join(dir, f), "utf8");
        try {
          const d = parseDeck(text, { file: f, deck: "d", prefixIds: false });
          texts.push(...d.questions.map((q) => q.answer));
        } catch {
          // A fixture that is meant to fail to load: its text as a whole is still Markdown.
        }
        texts.push(text);
      }
    }
    expect(texts.length).toBeGreaterThan(100);
    for (const t of texts) same(t);
  });

  it("skip a rule only where it cannot match", () => {
    expect(MARKED_GUARDS.blockquote("text")).toBeUndefined();
    expect(MARKED_GUARDS.blockquote("  > quote")).toBe(false);
    expect(MARKED_GUARDS.html("text <b>")).toBeUndefined();
    expect(MARKED_GUARDS.html(" <div>")).toBe(false);
    expect(MARKED_GUARDS.table("a | b\nnext line")).toBeUndefined();
    expect(MARKED_GUARDS.table("a | b\n--|--")).toBe(false);
    expect(MARKED_GUARDS.lheading("Foo\nbar\n\n---")).toBeUndefined();
    expect(MARKED_GUARDS.lheading("Foo\nbar\n---")).toBe(false);
  });
});
