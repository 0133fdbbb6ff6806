import { constants, copyFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import {
  CALIBRATION_BUCKETS,
  type CalibrationBucket,
  calibrationBuckets,
  calibrationReplay,
} from "../../core/calibration.js";
import { notInFuture } from "../../core/clock.js";
import { legacyProgress, type ProgressSet } from "../../core/progress-file.js";
import type { Baseline } from "../../core/replay.js";
import { type SchedulerParams, schedulerParams } from "../../core/schedule.js";
import type { HistoryEntry, Progress, QuestionProgress, StoredCard, WeakTopic } from "../../core/state.js";
import { UserError } from "../../errors.js";
import { asideName } from "../files.js";
import {
  busyTimeoutMs,
  createDatabase,
  DB_SCHEMA,
  failureName,
  fileKind,
  type HeldAnswer,
  isBusy,
  isNotDatabase,
  isWriteFailure,
  memoryCopy,
  moveAside,
  type NewAnswer,
  openExisting,
  openReader,
  type ProgressDb,
  type ReviewedAnswer,
  schemaOf,
  type WeakMark,
} from "./progress-db.js";
import { PROGRESS_KEYS, readSettings, type SettingsRead, writeSettings } from "./settings.js";

export type { HeldAnswer, NewAnswer, ReviewedAnswer } from "./progress-db.js";

/**
 * Progress and settings. The review log, cards and streak are in SQLite (progress.db); settings,
 * decks, the weak-topic summary and any other user data in config.json. read() gives a Progress whose
 * progress fields (questions, history, streak, weakTopics) load only when touched, so a command that
 * never looks at them never reads them.
 */
export interface Store {
  /** config.json. */
  readonly path: string;
  readonly dbPath: string;
  /** False once a write has failed: the session goes on, unsaved. */
  readonly persistent: boolean;
  read(): Progress;
  /**
   * Applies `fn` to everything but progress (settings, decks, weak topics, daily picks, flagged
   * questions...) and writes config.json. Progress changes go through recordAnswer and its kin.
   * When nothing can be written, a session goes on unsaved after one warning; a command whose whole
   * point is the change passes `required` and fails instead, one line, exit 1.
   */
  update(fn: (s: Progress) => Progress, opts?: { required?: boolean }): Promise<Progress>;
  /** Saves one answer, committed before this returns; `seq` identifies it for undoAnswer. */
  recordAnswer(a: NewAnswer): Promise<{ seq: number; state: Progress }>;
  /** Takes one logged answer back out: the question is rebuilt by replaying the rest. */
  undoAnswer(seq: number): Promise<Progress>;
  /** Holds one exam answer, committed before this returns, until its grade is reviewed. */
  holdExamAnswer(a: HeldAnswer): Promise<void>;
  /** The exam answers held and not saved yet (an older config.json's are moved in first). */
  heldExamAnswers(): Promise<HeldAnswer[]>;
  /**
   * Saves reviewed exam answers and lets go of their exams' held answers, in one transaction; an
   * answer held and no longer held is saved already, and skipped.
   */
  commitExam(exams: readonly number[], answers: readonly ReviewedAnswer[]): Promise<Progress>;
  /** Every answer ever logged, oldest first, one row at a time. */
  reviewLog(since?: number): Iterable<HistoryEntry>;
  hasProgress(): boolean;
  /** Answers and correct ones over every question, counted by the database. */
  totals(): { answered: number; correct: number };
  /** How many logged answers moved the schedule (not --cram ones). */
  reviewCount(): number;
  /** The questions whose first scheduled answer came at or after `since`: one query, not the log. */
  introducedSince(since: number): Set<string>;
  /**
   * Predicted against actual recall over the log, replayed with `p` (core/calibration.ts). Kept
   * in the database and moved on with each answer, so it is replayed whole only after the log or
   * the parameters changed otherwise (an import, an undo, a fit).
   */
  calibration(p: SchedulerParams, buckets?: number): CalibrationBucket[];
  /** How many answers fall in each range [bounds[i], bounds[i + 1]): see ProgressCounts.answersIn. */
  answersIn(bounds: readonly number[]): number[];
  /** Merges answers and baselines in (union, duplicates once), then derives everything. */
  importProgress(
    set: ProgressSet,
    opts?: { required?: boolean },
  ): Promise<{ added: number; duplicates: number }>;
  /** What progress export writes: the log, what it cannot rebuild, the cards and the streak. */
  exportProgress(): {
    log: HistoryEntry[];
    baselines: Record<string, Baseline>;
    cards: Record<string, StoredCard>;
    streak: Progress["streak"];
  };
  /** From now on nothing is written: a --dry-run session works on a copy in memory. */
  dryRun(): void;
  /** Nothing to load ahead any more; kept so a session may ask. */
  warm(): void;
  /**
   * At a session's end: answers kept in memory while another program held the database busy are
   * saved if it is free within the busy timeout; else one warning says how many were not.
   */
  settle(): void;
}

const WINDOW = 10;

export function openStore(
  dir: string,
  warn: (line: string) => void,
  now: () => Date = () => new Date(),
  /** Where progress.db goes: the platform's data folder, or the same folder as config.json. */
  progressDir: string = dir,
): Store {
  const path = join(dir, "config.json");
  const dbPath = join(progressDir, "progress.db");
  const warned = new Set<string>();
  // The clock reads hold future-dated answers and cards to (issue 19).
  const nowMs = () => now().getTime();
  const warnOnce = (key: string, line: string) => {
    if (!warned.has(key)) warn(line);
    warned.add(key);
  };
  let persistent = true;
  /** Set once nothing is written any more: progress in this copy, settings in `memoryConfig`. */
  let memory: ProgressDb | undefined;
  let memoryConfig: SettingsRead | undefined;
  /** Where an unusable config.json goes before the first save replaces it (see SettingsRead.aside). */
  let asideTo: string | undefined;
  /** Why this session went on in memory: what a command whose job was the change then reports. */
  let whyUnsaved: string | undefined;
  /**
   * The answers kept in memory since another program held the database busy, to be saved once it is
   * free (catchUp), with their seqs in memory; undefined when the session is not waiting for that.
   */
  let backlog: { answer: NewAnswer; seq: number }[] | undefined;
  /** Seqs of answers saved by catchUp: their seq in memory, which the session holds, to the saved one. */
  const savedAs = new Map<number, number>();
  /** When a damaged progress.db was found: its aside name, as the warning gave it, is made from it. */
  let dbAsideAt: Date | undefined;
  let reader: ProgressDb | null | undefined;
  let writer: ProgressDb | undefined;
  /** Why the database file cannot be used at all (already said in one warning). */
  let unusable = false;
  let migrated = false;

  /** The fs code config.json could not be read with, once said: the same cause needs no second line. */
  let configProblem: string | undefined;
  const unsaved = (e: unknown, from: ProgressDb | undefined, busy = false) => {
    persistent = false;
    whyUnsaved ??= failureName(e);
    if (!unusable && failureName(e) !== configProblem)
      warnOnce(
        "unsaved",
        busy
          ? `warning: cannot save progress to ${dbPath} (${failureName(e)}: another program holds it); answers are kept and saved as soon as it is free`
          : `warning: cannot save progress to ${dbPath} (${failureName(e)}); this session's progress is not being saved`,
      );
    memory ??= copyOrEmpty(from);
    memoryConfig ??= settings();
    return memory;
  };

  const copyOrEmpty = (from: ProgressDb | undefined) => {
    try {
      return memoryCopy(from, nowMs);
    } catch {
      return memoryCopy(undefined, nowMs);
    }
  };

  const settings = (): SettingsRead => {
    if (memoryConfig) return memoryConfig;
    const r = readSettings(path, warnOnce, now);
    // The name the one warning gave: every later read of the same file proposes another.
    if (r.aside) asideTo ??= r.aside;
    if (r.unreadable) {
      // Never written over: it may hold settings we could not read. Progress is still saved.
      configProblem = r.unreadable;
      memoryConfig = r;
    }
    return r;
  };

  /** The database to read from: the writer once open, else a read-only connection; null when there is none. */
  const source = (): ProgressDb | null => {
    if (memory) return memory;
    if (writer) return writer;
    if (reader !== undefined) return reader;
    reader = null;
    const kind = fileKind(dbPath);
    if (kind === "missing") return null;
    if (kind === "empty") {
      warnOnce("db", `warning: ${dbPath} is empty; no progress is shown`);
      return null;
    }
    if (kind !== "regular") {
      unusable = true;
      warnOnce(
        "db",
        `warning: ${dbPath} is not a regular file (${kind === "directory" ? "a directory" : "a FIFO, device or broken link"}); no progress is shown, and it is not being saved`,
      );
      return null;
    }
    try {
      const { db, schema } = openReader(dbPath, nowMs);
      if (schema.version > DB_SCHEMA) {
        unusable = true;
        warnOnce(
          "db",
          `warning: ${dbPath} was written by a newer k8s-quiz; no progress is shown, and it is not being saved`,
        );
        return null;
      }
      if (!schema.ours) {
        unusable = true;
        warnOnce(
          "db",
          `warning: ${dbPath} is not a k8s-quiz progress database; no progress is shown, and it is not being saved`,
        );
        return null;
      }
      reader = db;
    } catch (e) {
      if (isNotDatabase(e)) {
        // The name the save will move it to, said now: the save's own line is this one, not a second.
        dbAsideAt ??= now();
        warnOnce(
          "db",
          `warning: ${dbPath} cannot be read as a database (${failureName(e)}); no progress is shown, and the next save moves it aside to ${asideName(dbPath, dbAsideAt)}`,
        );
      } else warnOnce("db", `warning: cannot read ${dbPath} (${failureName(e)}); no progress is shown`);
    }
    return reader;
  };

  /** The database to write to, created or repaired as needed; a copy in memory when it cannot be. */
  const writable = (): ProgressDb => {
    if (memory) return memory;
    if (writer) return writer;
    if (unusable) return unsaved(undefined, undefined);
    try {
      let kind = fileKind(dbPath);
      if (kind === "missing") createDatabase(dbPath);
      else if (kind === "empty") warnOnce("db", `warning: ${dbPath} is empty; starting with no progress`);
      if (kind === "regular") {
        // A file SQLite cannot read as a database is moved aside, never deleted.
        try {
          const probe = openExisting(dbPath, true, nowMs);
          schemaOf(probe);
          probe.db.close();
        } catch (e) {
          if (!isNotDatabase(e)) throw e;
          const to = moveAside(dbPath, dbAsideAt ?? now());
          if (!to) throw e;
          // One line either way: said here, or already by the read that found it.
          warnOnce(
            "db",
            `warning: ${dbPath} is not a database (${failureName(e)}); moved it to ${to} and started fresh`,
          );
          createDatabase(dbPath);
          kind = "regular";
        }
      }
      const db = openExisting(dbPath, false, nowMs);
      const schema = schemaOf(db);
      if (schema.version > DB_SCHEMA || !schema.ours) {
        unusable = true;
        warnOnce(
          "db",
          `warning: ${dbPath} is not a database this k8s-quiz can use; progress is not being saved`,
        );
        return unsaved(undefined, undefined);
      }
      if (schema.version < DB_SCHEMA) {
        db.db.exec("PRAGMA journal_mode = WAL");
        db.write(() => db.initialise());
      }
      reader?.db.close();
      reader = undefined;
      writer = db;
      // Closing folds the WAL back into the database file, so the next command opens a tidy one.
      process.once("exit", () => {
        try {
          db.db.close();
        } catch {}
      });
      return db;
    } catch (e) {
      if (!isWriteFailure(e)) throw e;
      const from = source() ?? undefined;
      return unsaved(e, from);
    }
  };

  /**
   * A version-1 config.json still holds progress: import it (a union, so two first runs at once
   * import it once), keep the old file beside as a backup, then rewrite it without progress.
   */
  const migrate = (read: SettingsRead) => {
    if (!read.legacy || migrated) return;
    migrated = true;
    // reviveState has cleaned the old progress fields; they turn into log rows and baselines here.
    const set = legacyProgress(read.state, true);
    const db = writable();
    try {
      db.importSet(set);
      if (memory) return;
      try {
        copyFileSync(path, `${path}.v1-backup`, constants.COPYFILE_EXCL);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      db.write(() => {
        const fresh = readSettings(path, warnOnce, now);
        if (!fresh.legacy) return;
        writeSettings(path, plain(fresh.state, fresh.state.weakTopics), db.mark());
      });
    } catch (e) {
      if (!isWriteFailure(e)) throw e;
      unsaved(e, db).importSet(set);
    }
  };

  const readConfig = (): SettingsRead => {
    const r = settings();
    if (r.legacy && !memoryConfig) {
      migrate(r);
      return settings();
    }
    return r;
  };

  /** The weak topics as the log has them now, from the summary in config.json and the answers after it. */
  const weakOf = (r: SettingsRead, db: ProgressDb | null): Record<string, WeakTopic> => {
    const summary = weakNotInFuture(r.state.weakTopics, nowMs());
    if (!db) return summary;
    const mark = db.mark();
    const m = r.mark;
    const { weakThreshold } = r.state.settings;
    // A reset dated in the future (a clock that was ahead) would hide every answer since.
    const since = r.state.weakResetAt === undefined ? undefined : notInFuture(r.state.weakResetAt, nowMs());
    if (m && m.db === mark.db && m.gen === mark.gen) {
      if (m.seq === mark.seq) return summary;
      return db.weakTopics(summary, db.topicsAfter(m.seq), weakThreshold, since, WINDOW);
    }
    if (!m && !mark.seq) return summary;
    return db.weakTopics({}, undefined, weakThreshold, since, WINDOW);
  };

  const view = (r: SettingsRead): Progress => {
    const s = { ...r.state } as Progress;
    for (const k of [...PROGRESS_KEYS, "weakTopics"]) delete (s as unknown as Record<string, unknown>)[k];
    let questions: Record<string, QuestionProgress> | undefined;
    let history: HistoryEntry[] | undefined;
    let streak: Progress["streak"] | undefined;
    let weak: Record<string, WeakTopic> | undefined;
    // Enumerable, so a copy ({ ...s, settings }) handed to the core still has them; each loads only
    // when read, and a copy carries the same lazy values (update() tells a change by identity).
    Object.defineProperties(s, {
      questions: {
        configurable: true,
        enumerable: true,
        get: () => {
          questions ??= lazyQuestions(source);
          return questions;
        },
      },
      history: {
        configurable: true,
        enumerable: true,
        get: () => {
          history ??= lazyList(() => [...(source()?.reviewLog() ?? [])].map(({ seq: _, ...h }) => h));
          return history;
        },
      },
      streak: {
        configurable: true,
        enumerable: true,
        get: () => {
          streak ??= source()?.streak() ?? { current: 0, longest: 0 };
          return streak;
        },
      },
      weakTopics: {
        configurable: true,
        enumerable: true,
        get: () => {
          weak ??= weakOf(r, source());
          return weak;
        },
      },
    });
    return s;
  };

  const read = (): Progress => view(readConfig());

  /** Config writes wait their turn behind the database's write lock: no lock file of our own. */
  const writeConfig = (
    next: Progress,
    weak: Record<string, WeakTopic>,
    db: ProgressDb,
    required: boolean,
    summaryOnly = false,
  ) => {
    if (memory || memoryConfig) {
      memoryConfig = { state: { ...plain(next, weak) } as Progress, mark: db.mark() };
      return;
    }
    try {
      if (asideTo) {
        // Kept, never written over: whatever it held is still there under the name the warning gave.
        try {
          renameSync(path, asideTo);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
        }
        asideTo = undefined;
      }
      writeSettings(path, plain(next, weak), db.mark());
    } catch (e) {
      if (!isWriteFailure(e)) throw e;
      if (required) throw new UserError(`cannot save to ${path} (${failureName(e)})`);
      // The answer is saved already: only the summary, which the log rebuilds, is behind.
      if (summaryOnly) throw e;
      const mem = unsaved(e, db);
      memoryConfig = { state: { ...plain(next, weak) } as Progress, mark: mem.mark() };
    }
  };

  const update = async (
    fn: (s: Progress) => Progress,
    opts: { required?: boolean } = {},
  ): Promise<Progress> => {
    const required = !!opts.required;
    // It may set the weak topics outright (a reset): worked out again from the summary next time.
    lastWeak = undefined;
    const base = readConfig();
    if (base.unreadable) {
      if (required) throw new UserError(`cannot save to ${path} (${base.unreadable})`);
      persistent = false;
    }
    // A change kept in memory would be lost by catching up with the database: save what waits now, or
    // stop waiting and say so.
    stopWaiting();
    const db = writable();
    // The database is what failed (newer, damaged, a directory, read-only): named, not config.json.
    if (memory && required)
      throw new UserError(`cannot save to ${path}: ${dbPath} cannot be written (${whyUnsaved ?? "unknown"})`);
    const apply = () => {
      const fresh = settings();
      const input = view(fresh);
      const out = fn(input);
      for (const k of PROGRESS_KEYS)
        if (Object.prototype.propertyIsEnumerable.call(out, k) && out[k] !== input[k])
          throw new Error(
            `store.update cannot change ${k}: progress goes through recordAnswer or importProgress`,
          );
      const next = { ...fresh.state } as unknown as Record<string, unknown>;
      for (const k of Object.keys(input)) if (!(k in out)) delete next[k];
      Object.assign(next, out);
      const weak = Object.prototype.propertyIsEnumerable.call(out, "weakTopics")
        ? out.weakTopics
        : weakOf(fresh, db);
      writeConfig(next as unknown as Progress, weak, db, required);
    };
    try {
      if (memory) apply();
      else db.write(apply);
    } catch (e) {
      if (e instanceof UserError || !isWriteFailure(e)) throw e;
      if (required) throw new UserError(`cannot save to ${path} (${failureName(e)})`);
      unsaved(e, db);
      apply();
    }
    const after = read();
    keepChartFor(schedulerParams(base.state), after);
    return after;
  };

  /**
   * The weak topics this session last worked out, and the log they stand at: the next answer then
   * re-judges only its own topics, instead of every topic answered since config.json's summary
   * (which may lag by up to 200 answers, each a query of its topic's last answers).
   */
  let lastWeak:
    | (WeakMark & { weak: Record<string, WeakTopic>; threshold: number; since: number | undefined })
    | undefined;

  /** After an answer (its seq and topics, when it was one): the weak-topic summary, rewritten when it changed (or fell far behind). */
  const refreshWeak = (db: ProgressDb, answered?: { seq: number; topics: string[] }) => {
    const run = () => {
      const fresh = settings();
      const before = fresh.state.weakTopics;
      const now = db.mark();
      const { weakThreshold } = fresh.state.settings;
      const since =
        fresh.state.weakResetAt === undefined ? undefined : notInFuture(fresh.state.weakResetAt, nowMs());
      // Only when this answer is the one next after them, judged by the same rules.
      const follows =
        answered &&
        lastWeak &&
        lastWeak.db === now.db &&
        lastWeak.gen === now.gen &&
        lastWeak.seq === answered.seq - 1 &&
        now.seq === answered.seq &&
        lastWeak.threshold === weakThreshold &&
        lastWeak.since === since;
      const after =
        follows && lastWeak && answered
          ? db.weakTopics(lastWeak.weak, answered.topics, weakThreshold, since, WINDOW)
          : weakOf(fresh, db);
      lastWeak = { ...now, weak: after, threshold: weakThreshold, since };
      const m = fresh.mark;
      // Rewritten when it changed, or when a reader would have to redo much (or all) of it.
      const cheap = m && m.db === now.db && m.gen === now.gen && now.seq - m.seq < 200;
      if (cheap && JSON.stringify(after) === JSON.stringify(before)) return;
      writeConfig(fresh.state, after, db, false, true);
    };
    try {
      if (memory) run();
      else db.write(run);
    } catch (e) {
      if (!isWriteFailure(e)) throw e;
      // The answer itself is saved; the summary is rebuilt from the log when it is next read.
      if (!configProblem)
        warnOnce(
          "weak",
          `warning: cannot update the weak topics in ${path} (${failureName(e)}); they are rebuilt from the log next time`,
        );
    }
  };

  /**
   * Saves the answers kept in memory while another program held the database, once it is free:
   * tried at each answer, without waiting for the lock. Once all are in, the session saves as usual
   * again. A session that changed anything else in memory meanwhile stays there (backlog dropped).
   */
  const catchUp = (wait = false): boolean => {
    if (!backlog || !memory || !writer) return false;
    const db = writer;
    const calib = schedulerParams(readConfig().state);
    try {
      if (!wait) db.db.exec("PRAGMA busy_timeout = 0");
      while (backlog.length) {
        const kept = backlog[0] as { answer: NewAnswer; seq: number };
        savedAs.set(kept.seq, db.recordAnswer(kept.answer, calib).seq);
        backlog.shift();
      }
    } catch (e) {
      if (!isWriteFailure(e)) throw e;
      return false;
    } finally {
      try {
        db.db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs()}`);
      } catch {}
    }
    backlog = undefined;
    memory = undefined;
    memoryConfig = undefined;
    persistent = true;
    whyUnsaved = undefined;
    warned.delete("unsaved");
    warn(`k8s-quiz: ${dbPath} is free again: the answers kept meanwhile are saved`);
    refreshWeak(db);
    return true;
  };

  /**
   * Before a change other than an answer while answers wait for a busy database: they are saved now
   * if it is free; else the session stops waiting for it, and one line says they are not saved.
   */
  const stopWaiting = () => {
    if (!backlog || catchUp()) return;
    const n = backlog.length;
    backlog = undefined;
    if (n)
      warn(
        `warning: ${n} answer${n === 1 ? "" : "s"} kept while ${dbPath} was busy cannot be saved now: something else changed meanwhile, and this session goes on unsaved`,
      );
  };

  /** At a session's end: one last wait for a database held busy, and one line for what stays unsaved. */
  const settle = () => {
    const n = backlog?.length ?? 0;
    if (!n || catchUp(true)) return;
    warn(
      `warning: ${n} answer${n === 1 ? "" : "s"} of this session could not be saved: ${dbPath} stayed busy (${whyUnsaved ?? "SQLITE_BUSY"})`,
    );
  };

  const recordAnswer = async (a: NewAnswer) => {
    const calib = schedulerParams(readConfig().state);
    let db = writable();
    let seq: number;
    try {
      seq = db.recordAnswer(a, calib).seq;
      // A seq the database hands out again (after an undo of its newest row) is this answer's own.
      if (db !== memory) savedAs.delete(seq);
    } catch (e) {
      if (!isWriteFailure(e)) throw e;
      // Rolled back: the database is as it was before this answer. It is kept in memory instead;
      // when another program only holds the lock, until the database is free again.
      const busy = isBusy(e) && !memory && db === writer;
      db = unsaved(e, db, busy);
      seq = db.recordAnswer(a).seq;
      if (busy) backlog = [];
    }
    if (backlog && db === memory) {
      backlog.push({ answer: a, seq });
      catchUp();
      if (!memory && writer) db = writer;
    }
    refreshWeak(db, { seq: savedAs.get(seq) ?? seq, topics: a.topics });
    return { seq, state: read() };
  };

  const undoAnswer = async (seq: number) => {
    // The kept calibration replay follows the undo, as it follows each answer (recordAnswer).
    const calib = schedulerParams(readConfig().state);
    if (backlog) {
      // Still waiting for the database: an answer kept in memory is just not saved later. Undoing one
      // the database already has would leave the two apart: save what waits first, or stop waiting.
      const at = backlog.findIndex((b) => b.seq === seq);
      if (at >= 0) backlog.splice(at, 1);
      else stopWaiting();
    }
    let db = writable();
    // The seq the session holds for an answer saved by catchUp is its seq in memory.
    const target = db === memory ? seq : (savedAs.get(seq) ?? seq);
    savedAs.delete(seq);
    try {
      db.undo(target, calib);
    } catch (e) {
      if (!isWriteFailure(e)) throw e;
      db = unsaved(e, db);
      db.undo(target);
    }
    refreshWeak(db);
    return read();
  };

  /** Runs one database change, in memory instead once the file cannot take it. */
  const change = <T>(fn: (db: ProgressDb) => T): { db: ProgressDb; out: T } => {
    readConfig();
    stopWaiting();
    const db = writable();
    try {
      return { db, out: fn(db) };
    } catch (e) {
      if (!isWriteFailure(e)) throw e;
      // Rolled back: the database is as it was. The change is kept in memory instead.
      const mem = unsaved(e, db);
      return { db: mem, out: fn(mem) };
    }
  };

  const holdExamAnswer = async (a: HeldAnswer) => {
    change((db) => db.holdExamAnswers([a]));
  };

  const heldExamAnswers = async (): Promise<HeldAnswer[]> => {
    const legacy = readConfig().state.pendingExam;
    if (legacy) {
      // An exam held in config.json by an older k8s-quiz: into the database (held once, however
      // often this runs), then out of config.json, so the commit that saves it is one transaction.
      const exam = legacy.startedAt;
      change((db) => db.holdExamAnswers(legacy.answers.map((x) => ({ exam, ...x }))));
      await update(({ pendingExam: _, ...rest }) => rest as Progress);
    }
    readConfig();
    return source()?.heldExamAnswers() ?? [];
  };

  const commitExam = async (exams: readonly number[], answers: readonly ReviewedAnswer[]) => {
    const { db } = change((db) => db.commitExam(exams, answers));
    refreshWeak(db);
    return read();
  };

  /**
   * The calibration chart replayed and kept by the command that changed what it depends on (an
   * import, an undo of the log's past, new scheduler parameters from a fit or a setting), rather
   * than by the next `stats`: a replay of 100,000 answers takes about 3 s, which a read-only command
   * must not spend. Only when the parameters or the log changed under the kept replay, and only
   * into a database that is being saved.
   */
  const keepChartFor = (before: SchedulerParams | undefined, state: Progress) => {
    const p = schedulerParams(state);
    if (before && JSON.stringify(before) === JSON.stringify(p)) return;
    if (!persistent || memory) return;
    const db = source();
    // calibration() replays only when the kept chart does not match; when it does, that costs nothing.
    if (db?.hasProgress()) calibration(p);
  };

  const importProgress = async (set: ProgressSet, opts: { required?: boolean } = {}) => {
    readConfig();
    stopWaiting();
    const db = writable();
    if (memory && opts.required)
      throw new UserError(`cannot save to ${dbPath}: it could not be written (${whyUnsaved ?? "unknown"})`);
    let result: { added: number; duplicates: number };
    try {
      result = db.importSet(set);
    } catch (e) {
      if (!isWriteFailure(e)) throw e;
      if (opts.required) throw new UserError(`cannot save to ${dbPath} (${failureName(e)})`);
      result = unsaved(e, db).importSet(set);
    }
    refreshWeak(memory ?? db);
    keepChartFor(undefined, read());
    return result;
  };

  const calibration = (p: SchedulerParams, buckets = CALIBRATION_BUCKETS): CalibrationBucket[] => {
    readConfig();
    const db = source();
    if (!db) return [];
    const key = JSON.stringify(p);
    const kept = db.keptCalibration(key, buckets);
    if (kept) return kept;
    const stamp = db.calibrationStamp();
    const reps = db.cardReps();
    const replay = calibrationReplay([...mapLog(db.reviewLog())], p, (id) => reps.get(id));
    if (persistent && !memory) keepCalibration(key, stamp, replay);
    return calibrationBuckets(replay.points, buckets);
  };

  /**
   * Keeps a replay for the next `stats`, on the writer when one is open, else on a connection of
   * its own that waits for no one: a cache, so a busy, read-only or full database just goes without.
   */
  const keepCalibration = (key: string, stamp: string, replay: ReturnType<typeof calibrationReplay>) => {
    let own: ProgressDb | undefined;
    try {
      if (!writer) {
        own = openExisting(dbPath, false, nowMs);
        own.db.exec("PRAGMA busy_timeout = 0");
      }
      (writer ?? own)?.keepCalibration(key, stamp, replay);
      // Folded into the database file now: this command's reader keeps the connection that would
      // do it on close from doing so, and every later reader would page through a WAL of megabytes.
      own?.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (e) {
      if (!isWriteFailure(e) && !isNotDatabase(e)) throw e;
    } finally {
      try {
        own?.db.close();
      } catch {}
    }
  };

  return {
    path,
    dbPath,
    get persistent() {
      return persistent;
    },
    read,
    update,
    recordAnswer,
    undoAnswer,
    holdExamAnswer,
    heldExamAnswers,
    commitExam,
    reviewLog: (since) => {
      readConfig();
      const db = source();
      return db ? mapLog(db.reviewLog(since)) : [];
    },
    hasProgress: () => {
      readConfig();
      return source()?.hasProgress() ?? false;
    },
    totals: () => {
      readConfig();
      return source()?.totals() ?? { answered: 0, correct: 0 };
    },
    reviewCount: () => {
      readConfig();
      return source()?.reviewCount() ?? 0;
    },
    introducedSince: (since) => {
      readConfig();
      return source()?.introducedSince(since) ?? new Set();
    },
    calibration,
    answersIn: (bounds) => {
      readConfig();
      return source()?.answersIn(bounds) ?? bounds.slice(1).map(() => 0);
    },
    importProgress,
    exportProgress: () => {
      readConfig();
      const db = source();
      const cards: Record<string, StoredCard> = {};
      if (!db) {
        // A database that is there but cannot be read (a full disk, a damaged or newer file) must not
        // export as "0 answers": that file, imported elsewhere, would look like the whole progress.
        const kind = fileKind(dbPath);
        if (kind !== "missing" && kind !== "empty")
          throw new UserError(`cannot read ${dbPath}: nothing exported (the warning above says why)`);
        return { log: [], baselines: {}, cards, streak: { current: 0, longest: 0 } };
      }
      for (const [id, p] of Object.entries(db.questions())) if (p.card) cards[id] = p.card;
      return { log: [...mapLog(db.reviewLog())], baselines: db.baselines(), cards, streak: db.streak() };
    },
    dryRun: () => {
      const r = readConfig();
      memory ??= copyOrEmpty(source() ?? undefined);
      memoryConfig ??= r;
    },
    warm: () => {},
    settle,
  };
}

/** The weak-topic summary with a last answer dated in the future taken as now; the same object when none is. */
function weakNotInFuture(weak: Record<string, WeakTopic>, now: number): Record<string, WeakTopic> {
  if (!Object.values(weak).some((w) => notInFuture(w.lastSeen, now) !== w.lastSeen)) return weak;
  const out: Record<string, WeakTopic> = {};
  for (const [t, w] of Object.entries(weak)) out[t] = { ...w, lastSeen: notInFuture(w.lastSeen, now) };
  return out;
}

function* mapLog(rows: Iterable<HistoryEntry & { seq: number }>): Generator<HistoryEntry> {
  for (const { seq: _, ...h } of rows) yield h;
}

/** The fields config.json keeps: everything but progress, the weak topics given explicitly. */
function plain(state: Progress, weakTopics: Record<string, WeakTopic>): Progress {
  const out = { ...state, weakTopics } as unknown as Record<string, unknown>;
  for (const k of PROGRESS_KEYS) delete out[k];
  return out as unknown as Progress;
}

/** An array that reads its items only when one (or its length) is first asked for. */
function lazyList<T>(load: () => T[]): T[] {
  const target: T[] = [];
  let loaded = false;
  const ensure = () => {
    if (loaded) return;
    loaded = true;
    for (const x of load()) target.push(x);
  };
  return new Proxy(target, {
    get: (t, k, recv) => {
      ensure();
      return Reflect.get(t, k, recv);
    },
    has: (t, k) => {
      ensure();
      return Reflect.has(t, k);
    },
    ownKeys: (t) => {
      ensure();
      return Reflect.ownKeys(t);
    },
    getOwnPropertyDescriptor: (t, k) => {
      ensure();
      return Reflect.getOwnPropertyDescriptor(t, k);
    },
  });
}

/** A questions record that reads each question's row when it is first asked for, and all of them only when listed. */
function lazyQuestions(source: () => ProgressDb | null): Record<string, QuestionProgress> {
  const target: Record<string, QuestionProgress> = {};
  const missing = new Set<string>();
  let all = false;
  const load = (id: string) => {
    if (all || id in target || missing.has(id)) return;
    const p = source()?.question(id);
    if (p) target[id] = p;
    else missing.add(id);
  };
  const loadAll = () => {
    if (all) return;
    Object.assign(target, source()?.questions() ?? {});
    all = true;
  };
  return new Proxy(target, {
    get: (t, k) => {
      if (typeof k === "string") load(k);
      return Reflect.get(t, k);
    },
    has: (t, k) => {
      if (typeof k === "string") load(k);
      return Reflect.has(t, k);
    },
    getOwnPropertyDescriptor: (t, k) => {
      if (typeof k === "string") load(k);
      return Reflect.getOwnPropertyDescriptor(t, k);
    },
    ownKeys: (t) => {
      loadAll();
      return Reflect.ownKeys(t);
    },
  });
}
