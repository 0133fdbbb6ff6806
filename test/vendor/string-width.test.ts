import fc from "fast-check";
import fastStringWidth from "fast-string-width";
import { describe, expect, it } from "vitest";
import stringWidth from "../../src/vendor/string-width.js";

// The prompts' quick path must measure exactly as fast-string-width does.

describe("the prompts' string width", () => {
  it("gives each character of the quick path the library's width", () => {
    const differ: string[] = [];
    for (let cp = 0x20; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCharCode(cp);
      if (stringWidth(c) !== fastStringWidth(c)) differ.push(cp.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it("gives any mix of them, escape codes and other characters the library's width", () => {
    const piece = fc.constantFrom(
      "a",
      "Z",
      " ",
      "\u00e9",
      "\u00ad",
      "\u276f",
      "\u2714",
      "\u2192",
      "\u2500",
      "\u25cf",
      "\u001b[1m",
      "\u001b[22m",
      "\u001b[38;5;208m",
      "\u001b[0m",
      "\ufe0f",
      "\u0301",
      "\u6f22",
      "\u{1f44d}",
      "\t",
      "\u001b]8;;x\u0007",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const text = pieces.join("");
        expect(stringWidth(text)).toBe(fastStringWidth(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("hands options (a tab or emoji width) to the library", () => {
    expect(stringWidth("a\tb", { tabWidth: 4 })).toBe(fastStringWidth("a\tb", { tabWidth: 4 }));
    expect(stringWidth("abc", { regularWidth: 2 })).toBe(6);
  });
});
