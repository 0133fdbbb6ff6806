import { isUtf8 } from "node:buffer";
import { readFileSync, statSync } from "node:fs";

/**
 * Reads a file whole, refusing what no deck, plan or progress file can be: a FIFO would block the
 * read for good and /dev/zero never ends (it once grew a process to 24 GB). Such a path fails as
 * fs would, with the code ENOTREG; one larger than `maxBytes` with EFBIG.
 */
export function readRegularFile(path: string, maxBytes = Number.POSITIVE_INFINITY): Buffer {
  const st = statSync(path);
  // A folder is let through to readFileSync, whose EISDIR says "is a directory".
  if (!st.isFile() && !st.isDirectory()) throw fsError("ENOTREG", path);
  if (st.size > maxBytes) throw fsError("EFBIG", path);
  return readFileSync(path);
}

const fsError = (code: string, path: string) =>
  Object.assign(new Error(`${code}: ${path}`), { code, path }) as NodeJS.ErrnoException;

/** An fs error in a few words for a one-line message: "no such file", "is a directory"... */
export function whyNot(e: unknown, missing = "no such file"): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return missing;
  if (code === "EISDIR") return "is a directory";
  if (code === "ENOTREG") return "not a regular file";
  return code ?? String(e);
}

/**
 * Text from a file's bytes: UTF-8 (with or without a byte-order mark), or UTF-16 in either byte
 * order when a byte-order mark says so, as Windows editors save "Unicode" text. Undefined for
 * anything else; without a mark, UTF-16 cannot be told from binary, so it is not guessed at.
 */
export function decodeText(buf: Uint8Array): string | undefined {
  const le = buf[0] === 0xff && buf[1] === 0xfe;
  const be = buf[0] === 0xfe && buf[1] === 0xff;
  if (le || be) {
    try {
      // fatal: a lone surrogate or an odd byte count is a broken file, not text with U+FFFD in it.
      return new TextDecoder(le ? "utf-16le" : "utf-16be", { fatal: true }).decode(buf.subarray(2));
    } catch {
      return undefined;
    }
  }
  return isUtf8(buf) ? Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString("utf8") : undefined;
}
