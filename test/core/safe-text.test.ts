import { describe, expect, it } from "vitest";
import {
  excerpt,
  INVISIBLE_CHARS,
  linkText,
  MAYBE_INVISIBLE,
  oneLine,
  safeHref,
  safeText,
  tableTooWide,
} from "../../src/core/text.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b]/u;

// Issue 19: THE function for outside text on its way to a terminal.
describe("safeText", () => {
  it.each([
    ["an OSC 52 clipboard write", "a\u001b]52;c;cHduZWQ=\u0007b", "ab"],
    ["a title change ended by ST", "a\u001b]0;title\u001b\\b", "ab"],
    ["an OSC 8 hyperlink", "\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007", "click"],
    ["clear screen and home", "\u001b[2J\u001b[Hx", "x"],
    ["an 8-bit CSI", "a\u009b2Jb", "ab"],
    ["a carriage return overwriting a line", "safe\rrm -rf", "saferm -rf"],
    ["BEL, NUL and DEL", "a\u0007\u0000\u007fb", "ab"],
    ["tab and newline, which stay", "a\tb\nc", "a\tb\nc"],
    ["RLO, the right-to-left override", "txt.\u202Eexe", "txt.<U+202E>exe"],
    ["each bidi embedding and override", "\u202A\u202B\u202C\u202D", "<U+202A><U+202B><U+202C><U+202D>"],
    ["the bidi isolates", "\u2066\u2067\u2068\u2069", "<U+2066><U+2067><U+2068><U+2069>"],
    ["LRM, RLM and the Arabic letter mark", "\u200E\u200F\u061C", "<U+200E><U+200F><U+061C>"],
    ["a zero-width space inside a word", "kube\u200Bctl", "kube<U+200B>ctl"],
    ["a zero-width joiner between Latin letters", "ku\u200Dbe", "ku<U+200D>be"],
    ["a word joiner and a BOM", "a\u2060b\uFEFFc", "a<U+2060>b<U+FEFF>c"],
    ["invisible tag characters", "a\u{E0041}\u{E0042}b", "a<U+E0041><U+E0042>b"],
    ["a soft hyphen", "a\u00ADb", "a<U+00AD>b"],
    ["a line separator", "a\u2028b", "a<U+2028>b"],
  ])("%s", (_, input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  it.each([
    ["a family emoji, joined by ZWJ", "👨\u200D👩\u200D👧"],
    ["Persian with ZWNJ", "می\u200Cخواهم"],
    ["Hindi with ZWJ", "क्\u200Dष"],
    ["plain CJK", "コンテナ"],
    ["accents", "café naïve"],
  ])("keeps %s", (_, text) => {
    expect(safeText(text)).toBe(text);
  });

  it("leaves no byte a terminal would act on, whatever it is given", () => {
    let all = "";
    for (let c = 0; c < 0x3000; c++) all += String.fromCharCode(c);
    const out = safeText(`${all}\u{E0001}\u{E007F}`);
    expect(out).not.toMatch(RAW);
    expect(out).not.toMatch(/[\u{E0000}-\u{E007F}]/u);
  });
});

describe("the quick look for invisible characters", () => {
  // safeText runs the full pattern only where the quick one matches: they must agree on every
  // character, or an invisible one would pass unmarked.
  it("matches exactly the characters INVISIBLE_CHARS does, in every plane that has them", () => {
    const differ: string[] = [];
    for (let cp = 0; cp <= 0xe00ff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (cp > 0xffff && cp < 0xe0000) cp = 0xe0000;
      const c = String.fromCodePoint(cp);
      if (MAYBE_INVISIBLE.test(c) !== INVISIBLE_CHARS.test(c)) differ.push(cp.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it("leaves the ellipsis a listing cuts prompts with, and other punctuation, alone", () => {
    expect(MAYBE_INVISIBLE.test("a cut prompt\u2026 \u2014 \u201cquoted\u201d \ud83d\udd39")).toBe(false);
    expect(safeText("cut\u2026 and \u202e")).toBe("cut\u2026 and <U+202E>");
  });
});

describe("oneLine and excerpt", () => {
  it("oneLine shows a line break as \\n and cleans the rest", () => {
    expect(oneLine("bad\nname\u001b]0;x\u0007.md")).toBe("bad\\nname.md");
  });
  it("excerpt cuts a long text to its length with an ellipsis", () => {
    const e = excerpt("x".repeat(50_000_000), 60);
    expect(e).toHaveLength(60);
    expect(e.endsWith("…")).toBe(true);
    expect(excerpt("short", 60)).toBe("short");
  });
});

describe("links", () => {
  it.each([
    ["https://kubernetes.io", "https://kubernetes.io"],
    ["http://x.example/a?b=1", "http://x.example/a?b=1"],
    ["mailto:a@b.example", "mailto:a@b.example"],
    ["docs/page.md", "docs/page.md"],
    ["#anchor", "#anchor"],
    ["javascript:alert(1)", undefined],
    ["JavaScript:alert(1)", undefined],
    ["java\tscript:alert(1)", undefined],
    [" javascript:alert(1)", undefined],
    ["data:text/html,<script>", undefined],
    ["file:///etc/passwd", undefined],
    ["vbscript:x", undefined],
    ["//evil.example/x", undefined],
  ])("safeHref(%j) is %j", (href, expected) => {
    expect(safeHref(href)).toBe(expected);
  });

  it("a link shows its target unless they are the same", () => {
    expect(linkText("docs", "https://k8s.io")).toBe("docs (https://k8s.io)");
    expect(linkText("https://k8s.io", "https://k8s.io")).toBe("https://k8s.io");
    // Text that looks like another address cannot hide where the link goes.
    expect(linkText("https://good.example", "https://evil.example")).toBe(
      "https://good.example (https://evil.example)",
    );
    expect(linkText("a@b.example", "mailto:a@b.example")).toBe("mailto:a@b.example");
  });

  it("a link to another scheme is only its text", () => {
    expect(linkText("click", "javascript:alert(1)")).toBe("click");
    expect(linkText("x", "data:text/html;base64,AAAA")).toBe("x");
  });
});

describe("tableTooWide", () => {
  const row = (n: number) => `|${Array.from({ length: n }, () => " x ").join("|")}|`;
  it("is true only past what the width can show", () => {
    expect(tableTooWide(`${row(5)}\n${row(5)}`, 80)).toBe(false);
    expect(tableTooWide(row(26), 80)).toBe(false);
    expect(tableTooWide(row(27), 80)).toBe(true);
    expect(tableTooWide(row(20_000), 80)).toBe(true);
    expect(tableTooWide(row(20), 40)).toBe(true);
  });
  it("ignores pipes inside code fences", () => {
    expect(tableTooWide(`\`\`\`\n${row(100)}\n\`\`\``, 80)).toBe(false);
  });
});

describe("safeText and the symbols k8s-quiz draws itself", () => {
  // The status line, pointer and hints: outside ASCII, none of them invisible or reordering.
  it("passes check marks, crosses, pointers, dots and dashes through unchanged", () => {
    const line = "[1/10 · 0✔ 0✘ · 0:00] · #533 ❯ a–d ⚑ flagged … ≥ █";
    expect(safeText(line)).toBe(line);
  });

  it("still marks an invisible character next to them", () => {
    expect(safeText("0✔\u202e0✘")).toBe("0✔<U+202E>0✘");
  });
});

describe("safeText's quick look", () => {
  it("leaves exactly the text that the full patterns would leave alone, and cleans the rest the same", async () => {
    const fc = (await import("fast-check")).default;
    // Every character either pattern looks for, their neighbours, and plain text around them.
    const specials = [
      ..."\u0000\u0007\u0008\t\n\u000b\u001b\u001f \u007e\u007f\u0080\u009b\u009f\u00a0\u00ad\u061c\u180e",
      ..."\u200a\u200b\u200c\u200d\u200e\u200f\u2010\u2027\u2028\u2029\u202a\u202e\u202f\u2060\u2064\u2065\u2066\u2069",
      ..."\ufeff\ufff9\ufffb\ufffc\udb40\udc01\udc7f\u{e0001}\u{e007f}\u{1f600}a[]0;\\P^_\u2026\u00e9\u0301",
    ];
    // The function as it was before the quick look: what it must still give.
    const ESC =
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
      /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
    const slow = (text: string) => {
      const stripped = text.replace(ESC, "");
      return MAYBE_INVISIBLE.test(stripped) ? safeText(`\u0000${stripped}`) : stripped;
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...specials), { maxLength: 30 }), (chars) => {
        const text = chars.join("");
        expect(safeText(text)).toBe(slow(text));
      }),
      { numRuns: 2000 },
    );
  });
});
