import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(ROOT, "bin", "k8s-quiz.js");
export const DATA = join(ROOT, "data");
export const SEED = join(ROOT, "..", "shared", "seed", "000_dab13ef73bc943e4.txt");

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** A fresh, empty config directory for one test. */
export function tempDir(prefix = "k8s-quiz-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Runs the built binary with no terminal: stdin is a pipe fed `input` (empty by default),
 * progress goes to `configDir`, and colour settings from the caller's environment are cleared.
 */
export function runBin(
  args: string[],
  opts: { configDir?: string; input?: string; env?: Record<string, string | undefined>; cwd?: string } = {},
): RunResult {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
  };
  env.K8S_QUIZ_CONFIG_DIR = opts.configDir ?? tempDir();
  Object.assign(env, opts.env);
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: opts.input ?? "",
    env: env as NodeJS.ProcessEnv,
    cwd: opts.cwd ?? ROOT,
    encoding: "utf8",
    timeout: 30_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}
