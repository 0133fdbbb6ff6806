import type { Deps } from "../deps.js";
import { deliver } from "../io/deliver.js";
import { toJson } from "../io/output.js";

export interface ProgressExportOptions {
  output?: string;
}

/** The marker that tells a progress file from any other JSON. */
export const PROGRESS_FORMAT = "k8s-quiz-progress";

/** `k8s-quiz progress export`: all progress as one JSON file (or stdout) to carry to another machine. */
export async function progressExportCommand(deps: Deps, opts: ProgressExportOptions): Promise<void> {
  const state = deps.store().read();
  const doc = `${toJson({ format: PROGRESS_FORMAT, exportedAt: deps.now().toISOString(), state })}\n`;
  if (deliver(deps, opts.output, doc) === "stdout") return;
  const n = Object.keys(state.questions).length;
  deps.output().err(`Exported progress on ${n} question${n === 1 ? "" : "s"} to ${opts.output}`);
}
