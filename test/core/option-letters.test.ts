import { describe, expect, it } from "vitest";
import { letter, letterIndex } from "../../src/core/options.js";

// The option keys every front end and the JSON summary share (core/options.ts, not a front end).
describe("letter and letterIndex", () => {
  it("name options a, b, c... and read them back, either case", () => {
    expect([0, 1, 2, 25].map(letter)).toEqual(["a", "b", "c", "z"]);
    expect(["a", "B", "d"].map(letterIndex)).toEqual([0, 1, 3]);
    for (let i = 0; i < 26; i++) expect(letterIndex(letter(i))).toBe(i);
  });

  it("read nothing else as a letter", () => {
    expect(["", "ab", "1", "é", " "].map(letterIndex)).toEqual([-1, -1, -1, -1, -1]);
  });
});
