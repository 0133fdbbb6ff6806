import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { cleanTitle } from "../../src/core/deck-shapes.js";
import { tokenize } from "../../src/core/grading/tokens.js";
import { deriveKeyPoints } from "../../src/core/grading.js";
import { cleanOption, swapTerms } from "../../src/core/option-text.js";
import { plainLetters, usePlainForms, words } from "../../src/core/text.js";

// plainLetters lets a pattern spell its [\p{L}\p{N}] classes [A-Za-z0-9]: that must change nothing.

describe("plainLetters", () => {
  it("lets through no letter, digit or mark beyond ASCII, of any character", () => {
    const wordish = /[\p{L}\p{N}\p{M}]/u;
    const through: string[] = [];
    for (let c = 0x80; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      if (plainLetters(`a${ch}b`) && wordish.test(ch)) through.push(c.toString(16));
    }
    expect(through).toEqual([]);
    // Astral characters (emoji among them) always take the Unicode form.
    expect(plainLetters("\u{1f539} Title")).toBe(false);
    expect(plainLetters("caf\u00e9")).toBe(false);
    expect(plainLetters("a \u2013 b \u2192 c \u2019s \u2022 \u2264 \u00d7")).toBe(true);
  });
});

describe("each pattern's two forms", () => {
  afterEach(() => usePlainForms(true));

  // Text like a deck's: ASCII words, code and punctuation, the symbols plainLetters lets through,
  // and now and then a letter that is not (which takes the Unicode form in both runs).
  const piece = fc.constantFrom(
    ..."abcXYZ019 .-/'_$@:;,()=\"*`".split(""),
    "kube-proxy",
    "sync.Mutex",
    "etcd",
    "don't",
    "\u2019",
    "\u2018",
    "\u201c",
    "\u201d",
    "\u2013",
    "\u2014",
    "\u2022",
    "\u2192",
    "\u2264",
    "\u00d7",
    "\u00b7",
    "\u2026",
    "\u00e9",
    "\u4e2d",
    "\u{1f539}",
  );
  const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(""));
  const both = <T>(f: () => T): [T, T] => {
    usePlainForms(true);
    const plain = f();
    usePlainForms(false);
    const unicode = f();
    usePlainForms(true);
    return [plain, unicode];
  };

  it("gives the same words, tokens, options, titles and key points", () => {
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        const cases: (() => unknown)[] = [
          () => words(a),
          () => tokenize(a),
          () => cleanOption(a),
          () => cleanTitle(a),
          () => swapTerms(a, [b.trim() || "x", c.trim() || "y"]),
          () => deriveKeyPoints(`${a}\n- ${b}\n- \`${c}\``),
        ];
        for (const f of cases) {
          const [plain, unicode] = both(f);
          expect(plain).toEqual(unicode);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("takes the plain form for such text, and the Unicode one otherwise", () => {
    expect(plainLetters("a \u2013 b")).toBe(true);
    usePlainForms(false);
    expect(plainLetters("a \u2013 b")).toBe(false);
  });
});
