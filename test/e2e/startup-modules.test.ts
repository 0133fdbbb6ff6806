// Which of Node's own modules a read-only run loads. Loading node:crypto or the stream layer costs a
// read-only command more than the command itself, and one stray import brings either back: this is
// the guard that says which import did, without timing anything.
import { spawnSync } from "node:child_process";
import { openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "acorn";
import { fullAncestor } from "acorn-walk";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, tempDir } from "../helpers/bin.js";

/** Node's modules loaded by the end of `k8s-quiz ...args`, stdout a pipe as in a script. */
function loadedModules(
  args: string[],
  dir = tempDir(),
  stdio: "pipe" | "devnull" = "pipe",
  envFor: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv = (env) => ({ ...env, K8S_QUIZ_CONFIG_DIR: dir }),
): string[] {
  const out = join(dir, "modules.txt");
  const preload = join(dir, "record.cjs");
  writeFileSync(
    preload,
    `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(out)}, process.moduleLoadList.join("\\n")));\n`,
  );
  const env = envFor({ ...process.env });
  delete env.NODE_OPTIONS;
  const r = spawnSync(process.execPath, ["-r", preload, BIN, ...args], {
    cwd: ROOT,
    env,
    input: "",
    encoding: "utf8",
    // A script's `2>/dev/null`: a character device that is no terminal.
    ...(stdio === "devnull" ? { stdio: ["pipe", "pipe", openSync("/dev/null", "w")] } : {}),
    timeout: 30_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(out, "utf8").split("\n");
}

const HEAVY = ["NativeModule crypto", "NativeModule stream", "NativeModule net", "NativeModule tty"];

describe("a read-only run loads none of Node's heavy modules", () => {
  for (const args of [["--help"], ["sections"], ["list"], ["show", "501"], ["sections", "--help"]]) {
    it(`k8s-quiz ${args.join(" ")}`, () => {
      const loaded = loadedModules(args);
      expect(loaded.length).toBeGreaterThan(10);
      expect(loaded.filter((m) => HEAVY.includes(m))).toEqual([]);
    });
  }

  it("k8s-quiz sections 2>/dev/null (stderr a device that is no terminal)", () => {
    expect(loadedModules(["sections"], tempDir(), "devnull").filter((m) => HEAVY.includes(m))).toEqual([]);
  });

  it("k8s-quiz daily --reveal, the run that creates its database and the next", () => {
    const dir = tempDir();
    // Creating the database gives it a random id: from SQLite's generator, not node:crypto.
    expect(loadedModules(["daily", "--reveal"], dir).filter((m) => HEAVY.includes(m))).toEqual([]);
    expect(loadedModules(["daily", "--reveal"], dir).filter((m) => HEAVY.includes(m))).toEqual([]);
  });

  it("k8s-quiz sections with only HOME to find its folders: no node:os either", () => {
    // env-paths asked node:os at import; the bundle takes $HOME as os.homedir() would (build.mjs).
    const home = tempDir();
    const env = (e: NodeJS.ProcessEnv) => {
      const out: NodeJS.ProcessEnv = { ...e, HOME: home };
      for (const k of ["K8S_QUIZ_CONFIG_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"])
        delete out[k];
      return out;
    };
    const loaded = loadedModules(["daily", "--reveal"], tempDir(), "pipe", env);
    expect(loaded).not.toContain("NativeModule os");
    expect(readdirSync(join(home, ".config", "k8s-quiz"))).toContain("config.json");
    expect(readdirSync(join(home, ".local", "share", "k8s-quiz"))).toContain("progress.db");
    expect(readdirSync(join(home, ".cache", "k8s-quiz"))).toContain("compile");
  });

  it("the check can fail: a practice session does build the stream layer", () => {
    const loaded = loadedModules([
      "practice",
      "--answers",
      "-",
      "--count",
      "1",
      "--mode",
      "choice",
      "--seed",
      "1",
    ]);
    expect(loaded).toContain("NativeModule stream");
  });
});

/** Top-level statements of the source files under src/ that create a \p{...} pattern at load time. */
function eagerUnicodePatterns(): string[] {
  const src = join(ROOT, "src");
  const files = readdirSync(src, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  return files.flatMap((f) => {
    const statements = readFileSync(join(src, f), "utf8").split(/\n(?=\S)/);
    return statements
      .filter((s) => /^(export )?(const|let|var) /.test(s) && s.includes("\\p{") && !s.includes("once("))
      .map((s) => `src/${f}: ${s.split("\n")[0]}`);
  });
}

describe("no Unicode property pattern is built at load time", () => {
  // V8 builds ICU's sets when a \p{...} pattern is created, so a module-level one costs every run
  // (core/once.ts says how much): they are made on first use.
  it("src/ creates each one on first use", () => {
    expect(eagerUnicodePatterns()).toEqual([]);
  });
});

/**
 * The \p{...} patterns in a built vendor file that are not made on first use: in the prompts'
 * file, the width library's (scripts/build.mjs, lazyWidthPatterns) and our own width function's.
 */
function eagerVendorPatterns(file: string): string[] {
  const source = readFileSync(join(ROOT, "dist", "vendor", file), "utf8");
  const found: string[] = [];
  fullAncestor(parse(source, { ecmaVersion: "latest", sourceType: "script" }), (node, _s, ancestors) => {
    const n = node as { type: string; start: number; end: number; regex?: { pattern: string } };
    const text = source.slice(n.start, n.end);
    const isPattern =
      (n.type === "Literal" && n.regex?.pattern.includes("\\p{")) ||
      (n.type === "NewExpression" && /^new RegExp\(["'`][\s\S]*\\\\p\{/.test(text));
    if (!isPattern) return;
    const parent = ancestors[ancestors.length - 2] as { type: string; operator?: string } | undefined;
    // Made on first use: by a `??=`, or as the body of an arrow (core/once.ts's once(() => /.../u)).
    const onUse =
      (parent?.type === "AssignmentExpression" && parent.operator === "??=") ||
      parent?.type === "ArrowFunctionExpression";
    if (!onUse) found.push(text.slice(0, 60));
  });
  return found;
}

describe("the prompts' file builds no Unicode property pattern when it loads", () => {
  it("dist/vendor/inquirer.cjs makes each on first use", () => {
    expect(eagerVendorPatterns("inquirer.cjs")).toEqual([]);
  });

  it("the check can fail: marked's file makes its patterns as it loads", () => {
    expect(eagerVendorPatterns("marked.cjs").length).toBeGreaterThan(0);
  });
});
