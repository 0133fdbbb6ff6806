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
