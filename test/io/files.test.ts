import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDeck } from "../../src/io/decks/bank.js";
import { decodeText } from "../../src/io/files.js";
import { ROOT } from "../helpers/bin.js";

// Issue 16, "Encodings": UTF-16 with a byte-order mark is decoded; anything else that is not UTF-8 is refused.

const SHAPES = join(ROOT, "test", "fixtures", "decks", "shapes");
const TEXT = "## Basics\n\n### 1. What is a Pod? 🐳\n\nA group of containers; “smart” quotes and é.\n";

describe("decodeText", () => {
  const cases: [string, Uint8Array, string | undefined][] = [
    ["UTF-8", Buffer.from(TEXT), TEXT],
    ["UTF-8 with a BOM (kept for the parser to drop)", Buffer.from(`\uFEFF${TEXT}`), `\uFEFF${TEXT}`],
    ["UTF-16 LE with a BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, "utf16le")]), TEXT],
    [
      "UTF-16 BE with a BOM",
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, "utf16le").swap16()]),
      TEXT,
    ],
    ["UTF-16 LE cut in half a code unit", Buffer.from([0xff, 0xfe, 0x23, 0x00, 0x23]), undefined],
    ["UTF-16 LE with a lone surrogate", Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), undefined],
    ["Latin-1", Buffer.from("Café\n", "latin1"), undefined],
    ["empty", Buffer.alloc(0), ""],
  ];
  it.each(cases)("%s", (_name, bytes, text) => {
    expect(decodeText(bytes)).toBe(text);
  });
});

describe("a UTF-16 deck loads as its UTF-8 twin does", () => {
  it.each(["utf16le.md", "utf16be.md"])("%s", async (name) => {
    expect(readFileSync(join(SHAPES, name))[0]).not.toBe(0x23); // really not UTF-8 on disk
    const d = await loadDeck(join(SHAPES, name), "u", true);
    expect(d.questions.map((q) => [q.id, q.section, q.prompt, q.answer])).toEqual([
      ["u:1", "basics", "What is a Pod?", "A group of containers; “smart” quotes and é."],
    ]);
  });
});
