import { readFileSync } from "node:fs";
import { mergeStates } from "../core/merge.js";
import { reviveState } from "../core/state.js";
import type { Deps } from "../deps.js";
import { UserError } from "../errors.js";
import { PROGRESS_FORMAT } from "./progress-export.js";

/** `k8s-quiz progress import <file>`: merges exported progress into this machine's, keeping the newer answers. */
export async function progressImportCommand(deps: Deps, file: string): Promise<void> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: ${code === "ENOENT" ? "no such file" : code ? code : "not valid JSON"}`);
  }
  const doc = raw as { format?: unknown; state?: unknown };
  if (doc?.format !== PROGRESS_FORMAT)
    throw new UserError(`${file}: not a k8s-quiz progress export (see k8s-quiz progress export)`);
  const { state: incoming, dropped, newer } = reviveState(doc.state);
  if (newer) throw new UserError(`${file}: written by a newer k8s-quiz; update this one first`);
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
