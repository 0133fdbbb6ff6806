import { stripVTControlCharacters } from "node:util";
import { type IPty, spawn } from "@lydell/node-pty";
import { afterEach } from "vitest";
import { BIN, ROOT } from "./bin.js";

export interface PtySession {
  pty: IPty;
  /** Everything the program has written so far, escape codes removed. */
  text(): string;
  /** Waits until the screen so far contains `needle` (after `from` characters, when given). */
  waitFor(needle: string | RegExp, from?: number, ms?: number): Promise<void>;
  write(keys: string): void;
  exit: Promise<{ exitCode: number; signal?: number }>;
}

/** The pause after a choice answer's feedback (`config set pause`, after a miss by default). */
export const PAUSE = "Press any key to go on";

export const KEY = { up: "\u001b[A", down: "\u001b[B", enter: "\r", ctrlC: "\u0003", space: " " };

/**
 * Spawns the built binary in a real pseudo-terminal, as a user's shell would. With `stdoutTo`, a
 * shell runs it with stdout redirected to that file (`k8s-quiz ... > file`), stdin and stderr
 * still the terminal.
 */
export function spawnPty(
  args: string[],
  opts: { configDir: string; cols?: number; rows?: number; env?: Record<string, string>; stdoutTo?: string },
): PtySession {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && k !== "NO_COLOR" && k !== "FORCE_COLOR") env[k] = v;
  Object.assign(env, { K8S_QUIZ_CONFIG_DIR: opts.configDir, TERM: "xterm-256color" }, opts.env);
  const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
  const [file, argv] = opts.stdoutTo
    ? [
        "/bin/sh",
        ["-c", `${[process.execPath, BIN, ...args].map(quote).join(" ")} > ${quote(opts.stdoutTo)}`],
      ]
    : [process.execPath, [BIN, ...args]];
  const pty = spawn(file, argv, { cols: opts.cols ?? 100, rows: opts.rows ?? 40, cwd: ROOT, env });
  let out = "";
  pty.onData((d) => {
    out += d;
  });
  const exit = new Promise<{ exitCode: number; signal?: number }>((resolve) => pty.onExit(resolve));
  const text = () => stripVTControlCharacters(out);
  return {
    pty,
    text,
    write: (keys) => pty.write(keys),
    exit,
    async waitFor(needle, from = 0, ms = 10_000) {
      const end = Date.now() + ms;
      const found = () => {
        const t = text().slice(from);
        return typeof needle === "string" ? t.includes(needle) : needle.test(t);
      };
      while (!found()) {
        if (Date.now() > end)
          throw new Error(`timed out waiting for ${String(needle)}; screen:\n${text().slice(-1500)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

/**
 * Ends a practice session: declines the retry offer if one comes (it follows the summary only when
 * something was missed), then waits for the exit code. Waits for whichever comes first, the offer
 * or the exit, so a slow machine can't make the test miss an offer that is still on its way.
 */
export async function declineRetryAndExit(s: PtySession, from = 0, ms = 10_000): Promise<number> {
  let exited = false;
  void s.exit.then(() => {
    exited = true;
  });
  const end = Date.now() + ms;
  let pressed = -1;
  while (!exited && !/Retry the/.test(s.text().slice(from))) {
    // A missed last answer waits at its feedback first: a pause with nothing after it is waiting.
    const at = s.text().lastIndexOf(PAUSE);
    if (at > pressed && !/Score:|Your answer/.test(s.text().slice(at))) {
      pressed = at;
      s.write(" ");
    }
    if (Date.now() > end)
      throw new Error(`timed out waiting for the retry offer or the exit; screen:\n${s.text().slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  if (!exited) {
    s.write("n");
    s.write(KEY.enter);
  }
  return (await s.exit).exitCode;
}

/**
 * spawnPty for a test file that wants no session outliving its test: call once at the file's top level.
 * A session still running when a test ends (a failed wait) is ended through its own handle.
 */
export function spawnPtyPerTest(): typeof spawnPty {
  // Sessions still running.
  const live = new Set<PtySession>();
  afterEach(() => {
    for (const s of live) s.pty.kill();
    live.clear();
  });
  return (...args) => {
    const s = spawnPty(...args);
    live.add(s);
    void s.exit.then(() => live.delete(s));
    return s;
  };
}

/**
 * Waits for `needle` after an answer, pressing a key at the feedback pause if one comes first: a
 * wrong answer waits there, a right one goes straight on.
 */
export async function goOnTo(s: PtySession, needle: string | RegExp, from = 0, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  const seen = (n: string | RegExp) => {
    const t = s.text().slice(from);
    return typeof n === "string" ? t.includes(n) : n.test(t);
  };
  // The pause waiting now is the last one written with no question after it.
  let pressed = -1;
  while (!seen(needle)) {
    const at = s.text().lastIndexOf(PAUSE);
    if (at >= from && at > pressed && !/Your answer|Score:/.test(s.text().slice(at))) {
      pressed = at;
      s.write(" ");
    }
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${String(needle)}; screen:\n${s.text().slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
