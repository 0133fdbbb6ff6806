import { PROGRESS_FORMAT } from "../../core/progress-file.js";
import { emptyState, type Progress, reviveState } from "../../core/state.js";
import { asideName, jsonText, readRegularFile } from "../files.js";
import { writeFileDurable } from "./atomic-write.js";
import type { WeakMark } from "./progress-db.js";

/** Progress fields that live in the database, not in config.json. */
export const PROGRESS_KEYS = ["questions", "history", "streak"] as const;
/** Where the weak-topic summary stands against the log (see ProgressDb.mark). */
const MARK_KEY = "weakTopicsAsOf";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export interface SettingsRead {
  /** Everything but progress: settings, decks, weak topics, daily picks and any other field. */
  state: Progress;
  /** Progress a version-1 file still holds (questions, history, streak), to move into the database. */
  legacy?: Obj;
  mark?: WeakMark;
  /** An fs code when the file exists but cannot be read: nothing is then written over it. */
  unreadable?: string;
  /**
   * Where the file goes before anything is saved over it, when it holds no config k8s-quiz can use
   * (not JSON, a progress export, a newer version's): moved by the first save, never by a read.
   */
  aside?: string;
}

/**
 * config.json: settings, registered decks, the weak-topic summary and whatever other user data a
 * command keeps there (flagged questions, accepted phrasings) without any schema work: a field this
 * code does not know is carried through every rewrite. Progress itself is in the database.
 */
export function readSettings(
  path: string,
  warn: (key: string, line: string) => void,
  now: () => Date,
): SettingsRead {
  let text: string;
  try {
    text = jsonText(readRegularFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { state: emptyState() };
    const unreadable = code ?? "unreadable";
    // Said, or "No answers yet" would read as if the progress were gone. update() never writes
    // over an unreadable file either, so this one warning covers saving too.
    warn(
      "unreadable",
      `warning: cannot read ${path} (${unreadable}); its settings are not used, and it is not being saved`,
    );
    return { state: emptyState(), unreadable };
  }
  // Read-only commands never move a file: the save that would replace it moves it aside first.
  const aside = (why: string): SettingsRead => {
    const to = asideName(path, now());
    warn(
      "aside",
      `warning: ${path} ${why}; its settings are not used, and a save moves it aside to ${to} first`,
    );
    return { state: emptyState(), aside: to };
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return aside("is not valid JSON");
  }
  if (!isObj(raw)) return aside("is not a k8s-quiz config file");
  // A progress export copied over the config file was once read as empty, then overwritten.
  if (raw.format === PROGRESS_FORMAT)
    return aside(
      "is a progress export, not a config file (bring it in with: k8s-quiz progress import <file>)",
    );
  const { state, dropped, newer } = reviveState(raw);
  if (newer) return aside("was written by a newer k8s-quiz");
  if (dropped.length) warn("dropped", `warning: ${path}: ignored invalid fields: ${dropped.join(", ")}`);
  const known = new Set(Object.keys(state));
  for (const [k, v] of Object.entries(raw))
    if (!known.has(k) && k !== MARK_KEY && !(PROGRESS_KEYS as readonly string[]).includes(k))
      (state as unknown as Obj)[k] = v;
  const out: SettingsRead = { state };
  const hasLegacy =
    (isObj(raw.questions) && Object.keys(raw.questions).length > 0) ||
    (Array.isArray(raw.history) && raw.history.length > 0) ||
    (isObj(raw.streak) && (raw.streak.longest as number) > 0);
  if (hasLegacy) out.legacy = raw;
  const m = raw[MARK_KEY];
  if (isObj(m) && typeof m.db === "string" && typeof m.gen === "number" && typeof m.seq === "number")
    out.mark = { db: m.db, gen: m.gen, seq: m.seq };
  return out;
}

/** Writes config.json durably: every field of `state` but progress, plus where the weak topics stand. */
export function writeSettings(path: string, state: Progress, mark: WeakMark | undefined): void {
  const doc: Obj = {};
  for (const [k, v] of Object.entries(state))
    if (!(PROGRESS_KEYS as readonly string[]).includes(k) && v !== undefined) doc[k] = v;
  if (mark) doc[MARK_KEY] = mark;
  writeFileDurable(path, `${JSON.stringify(doc, null, "\t")}\n`);
}
