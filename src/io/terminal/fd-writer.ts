import { EventEmitter } from "node:events";
import { fstatSync, writeSync } from "node:fs";
import { builtin } from "../builtin.js";

/**
 * Whether a file descriptor is a terminal, loading node:tty (and with it node:net and the stream
 * layer) only when it may be one: a pipe or a file is told apart by fstat alone.
 */
export function isTerminal(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) return false;
    // Linux's memory devices (major 1: /dev/null, /dev/zero, /dev/full) are never terminals, and a
    // script's 2>/dev/null is common: they are told apart by their device number, without node:tty.
    if (process.platform === "linux" && Math.floor(st.rdev / 256) % 4096 === 1) return false;
  } catch {
    return false;
  }
  return builtin<typeof import("node:tty")>("node:tty").isatty(fd);
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Text up to this many UTF-16 units is encoded into a buffer of three bytes a unit (the most one takes). */
const ROOMY = 1 << 20;

/**
 * The UTF-8 bytes of a chunk. Buffer.from measures the text first and then encodes it: for text
 * with one character outside Latin-1 (the "…" a listing cuts its prompts with), V8 holds it as
 * UTF-16 and the measuring pass cost as much as the encoding (callgrind, 700 KB of `list`).
 * Writing into a buffer big enough for any text skips it; very long text still takes the exact way.
 */
function utf8(chunk: string): Uint8Array {
  if (chunk.length > ROOMY) return Buffer.from(chunk);
  const bytes = Buffer.allocUnsafe(chunk.length * 3);
  return bytes.subarray(0, bytes.write(chunk, "utf8"));
}

/**
 * stdout or stderr when it is a pipe or a file: each write goes straight to the descriptor.
 *
 * Written here because creating process.stdout for a pipe builds a net.Socket, which loads Node's
 * network and stream layers: about a fifth of a bare Node start, on every read-only command whose
 * output goes to a pipe or a file. Node writes to pipes and files synchronously anyway (on POSIX),
 * so this changes no ordering. A descriptor left non-blocking by another process answers EAGAIN when
 * the reader lags; the write waits a moment and goes on, as a blocking write would. Any other error
 * (EPIPE from a closed reader, ENOSPC from a full disk) is emitted once as 'error', as a stream's is,
 * and later writes are dropped.
 */
export class FdWriter extends EventEmitter {
  readonly isTTY = false;
  readonly columns = undefined;
  readonly rows = undefined;
  private failed = false;

  constructor(readonly fd: number) {
    super();
  }

  write(chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean {
    const done = typeof encoding === "function" ? encoding : callback;
    if (!this.failed) {
      try {
        this.writeAll(typeof chunk === "string" ? utf8(chunk) : chunk);
      } catch (e) {
        this.failed = true;
        process.nextTick(() => this.emit("error", e));
      }
    }
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  }

  end(chunk?: string | Uint8Array, callback?: () => void): this {
    if (chunk !== undefined) this.write(chunk);
    if (callback) process.nextTick(callback);
    return this;
  }

  private writeAll(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) {
      try {
        at += writeSync(this.fd, bytes, at, bytes.length - at);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
        Atomics.wait(pause, 0, 0, 2);
      }
    }
  }
}

/** fd 1 or 2 as a stream: process's own for a terminal (prompts, resize events), else an FdWriter. */
export function outputStream(fd: 1 | 2): NodeJS.WriteStream {
  if (isTerminal(fd)) return fd === 1 ? process.stdout : process.stderr;
  return new FdWriter(fd) as unknown as NodeJS.WriteStream;
}
