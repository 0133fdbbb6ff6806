import { EXPORT_VERSION, PROGRESS_FORMAT } from "../core/progress-file.js";
import type { Deps } from "../deps.js";
import type { FlagsOnly } from "../flags.js";
import { deliver } from "../io/deliver.js";
import { toJson } from "../io/output.js";

/** Its flags, as declared once in src/flags.ts. */
export type ProgressExportOptions = Partial<FlagsOnly<"progressExport">>;

export { PROGRESS_FORMAT } from "../core/progress-file.js";

/**
 * `k8s-quiz progress export`: every answer ever given (the review log), what the log cannot rebuild
 * (answers older than it, from a version-1 file), the cards, the streak, the settings, the accepted
 * phrasings and the flagged questions, as JSON.
 */
export async function progressExportCommand(deps: Deps, opts: ProgressExportOptions): Promise<void> {
  const store = deps.store();
  const { log, baselines, cards, streak } = store.exportProgress();
  const { settings, daily, phrasings, flagged } = store.read();
  const doc = {
    format: PROGRESS_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: deps.now().toISOString(),
    settings,
    daily,
    streak,
    cards,
    baselines,
    log,
    // The learner's own additions, merged on import as a union like the answers.
    phrasings: phrasings ?? [],
    flagged: flagged ?? {},
  };
  const text = `${toJson(doc)}\n`;
  if (deliver(deps, opts.output, text) === "stdout") return;
  const n = log.length;
  deps.output().err(`Exported ${n} answer${n === 1 ? "" : "s"} to ${opts.output}`);
}
