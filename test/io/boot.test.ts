import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildIdOf, cachePathFor, type Loader } from "../../src/boot.js";
import { ROOT, tempDir } from "../helpers/bin.js";

// The built loader, as the bin uses it (dist/ is built by `npm test` before vitest starts).
const require = createRequire(import.meta.url);
const boot = require("../../dist/boot.cjs") as {
  createLoader(distDir: string, useCache?: boolean): Loader;
  sealCache(data: Buffer): Buffer;
  openCache(file: Buffer): Buffer | undefined;
};
const DIST = join(ROOT, "dist");

/** A copy of bin/, dist/ and data/ (timestamps kept: the pre-parsed bank checks them). */
function copyOfBuild(): string {
  const dir = tempDir("k8s-quiz-boot-");
  for (const part of ["bin", "dist", "data"]) {
    cpSync(join(ROOT, part), join(dir, part), { recursive: true, preserveTimestamps: true });
  }
  return dir;
}

function runSections(root: string) {
  return spawnSync(process.execPath, [join(root, "bin", "k8s-quiz.js"), "sections"], {
    encoding: "utf8",
    env: { ...process.env, K8S_QUIZ_CONFIG_DIR: tempDir(), NO_COLOR: "1" },
  });
}

describe("build id", () => {
  it("is read from the first line only", () => {
    expect(buildIdOf("// k8s-quiz build 0a1b2c3d4e5f\nrest")).toBe("0a1b2c3d4e5f");
    expect(buildIdOf("x\n// k8s-quiz build 0a1b2c3d4e5f\n")).toBeUndefined();
    expect(buildIdOf("// k8s-quiz build nothex!\n")).toBeUndefined();
  });

  it("names the cache after the file and the build", () => {
    expect(cachePathFor("/d", "/d/vendor/yaml.cjs", "abcdef12")).toBe(
      join("/d", "cache", "yaml.abcdef12.v8"),
    );
  });

  it("is the same in every bundled file of one build, and every one has a cache", () => {
    const files = ["cli.cjs", ...readdirSync(join(DIST, "vendor")).map((f) => join("vendor", f))];
    const ids = new Set(files.map((f) => buildIdOf(readFileSync(join(DIST, f), "utf8"))));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    for (const f of files) {
      const sealed = readFileSync(cachePathFor(DIST, join(DIST, f), id as string));
      expect(boot.openCache(sealed)?.length).toBeGreaterThan(1000);
    }
  });
});

describe("loading with the code cache", () => {
  it("hands V8 the build's cache for the CLI, and V8 takes it", () => {
    const loader = boot.createLoader(DIST);
    const cli = loader.load(join(DIST, "cli.cjs")) as { main: unknown; run: unknown };
    expect(typeof cli.main).toBe("function");
    expect(loader.uses.get(join(DIST, "cli.cjs"))).toBe("used");
  });

  it("loads a vendor file once, with its cache, however often it is asked for", () => {
    const loader = boot.createLoader(DIST);
    const file = join(DIST, "vendor", "yaml.cjs");
    const first = loader.load(file) as { parse(s: string): unknown };
    expect(loader.load(file)).toBe(first);
    expect(first.parse("a: [1, 2]")).toEqual({ a: [1, 2] });
    expect(loader.uses.get(file)).toBe("used");
  });

  it("compiles without caches when asked to (the build makes fresh ones that way)", () => {
    const loader = boot.createLoader(DIST, false);
    loader.load(join(DIST, "vendor", "wrap-ansi.cjs"));
    expect(loader.uses.get(join(DIST, "vendor", "wrap-ansi.cjs"))).toBe("missing");
  });

  // V8 doesn't checksum code caches in release builds: damaged bytecode handed to it crashes
  // the process (this test segfaulted before the CRC-32 check).
  it.each([
    ["damaged in the middle", (b: Buffer) => b.fill(0x5a, 64, 4096), "damaged"],
    [
      "one flipped bit",
      (b: Buffer) => {
        b.writeUInt8((b[b.length >> 1] as number) ^ 1, b.length >> 1);
        return b;
      },
      "damaged",
    ],
    ["empty", (b: Buffer) => b.subarray(0, 0), "damaged"],
  ] as const)("runs the CLI when the cache is %s: it is never offered to V8", (_name, harm, use) => {
    const root = copyOfBuild();
    const dist = join(root, "dist");
    const cli = join(dist, "cli.cjs");
    const cache = cachePathFor(dist, cli, buildIdOf(readFileSync(cli, "utf8")) as string);
    writeFileSync(cache, harm(readFileSync(cache)));

    const loader = boot.createLoader(dist);
    loader.load(cli);
    expect(loader.uses.get(cli)).toBe(use);
    const r = runSections(root);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("networking");
  });

  it("runs the CLI when V8 turns the cache down (truncated, checksum re-sealed)", () => {
    const root = copyOfBuild();
    const dist = join(root, "dist");
    const cli = join(dist, "cli.cjs");
    const cache = cachePathFor(dist, cli, buildIdOf(readFileSync(cli, "utf8")) as string);
    const data = readFileSync(cache).subarray(4);
    writeFileSync(cache, boot.sealCache(data.subarray(0, data.length >> 1)));

    const loader = boot.createLoader(dist);
    loader.load(cli);
    expect(loader.uses.get(cli)).toBe("rejected");
    const r = runSections(root);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("networking");
  });

  it("seals and opens a cache: any changed byte breaks the seal", () => {
    const data = Buffer.from("some bytes V8 made");
    const sealed = boot.sealCache(data);
    expect(boot.openCache(sealed)).toEqual(data);
    for (let i = 0; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad.writeUInt8((bad[i] as number) ^ 0x10, i);
      expect(boot.openCache(bad)).toBeUndefined();
    }
  });

  it("never offers a cache made from another build of the file", () => {
    const root = copyOfBuild();
    const dist = join(root, "dist");
    const cli = join(dist, "cli.cjs");
    const source = readFileSync(cli, "utf8");
    const id = buildIdOf(source) as string;
    // Same length, another build: the old cache must not be handed to V8 for this source.
    writeFileSync(cli, source.replace(id, "f".repeat(id.length)));

    const loader = boot.createLoader(dist);
    loader.load(cli);
    expect(loader.uses.get(cli)).toBe("missing");
    const r = runSections(root);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("networking");
  });

  it("runs the CLI with no cache folder at all", () => {
    const root = copyOfBuild();
    rmSync(join(root, "dist", "cache"), { recursive: true });
    const loader = boot.createLoader(join(root, "dist"));
    loader.load(join(root, "dist", "cli.cjs"));
    expect(loader.uses.get(join(root, "dist", "cli.cjs"))).toBe("missing");
    const r = runSections(root);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Practise: k8s-quiz practice --section networking");
  });
});
