// Start-up: loads dist/cli.cjs, and later the vendor files it asks for, with V8 code caches made
// at build time (scripts/code-cache.mjs). Compiling the 170 KB CLI bundle is the largest single
// start-up cost after Node's own (~10 ms of ~25); with its cache V8 skips the parse and reuses the
// bytecode. The vendor files gain more: the colour renderer loads in ~35 ms instead of ~80.
//
// Node 20 has no module.enableCompileCache() (that is Node 22), so this compiles the files itself
// with vm.Script and its cachedData option, the documented way to hand V8 a code cache.
//
// What keeps a wrong cache away from V8:
// - Another build: the build writes a random id into the first line of every file it bundles, and
//   a cache is named after the id of the source it was made from.
// - Another Node, V8 or set of V8 flags, or a truncated file: V8 checks those itself and turns the
//   cache down (script.cachedDataRejected); the file then compiles as usual.
// - A damaged file: V8 (release builds) does not checksum a code cache, and damaged bytecode can
//   crash the process. So each cache starts with the CRC-32 of the rest, checked before use, as
//   Node 22's own compile cache does. zlib costs ~0.5 ms here; the cache saves ~8.
// Nothing here writes files at run time.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";
import * as zlib from "node:zlib";

/**
 * How one file was compiled: with its cache, without one (none for this build), with one that
 * failed its checksum (not offered to V8), or with one V8 turned down.
 */
export type CacheUse = "used" | "missing" | "damaged" | "rejected";

/** One compiled file: its script (the build makes caches from it) and its source's build id. */
export interface Compiled {
  script: Script;
  id: string | undefined;
}

export interface Loader {
  /** Loads a bundled file (once) and returns its exports. */
  load(file: string): unknown;
  /** What happened to each loaded file's cache, by absolute path. */
  readonly uses: Map<string, CacheUse>;
  /** The compiled files, by absolute path. */
  readonly compiled: Map<string, Compiled>;
}

/** The build id in a bundled file's first line, `// k8s-quiz build <id>`. */
export function buildIdOf(source: string): string | undefined {
  return /^\/\/ k8s-quiz build ([0-9a-f]{8,})\n/.exec(source)?.[1];
}

/** Where the cache for `file` of build `id` lives: dist/cache/<name>.<id>.v8. */
export function cachePathFor(distDir: string, file: string, id: string): string {
  return join(distDir, "cache", `${basename(file, ".cjs")}.${id}.v8`);
}

/** A cache file's bytes: the CRC-32 of V8's data (4 bytes, little-endian), then the data. */
export function sealCache(data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32LE(zlib.crc32(data));
  return Buffer.concat([head, data]);
}

/** V8's data from a cache file's bytes, or undefined when the checksum doesn't match. */
export function openCache(file: Buffer): Buffer | undefined {
  // zlib.crc32 came in Node 20.15; without it a cache can't be checked, so it isn't used.
  if (typeof zlib.crc32 !== "function" || file.length <= 4) return undefined;
  const data = file.subarray(4);
  return zlib.crc32(data) === file.readUInt32LE(0) ? data : undefined;
}

/** A CommonJS module's wrapper, as Node's own loader builds it. */
const wrap = (source: string) =>
  `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;

/**
 * A loader for the files in `distDir`. The CLI's `require("./vendor/x.cjs")` calls come back
 * here, so the vendor files get their caches too; every other require is Node's own.
 * `useCache: false` compiles without caches (the build uses it to make fresh ones).
 */
export function createLoader(distDir: string, useCache = true): Loader {
  const exportsOf = new Map<string, unknown>();
  const uses = new Map<string, CacheUse>();
  const compiled = new Map<string, Compiled>();

  const load = (file: string): unknown => {
    if (exportsOf.has(file)) return exportsOf.get(file);
    const source = readFileSync(file, "utf8");
    const id = useCache ? buildIdOf(source) : undefined;
    let sealed: Buffer | undefined;
    if (id) {
      try {
        sealed = readFileSync(cachePathFor(distDir, file, id));
      } catch {
        // No cache for this build (or no cache folder): compile as usual.
      }
    }
    const cachedData = sealed && openCache(sealed);
    const script = new Script(wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
    uses.set(
      file,
      !sealed ? "missing" : !cachedData ? "damaged" : script.cachedDataRejected ? "rejected" : "used",
    );
    compiled.set(file, { script, id: buildIdOf(source) });
    const nodeRequire = createRequire(file);
    const require = Object.assign(
      (request: string) =>
        request.startsWith("./vendor/") ? load(join(dirname(file), request)) : nodeRequire(request),
      nodeRequire,
    );
    const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
    // Stored before running, as Node does, so a require cycle sees the partial exports.
    exportsOf.set(file, module.exports);
    script.runInThisContext()(module.exports, require, module, file, dirname(file));
    module.loaded = true;
    exportsOf.set(file, module.exports);
    return module.exports;
  };

  return { load, uses, compiled };
}

/** The bin's entry: runs the CLI from `distDir`/cli.cjs. */
export function start(distDir: string): void {
  const cli = createLoader(distDir).load(join(distDir, "cli.cjs")) as { main(): Promise<never> };
  void cli.main();
}
