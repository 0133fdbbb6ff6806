import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/bin.js";

// The architecture's rules that a test can hold (docs/architecture.md): no import cycles in src/
// (type-only imports included: a type cycle still ties two layers together), a pure core, and no
// block of six or more lines written twice. `npx madge --circular --extensions ts src` agrees on
// the first; this needs no extra dependency.

const SRC = join(ROOT, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** The relative imports of a file (static, dynamic and type-only), as absolute .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [
    ...text.matchAll(/\bfrom\s+"(\.[^"]+)"/g),
    ...text.matchAll(/\bimport\(\s*"(\.[^"]+)"\s*\)/g),
    ...text.matchAll(/^import\s+"(\.[^"]+)"/gm),
  ].map((m) => m[1] as string);
  return specs.map((s) => resolve(dirname(file), s.replace(/\.js$/, ".ts")));
}

/** Every cycle in the graph, each as the list of files around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe("the architecture holds", () => {
  const files = sourceFiles(SRC);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const rel = (f: string) => relative(ROOT, f);

  it("the cycle finder finds a cycle, type-only imports included", () => {
    const g = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(cycles(g)).toEqual([["a", "b", "c", "a"]]);
  });

  it("src/ has no import cycles", () => {
    expect(cycles(graph).map((c) => c.map(rel).join(" → "))).toEqual([]);
  });

  /** What a file imports that a pure module may not: Node, the terminal libraries, or anything outside `allowed`. */
  const impureImports = (file: string, allowed: (target: string) => boolean) => {
    const offenders: string[] = [];
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\bfrom\s+"([^"]+)"/g)) {
      const spec = m[1] as string;
      const bad =
        spec.startsWith("node:") ||
        /^(chalk|@inquirer\/|conf$|marked|wrap-ansi)/.test(spec) ||
        (spec.startsWith(".") && !allowed(resolve(dirname(file), spec)) && !spec.endsWith("errors.js"));
      if (bad) offenders.push(`${rel(file)} imports ${spec}`);
    }
    return offenders;
  };

  it("src/core imports nothing from Node, the terminal libraries, the store or src/io", () => {
    const inCore = (target: string) => target.startsWith(join(SRC, "core"));
    expect(files.filter(inCore).flatMap((f) => impureImports(f, inCore))).toEqual([]);
  });

  it("the session layer's rules (meta, JSON document, exit code) are as pure as the core", () => {
    // The rest of src/session opens the front end and the store; these three only compute.
    const pure = ["meta.ts", "document.ts", "exit-code.ts"].map((f) => join(SRC, "session", f));
    const allowed = (target: string) =>
      target.startsWith(join(SRC, "core")) || pure.includes(target.replace(/\.js$/, ".ts"));
    expect(pure.flatMap((f) => impureImports(f, allowed))).toEqual([]);
  });

  it("no block of six or more code lines is written twice in src/", () => {
    // Lines as the duplicate finders see them: trimmed, with blank lines, comments, imports and
    // lone punctuation left out, so only real logic counts.
    const MIN = 6;
    const meaningful = (line: string) => {
      const t = line.trim();
      return t && !/^(\/\/|\*|\/\*|import |export \{|\} from)/.test(t) && !/^[\]})(;,{[]+$/.test(t) ? t : "";
    };
    const seen = new Map<string, string>();
    const repeats: string[] = [];
    for (const file of files) {
      const lines = readFileSync(file, "utf8")
        .split("\n")
        .map((l, i) => ({ text: meaningful(l), line: i + 1 }))
        .filter((l) => l.text);
      for (let i = 0; i + MIN <= lines.length; i++) {
        const window = lines.slice(i, i + MIN);
        const key = window.map((l) => l.text).join("\n");
        const where = `${rel(file)}:${window[0]?.line}`;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, where);
        else if (!first.startsWith(`${rel(file)}:`) || first !== where)
          repeats.push(`${where} repeats ${first}`);
      }
    }
    expect(repeats).toEqual([]);
  });
});
