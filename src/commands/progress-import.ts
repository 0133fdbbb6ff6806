import { mergePhrasings } from "../core/phrasings.js";
import {
  checkExtras,
  checkProgress,
  EXPORT_VERSION,
  legacyProgress,
  PROGRESS_FORMAT,
} from "../core/progress-file.js";
import { type Progress, reviveState } from "../core/state.js";
import { mergeFlags } from "../core/undo.js";
import type { Deps } from "../deps.js";
import { UserError } from "../errors.js";
import { jsonText, readRegularFile, readStream, whyNot } from "../io/files.js";

/**
 * 100,000 answers export to about 33 MB, so 100 MB refused what 370,000 answers exported. The cap
 * only stops a file that is no export at all; 500 MB is near the longest string V8 can parse.
 */
const MAX_IMPORT_BYTES = 500 * 1024 * 1024;

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/**
 * `k8s-quiz progress import <file>`: the union of this machine's answers and the file's (the same
 * answer twice counts once), everything else derived again from the merged log. Settings and
 * registered decks stay this machine's.
 */
export async function progressImportCommand(deps: Deps, file: string): Promise<void> {
  const name = file === "-" ? "stdin" : file;
  // "-" is stdin (`progress export` writes to stdout), not from a terminal: nothing would come.
  if (file === "-" && deps.stdin.isTTY)
    throw new UserError("progress import -: stdin is a terminal; pipe an export into it");
  let text: string;
  try {
    // The guarded reader: /dev/zero aborted Node with std::bad_alloc, and a FIFO hung the import.
    text = jsonText(
      file === "-"
        ? await readStream(deps.stdin, MAX_IMPORT_BYTES, name)
        : readRegularFile(file, MAX_IMPORT_BYTES),
    );
  } catch (e) {
    const why =
      (e as NodeJS.ErrnoException).code === "EFBIG"
        ? "larger than 500 MB, the most an import takes"
        : whyNot(e);
    throw new UserError(`${name}: ${why}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UserError(`${name}: not valid JSON`);
  }
  const doc = raw as Record<string, unknown> | null;
  if (typeof doc !== "object" || doc === null || doc.format !== PROGRESS_FORMAT)
    throw new UserError(`${name}: not a k8s-quiz progress export (see k8s-quiz progress export)`);
  let checked: ReturnType<typeof checkProgress>;
  let skipped = 0;
  if (doc.version === undefined && doc.state !== undefined) {
    // Version 1: the whole config state of the time.
    const { state, dropped, newer } = reviveState(doc.state);
    if (newer) throw new UserError(`${name}: written by a newer k8s-quiz; update this one first`);
    const given = (doc.state as { history?: unknown }).history;
    skipped =
      // Phrasings and flags are counted by checkExtras below.
      dropped.filter((d) => !/^(history|phrasings|flagged)/.test(d)).length +
      (Array.isArray(given) ? given.length - state.history.length : 0);
    checked = checkProgress(legacyProgress(state), deps.now());
  } else if (typeof doc.version === "number" && doc.version > EXPORT_VERSION) {
    throw new UserError(`${name}: written by a newer k8s-quiz; update this one first`);
  } else if (doc.version === EXPORT_VERSION && Array.isArray(doc.log)) {
    checked = checkProgress({ log: doc.log, baselines: doc.baselines, streak: doc.streak }, deps.now());
  } else {
    throw new UserError(`${name}: not a k8s-quiz progress export (see k8s-quiz progress export)`);
  }
  // Phrasings and flags: beside the log in version 2, in the whole state in version 1.
  const from = doc.version === undefined ? doc.state : doc;
  const extras = checkExtras(
    typeof from === "object" && from !== null ? (from as Record<string, unknown>) : {},
    deps.now(),
  );
  const store = deps.store();
  const { added, duplicates } = await store.importProgress(checked.set, { required: true });
  // The daily picks are user data beside the progress: both machines' are kept, this one's first.
  const picks =
    (doc.daily as { picks?: unknown } | undefined)?.picks ??
    (doc.state as Progress | undefined)?.daily?.picks;
  const theirs =
    picks && typeof picks === "object" && !Array.isArray(picks)
      ? (Object.fromEntries(
          Object.entries(picks).filter(([d, id]) => /^\d{4}-\d{2}-\d{2}$/.test(d) && typeof id === "string"),
        ) as Record<string, string>)
      : {};
  // Unions, like the answers: what this machine has stays, what only the file has comes in.
  const merge = (s: Progress) => {
    const flags = mergeFlags(s, extras.extras.flagged);
    const phr = mergePhrasings(flags.state, extras.extras.phrasings);
    const newPicks = Object.keys(theirs).some((d) => !(d in s.daily.picks));
    const state = newPicks
      ? { ...phr.state, daily: { ...s.daily, picks: { ...theirs, ...s.daily.picks } } }
      : phr.state;
    return {
      state,
      flags: flags.added,
      phrasings: phr.added,
      changed: newPicks || flags.added + phr.added > 0,
    };
  };
  const planned = merge(store.read());
  if (planned.changed) await store.update((s) => merge(s).state, { required: true });
  const dropped = checked.dropped + skipped + extras.dropped;
  const more = [
    ...(planned.flags ? [plural(planned.flags, "new flag")] : []),
    ...(planned.phrasings ? [plural(planned.phrasings, "new accepted phrasing")] : []),
  ];
  const { answered } = store.totals();
  deps
    .output()
    .out(
      `Imported ${name}: ${plural(added, "new answer")}, ${duplicates} already here` +
        `${more.map((m) => `, ${m}`).join("")}` +
        `${dropped ? `, ${dropped} bad ${dropped === 1 ? "entry" : "entries"} dropped` : ""}; ` +
        `${plural(answered, "answer")} in all now.`,
    );
}
