import { join } from "node:path";
import type { CommanderError } from "commander";
import { clampClock } from "./core/clock.js";
import { oneLine, safeText } from "./core/text.js";
import type { Deps } from "./deps.js";
import { EXIT, Interrupted, UserError } from "./errors.js";
import { whyNot } from "./io/files.js";
import { cacheDirFrom, configDirFrom, progressDirFrom } from "./io/paths.js";
import { openStore, type Store } from "./io/store/store.js";
import { isTerminal, outputStream } from "./io/terminal/fd-writer.js";
import { createOutput, wantsColor } from "./io/terminal/output.js";
import { createProgram } from "./program.js";

/** Set once a session asks to hear of interrupts; see trapSignals. */
let listening: AbortController | undefined;

/** The real edges: this process's streams, clock, config and cache folders. */
export function realDeps(
  env: NodeJS.ProcessEnv,
  stdout: NodeJS.WriteStream = outputStream(1),
  stderr: NodeJS.WriteStream = outputStream(2),
): Deps {
  let store: Store | undefined;
  const deps: Deps = {
    env,
    // Read on first use: creating process.stdin builds a stream (for a file, Node's whole fs
    // streams and promises layer), which the commands that never read it shouldn't pay for.
    get stdin() {
      return process.stdin;
    },
    stdout,
    stderr,
    isTTY: !!stdout.isTTY && isTerminal(0),
    stderrTTY: !!stderr.isTTY && isTerminal(0),
    // import.meta.dirname, not a URL: the bundle reads it as __dirname, where parsing the first URL
    // of a run cost every command about 1 ms (Node's URL parser starting up).
    dataDir: join(import.meta.dirname, "../data/"),
    configDir: configDirFrom(env),
    cacheDir: cacheDirFrom(env),
    // Held to a range every date function can handle: a clock in year 10000 crashed `daily`.
    now: () => clampClock(new Date()),
    random: Math.random,
    output: (color) => createOutput(stdout, stderr, wantsColor(!!stdout.isTTY, env, color), env),
    store: () => {
      // Opened on first use, so read-only commands that never touch progress pay nothing for it.
      store ??= openStore(deps.configDir, (line) => deps.output().err(line), deps.now, progressDirFrom(env));
      return store;
    },
    bank: async (extra = [], needs = {}) => {
      const { openBank } = await import("./io/decks/open-bank.js");
      const place = {
        dataDir: deps.dataDir,
        cacheFile: join(import.meta.dirname, "bank.json"),
        cacheDir: deps.cacheDir,
        registered: deps.store().read().decks,
        warn: (line: string) => deps.output().err(line),
        // A clean --deck file is counted on stderr only for a person at a terminal.
        tell: deps.stderrTTY,
      };
      return openBank(place, extra, needs);
    },
    prompter: async (ctx = {}) => {
      // Both the session's interrupts and the caller's own stop (an exam's clock) cancel a prompt.
      const signal = ctx.signal ? AbortSignal.any([deps.interrupts(), ctx.signal]) : deps.interrupts();
      return (await import("./io/terminal/prompter.js")).createPrompter({ ...ctx, signal });
    },
    interrupts: () => {
      // A session wants to hear of SIGINT and SIGTERM (to sum up and save) instead of dying at once.
      // Until one asks, the signals keep their default and end the process at once: a handler in
      // JavaScript only runs between tasks, so it could not stop a long parse of a hostile deck.
      if (!listening) {
        listening = new AbortController();
        trapSignals();
      }
      return listening.signal;
    },
  };
  return deps;
}

/**
 * Signals, once a session listens (until then they keep their default and end the process).
 * During a session the first one stops it (summary, save, 130 or 143); another one a moment later
 * means "now". A repeat within 250 ms is ignored: the atomic-write library re-raises the signal it
 * was sent once it has cleaned up, and that echo must not cut the summary short.
 */
function trapSignals(): void {
  let first = 0;
  for (const name of ["SIGINT", "SIGTERM"] as const) {
    const code = name === "SIGTERM" ? EXIT.terminated : EXIT.interrupted;
    process.on(name, () => {
      if (!listening) process.exit(code);
      if (!listening.signal.aborted) {
        first = Date.now();
        listening.abort(name);
      } else if (Date.now() - first > 250) process.exit(code);
    });
  }
}

/** Runs the CLI and exits with its code. The only place that calls process.exit. */
export async function main(
  argv: string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
): Promise<never> {
  // A reader that stops early (`k8s-quiz list | head`) closes the pipe: for a listing that is no
  // error, and it ends quietly with 0. A full disk (`> /dev/full`) is one line and 1. During a
  // session neither ends the process: the output stops, every answer is still saved, and the
  // session's own exit code (3 under --fail-under) stands.
  let broken: NodeJS.ErrnoException | undefined;
  // Process's own streams for a terminal, a plain writer for a pipe or a file (fd-writer.ts).
  const stdout = outputStream(1);
  const stderr = outputStream(2);
  const tellOutputError = (failed: NodeJS.WriteStream, e: NodeJS.ErrnoException) => {
    // One line on stderr for an output that failed, unless stderr is the one that did.
    if (failed !== stderr) stderr.write(`k8s-quiz: cannot write the output: ${whyNot(e)}\n`);
  };
  for (const stream of [stdout, stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (!listening) {
        if (e.code !== "EPIPE") tellOutputError(stream, e);
        process.exit(e.code === "EPIPE" ? EXIT.ok : EXIT.error);
      }
      broken ??= e;
      silence(stream);
    });
  }
  quietSqliteWarning();
  // No trapSignals() here: signals keep their default until a session listens (see interrupts).
  const deps = realDeps(env, stdout, stderr);
  let code = await run(deps, argv);
  // Exit only once everything written has left: a pipe to a slow reader must not lose the tail.
  await Promise.all([stdout, stderr].map((s) => new Promise((done) => s.write("", done))));
  if (broken && broken.code !== "EPIPE") {
    tellOutputError(stdout, broken);
    if (code === EXIT.ok) code = EXIT.error;
  }
  process.exit(code);
}

/**
 * Node 22 calls node:sqlite experimental in a warning on stderr when it first loads. The user can do
 * nothing about it and it would read as a fault, so that one warning is dropped; every other passes.
 */
function quietSqliteWarning(): void {
  const emit = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === "string" ? warning : warning?.message;
    if (/SQLite is an experimental feature/.test(String(text))) return;
    return (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
}

/** Makes a stream that failed swallow what is still written to it, callbacks and all. */
function silence(stream: NodeJS.WriteStream): void {
  stream.write = ((_chunk: unknown, encoding?: unknown, callback?: unknown) => {
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  }) as typeof stream.write;
}

/** Parses argv and runs the command; maps every outcome to an exit code. */
export async function run(deps: Deps, argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = createProgram(
    deps,
    (c) => {
      code = c;
    },
    argv.slice(2),
  );
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    const err = e as Partial<CommanderError> & Error;
    if (err?.code?.startsWith?.("commander.")) {
      if (
        err.code === "commander.helpDisplayed" ||
        err.code === "commander.version" ||
        err.code === "commander.help"
      ) {
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    if (e instanceof Interrupted) return e.exitCode;
    if (e instanceof UserError) {
      // Messages quote file names and deck text: one line, and nothing that drives the terminal.
      deps.stderr.write(`k8s-quiz: ${oneLine(e.message)}\n`);
      return e.exitCode;
    }
    deps.stderr.write(
      `k8s-quiz: unexpected error; this is a bug, please report it with what follows:\n${safeText(err?.stack ?? String(e))}\n`,
    );
    return EXIT.error;
  }
}
