import { CLOCK_MIN } from "./clock.js";
import { startOfDay } from "./dates.js";
import type { Baseline } from "./replay.js";
import {
  cleanCard,
  cleanHistory,
  type HistoryEntry,
  type Phrasing,
  type Progress,
  type StoredCard,
} from "./state.js";

/** The marker that tells a progress export from any other JSON. */
export const PROGRESS_FORMAT = "k8s-quiz-progress";
/** Version 1 carried the whole config state; version 2 the review log and what the log cannot rebuild. */
export const EXPORT_VERSION = 2;

/** Progress to merge in: answers, what is known beyond them, and a streak known without its days. */
export interface ProgressSet {
  log: HistoryEntry[];
  baselines: Record<string, Baseline>;
  streak?: Progress["streak"];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
// No answer predates the clock's own floor (core/clock.ts): an answer dated in 250,000 BC fits a
// Date, but the days between it and another crashed the import's streak with a RangeError.
const EARLIEST = CLOCK_MIN;
const MAX_COUNT = 1e9;
const isCount = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_COUNT;
const isScore = (v: unknown): v is number => typeof v === "number" && v >= 0 && v <= 1;

/** The latest moment an imported date may have: the end of tomorrow, local time. */
export function latestAllowed(now: Date): number {
  return startOfDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 2)) - 1;
}

/**
 * A version-1 state (the old config.json, or an old export) as a progress set: its history goes
 * into the log, and each question's counters and card beyond that history into a baseline, so that
 * replaying gives back exactly the figures the old file showed. A hand-edited file can count fewer
 * answers than its history holds: `exact` keeps the difference (a negative baseline) so the figures
 * still match; otherwise (an import) a baseline never goes below zero.
 */
export function legacyProgress(state: Progress, exact = false): ProgressSet {
  const logged = new Map<string, { n: number; correct: number; last: number }>();
  for (const h of state.history) {
    const c = logged.get(h.id) ?? { n: 0, correct: 0, last: Number.NEGATIVE_INFINITY };
    c.n++;
    c.last = Math.max(c.last, h.at);
    if (h.score === 1) c.correct++;
    logged.set(h.id, c);
  }
  const baselines: Record<string, Baseline> = {};
  for (const [id, p] of Object.entries(state.questions)) {
    const c = logged.get(id) ?? { n: 0, correct: 0, last: Number.NEGATIVE_INFINITY };
    const attempts = exact ? p.attempts - c.n : Math.max(0, p.attempts - c.n);
    const correct = exact ? p.correct - c.correct : Math.max(0, Math.min(attempts, p.correct - c.correct));
    // Exact: every question gets one, so even a card the old file lacked is not made up by replaying.
    if (!exact && !attempts && !correct && !p.card) continue;
    baselines[id] = {
      attempts,
      correct,
      lastAnswered: p.lastAnswered,
      lastResult: p.lastResult,
      recent: p.recent.slice(0, Math.max(0, p.recent.length - c.n)),
      ...(p.card ? { card: p.card } : {}),
      // The old card already counts every answer the old file logged, whatever its clock said.
      throughAt: Math.max(p.lastAnswered, p.card?.last_review ?? Number.NEGATIVE_INFINITY, c.last),
    };
  }
  return { log: state.history, baselines, streak: state.streak };
}

/** A logged answer whose values are in range, not only of the right type. */
function cleanEntry(v: unknown, latest: number): HistoryEntry | undefined {
  // A section or topic that is not text is a damaged entry, dropped and counted, not stored as "".
  if (isObj(v)) {
    if (v.section !== undefined && typeof v.section !== "string") return undefined;
    const t = v.topics;
    if (t !== undefined && (!Array.isArray(t) || !t.every((x) => typeof x === "string"))) return undefined;
  }
  const e = cleanHistory(v);
  if (!e?.id || e.id.length > 200 || !(e.at >= EARLIEST) || e.at > latest) return undefined;
  return isScore(e.score) ? e : undefined;
}

const isTime = (v: unknown, latest: number): v is number =>
  typeof v === "number" && v >= EARLIEST && v <= latest;

function cleanBaseline(v: unknown, latest: number): Baseline | undefined {
  if (!isObj(v) || !isCount(v.attempts) || !isCount(v.correct) || v.correct > v.attempts) return undefined;
  if (!isTime(v.lastAnswered, latest) || !isScore(v.lastResult) || !isTime(v.throughAt, latest))
    return undefined;
  if (!Array.isArray(v.recent) || !v.recent.every(isScore)) return undefined;
  let card: StoredCard | undefined;
  if (v.card !== undefined) {
    card = cleanCard(v.card);
    if (!card || (card.last_review !== undefined && card.last_review > latest)) return undefined;
  }
  return {
    attempts: v.attempts,
    correct: v.correct,
    lastAnswered: v.lastAnswered,
    lastResult: v.lastResult,
    recent: (v.recent as number[]).slice(-5),
    ...(card ? { card } : {}),
    throughAt: v.throughAt,
  };
}

