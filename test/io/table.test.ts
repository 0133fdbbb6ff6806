import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { table } from "../../src/io/terminal/table.js";
import { displayWidth } from "../../src/io/terminal/wrap.js";

// Cells as decks and users write them: ASCII, Latin and CJK letters, emoji, the odd tab, double
// space or control code.
const cellChar = fc.constantFrom(
  ..."abcxyz ABC019-_.:?/()",
  "é",
  "ß",
  "Ж",
  "漢",
  "字",
  "🔹",
  "\t",
  "  ",
  "\u001b",
  "\u0007",
);
const cell = fc.array(cellChar, { maxLength: 60 }).map((cs) => cs.join(""));
const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 });

describe("table", () => {
  it("never writes a line wider than asked, nor a control code", () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 10, max: 120 }), (rs, width) => {
        for (const line of table(undefined, rs, width)) {
          expect(displayWidth(line)).toBeLessThanOrEqual(width);
          // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for them
          expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
          expect(line).toBe(line.trimEnd());
        }
      }),
    );
  });

  it("keeps every cell whole when the table fits, each column starting at the same place", () => {
    const plain = fc.stringMatching(/^[a-z0-9][a-z0-9 ]{0,20}[a-z0-9]$/).filter((s) => !s.includes("  "));
    fc.assert(
      fc.property(fc.array(fc.tuple(plain, plain, plain), { minLength: 1, maxLength: 10 }), (rs) => {
        const lines = table(undefined, rs, 200);
        // A column starts after the widest cell of each column before it, and two spaces.
        const second = Math.max(...rs.map((r) => r[0].length)) + 2;
        const third = second + Math.max(...rs.map((r) => r[1].length)) + 2;
        lines.forEach((line, i) => {
          const [a, b, c] = rs[i] as [string, string, string];
          expect(line.slice(0, a.length)).toBe(a);
          expect(line.slice(second, second + b.length)).toBe(b);
          expect(line.slice(third)).toBe(c);
        });
      }),
    );
  });

  it("cuts only the last column, with an ellipsis, to what the others leave", () => {
    const lines = table(
      ["ID", "PROMPT"],
      [
        ["k8s:1", "x".repeat(100)],
        ["k8s:22", "short"],
      ],
      40,
    );
    expect(lines).toEqual(["ID      PROMPT", `k8s:1   ${"x".repeat(31)}…`, "k8s:22  short"]);
  });

  it("counts wide characters as two columns when cutting", () => {
    const [line] = table(undefined, [["1", "漢字漢字漢字漢字漢字"]], 10);
    expect(line).toBe("1  漢字漢…");
    expect(displayWidth(line as string)).toBeLessThanOrEqual(10);
  });

  it("folds tabs, newlines and double spaces in a cell into single spaces", () => {
    expect(table(undefined, [["a\tb", "c\n d  e"]], 80)).toEqual(["a b  c d e"]);
  });

  it("drops the blanks an empty last cell would leave", () => {
    expect(
      table(
        undefined,
        [
          ["abc", ""],
          ["a", "x"],
        ],
        80,
      ),
    ).toEqual(["abc", "a    x"]);
  });

  it("gives nothing for no rows, and empty lines for empty rows", () => {
    expect(table(undefined, [], 80)).toEqual([]);
    expect(table(undefined, [[], []], 80)).toEqual(["", ""]);
  });
});

describe("bidi and invisible characters in a cell (issue 19)", () => {
  it("are shown as markers and measured as shown, so the columns stay aligned", () => {
    const lines = table(
      undefined,
      [
        ["a\u202eb", "x"],
        ["abcdefghijkl", "y"],
      ],
      80,
    );
    expect(lines[0]).toBe("a<U+202E>b    x");
    expect(lines[1]).toBe("abcdefghijkl  y");
  });
});
