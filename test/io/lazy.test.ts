import { describe, expect, it } from "vitest";
import {
  defaultFunction,
  exportsWith,
  loadMarked,
  loadMarkedTerminal,
  loadWrapAnsi,
  loadYaml,
} from "../../src/io/lazy.js";
import { runBin } from "../helpers/bin.js";

// The one place lazily loaded libraries are unwrapped: an ES module from source, esbuild's
// CommonJS wrapper (exports under `default`, a default export under `default.default`) bundled.

describe("exportsWith", () => {
  const lib = { parse: () => 1 };
  it.each([
    ["the module itself", lib],
    ["under default (a CommonJS wrapper)", { default: lib }],
    ["under default.default", { default: { default: lib } }],
  ])("finds the exports %s", (_, loaded) => {
    expect(exportsWith<typeof lib>(loaded, "parse")).toBe(lib);
  });

  it("prefers the module's own export to one under default", () => {
    const own = { parse: () => 2, default: lib };
    expect(exportsWith(own, "parse")).toBe(own);
  });

  it("says which library lacks which export", () => {
    expect(() => exportsWith({ default: {} }, "parse", "yaml")).toThrow("yaml has no parse");
    expect(() => exportsWith(undefined, "parse", "yaml")).toThrow("yaml has no parse");
  });
});

describe("defaultFunction", () => {
  const fn = () => "wrapped";
  it.each([
    ["an ES module's default", { default: fn }],
    ["a CommonJS wrapper's default.default", { default: { default: fn } }],
  ])("finds %s", (_, loaded) => {
    expect(defaultFunction(loaded)).toBe(fn);
  });

  it("refuses a module without one", () => {
    expect(() => defaultFunction({ default: {} }, "wrap-ansi")).toThrow("wrap-ansi has no default function");
  });
});

describe("the loaders", () => {
  it("give each library ready to use, loaded once", async () => {
    expect((await loadYaml()).parse("a: 1")).toEqual({ a: 1 });
    expect(loadYaml()).toBe(loadYaml());
    const { Marked } = await loadMarked();
    expect(new Marked().parse("**b**", { async: false })).toContain("<strong>b</strong>");
    expect(typeof (await loadMarkedTerminal()).markedTerminal).toBe("function");
    expect((await loadWrapAnsi())("aaaa bbbb", 4, { hard: true })).toBe("aaaa\nbbbb");
  });

  it("work from the bundle too: YAML for a plan, marked for an Anki export", () => {
    const r = runBin(["export", "--format", "anki", "--section", "networking"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("<strong>");
    const md = runBin(["export", "--format", "md", "--section", "networking"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("<!-- quiz");
  });
});
