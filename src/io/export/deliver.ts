import { accessSync, constants, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { safeText } from "../../core/text.js";
import type { Deps } from "../../deps.js";
import { UserError } from "../../errors.js";
import { whyNot } from "../files.js";

/**
 * Writes a document to `file`, or to stdout when there is none (or it is "-"). A file that cannot be
 * written is one line and exit 1. Says which it was, so the caller can confirm a file on stderr.
 * Documents quote decks (a report card, an export): they are cleaned with safeText, as a file
 * ends up in a terminal too (`cat report.md`). CSV's own CRLF line ends stay.
 */
export function deliver(
  deps: Pick<Deps, "stdout">,
  file: string | undefined,
  document: string,
): "stdout" | "file" {
  const text = document.includes("\r\n")
    ? document.split("\r\n").map(safeText).join("\r\n")
    : safeText(document);
  if (!file || file === "-") {
    deps.stdout.write(text);
    return "stdout";
  }
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw cannotWrite(file, e);
  }
  return "file";
}

function cannotWrite(file: string, e: unknown): UserError {
  return new UserError(`cannot write ${file}: ${whyNot(e, "no such directory")}`);
}

/**
 * Fails now, the way deliver() would later, when `file` plainly cannot be written: a missing or
 * read-only folder, or a folder in its place. For a document made at the end of a long session.
 */
export function checkDeliverable(file: string | undefined): void {
  if (!file || file === "-") return;
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory())
      throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    accessSync(dirname(resolve(file)), constants.W_OK);
  } catch (e) {
    throw cannotWrite(file, e);
  }
}
