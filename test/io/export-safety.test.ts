import { Marked } from "marked";
import { describe, expect, it } from "vitest";
import { ANKI_RENDERER, csvCell, onlyAnkiTags, toAnki, toCsv } from "../../src/io/export/formats.js";
import { makeQuestion } from "../helpers/questions.js";

// Issue 19: an export opened in a spreadsheet or in Anki runs nothing a deck wrote.

describe("csvCell: formula injection (OWASP)", () => {
  it.each([
    ['=HYPERLINK("http://evil")', '"\'=HYPERLINK(""http://evil"")"'],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", '"\'\r=1"'],
    ["plain text", "plain text"],
    ["a = b", "a = b"],
    ["", ""],
  ])("%j -> %j", (cell, expected) => {
    expect(csvCell(cell)).toBe(expected);
  });

  it("no row of an export starts a cell with a formula character", () => {
    const q = makeQuestion({ number: 1, section: "s", prompt: "=1+1", answer: "@x\n- list" });
    const csv = toCsv([q]);
    const cells = csv.split("\r\n")[1]?.match(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g) ?? [];
    for (const c of cells) expect(c.replace(/^,/, "").replace(/^"/, "")).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe("Anki: a fixed subset of HTML", () => {
  const marked = new Marked({ renderer: ANKI_RENDERER as never });
  const back = (md: string) => {
    const q = makeQuestion({ number: 1, section: "s", prompt: "p", answer: md });
    return toAnki([q], (m) => marked.parse(m, { async: false }) as string);
  };

  it.each([
    ["a script", "<script>alert(1)</script>"],
    ["an img with onerror", '<img src=x onerror="alert(1)">'],
    ["an inline handler", '<div onclick="alert(1)">x</div>'],
    ["an iframe", '<iframe src="https://evil.example"></iframe>'],
    ["a style block", "<style>*{display:none}</style>"],
    ["an svg with onload", "<svg onload=alert(1)>"],
  ])("%s is text, not markup", (_, html) => {
    const out = back(`Before ${html} after`);
    expect(out).not.toMatch(/<(script|img|div|iframe|style|svg)\b/i);
    expect(out).toContain("&lt;");
  });

  it.each([
    ["javascript:", "[x](javascript:alert(1))"],
    ["JavaScript: in capitals", "[x](JavaScript:alert(1))"],
    ["data:", "[x](data:text/html,<script>alert(1)</script>)"],
    ["an image", "![x](javascript:alert(1))"],
    ["an autolink", "<javascript:alert(1)>"],
  ])("a %s link has no href", (_, md) => {
    expect(back(md)).not.toMatch(/href=|src=/i);
    expect(back(md)).not.toMatch(/<a /i);
  });

  it("keeps the Markdown it should: emphasis, code, lists, tables and web links", () => {
    const out = back(
      "**b** *i* `c`\n\n- one\n- two\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n```yaml\nk: v\n```\n\n[docs](https://k8s.io)",
    );
    for (const tag of [
      "<strong>",
      "<em>",
      "<code>",
      "<ul>",
      "<li>",
      "<table>",
      '<td align=""right"">',
      "<pre>",
    ])
      expect(out).toContain(tag);
    expect(out).toContain('<a href=""https://k8s.io"">docs</a>');
  });

  it("onlyAnkiTags escapes any tag or attribute outside the list", () => {
    expect(onlyAnkiTags('<p>x</p><a href="https://k8s.io">k</a>')).toBe(
      '<p>x</p><a href="https://k8s.io">k</a>',
    );
    expect(onlyAnkiTags('<p onclick="x">y</p>')).toBe("&lt;p onclick=&quot;x&quot;&gt;y</p>");
    expect(onlyAnkiTags('<a href="javascript:x">y</a>')).toBe("&lt;a href=&quot;javascript:x&quot;&gt;y</a>");
    expect(onlyAnkiTags("<b>x</b><script>")).toBe("<b>x</b>&lt;script&gt;");
    expect(onlyAnkiTags("a < b > c")).toBe("a &lt; b &gt; c");
  });

  it("the prompt, note and tags are escaped", () => {
    const q = makeQuestion({
      number: 1,
      section: "s",
      prompt: "<script>x</script>",
      answer: "a",
      meta: { note: "<img src=x onerror=y>", tags: ["<b>tag</b> two"] },
    });
    const out = toAnki([q], (m) => marked.parse(m, { async: false }) as string);
    expect(out).not.toMatch(/<script|<img|<b>tag/);
    expect(out).toContain("&lt;b&gt;tag&lt;/b&gt;_two");
  });
});
