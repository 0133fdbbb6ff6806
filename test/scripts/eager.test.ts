import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script of the repository, with no type declarations
import { executedFunctions, markEager } from "../../scripts/build/eager.mjs";
import { ROOT } from "../helpers/bin.js";

/** Offsets of every function in `source` whose text starts with one of `starts`. */
const at = (source: string, ...starts: string[]) =>
  new Set(
    starts.map((s) => {
      const i = source.indexOf(s);
      if (i < 0) throw new Error(`no ${s} in the sample`);
      return i;
    }),
  );

/** What a CommonJS-style program returns, run in a fresh context. */
const run = (source: string) => new Script(`(function(){${source}\n})()`).runInNewContext({});

describe("markEager: the functions that ran, in parentheses, and nothing else changed", () => {
  it("wraps function and arrow expressions", () => {
    const source =
      "var a = function (x) { return x + 1; }; var b = (x) => x * 2; var c = async () => 3; return [a(1), b(2)];";
    const { code, counts } = markEager(source, at(source, "function (x)", "(x) =>", "async ()"));
    expect(code).toContain("(function (x) { return x + 1; })");
    expect(code).toContain("((x) => x * 2)");
    expect(code).toContain("(async () => 3)");
    expect(counts).toMatchObject({ expressions: 3, declarations: 0 });
    expect(run(code)).toEqual(run(source));
  });

  it("leaves alone what did not run", () => {
    const source = "var a = function () { return 1; }; function f() { return 2; } return a() + f();";
    const { code } = markEager(source, new Set());
    expect(code).toBe(source);
  });

  it("hoists a declaration as `var f = (function ...)`, so calls before it still work", () => {
    const source =
      "const early = f(2); function f(n) { return n > 0 ? n * f(n - 1) : 1; } return [early, f(4), f.name, typeof f];";
    const { code, counts } = markEager(source, at(source, "function f"));
    expect(code.startsWith("var f=(function(n)")).toBe(true);
    expect(counts.declarations).toBe(1);
    expect(run(code)).toEqual([2, 24, "f", "function"]);
    expect(run(code)).toEqual(run(source));
  });

  it("keeps async functions and generators what they were", () => {
    const source =
      "return [g().next().value, Object.prototype.toString.call(h()), typeof i]; function* g() { yield 7; } async function h() { return 1; } async function* i() {}";
    const { code, counts } = markEager(
      source,
      at(source, "function* g", "async function h", "async function* i"),
    );
    expect(counts.declarations).toBe(3);
    expect(code).toContain("var g=(function*()");
    expect(code).toContain("var h=(async function()");
    expect(code).toContain("var i=(async function*()");
    expect(run(code)).toEqual(run(source));
  });

  it("hoists inside a function body, after its directives", () => {
    const source =
      'function outer() { "use strict"; const v = inner(); function inner() { return this; } return v; } return outer();';
    const { code } = markEager(source, at(source, "function outer", "function inner"));
    expect(code).toMatch(/"use strict"; var inner=\(function\(\)/);
    // Still strict: `this` in a plain call is undefined, not the global object.
    expect(run(code)).toBeUndefined();
    expect(run(source)).toBeUndefined();
  });

  it("moves a nested declaration along with the function that holds it", () => {
    const source = "return a(); function a() { return b() + (() => 1)(); function b() { return 2; } }";
    const { code } = markEager(source, at(source, "function a", "function b", "() => 1"));
    expect(run(code)).toBe(3);
    expect(code).toContain("((() => 1))");
  });

  it("leaves declarations in blocks, names declared twice, and methods as they were", () => {
    const source =
      "if (true) { function blockF() { return 1; } } function twice() { return 1; } function twice() { return 2; } var o = { m() { return 3; }, get g() { return 4; } }; class K { k() { return 5; } } return [blockF(), twice(), o.m(), o.g, new K().k()];";
    const offsets = at(
      source,
      "function blockF",
      "function twice() { return 1",
      "function twice() { return 2",
      "m()",
      "g()",
      "k()",
    );
    const { code, counts } = markEager(source, offsets);
    expect(code).toBe(source);
    expect(counts.skipped).toBeGreaterThanOrEqual(3);
    expect(run(code)).toEqual([1, 2, 3, 4, 5]);
  });

  it("reads the offsets of the functions that ran from V8's coverage, per file", () => {
    const coverage = {
      result: [
        {
          url: "file:///x/dist/cli.cjs",
          functions: [
            { ranges: [{ startOffset: 0, endOffset: 100, count: 1 }] },
            { ranges: [{ startOffset: 10, endOffset: 20, count: 2 }] },
            { ranges: [{ startOffset: 30, endOffset: 40, count: 0 }] },
          ],
        },
        {
          url: "file:///x/dist/other.cjs",
          functions: [{ ranges: [{ startOffset: 50, endOffset: 60, count: 1 }] }],
        },
      ],
    };
    expect([...executedFunctions([coverage], "cli.cjs")]).toEqual([10]);
  });
});

describe("the built bundle", () => {
  it("has its start-up functions marked, and still parses", () => {
    const cli = readFileSync(join(ROOT, "dist", "cli.cjs"), "utf8");
    // The bundle's own entry, main(), runs on every start: it is one of the hoisted declarations.
    expect(cli).toMatch(/var \w+=\(async function\(/);
    expect(() => new Script(cli)).not.toThrow();
  });
});
