import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script of the repository, with no type declarations
import { commonFunctions, executedFunctions, markEager } from "../../scripts/build/eager.mjs";
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

  it("leaves declarations in blocks, names declared twice, and object methods as they were", () => {
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
    // No class methods to move here: those have tests of their own below.
    const { code, counts } = markEager(source, offsets, { methods: new Set() });
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

  it("takes, when asked, only what ran in at least that many runs", () => {
    const run = (...offsets: number[]) => ({
      result: [
        {
          url: "file:///x/dist/cli.cjs",
          functions: [0, ...offsets].map((o) => ({
            ranges: [{ startOffset: o, endOffset: o + 5, count: 1 }],
          })),
        },
      ],
    });
    const runs = [run(10, 20), run(10, 30), run(10, 20, 40)];
    expect([...executedFunctions(runs, "cli.cjs", 2)].sort()).toEqual([10, 20]);
    expect([...executedFunctions(runs, "cli.cjs", 3)]).toEqual([10]);
    expect([...executedFunctions(runs, "cli.cjs")].sort()).toEqual([10, 20, 30, 40]);
  });
});

describe("markEager: class methods every run calls, moved out of their class", () => {
  /** The offsets of each method key, as V8's coverage gives a method's start. */
  const keys = (source: string, ...names: string[]) => at(source, ...names.map((n) => `${n}(`));

  it("moves them onto the prototype and the class as they were, under their names", () => {
    const source =
      '"use strict"; var K = class { constructor() { this.v = 2; } twice(n) { return n * this.v; } static make() { return new this(); } async later() { return 1; } *gen() { yield 3; } }; ' +
      'const k = K.make(); const d = Object.getOwnPropertyDescriptor(K.prototype, "twice"); ' +
      "return [k.twice(4), K.prototype.twice.name, K.make.name, d.enumerable, d.writable, d.configurable, Object.keys(K.prototype).length, [...k.gen()][0], Object.prototype.toString.call(k.later())];";
    const { code, counts } = markEager(source, new Set(), {
      methods: keys(source, "twice", "make", "later", "*gen"),
    });
    expect(counts.methods).toBe(3);
    expect(code).toContain("twice:(function(n) { return n * this.v; })");
    expect(code).toContain("make:(function()");
    expect(code).toContain("later:(async function()");
    expect(code).not.toContain("twice(n) {");
    expect(run(code)).toEqual([8, "twice", "make", false, true, true, 0, 3, "[object Promise]"]);
    expect(run(code)).toEqual(run(source));
  });

  it("keeps a method strict where the code around it is not, as its class body made it", () => {
    const source =
      "class K { self() { return this; } } var self = new K().self; return [self(), K.prototype.self.name];";
    const { code, counts } = markEager(source, new Set(), { methods: keys(source, "self") });
    expect(counts.methods).toBe(1);
    expect(code).toContain('self:(function() {"use strict"; return this; })');
    expect(run(code)).toEqual([undefined, "self"]);
    expect(run(code)).toEqual(run(source));
  });

  it("moves a class assigned in a var's initialiser, before the next one uses it", () => {
    const source = "var A = class { m() { return 5; } }, B = new A().m(); return B;";
    const { code } = markEager(source, new Set(), { methods: keys(source, "m") });
    expect(code).toContain("var A = (A=class {  },__eagerMethods(A,");
    expect(run(code)).toBe(5);
  });

  it("moves a method that names its class's inner name with that name bound to the class", () => {
    // Minified: the class and a parameter share a short name; the parameter must stay the parameter.
    const source =
      '"use strict"; var N = class t { me() { return t; } mk(t) { return t + 1; } static make() { return new t(); } }; ' +
      "var n = new N(); return [n.me() === N, n.mk(1), N.make() instanceof N, Object.keys(N.prototype)];";
    const { code, counts } = markEager(source, new Set(), { methods: keys(source, "me", "mk", "make") });
    expect(counts.methods).toBe(3);
    expect(code).toContain("((t)=>({me:(function() { return t; })");
    expect(run(code)).toEqual([true, 2, true, []]);
  });

  it("takes an async method by where V8 starts it: its async keyword", () => {
    const source =
      '"use strict"; class K { async later(x) { return x + 1; } static async make() { return new K(); } } ' +
      "return Promise.all([new K().later(1), K.make().then((k) => k instanceof K)]);";
    const { code, counts } = markEager(source, new Set(), {
      methods: at(source, "async later", "async make"),
    });
    expect(counts.methods).toBe(2);
    expect(code).toContain("later:(async function(x) { return x + 1; })");
    return expect(run(code)).resolves.toEqual([2, true]);
  });

  it("leaves a method that assigns to its class's inner name", () => {
    const source =
      "var N = class t { w() { try { t = 1; } catch (e) { return e.constructor.name; } } }; return new N().w();";
    const { code, counts } = markEager(source, new Set(), { methods: keys(source, "w") });
    expect(counts.methods).toBe(0);
    expect(code).toBe(source);
    expect(run(code)).toBe("TypeError");
  });

  it("leaves what moving could change: super, private names, new.target, accessors, static set-up", () => {
    const source =
      '"use strict"; class B { m() { return 1; } } ' +
      "class K extends B { m() { return super.m() + 1; } #p = 1; p() { return this.#p; } t() { return new.target; } get g() { return 2; } ['c' + 1]() { return 3; } } " +
      "var N = class Own { me() { Own = 1; } }; " +
      "class S { static x = S.prototype.f(); f() { return 4; } } class T { static { this.y = 1; } f() { return 5; } } " +
      "const k = new K(); return [k.m(), k.p(), k.t(), k.g, k.c1(), S.x, new T().f()];";
    const methods = at(
      source,
      "m() { return super",
      "p() { return this.#p",
      "t() { return new.target",
      "me() {",
      "f() { return 4",
      "f() { return 5",
    );
    const { code, counts } = markEager(source, new Set(), { methods });
    expect(counts.methods).toBe(0);
    expect(code).toBe(source);
    expect(run(code)).toEqual([2, 1, undefined, 2, 3, 4, 5]);
  });

  it("leaves a method with default or destructured parameters where it can't say use strict", () => {
    const source = "class K { m(a = 1, { b } = { b: 2 }) { return a + b; } } return new K().m();";
    const { code } = markEager(source, new Set(), { methods: keys(source, "m") });
    expect(code).toBe(source);
  });

  it("takes only the functions every run that loaded the file called", () => {
    const script = (offsets: number[]) => ({
      url: "file:///x/dist/cli.cjs",
      functions: [0, ...offsets].map((o) => ({ ranges: [{ startOffset: o, endOffset: o + 5, count: 1 }] })),
    });
    const runs = [
      { result: [script([10, 20, 30])] },
      { result: [script([10, 30, 40])] },
      { result: [{ url: "file:///x/dist/other.cjs", functions: [] }] },
    ];
    expect([...commonFunctions(runs, "cli.cjs")].sort()).toEqual([10, 30]);
    // All but one of the runs that loaded it: the other file's run does not count.
    expect([...commonFunctions(runs, "cli.cjs", 1)].sort()).toEqual([10, 20, 30, 40]);
    expect([...commonFunctions(runs, "none.cjs", 1)]).toEqual([]);
  });
});

describe("the built bundle", () => {
  it.each(["cli.cjs", "cli-read.cjs"])("%s has its start-up functions marked, and still parses", (file) => {
    const cli = readFileSync(join(ROOT, "dist", file), "utf8");
    // The bundle's own entry, main(), runs on every start: it is one of the hoisted declarations.
    expect(cli).toMatch(/var \w+=\(async function\(/);
    expect(() => new Script(cli)).not.toThrow();
  });
});
