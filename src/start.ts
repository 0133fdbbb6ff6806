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

/**
 * The commands of dist/cli-read.cjs, the bundle of what only reads (with daily's --reveal and
 * --hook, and `weak --reset`, which keep to their own small writes): the CLI without the sessions
 * and the commands that change progress or decks. Those are a third of the CLI's code, and every
 * run read them, compiled their start-up and checked them against the compile cache; and the
 * functions V8 is told to compile eagerly are now chosen for each bundle by its own sample runs.
 * `sections`, `--help` and `daily --reveal` each count 4.1 to 4.3 million instructions less (of 130).
 * scripts/build.mjs leaves every other command module out of that bundle.
 */
export const READ_COMMANDS = ["sections", "list", "show", "search", "stats", "weak", "daily"] as const;

/** daily's flags that take a value (flags.ts), so a "--reveal" just after one is that value. */
export const DAILY_VALUE_FLAGS = ["-m", "--mode", "--date", "--seed", "--answers", "--fail-under", "--deck"];

/**
 * Which bundle runs this command line. The read bundle only for a line it can run whole: its
 * command as the first word, and daily only as `--reveal` or `--hook`, which never start a session
 * (plain daily asks a question, and offers more practice once the day's is done). Anything else,
 * or anything unusual ("--", or an option other than --no-color before the command), gets the
 * whole CLI, which runs every line: a wrong guess costs speed, never a command.
 */
export function bundleFor(args: readonly string[]): "cli-read.cjs" | "cli.cjs" {
  if (args.includes("--")) return "cli.cjs";
  // The one program-wide flag, which takes no value, may come first.
  let at = 0;
  while (args[at] === "--no-color") at++;
  const [first = "", ...rest] = args.slice(at);
  if (["--version", "-V", "--help", "-h"].includes(first)) return "cli-read.cjs";
  if (first === "daily") {
    const flagAt = (i: number) =>
      (rest[i] === "--reveal" || rest[i] === "--hook") && !DAILY_VALUE_FLAGS.includes(rest[i - 1] ?? "");
    return rest.some((_, i) => flagAt(i)) ? "cli-read.cjs" : "cli.cjs";
  }
  return (READ_COMMANDS as readonly string[]).includes(first) ? "cli-read.cjs" : "cli.cjs";
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
  // Two literal requires, for esbuild to leave both as they are (both are external).
  const cli =
    bundleFor(process.argv.slice(2)) === "cli-read.cjs" ? require("./cli-read.cjs") : require("./cli.cjs");
  (cli as { main(): Promise<never> }).main();
}
