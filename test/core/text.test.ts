import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { levenshtein, markdownTooDeep, nearest, slugify, stripControl, words } from "../../src/core/text.js";

describe("levenshtein", () => {
  const cases: [string, string, number][] = [
    ["", "", 0],
    ["abc", "abc", 0],
    ["abc", "", 3],
    ["", "abcd", 4],
    ["kitten", "sitting", 3],
    ["flaw", "lawn", 2],
    ["netwrk", "network", 1],
    // Swapping two neighbours is one typo, not two.
    ["etcd", "ectd", 1],
    ["ca", "abc", 3],
    ["a", "b", 1],
  ];
  it.each(cases)("%j vs %j = %i, both ways", (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
    expect(levenshtein(b, a)).toBe(d);
  });
});

describe("words", () => {
  const cases: [string, string[]][] = [
    ["", []],
    ["Hello, World!", ["hello", "world"]],
    ["kube-proxy and client-go v1.29", ["kube-proxy", "and", "client-go", "v1.29"]],
    ["  CRDs & Operator   Pattern ", ["crds", "operator", "pattern"]],
    ["trailing dash- and .dot.", ["trailing", "dash", "and", "dot"]],
    ["Größe über", ["größe", "über"]],
    ["**Etcd:** (Raft)", ["etcd", "raft"]],
  ];
  it.each(cases)("%j -> %j", (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it("splits ASCII text (its own fast path) as it would the same text with a non-ASCII word after it", () => {
    const ascii = fc.string({ unit: fc.constantFrom(..."aZ09 .-/'_!:\t"), maxLength: 40 });
    fc.assert(
      fc.property(ascii, (text) => {
        // " ß" sends the text down the Unicode path and adds exactly one word, "ß".
        expect(words(text)).toEqual(words(`${text} ß`).slice(0, -1));
      }),
    );
  });
});

describe("slugify", () => {
  const cases: [string, string][] = [
    ["Advanced Networking Plugins", "advanced-networking-plugins"],
    ["CRDs & Operator Pattern", "crds-operator-pattern"],
    ["Multi-Cluster & Federation", "multi-cluster-federation"],
    ["Ingress Controllers & Service Mesh", "ingress-controllers-service-mesh"],
    ["My Docker", "my-docker"],
    ["v1.29 notes", "v1-29-notes"],
    ["  --  ", ""],
    ["", ""],
  ];
  it.each(cases)("%j -> %j", (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it("gives slugs that are lower-case kebab words only", () => {
    for (const [text] of cases) expect(slugify(text)).toMatch(/^(?:[\p{Ll}\p{N}]+(?:-[\p{Ll}\p{N}]+)*)?$/u);
  });
});

describe("nearest", () => {
  const names = ["internals", "operators", "crds", "multi-cluster", "networking", "service-mesh", "ingress"];
  const cases: [string, string | undefined][] = [
    ["netwrk", "networking"],
    ["NETWORKING", "networking"],
    ["opertors", "operators"],
    ["crd", "crds"],
    ["ingres", "ingress"],
    ["multicluster", "multi-cluster"],
    ["servce-mesh", "service-mesh"],
    ["xyzzy", undefined],
    ["kubernetes", undefined],
  ];
  it.each(cases)("%j -> %j", (input, expected) => {
    expect(nearest(input, names)).toBe(expected);
  });

  it("finds nothing among no candidates", () => {
    expect(nearest("networking", [])).toBeUndefined();
  });
});

/** The C0 and C1 control characters in a text, but tab and newline. */
const controls = (text: string) =>
  [...text].filter((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return (c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f);
  });

describe("stripControl", () => {
  const ESC = "\x1b";
  const cases: [string, string, string][] = [
    ["an OSC title change ended by BEL", `${ESC}]0;pwned\x07Hello`, "Hello"],
    ["an OSC title change ended by ST", `${ESC}]2;pwned${ESC}\\Hello`, "Hello"],
    ["a CSI clear screen", `${ESC}[2JHi`, "Hi"],
    ["clear screen and cursor home", `${ESC}[H${ESC}[2J${ESC}[3Jtext`, "text"],
    ["colour codes", `${ESC}[31mred${ESC}[0m and ${ESC}[1;38;5;196mbold${ESC}[m`, "red and bold"],
    ["concealed text is shown, not hidden", `${ESC}[8msecret${ESC}[28m`, "secret"],
    [
      "an OSC 8 hyperlink keeps its text",
      `${ESC}]8;;https://evil.example${ESC}\\link${ESC}]8;;${ESC}\\`,
      "link",
    ],
    ["a C1 CSI", "\u009b2Jx", "x"],
    ["a DCS string", `${ESC}Pq#0;2;0;0;0${ESC}\\ok`, "ok"],
    ["a lone ESC (ESC c would reset the terminal)", `a${ESC}c`, "ac"],
    ["BEL, backspace, carriage return, NUL and DEL", "a\x07b\bc\rd\x00e\x7f", "abcde"],
    ["form feed and vertical tab", "a\fb\vc", "abc"],
  ];
  it.each(cases)("removes %s", (_name, input, expected) => {
    expect(stripControl(input)).toBe(expected);
    expect(controls(stripControl(input))).toEqual([]);
  });

  const kept = [
    "tabs\tand\nnewlines\n\tstay",
    "plain text (Questions 1-2) with `code` and **bold**",
    "🔹 日本語 café — “quotes” → ✅",
    "",
  ];
  it.each(kept)("keeps ordinary text: %j", (text) => {
    expect(stripControl(text)).toBe(text);
  });
});

describe("markdownTooDeep", () => {
  const list = (depth: number) =>
    Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n");
  it.each([
    ["a flat list", "- a\n- b", false],
    ["lists nested 9 deep", list(9), false],
    ["lists nested 10 deep", list(10), true],
    ["quotes 8 deep", `${"> ".repeat(8)}x`, false],
    ["quotes 9 deep", `${"> ".repeat(9)}x`, true],
    ["an indented code line, not a list", `${" ".repeat(40)}code`, false],
    ["a deep YAML list in a code fence", `\`\`\`yaml\n${" ".repeat(20)}- key: zone\n\`\`\``, false],
  ])("%s -> %s", (_name, text, deep) => {
    expect(markdownTooDeep(text)).toBe(deep);
  });
});