function cleanStreak(v: unknown, latest: number): Progress["streak"] | undefined {
  if (!isObj(v) || !isCount(v.current) || !isCount(v.longest)) return undefined;
  // No streak is longer than the days there have been since the clock's floor, nor its current run
  // longer than its longest: a streak of a billion days was taken in as it came.
  const days = Math.ceil((latest - EARLIEST) / 86_400_000) + 1;
  if (v.longest > days || v.current > v.longest) return undefined;
  if (v.lastDay === undefined) return { current: v.current, longest: v.longest };
  if (typeof v.lastDay !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v.lastDay)) return undefined;
  const [y, m, d] = v.lastDay.split("-").map(Number) as [number, number, number];
  const day = new Date(y, m - 1, d);
  if (day.getMonth() !== m - 1 || day.getTime() > latest) return undefined;
  return { current: v.current, longest: v.longest, lastDay: v.lastDay };
}

/**
 * Range-checks a progress set from outside (an import, an old file): a bad answer, baseline or
 * streak is dropped and counted, the rest kept. Dates must fit a Date and not be after tomorrow.
 */
export function checkProgress(set: { log: unknown[]; baselines: unknown; streak?: unknown }, now: Date) {
  const latest = latestAllowed(now);
  let dropped = 0;
  const log: HistoryEntry[] = [];
  for (const v of set.log) {
    const e = cleanEntry(v, latest);
    if (e) log.push(e);
    else dropped++;
  }
  const baselines: Record<string, Baseline> = {};
  if (isObj(set.baselines)) {
    for (const [id, v] of Object.entries(set.baselines)) {
      const b = cleanBaseline(v, latest);
      if (b) baselines[id] = b;
      else dropped++;
    }
  } else if (set.baselines !== undefined) dropped++;
  const out: ProgressSet = { log, baselines };
  if (set.streak !== undefined) {
    const s = cleanStreak(set.streak, latest);
    if (s) out.streak = s;
    else dropped++;
  }
  return { set: out, dropped };
}

/** What a learner keeps beside the progress and an export carries: accepted phrasings, flagged questions. */
export interface ProgressExtras {
  phrasings: Phrasing[];
  flagged: Record<string, number>;
}

const MAX_ID = 200;
/** A key point's label or one accepted phrase: the longest phrase kept is 24 words. */
const MAX_TEXT = 1000;
const MAX_PHRASES = 100;
const isText = (v: unknown, max: number): v is string =>
  typeof v === "string" && v.trim() !== "" && v.length <= max;

function cleanImportedPhrasing(v: unknown, latest: number): Phrasing | undefined {
  if (!isObj(v) || !isText(v.question, MAX_ID) || !isText(v.point, MAX_TEXT) || !isTime(v.at, latest))
    return undefined;
  const phrases = v.phrases;
  if (!Array.isArray(phrases) || !phrases.length || phrases.length > MAX_PHRASES) return undefined;
  if (!phrases.every((p) => isText(p, MAX_TEXT))) return undefined;
  return {
    id: typeof v.id === "string" ? v.id : "",
    question: v.question,
    point: v.point,
    phrases: phrases as string[],
    at: v.at,
  };
}

/**
 * Range-checks the phrasings and flags of an export: a flag is a question id and a moment within
 * what a Date holds and not after tomorrow; a phrasing names its question and key point and has
 * at least one phrase, none blank or longer than any phrase kept. A bad entry is dropped and counted.
 */
export function checkExtras(doc: { phrasings?: unknown; flagged?: unknown }, now: Date) {
  const latest = latestAllowed(now);
  let dropped = 0;
  const phrasings: Phrasing[] = [];
  if (Array.isArray(doc.phrasings)) {
    for (const v of doc.phrasings) {
      const p = cleanImportedPhrasing(v, latest);
      if (p) phrasings.push(p);
      else dropped++;
    }
  } else if (doc.phrasings !== undefined) dropped++;
  const flagged: Record<string, number> = {};
  if (isObj(doc.flagged)) {
    for (const [id, at] of Object.entries(doc.flagged)) {
      if (isText(id, MAX_ID) && isTime(at, latest) && at >= 0) flagged[id] = at;
      else dropped++;
    }
  } else if (doc.flagged !== undefined) dropped++;
  const extras: ProgressExtras = { phrasings, flagged };
  return { extras, dropped };
}
