import { writeFileSync } from "node:fs";
import type { Deps } from "../deps.js";
import { UserError } from "../errors.js";

/**
 * Writes a document to `file`, or to stdout when there is none (or it is "-"). A file that cannot be
 * written is one line and exit 1. Says which it was, so the caller can confirm a file on stderr.
 */
export function deliver(
  deps: Pick<Deps, "stdout">,
  file: string | undefined,
  text: string,
): "stdout" | "file" {
  if (!file || file === "-") {
    deps.stdout.write(text);
    return "stdout";
  }
  try {
    writeFileSync(file, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      `cannot write ${file}: ${code === "ENOENT" ? "no such directory" : (code ?? String(e))}`,
    );
  }
  return "file";
}
