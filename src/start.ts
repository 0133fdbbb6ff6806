// What bin/k8s-quiz.js runs, before the CLI bundle is loaded (dist/start.cjs, kept small).

import { fstatSync, readFileSync } from "node:fs";
import { enableCompileCache } from "node:module";
import { join } from "node:path";
import { localDay } from "./core/dates.js";
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
    return readFileSync(hookStampFile(configDirFrom(env)), "utf8").trim() === localDay(now);
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

export function start(): void {
  // fstat rather than process.stdout.isTTY, which would build the stdout stream just to ask.
  const maybeTTY = () => {
    try {
      return fstatSync(1).isCharacterDevice();
    } catch {
      return false;
    }
  };
  if (hookHasNothingToShow(process.argv.slice(2), process.env, maybeTTY, new Date())) return;
  enableCompileCache(compileCacheDir(process.env));
  // Through Node's own loader (a require of the file, not a vm.Script), so the compile cache applies.
  (require("./cli.cjs") as { main(): Promise<never> }).main();
}
