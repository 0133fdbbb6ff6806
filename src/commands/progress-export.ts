import { writeFileSync } from "node:fs";
import type { Deps } from "../deps.js";
import { UserError } from "../errors.js";

export interface ProgressExportOptions {
  output?: string;
}

/** The marker that tells a progress file from any other JSON. */
export const PROGRESS_FORMAT = "k8s-quiz-progress";

/** `k8s-quiz progress export`: all progress as one JSON file (or stdout) to carry to another machine. */
export async function progressExportCommand(deps: Deps, opts: ProgressExportOptions): Promise<void> {
  const state = deps.store().read();
  const doc = `${JSON.stringify({ format: PROGRESS_FORMAT, exportedAt: deps.now().toISOString(), state }, null, 2)}\n`;
  if (!opts.output || opts.output === "-") {
    deps.stdout.write(doc);
    return;
  }
  try {
    writeFileSync(opts.output, doc);
  } catch (e) {
    throw new UserError(`cannot write ${opts.output}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  const n = Object.keys(state.questions).length;
  deps.output().err(`Exported progress on ${n} question${n === 1 ? "" : "s"} to ${opts.output}`);
}
