import { linkSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import {
  addToBuckets,
  type BucketSums,
  bucketSums,
  bucketsFromSums,
  CALIBRATION_BUCKETS,
  type CalibrationBucket,
  type CalibrationPoint,
  type CalibrationTrack,
  calibrationReplay,
  calibrationStep,
  compareKeys,
  type PointKey,
  PREDICTION_UNIT,
} from "../../core/calibration.js";
import { cardNotInFuture, FUTURE_SLACK, streakNotInFuture } from "../../core/clock.js";
import { localDay } from "../../core/dates.js";
import { foldProgress, nextStreak, streakFromDays, updateWeakTopics } from "../../core/progress.js";
import type { ProgressSet } from "../../core/progress-file.js";
import { type Baseline, mergeBaselines, replayQuestion } from "../../core/replay.js";
import { type SchedulerParams, scheduleAnswer } from "../../core/schedule.js";
import type { HistoryEntry, Progress, QuestionProgress, StoredCard, WeakTopic } from "../../core/state.js";
import type { Grade, Mode } from "../../core/types.js";
import { asideName } from "../files.js";
import { sweepTemps } from "./atomic-write.js";
import { type Database, openDatabase, SQLITE, sqliteCode } from "./sqlite.js";

/** The database layout's version, kept in PRAGMA user_version. */
export const DB_SCHEMA = 1;

/**
 * An exam's typed answers, held until the learner has reviewed their grades, beside the log they go
 * into: saving the grades and clearing them is one transaction, so a kill can neither lose an
 * answer nor save one twice. Added without a schema bump (an older k8s-quiz ignores the table);
 * a database made before it gets it on the first answer held.
 */
const PENDING_EXAM_DDL = `CREATE TABLE IF NOT EXISTS pending_exam(
  exam REAL NOT NULL, qid TEXT NOT NULL, at REAL NOT NULL, text TEXT NOT NULL, PRIMARY KEY(exam, qid, at)
) WITHOUT ROWID;`;

/**
 * A reviewed exam answer on its way into the log. One that was `held` is saved only while it is
 * still held, and stops being held in the same step: saved once, however many commits try.
 */
export interface ReviewedAnswer {
  answer: NewAnswer;
  held: boolean;
}

/** One held exam answer: the exam (its start, epoch ms), the question, when it was given, the text. */
export interface HeldAnswer {
  exam: number;
  id: string;
  at: number;
  text: string;
}

const DDL = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS log(
  seq INTEGER PRIMARY KEY,
  qid TEXT NOT NULL,
  at REAL NOT NULL,
  score REAL NOT NULL,
  grade TEXT NOT NULL,
  mode TEXT NOT NULL,
  section TEXT NOT NULL,
  topics TEXT NOT NULL,
  scheduled INTEGER NOT NULL,
  streak_before TEXT
);
CREATE INDEX IF NOT EXISTS log_answer ON log(qid, at);
CREATE INDEX IF NOT EXISTS log_at ON log(at, seq);
CREATE TABLE IF NOT EXISTS log_topic(
  topic TEXT NOT NULL, at REAL NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(topic, at, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS question(
  id TEXT PRIMARY KEY,
  attempts INTEGER NOT NULL,
  correct INTEGER NOT NULL,
  last_answered REAL NOT NULL,
  last_result REAL NOT NULL,
  recent TEXT NOT NULL,
  card TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS baseline(id TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID;
${PENDING_EXAM_DDL}
PRAGMA user_version = ${DB_SCHEMA};
`;

/**
 * The calibration chart's replay, kept so that `stats` need not replay 100,000 answers through the
 * scheduler: each question's card under the parameters named in meta `calib_key` (NULL: left out,
 * its card has reviews the log lacks), and one point per review after a card's first. Meta
 * `calib_at` says which log it matches (generation and newest answer); any other log, or other
 * parameters, and it is rebuilt. Made on first use rather than with the database, so a database
 * written by this version stays readable by one that never heard of these tables.
 */
const CALIB_DDL = `
CREATE TABLE IF NOT EXISTS calib_card(qid TEXT PRIMARY KEY, card TEXT, last_at REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS calib_point(predicted REAL NOT NULL, recalled INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS calib_order ON calib_point(predicted, recalled);
`;

/** An answer being saved: what the session knows of it. `cram` leaves the card alone. */
export interface NewAnswer {
  id: string;
  section: string;
  topics: string[];
  score: number;
  grade: Grade;
  mode: Mode;
  cram: boolean;
  at: number;
  day: string;
  /** The card this answer leaves the question's card as (the learner's scheduler); plain FSRS without. */
  schedule?: (prev: StoredCard | undefined) => StoredCard;
}

/** Where the weak-topic summary in config.json stands: which database, which rewrite of it, which answer. */
export interface WeakMark {
  db: string;
  gen: number;
  seq: number;
}

type Row = Record<string, unknown>;

/**
 * Where a read stands: `now`, and the moment after which a date is in the future (a day of slack).
 * Rows are stored as the clock reported them (the log is the truth, and a clock that was wrong the
 * other way must not rewrite real history); each read takes a date past `late` as `now` (issue 19).
 */
interface ReadClock {
  now: number;
  late: number;
}

const clockAt = (now: number): ReadClock => ({ now, late: now + FUTURE_SLACK });
/** Dates as stored: what a replay that writes its result back reads, so that no write depends on the clock. */
const RAW: ReadClock = { now: 0, late: Number.POSITIVE_INFINITY };

const toEntry = (r: Row, c: ReadClock): HistoryEntry => ({
  id: r.qid as string,
  at: (r.at as number) > c.late ? c.now : (r.at as number),
  score: r.score as number,
  grade: r.grade as Grade,
  mode: r.mode as Mode,
  section: r.section as string,
  topics: JSON.parse(r.topics as string) as string[],
  ...(r.scheduled ? { scheduled: true } : {}),
});

const toProgress = (r: Row, c: ReadClock): QuestionProgress => ({
  attempts: r.attempts as number,
  correct: r.correct as number,
  lastAnswered: (r.last_answered as number) > c.late ? c.now : (r.last_answered as number),
  lastResult: r.last_result as number,
  recent: JSON.parse(r.recent as string) as number[],
  ...(r.card ? { card: cardNotInFuture(JSON.parse(r.card as string) as StoredCard, c.now) } : {}),
});

const LOG_COLUMNS = "seq, qid, at, score, grade, mode, section, topics, scheduled";

/**
 * One open progress database: the review log (every answer, the truth), each question's derived
 * counters and card, the baselines older files leave, and the streak. Every change is one
 * transaction; SQLite's own locking (WAL, a busy timeout) keeps concurrent sessions apart.
 */
/** A calib_point row read as `p`, `r` and `id`, as the chart's order key. */
const pointKey = (r: Record<string, unknown>): PointKey => [r.p as number, r.r as number, r.id as number];

export class ProgressDb {
  private cache = new Map<string, ReturnType<Database["prepare"]>>();
  /** `now` is the clock every read holds future dates to (the store's clock, so tests can set it). */
  constructor(
    readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  private clock(): ReadClock {
    return clockAt(this.now());
  }

  private st(sql: string) {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  /** Runs `fn` in one write transaction (taken at once, so a concurrent writer waits its turn). */
  write<T>(fn: () => T): T {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const out = fn();
      this.db.exec("COMMIT");
      return out;
    } catch (e) {
      try {
        this.db.exec("ROLLBACK");
      } catch {}
      throw e;
    }
  }

  meta(key: string): string | undefined {
    return this.st("SELECT value FROM meta WHERE key = ?").get(key)?.value as string | undefined;
  }

  private setMeta(key: string, value: string): void {
    this.st(
      "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run(key, value);
  }

  /** This database's identity, generation (bumped when old answers change) and newest answer. */
  mark(): WeakMark {
    const seq = (this.st("SELECT max(seq) AS s FROM log").get()?.s as number | null) ?? 0;
    return { db: this.meta("id") ?? "", gen: Number(this.meta("gen") ?? 0), seq };
  }

  /**
   * A random (version 4) UUID from SQLite's own generator, which the OS seeds: node:crypto's
   * randomUUID cost a user's first run about 5 ms to load the module, for 16 random bytes.
   */
  private randomUUID(): string {
    const h = String(this.st("SELECT lower(hex(randomblob(16))) AS h").get()?.h);
    const variant = ((Number.parseInt(h.charAt(16), 16) & 3) | 8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** Gives a new database its identity. Part of creating it. */
  initialise(): void {
    this.db.exec(DDL);
    if (!this.meta("id")) this.setMeta("id", this.randomUUID());
  }

  question(id: string): QuestionProgress | undefined {
    const r = this.st(
      "SELECT attempts, correct, last_answered, last_result, recent, card FROM question WHERE id = ?",
    ).get(id);
    return r ? toProgress(r, this.clock()) : undefined;
  }

  questions(): Record<string, QuestionProgress> {
    const out: Record<string, QuestionProgress> = {};
    const c = this.clock();
    for (const r of this.st(
      "SELECT id, attempts, correct, last_answered, last_result, recent, card FROM question",
    ).iterate())
      out[r.id as string] = toProgress(r, c);
    return out;
  }

  hasProgress(): boolean {
    return !!this.st("SELECT 1 AS x FROM question LIMIT 1").get();
  }

  /** Answers and correct ones over every question, without loading them. */
  totals(): { answered: number; correct: number } {
    // Kept up to date with each answer, so stats need not add up 30,000 rows.
    const kept = this.meta("totals");
    return kept ? (JSON.parse(kept) as { answered: number; correct: number }) : this.countTotals();
  }

  private countTotals(): { answered: number; correct: number } {
    const r = this.st(
      "SELECT coalesce(sum(attempts), 0) AS a, coalesce(sum(correct), 0) AS c FROM question",
    ).get();
    return { answered: Number(r?.a ?? 0), correct: Number(r?.c ?? 0) };
  }

  private recountTotals(): void {
    this.setMeta("totals", JSON.stringify(this.countTotals()));
    this.setMeta("reviews", String(this.countReviews()));
  }

  /** The streak, with a last day still to come (a clock that was ahead) counting for nothing. */
  streak(): Progress["streak"] {
    const s = this.meta("streak");
    return s
      ? streakNotInFuture(JSON.parse(s) as Progress["streak"], this.now())
      : { current: 0, longest: 0 };
  }

  /** Every logged answer, oldest first, read one row at a time. */
  *reviewLog(since = Number.NEGATIVE_INFINITY): Generator<HistoryEntry & { seq: number }> {
    const c = this.clock();
    for (const r of this.st(`SELECT ${LOG_COLUMNS} FROM log WHERE at >= ? ORDER BY at, seq`).iterate(since))
      yield { ...toEntry(r, c), seq: r.seq as number };
  }

  /**
   * How many answers fall in each range [bounds[i], bounds[i + 1]), each counted on the log's `at`
   * index in one statement: no row reaches JavaScript. (It used to return counts per quarter hour
   * for JavaScript to sort into days: with 100,000 answers, thousands of rows, and most of stats'
   * time.) An answer dated more than a day ahead reads as now, in the range that holds now.
   */
  answersIn(bounds: readonly number[]): number[] {
    if (bounds.length < 2) return [];
    const c = this.clock();
    const ranges = JSON.stringify(bounds.slice(1).map((end, i) => [bounds[i], end]));
    const counts = this.st(
      `SELECT (SELECT count(*) FROM log WHERE at >= r.value ->> 0 AND at < r.value ->> 1 AND at <= ?2) AS n
       FROM json_each(?1) r ORDER BY r.key`,
    )
      .all(ranges, c.late)
      .map((r) => Number(r.n));
    const ahead = Number(this.st("SELECT count(*) AS n FROM log WHERE at > ?").get(c.late)?.n ?? 0);
    if (ahead) {
      const i = bounds.findIndex((b, k) => k > 0 && c.now < b) - 1;
      if (i >= 0 && (bounds[i] as number) <= c.now) counts[i] = (counts[i] ?? 0) + ahead;
    }
    return counts;
  }

  private baseline(id: string): Baseline | undefined {
    const r = this.st("SELECT data FROM baseline WHERE id = ?").get(id);
    return r ? (JSON.parse(r.data as string) as Baseline) : undefined;
  }

  baselines(): Record<string, Baseline> {
    const out: Record<string, Baseline> = {};
    for (const r of this.st("SELECT id, data FROM baseline").iterate())
      out[r.id as string] = JSON.parse(r.data as string) as Baseline;
    return out;
  }

  private putQuestion(id: string, p: QuestionProgress | undefined): void {
    if (!p) {
      this.st("DELETE FROM question WHERE id = ?").run(id);
      return;
    }
    this.st(
      `INSERT INTO question(id, attempts, correct, last_answered, last_result, recent, card) VALUES(?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET attempts = excluded.attempts, correct = excluded.correct,
       last_answered = excluded.last_answered, last_result = excluded.last_result, recent = excluded.recent,
       card = excluded.card`,
    ).run(
      id,
      p.attempts,
      p.correct,
      p.lastAnswered,
      p.lastResult,
      JSON.stringify(p.recent),
      p.card ? JSON.stringify(p.card) : null,
    );
  }

  /**
   * Inserts a log row; its seq. Never deduplicated here: two sessions may well give the same grade
   * to the same question in the same millisecond, and both answers count.
   */
  private insertLog(e: HistoryEntry, streakBefore?: Progress["streak"]): number {
    const r = this.st(
      `INSERT INTO log(qid, at, score, grade, mode, section, topics, scheduled, streak_before)
       VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      e.id,
      e.at,
      e.score,
      e.grade,
      e.mode,
      e.section,
      JSON.stringify(e.topics),
      e.scheduled ? 1 : 0,
      streakBefore ? JSON.stringify(streakBefore) : null,
    );
    const seq = Number(r.lastInsertRowid);
    for (const t of new Set(e.topics))
      this.st("INSERT OR IGNORE INTO log_topic(topic, at, seq) VALUES(?, ?, ?)").run(t, e.at, seq);
    return seq;
  }

  /**
   * Saves one answer in one transaction: the log row, the question's counters and card (scheduled
   * from the card as it is in the database now, so another session's answer a moment ago counts),
   * and the streak. Returns the row's seq, which `undo` takes.
   */
  recordAnswer(a: NewAnswer, calib?: SchedulerParams): { seq: number; progress: QuestionProgress } {
    return this.write(() => this.insertAnswer(a, calib));
  }

  /**
   * recordAnswer's work, inside a transaction the caller holds. With `calib`, the parameters of
   * the kept calibration replay, that replay moves on too; without, it is left behind (and so
   * replayed at the next `stats`).
   */
  private insertAnswer(a: NewAnswer, calib?: SchedulerParams): { seq: number; progress: QuestionProgress } {
    const prev = this.question(a.id);
    const keepCalibration = calib !== undefined && this.calibrationCurrent(JSON.stringify(calib));
    const card = a.cram
      ? prev?.card
      : (a.schedule?.(prev?.card) ?? scheduleAnswer(prev?.card, a.grade, a.at));
    const streakBefore = this.streak();
    const entry: HistoryEntry = {
      id: a.id,
      at: a.at,
      score: a.score,
      grade: a.grade,
      mode: a.mode,
      section: a.section,
      topics: a.topics,
      ...(a.cram ? {} : { scheduled: true }),
    };
    // Read before the question's row changes: a database without kept totals counts them here.
    const t = this.totals();
    const reviews = this.reviewCount();
    const seq = this.insertLog(entry, streakBefore);
    const progress = foldProgress(prev, a.score, a.at, card);
    this.putQuestion(a.id, progress);
    this.setMeta("streak", JSON.stringify(nextStreak(streakBefore, a.day)));
    this.setMeta(
      "totals",
      JSON.stringify({ answered: t.answered + 1, correct: t.correct + (a.score === 1 ? 1 : 0) }),
    );
    this.setMeta("reviews", String(reviews + (a.cram ? 0 : 1)));
    if (keepCalibration) this.stepCalibration(a, prev, calib);
    return { seq, progress };
  }

  private hasPendingExams(): boolean {
    return !!this.st("SELECT 1 AS x FROM sqlite_schema WHERE type = 'table' AND name = 'pending_exam'").get();
  }

  /** Holds exam answers until their grades are reviewed; one already held (same exam, question, moment) is kept once. */
  holdExamAnswers(answers: readonly HeldAnswer[]): void {
    this.write(() => {
      this.db.exec(PENDING_EXAM_DDL);
      const put = this.st("INSERT OR IGNORE INTO pending_exam(exam, qid, at, text) VALUES(?, ?, ?, ?)");
      for (const a of answers) put.run(a.exam, a.id, a.at, a.text);
    });
  }

  /** The exam answers held and not yet saved, oldest first. */
  heldExamAnswers(): HeldAnswer[] {
    if (!this.hasPendingExams()) return [];
    return this.st("SELECT exam, qid, at, text FROM pending_exam ORDER BY exam, at, qid")
      .all()
      .map((r) => ({
        exam: r.exam as number,
        id: r.qid as string,
        at: r.at as number,
        text: r.text as string,
      }));
  }

  /**
   * Saves reviewed exam answers and lets go of the exams they were held for, in one transaction:
   * after a kill either all of it is in or none of it, and the held answers are still there to
   * review. A held answer no longer held (another exam's review saved it) is skipped. The seqs saved.
   */
  commitExam(exams: readonly number[], answers: readonly ReviewedAnswer[]): number[] {
    return this.write(() => {
      const pending = this.hasPendingExams();
      const take = pending
        ? this.st("DELETE FROM pending_exam WHERE exam = ? AND qid = ? AND at = ?")
        : undefined;
      const stillHeld = (a: NewAnswer) =>
        exams.reduce((n, e) => n + Number(take?.run(e, a.id, a.at).changes ?? 0), 0) > 0;
      const seqs = answers
        .filter((r) => !r.held || stillHeld(r.answer))
        .map((r) => this.insertAnswer(r.answer).seq);
      if (pending) {
        const drop = this.st("DELETE FROM pending_exam WHERE exam = ?");
        for (const e of exams) drop.run(e);
      }
      return seqs;
    });
  }

  /** Which log the kept calibration replay must match: the generation and the newest answer. */
  calibrationStamp(): string {
    const m = this.mark();
    return `${m.gen}:${m.seq}`;
  }

  private calibrationCurrent(key: string): boolean {
    return this.meta("calib_key") === key && this.meta("calib_at") === this.calibrationStamp();
  }

  /** The kept replay moved on by the answer just logged; dropped when it cannot be (an answer dated before its card's last). */
  private stepCalibration(
    a: NewAnswer,
    prev: QuestionProgress | undefined,
    p: SchedulerParams | undefined,
  ): void {
    let sums = this.currentSums();
    if (!a.cram) {
      const row = this.st("SELECT card, last_at FROM calib_card WHERE qid = ?").get(a.id);
      const put = this.st(
        "INSERT INTO calib_card(qid, card, last_at) VALUES(?, ?, ?) ON CONFLICT(qid) DO UPDATE SET card = excluded.card, last_at = excluded.last_at",
      );
      if (!row) {
        // A card with reviews before the log (an old file's) has no replay from its start.
        if ((prev?.card?.reps ?? 0) > 0) put.run(a.id, null, a.at);
        else put.run(a.id, JSON.stringify(calibrationStep(undefined, a, p).track.card), a.at);
      } else if (typeof row.card === "string") {
        if (a.at < (row.last_at as number)) {
          this.setMeta("calib_at", "");
          return;
        }
        const track: CalibrationTrack = {
          card: JSON.parse(row.card) as StoredCard,
          lastAt: row.last_at as number,
        };
        const step = calibrationStep(track, a, p);
        if (step.point) {
          const id = this.st("INSERT INTO calib_point(predicted, recalled) VALUES(?, ?)").run(
            step.point.predicted,
            step.point.recalled,
          ).lastInsertRowid;
          const x: PointKey = [step.point.predicted, step.point.recalled, Number(id)];
          // The sums are a cache of the chart: should moving them on ever fail, they are made again
          // from the points, and the answer is saved all the same.
          try {
            sums = this.addToSums(sums, x);
          } catch {
            sums = this.allSums();
          }
        }
        put.run(a.id, JSON.stringify(step.track.card), a.at);
      }
    }
    const stamp = this.calibrationStamp();
    this.setMeta("calib_at", stamp);
    this.setMeta("calib_sums", JSON.stringify({ at: stamp, ...sums }));
  }

  /** The chart's kept sums (core/calibration.ts BucketSums), when they belong to the kept replay as it stands. */
  private keptSums(): BucketSums | undefined {
    const raw = this.meta("calib_sums");
    if (!raw) return undefined;
    const { at, ...sums } = JSON.parse(raw) as BucketSums & { at?: string };
    return at === this.meta("calib_at") && sums.sums?.length === CALIBRATION_BUCKETS ? sums : undefined;
  }

  /** The kept sums, else (a database from before they were kept) made from the points, once. */
  private currentSums(): BucketSums {
    return this.keptSums() ?? this.allSums();
  }

  /** The sums with point x (already in the table) added: a neighbour or two once every bucket has points. */
  private addToSums(sums: BucketSums, x: PointKey): BucketSums {
    if (sums.n < CALIBRATION_BUCKETS) return this.allSums();
    return addToBuckets(sums, x, {
      before: (k) => this.neighbour(k, "before"),
      after: (k) => this.neighbour(k, "after"),
    });
  }

  /**
   * The sums of every point in (at most) `buckets` buckets, made from scratch by SQLite: a slice of
   * the index a bucket, summed there, in the units core/calibration.ts sums (so the figures are the
   * ones a replay gives). Rows handed to JavaScript one by one cost ten times as much.
   */
  private allSums(buckets = CALIBRATION_BUCKETS): BucketSums {
    const n = Number(this.st("SELECT count(*) AS n FROM calib_point").get()?.n ?? 0);
    const k = Math.min(buckets, n);
    const at = this.st(
      "SELECT predicted AS p, recalled AS r, rowid AS id FROM calib_point ORDER BY predicted, recalled, rowid LIMIT 1 OFFSET ?",
    );
    const slice = this.st(
      `SELECT count(*) AS c, coalesce(sum(CAST(predicted * ${PREDICTION_UNIT}.0 + 0.5 AS INTEGER)), 0) AS u, coalesce(sum(recalled), 0) AS r
       FROM (SELECT predicted, recalled FROM calib_point ORDER BY predicted, recalled, rowid LIMIT ? OFFSET ?)`,
    );
    const bounds: PointKey[] = [];
    const sums: [number, number, number][] = [];
    for (let b = 0; b < k; b++) {
      const from = Math.floor((b * n) / k);
      if (b > 0) {
        bounds.push(pointKey(at.get(from) ?? {}));
      }
      const r = slice.get(Math.floor(((b + 1) * n) / k) - from, from);
      sums.push([Number(r?.c), Number(r?.u), Number(r?.r)]);
    }
    return { n, bounds, sums };
  }

  /** The point just before or after `k` in the chart's order, along the calib_order index. */
  private neighbour(k: PointKey, side: "before" | "after"): PointKey {
    const [op, dir] = side === "before" ? ["<", "DESC"] : [">", ""];
    const r = this.st(
      `SELECT predicted AS p, recalled AS r, rowid AS id FROM calib_point WHERE (predicted, recalled, rowid) ${op} (?, ?, ?)
       ORDER BY predicted ${dir}, recalled ${dir}, rowid ${dir} LIMIT 1`,
    ).get(...k);
    if (!r) throw new Error(`calibration: no point ${side} the ${side === "before" ? "first" : "last"}`);
    return pointKey(r);
  }

  private endPoint(last: boolean): PointKey | undefined {
    const dir = last ? "DESC" : "";
    const r = this.st(
      `SELECT predicted AS p, recalled AS r, rowid AS id FROM calib_point ORDER BY predicted ${dir}, recalled ${dir}, rowid ${dir} LIMIT 1`,
    ).get();
    return r ? pointKey(r) : undefined;
  }

  /**
   * The calibration chart from the kept replay, when it matches this log and these parameters
   * (`key`); undefined when it must be replayed. Each bucket is its slice of the points in the
   * index's order (predicted, then outcome), the same split calibrationBuckets makes: one range of
   * the covering index a bucket, which SQLite walks faster than it numbers rows with a window.
   */
  keptCalibration(key: string, buckets: number): CalibrationBucket[] | undefined {
    if (!this.calibrationCurrent(key)) return undefined;
    const first = this.endPoint(false);
    const last = this.endPoint(true);
    if (!first || !last) return [];
    // Kept as sums by each answer: a few steps along the index, whatever the log's size. Without
    // them (a database from before they were kept, another bucket count) the points are summed here.
    const kept = buckets === CALIBRATION_BUCKETS ? this.keptSums() : undefined;
    const sums = kept && kept.n >= buckets ? kept : this.allSums(buckets);
    return bucketsFromSums(sums, { first, last, before: (k) => this.neighbour(k, "before") });
  }

  /** Keeps a replay made from the log as it was at `stamp`; nothing when the log has moved on since. */
  keepCalibration(
    key: string,
    stamp: string,
    replay: { points: CalibrationPoint[]; tracks: Map<string, CalibrationTrack>; excluded: Set<string> },
  ): void {
    this.write(() => {
      if (this.calibrationStamp() !== stamp) return;
      this.db.exec(CALIB_DDL);
      this.db.exec("DELETE FROM calib_card; DELETE FROM calib_point");
      const card = this.db.prepare("INSERT INTO calib_card(qid, card, last_at) VALUES(?, ?, ?)");
      for (const [id, t] of replay.tracks) card.run(id, JSON.stringify(t.card), t.lastAt);
      for (const id of replay.excluded) card.run(id, null, 0);
      const point = this.db.prepare("INSERT INTO calib_point(predicted, recalled) VALUES(?, ?)");
      const keys: PointKey[] = replay.points.map((pt) => [
        pt.predicted,
        pt.recalled,
        Number(point.run(pt.predicted, pt.recalled).lastInsertRowid),
      ]);
      this.setMeta("calib_key", key);
      this.setMeta("calib_at", stamp);
      this.setMeta(
        "calib_sums",
        JSON.stringify({
          at: stamp,
          ...bucketSums(keys.sort(compareKeys), Math.min(CALIBRATION_BUCKETS, keys.length)),
        }),
      );
    });
  }

  /** Each question's card's review count, in one query. */
  cardReps(): Map<string, number> {
    const out = new Map<string, number>();
    for (const r of this.st(
      "SELECT id, json_extract(card, '$.reps') AS reps FROM question WHERE card IS NOT NULL",
    ).iterate())
      out.set(r.id as string, Number(r.reps ?? 0));
    return out;
  }

  /**
   * The questions whose first scheduled answer came at or after `since`: today's answers by the
   * time index (named: with DISTINCT, SQLite would rather walk all of the question index), each
   * kept only when the question index finds no scheduled answer before.
   */
  introducedSince(since: number): Set<string> {
    const rows = this.st(
      `SELECT DISTINCT l.qid AS qid FROM log l INDEXED BY log_at WHERE l.at >= ?1 AND l.scheduled = 1
       AND NOT EXISTS (SELECT 1 FROM log o WHERE o.qid = l.qid AND o.at < ?1 AND o.scheduled = 1)`,
    ).all(since);
    return new Set(rows.map((r) => r.qid as string));
  }

  /** How many logged answers moved the schedule (not --cram ones): kept with each answer, counted when not. */
  reviewCount(): number {
    const kept = this.meta("reviews");
    return kept !== undefined ? Number(kept) : this.countReviews();
  }

  private countReviews(): number {
    return Number(this.st("SELECT count(*) AS n FROM log WHERE scheduled = 1").get()?.n ?? 0);
  }

  /** The answers to one question, oldest first, dated as stored: undo and import replay them into the question's row. */
  private answersTo(id: string): HistoryEntry[] {
    return this.st(`SELECT ${LOG_COLUMNS} FROM log WHERE qid = ? ORDER BY at, seq`)
      .all(id)
      .map((r) => toEntry(r, RAW));
  }

  /** The streak as stored, for a write that derives a new one. */
  private storedStreak(): Progress["streak"] {
    const s = this.meta("streak");
    return s ? (JSON.parse(s) as Progress["streak"]) : { current: 0, longest: 0 };
  }

  /**
   * Takes one logged answer back out: deletes its row, rebuilds the question by replaying the rest,
   * and, when it was the newest answer, puts the streak back as it was before it. False when no
   * such answer is logged.
   */
  undo(seq: number, calib?: SchedulerParams): { id: string; topics: string[] } | undefined {
    return this.write(() => {
      const r = this.st(`SELECT ${LOG_COLUMNS}, streak_before FROM log WHERE seq = ?`).get(seq);
      if (!r) return undefined;
      const e = toEntry(r, RAW);
      const newest = this.mark().seq === seq;
      // With `calib`, the parameters of a kept calibration replay that matches the log until now,
      // that replay follows the undo; without, it is left behind (and replayed at the next `stats`).
      const before =
        calib && this.calibrationCurrent(JSON.stringify(calib)) ? this.entriesOf(e.id) : undefined;
      this.st("DELETE FROM log WHERE seq = ?").run(seq);
      for (const t of new Set(e.topics))
        this.st("DELETE FROM log_topic WHERE topic = ? AND at = ? AND seq = ?").run(t, r.at, seq);
      this.putQuestion(e.id, replayQuestion(this.baseline(e.id), this.answersTo(e.id)));
      if (newest && typeof r.streak_before === "string") this.setMeta("streak", r.streak_before);
      this.recountTotals();
      this.bumpGeneration();
      if (before && calib) this.unstepCalibration(e.id, before, calib);
      return { id: e.id, topics: e.topics };
    });
  }

  /** One question's logged answers, oldest first, dated as the whole log's replay reads them. */
  private entriesOf(id: string): HistoryEntry[] {
    const c = this.clock();
    return this.st(`SELECT ${LOG_COLUMNS} FROM log WHERE qid = ? ORDER BY at, seq`)
      .all(id)
      .map((r) => toEntry(r, c));
  }

  /**
   * The kept calibration replay after an undo took one of question `id`'s answers out. A question's
   * replay depends on its own answers only, so only its part changes: the points its answers gave
   * before (`before`) are taken out, those they give now are put in, and its card is the one they
   * now end on. An undo then costs one question's replay instead of the whole log's at the next
   * `stats` (about 3 s at 100,000 answers). Points are told apart by value only, and the chart is
   * made of values, so any one of equal points may go. A point that is not there (the replay read a
   * future-dated answer at another moment) drops the kept replay, for the next `stats` to make again.
   */
  private unstepCalibration(id: string, before: HistoryEntry[], p: SchedulerParams): void {
    const row = this.st("SELECT card FROM calib_card WHERE qid = ?").get(id);
    // No card: the replay had no scheduled answer of this question, so the undone one was a --cram
    // answer. A NULL card: left out, its card has reviews the log lacks, and the undo takes one from
    // each (or neither). Either way its part of the replay stands.
    if (row && typeof row.card === "string") {
      const was = calibrationReplay(before, p);
      const is = calibrationReplay(this.entriesOf(id), p);
      const take = this.st(
        "DELETE FROM calib_point WHERE rowid = (SELECT rowid FROM calib_point WHERE predicted = ? AND recalled = ? LIMIT 1)",
      );
      for (const pt of was.points)
        if (Number(take.run(pt.predicted, pt.recalled).changes) !== 1) {
          this.setMeta("calib_at", "");
          return;
        }
      const put = this.st("INSERT INTO calib_point(predicted, recalled) VALUES(?, ?)");
      for (const pt of is.points) put.run(pt.predicted, pt.recalled);
      const track = is.tracks.get(id);
      if (track)
        this.st(
          "INSERT INTO calib_card(qid, card, last_at) VALUES(?, ?, ?) ON CONFLICT(qid) DO UPDATE SET card = excluded.card, last_at = excluded.last_at",
        ).run(id, JSON.stringify(track.card), track.lastAt);
      else this.st("DELETE FROM calib_card WHERE qid = ?").run(id);
      const stamp = this.calibrationStamp();
      this.setMeta("calib_at", stamp);
      this.setMeta("calib_sums", JSON.stringify({ at: stamp, ...this.allSums() }));
      return;
    }
    this.setMeta("calib_at", this.calibrationStamp());
  }

  private bumpGeneration(): void {
    this.setMeta("gen", String(Number(this.meta("gen") ?? 0) + 1));
  }

  /**
   * Merges a progress set: the union of answers (the same answer twice is kept once), baselines
   * merged, then every touched question replayed and the streak derived from the merged log's days.
   */
  importSet(set: ProgressSet): { added: number; duplicates: number } {
    // A big import touches most pages more than once: 64 MB of cache instead of SQLite's 2 MB.
    if (set.log.length > 1000) this.db.exec("PRAGMA cache_size = -65536");
    const result = this.write(() => {
      let added = 0;
      const touched = new Set<string>();
      const sorted = [...set.log].sort((a, b) => a.at - b.at);
      // A union of multisets: an answer that is here k times and in the file n times ends up here
      // max(k, n) times, so importing a file twice, or one's own export, adds nothing.
      const here = new Map<string, number>();
      const seen = new Map<string, number>();
      const same = this.st(
        "SELECT count(*) AS n FROM log WHERE qid = ? AND at = ? AND grade = ? AND mode = ? AND score = ?",
      );
      for (const e of sorted) {
        const key = JSON.stringify([e.id, e.at, e.grade, e.mode, e.score]);
        if (!here.has(key)) here.set(key, Number(same.get(e.id, e.at, e.grade, e.mode, e.score)?.n ?? 0));
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        if (n <= (here.get(key) ?? 0)) continue;
        this.insertLog(e);
        added++;
        touched.add(e.id);
      }
      for (const [id, b] of Object.entries(set.baselines)) {
        const ours = this.baseline(id);
        const merged = mergeBaselines(ours, b);
        if (!merged || JSON.stringify(merged) === JSON.stringify(ours)) continue;
        this.st(
          "INSERT INTO baseline(id, data) VALUES(?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data",
        ).run(id, JSON.stringify(merged));
        touched.add(id);
      }
      for (const id of touched) this.putQuestion(id, replayQuestion(this.baseline(id), this.answersTo(id)));
      if (added || set.streak) {
        const days = new Set<string>();
        // A day still to come is no day of a streak: an imported answer dated tomorrow (a machine's
        // clock ahead) once made the streak end tomorrow, so today's answers could not extend it.
        const today = localDay(new Date(this.now()));
        // By the minute: every time zone's offset is whole minutes, so a minute falls in one local day.
        for (const r of this.st("SELECT DISTINCT CAST(at / 60000 AS INTEGER) AS m FROM log").iterate()) {
          const day = localDay(new Date((r.m as number) * 60000));
          if (day <= today) days.add(day);
        }
        const known = [this.storedStreak(), ...(set.streak ? [set.streak] : [])].map((k) =>
          (k.lastDay ?? "") > today ? { current: 0, longest: k.longest } : k,
        );
        this.setMeta("streak", JSON.stringify(streakFromDays(days, known)));
      }
      if (touched.size) {
        this.recountTotals();
        this.bumpGeneration();
      }
      return { added, duplicates: sorted.length - added };
    });
    // Fold the big write into the database file now, so later readers don't page through the WAL.
    this.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return result;
  }

  /** The last answers (at most `window` a topic) behind each topic, since `since`, oldest first. */
  private recentFor(topics: Iterable<string>, since: number, window: number): HistoryEntry[] {
    const rows = new Map<number, Row>();
    const q = this.st(
      `SELECT l.seq AS seq, l.qid AS qid, l.at AS at, l.score AS score, l.grade AS grade, l.mode AS mode,
       l.section AS section, l.topics AS topics, l.scheduled AS scheduled
       FROM log_topic t JOIN log l ON l.seq = t.seq WHERE t.topic = ? AND t.at >= ?
       ORDER BY t.at DESC, t.seq DESC LIMIT ?`,
    );
    for (const t of topics) for (const r of q.all(t, since, window)) rows.set(r.seq as number, r);
    const c = this.clock();
    return [...rows.values()]
      .map((r) => ({ seq: r.seq as number, e: toEntry(r, c) }))
      .sort((a, b) => a.e.at - b.e.at || a.seq - b.seq)
      .map((x) => x.e);
  }

  /** The topics of the answers logged after `seq`. */
  topicsAfter(seq: number): Set<string> {
    const out = new Set<string>();
    for (const r of this.st("SELECT topics FROM log WHERE seq > ?").iterate(seq))
      for (const t of JSON.parse(r.topics as string) as string[]) out.add(t);
    return out;
  }

  allTopics(): string[] {
    return this.st("SELECT DISTINCT topic FROM log_topic")
      .all()
      .map((r) => r.topic as string);
  }

  /** The weak topics after re-judging `topics` (every topic when undefined) against the log. */
  weakTopics(
    weak: Readonly<Record<string, WeakTopic>>,
    topics: Iterable<string> | undefined,
    threshold: number,
    since = 0,
    window = 10,
  ): Record<string, WeakTopic> {
    const list = [...(topics ?? this.allTopics())];
    return updateWeakTopics(topics ? weak : {}, this.recentFor(list, since, window), list, threshold, since);
  }
}

/** What is at the database's path before anything opens it. */
export type FileKind = "missing" | "regular" | "empty" | "directory" | "special";

export function fileKind(path: string): FileKind {
  try {
    const s = statSync(path);
    if (s.isDirectory()) return "directory";
    if (!s.isFile()) return "special";
    return s.size === 0 ? "empty" : "regular";
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "missing";
    // A dangling symlink, a loop, a folder we may not enter: nothing SQLite should be handed.
    return code === "ENOTDIR" ? "missing" : "special";
  }
}

/**
 * Creates the database whole or not at all: built under a temporary name, then linked into place,
 * so a concurrent first run never sees a half-made file (and two first runs don't both create one).
 */
export function createDatabase(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  sweepTemps(path, "new");
  const tmp = `${path}.new-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    const db = openDatabase(tmp);
    try {
      db.exec("PRAGMA journal_mode = WAL");
      new ProgressDb(db).initialise();
    } finally {
      db.close();
    }
    try {
      linkSync(tmp, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) rmSync(f, { force: true });
  }
}

/** How long a write waits for another connection's lock before it counts as failed. */
let busyTimeout = 15_000;

/** For tests of a database held busy by someone else, which should not each wait 15 s. */
export function setBusyTimeout(ms: number): void {
  busyTimeout = ms;
}

/** The wait a connection is opened with (see setBusyTimeout). */
export const busyTimeoutMs = (): number => busyTimeout;

/** Opens an existing database file for reading or writing, with WAL and a busy timeout. */
export function openExisting(path: string, readOnly: boolean, now?: () => number): ProgressDb {
  const db = openDatabase(path, { readOnly, timeout: busyTimeout });
  // Also as a pragma: the `timeout` option is newer than node:sqlite itself (Node 22.13 lacks it).
  db.exec(`PRAGMA busy_timeout = ${busyTimeout}`);
  // FULL, not NORMAL: in WAL mode NORMAL survives a crash or kill -9 of the process but not a power
  // cut or a kernel panic, which could lose the answers of the last moments. FULL costs one fsync of
  // the WAL per answer, and a save stays within its budget with it.
  if (!readOnly) db.exec("PRAGMA synchronous = FULL");
  return new ProgressDb(db, now);
}

/**
 * A read-only connection and the schema it holds. A WAL database needs its -shm file to be read,
 * and in a folder the user may not write, nobody can create one: SQLite says SQLITE_READONLY and
 * the progress would go unseen. With no WAL beside it (its last writer closed it, so every answer
 * is in the file), the file is then opened as immutable: read without locks or -shm, nothing written.
 */
export function openReader(
  path: string,
  now?: () => number,
): { db: ProgressDb; schema: ReturnType<typeof schemaOf> } {
  const db = openExisting(path, true, now);
  try {
    return { db, schema: schemaOf(db) };
  } catch (e) {
    try {
      db.db.close();
    } catch {}
    if (sqliteCode(e) !== SQLITE.READONLY || walSize(path) > 0) throw e;
    const frozen = new ProgressDb(
      openDatabase(`${pathToFileURL(path).href}?immutable=1`, { readOnly: true }),
      now,
    );
    return { db: frozen, schema: schemaOf(frozen) };
  }
}

function walSize(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/** The schema version of an open database: SQLite reads the header here, so a non-database fails now. */
export function schemaOf(p: ProgressDb): { version: number; ours: boolean } {
  const version = p.db.prepare("PRAGMA user_version").get()?.user_version as number;
  const tables = p.db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
    .all()
    .map((r) => r.name as string);
  return { version, ours: version === 0 ? tables.length === 0 : tables.includes("log") };
}

/** A copy of `from` (or an empty database) that lives in this process only: a session that cannot save. */
export function memoryCopy(from: ProgressDb | undefined, now?: () => number): ProgressDb {
  const mem = new ProgressDb(openDatabase(":memory:"), now);
  mem.initialise();
  if (!from) return mem;
  mem.write(() => {
    const tables = new Set(
      from.db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .all()
        .map((r) => r.name as string),
    );
    for (const table of ["meta", "log", "log_topic", "question", "baseline", "pending_exam"]) {
      if (!tables.has(table)) continue;
      const rows = from.db.prepare(`SELECT * FROM ${table}`).all();
      if (!rows.length) continue;
      const cols = Object.keys(rows[0] as Row);
      const ins = mem.db.prepare(
        `INSERT OR REPLACE INTO ${table}(${cols.join(", ")}) VALUES(${cols.map(() => "?").join(", ")})`,
      );
      for (const r of rows) ins.run(...cols.map((c) => (r as Row)[c]));
    }
    // The kept calibration replay is not copied: the copy replays it when asked.
    mem.db.exec("DELETE FROM meta WHERE key IN ('calib_key', 'calib_at', 'calib_sums')");
  });
  return mem;
}

/** Moves an unusable file out of the way, never deleting it; the name it got, or undefined. */
export function moveAside(path: string, now: Date): string | undefined {
  const aside = asideName(path, now);
  try {
    renameSync(path, aside);
    for (const suffix of ["-wal", "-shm"]) {
      try {
        renameSync(`${path}${suffix}`, `${aside}${suffix}`);
      } catch {}
    }
    return aside;
  } catch {
    return undefined;
  }
}

/** True for a lock another connection holds: the database may be free again in a moment. */
export function isBusy(e: unknown): boolean {
  const code = sqliteCode(e);
  return code === SQLITE.BUSY || code === SQLITE.LOCKED;
}

/** True for an error that means "this cannot be saved here" rather than a bug. */
export function isWriteFailure(e: unknown): boolean {
  const code = sqliteCode(e);
  if (code !== undefined)
    return [
      SQLITE.BUSY,
      SQLITE.LOCKED,
      SQLITE.READONLY,
      SQLITE.IOERR,
      SQLITE.FULL,
      SQLITE.CANTOPEN,
      SQLITE.NOMEM,
      3,
      23,
    ].includes(code);
  const fs = (e as NodeJS.ErrnoException)?.code;
  return [
    "EACCES",
    "EPERM",
    "EROFS",
    "ENOSPC",
    "EDQUOT",
    "ENOTDIR",
    "EEXIST",
    "EISDIR",
    "ELOOP",
    "EIO",
    "ENOTREG",
  ].includes(fs ?? "");
}

/** A short name for why a save failed: SQLITE_FULL, ENOSPC... */
export function failureName(e: unknown): string {
  const code = sqliteCode(e);
  if (code !== undefined) {
    const names: Record<number, string> = {
      3: "SQLITE_PERM",
      5: "SQLITE_BUSY",
      6: "SQLITE_LOCKED",
      7: "SQLITE_NOMEM",
      8: "SQLITE_READONLY",
      10: "SQLITE_IOERR",
      11: "SQLITE_CORRUPT",
      13: "SQLITE_FULL",
      14: "SQLITE_CANTOPEN",
      23: "SQLITE_AUTH",
      26: "SQLITE_NOTADB",
    };
    return names[code] ?? `SQLITE_${code}`;
  }
  return (e as NodeJS.ErrnoException)?.code ?? "error";
}

/** An error from a file that is not a usable database (garbage, a damaged page). */
export function isNotDatabase(e: unknown): boolean {
  const code = sqliteCode(e);
  return code === SQLITE.NOTADB || code === SQLITE.CORRUPT;
}
