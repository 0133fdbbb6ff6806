import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { openDatabase } from "../../src/io/store/sqlite.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(ROOT, "bin", "k8s-quiz.js");
export const DATA = join(ROOT, "data");
/** The source the bundled bank was made from; the repository keeps its own copy (seed/README.md). */
export const SEED = join(ROOT, "seed", "000_dab13ef73bc943e4.txt");

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** A fresh, empty config directory for one test. */
export function tempDir(prefix = "k8s-quiz-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The bin's environment: this one without colour settings, progress in `configDir`, then `env`. */
function binEnv(opts: { configDir?: string; env?: Record<string, string | undefined> }): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
  };
  env.K8S_QUIZ_CONFIG_DIR = opts.configDir ?? tempDir();
  Object.assign(env, opts.env);
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as NodeJS.ProcessEnv;
}

/**
 * Runs the built binary with no terminal: stdin is a pipe fed `input` (empty by default),
 * progress goes to `configDir`, and colour settings from the caller's environment are cleared.
 */
export function runBin(
  args: string[],
  opts: { configDir?: string; input?: string; env?: Record<string, string | undefined>; cwd?: string } = {},
): RunResult {
  const env = binEnv(opts);
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: opts.input ?? "",
    env,
    cwd: opts.cwd ?? ROOT,
    encoding: "utf8",
    timeout: 30_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

/** A run that has started and is not waited for: the two streams so far, and its end. */
export interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves once the process has exited and its output has been read to the end. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the built binary without waiting for it (spawnSync would run two sessions one after the other):
 * no terminal, progress in `configDir`, NO_COLOR set. stdin is left open for the caller to write to.
 */
export function startBin(args: string[], configDir: string): Running {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, K8S_QUIZ_CONFIG_DIR: configDir, NO_COLOR: "1" },
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    err += d;
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    closed: new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal }))),
  };
}

/** The escape character that starts every colour code and cursor move. */
export const ESC = "\u001b";

/** A line of a stack trace, anywhere in the text. */
export const STACK = /^\s+at /m;

/** Every line of `text`, blank ones included, without the empty one after a final newline. */
export const outputLines = (text: string): string[] => text.replace(/\n$/, "").split("\n");

/** The lines of `text` that are not blank. */
export const lines = (text: string): string[] => text.split("\n").filter((l) => l.trim() !== "");

/** Scripted answers for stdin: each answer on a line of its own. */
export const feed = (answers: readonly string[]): string => answers.map((a) => `${a}\n`).join("");

/**
 * Everything saved in `dir`, in the shape of the old single file: config.json's fields, with the
 * progress (questions, history, streak) read from progress.db straight through node:sqlite.
 * `T` is the shape the test reads (untyped, like JSON.parse, by default).
 */
// biome-ignore lint/suspicious/noExplicitAny: the same as JSON.parse for a caller that names no shape
export function configOf<T = any>(dir: string): T {
  const file = join(dir, "config.json");
  const db = join(dir, "progress.db");
  if (!existsSync(file) && !existsSync(db)) throw new Error(`nothing saved in ${dir}`);
  const config = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  return { ...config, ...progressOf(dir) } as T;
}

/**
 * The progress in `<dir>/progress.db`: questions, the whole review log (as `history`), the streak,
 * and an exam's answers held for review (as `pendingExam`, the shape config.json once kept them in).
 */
export function progressOf(dir: string): {
  // biome-ignore lint/suspicious/noExplicitAny: read like JSON.parse, for a caller that names no shape
  questions: Record<string, any>;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  history: any[];
  // biome-ignore lint/suspicious/noExplicitAny: as above
  streak: any;
  pendingExam?: { startedAt: number; answers: { id: string; text: string; at: number }[] };
} {
  const path = join(dir, "progress.db");
  if (!existsSync(path)) return { questions: {}, history: [], streak: { current: 0, longest: 0 } };
  const db = openDatabase(path, { readOnly: true });
  try {
    const questions: Record<string, Record<string, unknown>> = {};
    for (const r of db.prepare("SELECT * FROM question").all())
      questions[r.id as string] = {
        attempts: r.attempts,
        correct: r.correct,
        lastAnswered: r.last_answered,
        lastResult: r.last_result,
        recent: JSON.parse(r.recent as string),
        ...(r.card ? { card: JSON.parse(r.card as string) } : {}),
      };
    const history = db
      .prepare("SELECT * FROM log ORDER BY at, seq")
      .all()
      .map((r) => ({
        id: r.qid,
        at: r.at,
        score: r.score,
        grade: r.grade,
        mode: r.mode,
        section: r.section,
        topics: JSON.parse(r.topics as string),
        ...(r.scheduled ? { scheduled: true } : {}),
      }));
    const streak = db.prepare("SELECT value FROM meta WHERE key = 'streak'").get();
    const hasHeld = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'pending_exam'").get();
    const held = hasHeld ? db.prepare("SELECT * FROM pending_exam ORDER BY exam, at, qid").all() : [];
    return {
      questions,
      history,
      streak: streak ? JSON.parse(streak.value as string) : { current: 0, longest: 0 },
      ...(held.length
        ? {
            pendingExam: {
              startedAt: Math.min(...held.map((r) => r.exam as number)),
              answers: held.map((r) => ({ id: r.qid as string, text: r.text as string, at: r.at as number })),
            },
          }
        : {}),
    };
  } finally {
    db.close();
  }
}

/** A run that worked: exit 0 and nothing on stderr. Returns stdout. */
export function ok(r: RunResult): string {
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return r.stdout;
}

/** A run that worked, in plain text: exit 0, nothing on stderr, no escape code on stdout. Returns stdout. */
export function okPlain(r: RunResult): string {
  const stdout = ok(r);
  expect(stdout).not.toContain(ESC);
  return stdout;
}

/** A refused run: the exit code, nothing on stdout, one `k8s-quiz: ` line on stderr with no stack. Returns stderr. */
export function fails(r: RunResult, code: number): string {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^k8s-quiz: /);
  expect(outputLines(r.stderr)).toHaveLength(1);
  expect(r.stderr).not.toContain("    at ");
  return r.stderr;
}

/**
 * runBin without blocking this process: for tests that serve the bin something themselves (a
 * deck over HTTP), whose server must keep answering while the bin runs.
 */
export function runBinAsync(
  args: string[],
  opts: { configDir?: string; env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<RunResult> {
  const env = binEnv(opts);
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    }),
  );
}
