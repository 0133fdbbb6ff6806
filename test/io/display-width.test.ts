import { describe, expect, it } from "vitest";
import { displayWidth, isNarrow, truncate, wrapText } from "../../src/io/terminal/wrap.js";

// Terminal width per grapheme (issue 18): an emoji sequence is one two-column unit.

describe("displayWidth", () => {
  it.each([
    ["ZWJ sequence", "👩‍💻", 2],
    ["skin tone", "👍🏽", 2],
    ["VS16", "❤️", 2],
    ["keycap", "1️⃣", 2],
    ["flag", "🇯🇵", 2],
    ["CJK", "漢字", 4],
    ["fullwidth", "ＡＢ", 4],
    ["combining accent", "e\u0301", 1],
    ["plain", "kube-proxy", 10],
    ["mixed", "etcd 👩‍💻 ok", 10],
    ["styled", "\u001b[1m漢\u001b[22m", 2],
  ])("%s: %j is %i columns", (_name, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it("measures every character the quick path takes as one column, as grapheme by grapheme does", () => {
    const differ: string[] = [];
    for (let cp = 0x20; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCharCode(cp);
      // Beside a wide character the text is measured grapheme by grapheme.
      if (isNarrow(c) && displayWidth(`${c}\u6f22`) !== 3) differ.push(cp.toString(16));
    }
    expect(differ).toEqual([]);
    for (const c of ["\u2714", "\u2718", "\u276f", "\u25cf"]) expect(isNarrow(c), c).toBe(true);
    // Not one column: the soft hyphen, a Cyrillic combining mark, an emoji-style dingbat.
    for (const c of ["\u00ad", "\u0483", "\u2705"]) expect(isNarrow(c), c).toBe(false);
  });

  it("takes mathematical operators (stats' \u2265) as one column, the same with or without the quick path", () => {
    for (let cp = 0x2200; cp <= 0x22ff; cp++) {
      const c = String.fromCodePoint(cp);
      expect(displayWidth(c), c).toBe(1);
      // Beside a wide character the text is measured grapheme by grapheme: the same one column.
      expect(displayWidth(`${c}\u6f22`), c).toBe(3);
    }
  });

  it("never cuts a grapheme: wrapping and truncating keep sequences whole", () => {
    const line = "👩‍💻".repeat(10);
    for (const row of wrapText(line, 7).split("\n")) {
      expect(displayWidth(row)).toBeLessThanOrEqual(7);
      expect(row).toMatch(/^(👩‍💻)+$/u);
    }
    const cut = truncate("1️⃣2️⃣3️⃣4️⃣", 5);
    expect(cut).toBe("1️⃣2️⃣…");
  });
});
