import { clampFuture } from "../core/clock.js";
import { mergeStates } from "../core/merge.js";
import { reviveState } from "../core/state.js";
import type { Deps } from "../deps.js";
import { UserError } from "../errors.js";
import { readRegularFile, whyNot } from "../io/files.js";
import { PROGRESS_FORMAT } from "./progress-export.js";

/** An export holds at most HISTORY_LIMIT answers and a card per question: a few MB at most. */
const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** `k8s-quiz progress import <file>`: merges exported progress into this machine's, keeping the newer answers. */
export async function progressImportCommand(deps: Deps, file: string): Promise<void> {
  let text: string;
  try {
    // The guarded reader: /dev/zero aborted Node with std::bad_alloc, and a FIFO hung the import.
    text = readRegularFile(file, MAX_IMPORT_BYTES).toString("utf8");
  } catch (e) {
    throw new UserError(`${file}: ${whyNot(e)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UserError(`${file}: not valid JSON`);
  }
  const doc = raw as { format?: unknown; state?: unknown };
  if (doc?.format !== PROGRESS_FORMAT)
    throw new UserError(`${file}: not a k8s-quiz progress export (see k8s-quiz progress export)`);
  const { state: revived, dropped, newer } = reviveState(doc.state);
  if (newer) throw new UserError(`${file}: written by a newer k8s-quiz; update this one first`);
  // An export made under a wrong clock must not win every merge as "newer" for years.
  const incoming = clampFuture(revived, deps.now().getTime());
  const out = deps.output();
  if (dropped.length) out.err(`warning: ${file}: ignored invalid fields: ${dropped.join(", ")}`);
  const before = deps.store().read();
  const merged = await deps.store().update((s) => mergeStates(s, incoming), { required: true });
  const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
  const fresh = Math.max(0, merged.history.length - before.history.length);
  out.out(
    `Imported ${file}: ${n(Object.keys(incoming.questions).length, "question")}, ${n(fresh, "new answer")}; ` +
      `${n(Object.keys(merged.questions).length, "question")} with progress now.`,
  );
}
