// What bin/k8s-quiz.js runs, before the CLI bundle is loaded (dist/start.cjs, kept small).

import { fstatSync, type StatsFs, statfsSync } from "node:fs";
import { enableCompileCache } from "node:module";
import { dirname, join } from "node:path";
import { localDay } from "./core/dates.js";
import { readRegularFile } from "./io/files.js";
import { cacheDirFrom, configDirFrom, hookStampFile } from "./io/paths.js";

/**
 * `daily --hook` runs in every new shell, and every shell but the day's first has nothing to show.
 * It is decided here from one small file, before the CLI bundle is even read. Only the bare form
 * takes this path; any other flag goes through the CLI as usual.
 */
export function hookHasNothingToShow(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stdoutMayBeTTY: () => boolean,
  now: Date,
): boolean {
  if (args.length !== 2 || args[0] !== "daily" || args[1] !== "--hook") return false;
  // Not a terminal (a character device may be one): the hook prints nothing there, whatever the day.
  if (!stdoutMayBeTTY()) return true;
  try {
    // The guarded reader: a FIFO in the stamp's place would hang every new shell.
    return (
      readRegularFile(hookStampFile(configDirFrom(env)), 64)
        .toString("utf8")
        .trim() === localDay(now)
    );
  } catch {
    return false;
  }
}

/**
 * Node's compile cache (V8 code cache on disk) for the CLI bundle and the libraries it loads, under
 * the user's cache folder: never inside the package, so a read-only install works, and Node itself
 * keys it by Node version and file content. NODE_COMPILE_CACHE, when set, is where the user wants
 * it; NODE_DISABLE_COMPILE_CACHE turns it off. It never throws: without it the CLI only starts slower.
 */
export function compileCacheDir(env: NodeJS.ProcessEnv): string {
  return env.NODE_COMPILE_CACHE || join(cacheDirFrom(env), "compile");
}

/** Free space the compile cache leaves alone: the last of a disk is for progress, not for speed. */
export const CACHE_ROOM = 16 * 1024 * 1024;

/**
 * Whether the disk under `dir` (or its nearest existing parent) has CACHE_ROOM free. Node writes the
 * cache (up to a megabyte) when the CLI exits, and on a nearly full disk that write took the last
 * bytes that the next answer's save needed. Without the cache the CLI only starts slower.
 */
export function roomForCache(dir: string, statfs: (path: string) => StatsFs = statfsSync): boolean {
  for (let d = dir; ; d = dirname(d)) {
    try {
      const s = statfs(d);
      return s.bavail * s.bsize >= CACHE_ROOM;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT" || dirname(d) === d) return false;
    }
  }
}

/** The oldest Node this runs on: node:sqlite and module.enableCompileCache came in 22.13. */
export function supportedNode(version: string): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > 22 || (major === 22 && minor >= 13);
}

export function start(): void {
  if (!supportedNode(process.versions.node)) {
    process.stderr.write(
      `k8s-quiz: needs Node.js 22.13 or newer (24 recommended); this is ${process.version}\n`,
    );
    process.exitCode = 1;
    return;
  }
  // fstat rather than process.stdout.isTTY, which would build the stdout stream just to ask.
  const maybeTTY = () => {
    try {
      return fstatSync(1).isCharacterDevice();
    } catch {
      return false;
    }
  };
  if (hookHasNothingToShow(process.argv.slice(2), process.env, maybeTTY, new Date())) return;
  const cache = compileCacheDir(process.env);
  if (roomForCache(cache)) enableCompileCache(cache);
  // Through Node's own loader (a require of the file, not a vm.Script), so the compile cache applies.
  (require("./cli.cjs") as { main(): Promise<never> }).main();
}
