import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";

/**
 * Reads a file whole, refusing what no deck, plan, index or progress file can be: a FIFO would block
 * the read for good and /dev/zero never ends (it once grew a process to 24 GB; a deck index linked
 * to it crashed Node). Such a path fails as fs would, with the code ENOTREG; one larger than
 * `maxBytes` with EFBIG. The file is opened without blocking and checked through its descriptor,
 * so it cannot be swapped for a FIFO between the check and the read; the read stops at the size
 * the check saw, so a file growing meanwhile cannot make it endless either.
 */
export function readRegularFile(path: string, maxBytes = Number.POSITIVE_INFINITY): Buffer {
  // A folder is let through to openSync's EISDIR, which says "is a directory".
  if (statSync(path).isDirectory()) throw fsError("EISDIR", path);
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw fsError("ENOTREG", path);
    if (st.size > maxBytes) throw fsError("EFBIG", path);
    const buf = Buffer.allocUnsafe(st.size);
    let done = 0;
    while (done < st.size) {
      const n = readSync(fd, buf, done, st.size - done, null);
      if (n === 0) break;
      done += n;
    }
    return done === st.size ? buf : buf.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/** Where a file k8s-quiz cannot use is moved aside at `now`: beside it, never deleted. */
export const asideName = (path: string, now: Date) =>
  `${path}.corrupt-${now.toISOString().replace(/[:.]/g, "-")}`;

/** Whether a path may be streamed from: a regular file or a pipe, never a device (/dev/zero). */
export function checkStreamable(path: string): void {
  const st = statSync(path);
  if (st.isDirectory()) throw fsError("EISDIR", path);
  if (!st.isFile() && !st.isFIFO()) throw fsError("ENOTREG", path);
}

/**
 * A stream's bytes whole, refused as fs refuses a file past `maxBytes` (EFBIG, for `name`) as they
 * come, rather than held whole first: stdin for `progress import -`.
 */
export async function readStream(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
  name: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > maxBytes) throw fsError("EFBIG", name);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

const fsError = (code: string, path: string) =>
  Object.assign(new Error(`${code}: ${path}`), { code, path }) as NodeJS.ErrnoException;

/** An fs error in a few words for a one-line message: "no such file", "is a directory"... */
export function whyNot(e: unknown, missing = "no such file"): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return missing;
  if (code === "EISDIR") return "is a directory";
  if (code === "ENOTREG") return "not a regular file";
  if (code === "EFBIG") return "too large";
  if (code === "ENOSPC") return "no space left on the device (ENOSPC)";
  if (code === "EACCES" || code === "EPERM") return `permission denied (${code})`;
  if (code === "EROFS") return "read-only file system (EROFS)";
  if (code === "EIO") return "input/output error (EIO)";
  return code ?? String(e);
}

/**
 * Text from a file's bytes: UTF-8 (with or without a byte-order mark), or UTF-16 in either byte
 * order when a byte-order mark says so, as Windows editors save "Unicode" text. Undefined for
 * anything else; without a mark, UTF-16 cannot be told from binary, so it is not guessed at.
 */
export function decodeText(buf: Uint8Array): string | undefined {
  const utf16 = utf16Mark(buf);
  if (utf16) {
    try {
      // fatal: a lone surrogate or an odd byte count is a broken file, not text with U+FFFD in it.
      return new TextDecoder(utf16, { fatal: true }).decode(buf.subarray(2));
    } catch {
      return undefined;
    }
  }
  return isUtf8(buf) ? Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString("utf8") : undefined;
}

/** The UTF-16 byte order a byte-order mark at the start of `buf` names, if it has one. */
export function utf16Mark(buf: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (buf[0] === 0xff && buf[1] === 0xfe) return "utf-16le";
  if (buf[0] === 0xfe && buf[1] === 0xff) return "utf-16be";
  return undefined;
}

/**
 * A JSON file's text (config.json, a progress export): UTF-8, or UTF-16 with its byte-order mark,
 * without a UTF-8 one (Windows Notepad writes it, and JSON.parse refuses it). Bytes that are
 * neither go on as UTF-8, for JSON.parse to refuse.
 */
export function jsonText(buf: Buffer): string {
  const text = decodeText(buf) ?? buf.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
