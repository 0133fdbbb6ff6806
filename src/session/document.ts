import type { ExamReport } from "../core/exam.js";
import { letter } from "../core/options.js";
import type { Summary } from "../core/report.js";
import type { Outcome } from "../core/session.js";
import type { SessionMeta } from "./meta.js";

/** One question's record in a session's --json document, whatever the command. */
export function outcomeJson(o: Outcome) {
  const p = o.presented;
  const q = p.question;
  const base = { id: q.id, section: q.section, mode: p.mode, prompt: q.prompt };
  // The deck's correction to a dated answer belongs with it wherever the answer goes.
  const result = { score: o.score, grade: o.grade, correct: o.correct, note: q.meta?.note ?? null };
  switch (p.mode) {
    case "choice": {
      const given = o.given.mode === "choice" ? o.given : undefined;
      return {
        ...base,
        options: p.choices.options.map((text, i) => ({ key: letter(i), text })),
        given: given?.choice != null ? letter(given.choice) : (given?.raw ?? null),
        expected: letter(p.choices.correct),
        ...result,
        keyPoints: null,
      };
    }
    case "recall":
      return {
        ...base,
        given: o.given.mode === "recall" ? o.given.text : null,
        expected: q.answer,
        ...result,
        keyPoints: {
          hit: o.coverage?.hit.map((k) => k.label) ?? [],
          missed: o.coverage?.missed.map((k) => k.label) ?? [],
          contradicted: o.coverage?.contradicted.map((k) => k.label) ?? [],
          // Only from a model: the key-point grader's JSON stays as it is.
          ...(o.coverage?.by === "llm" ? { gradedBy: "llm", reasons: o.coverage.reasons ?? {} } : {}),
        },
      };
    case "flash":
      return { ...base, given: o.grade, expected: q.answer, ...result, keyPoints: null };
  }
}

/** A study session's end (practice, review, daily, run): its summary. */
export interface SummaryEnd {
  kind: "summary";
  summary: Summary;
  finishedAt: Date;
  /** Every answer went into progress: not a dry run, and no fault made the session run unsaved. */
  saved: boolean;
}

/** An exam's end: its report card, and the time each answer took. */
export interface ExamEnd {
  kind: "exam";
  report: ExamReport;
  /** Milliseconds from the exam's start (or the answer before) to each answer, in outcome order; null when not known. */
  answerMs: readonly (number | null)[];
  usedMs: number;
}

/** How a session ended, as its document reports it. */
export type SessionEnd = SummaryEnd | ExamEnd;

const seconds = (ms: number) => Math.round(ms / 100) / 10;

function examDocument(
  meta: SessionMeta,
  fields: Readonly<Record<string, unknown>>,
  outcomes: readonly Outcome[],
  end: ExamEnd,
) {
  // The exam's session stays as it always was: a mock interview has no cram or dry-run figures.
  return {
    session: { command: meta.command, ...fields, seed: meta.seed },
    questions: outcomes.map((o, i) => {
      const ms = end.answerMs[i];
      return { ...outcomeJson(o), secondsUsed: ms == null ? null : seconds(ms) };
    }),
    report: { ...end.report, secondsUsed: seconds(end.usedMs) },
  };
}

function summaryDocument(
  meta: SessionMeta,
  fields: Readonly<Record<string, unknown>>,
  outcomes: readonly Outcome[],
  end: SummaryEnd,
) {
  const s = end.summary;
  return {
    session: {
      command: meta.command,
      ...fields,
      seed: meta.seed,
      dryRun: meta.dryRun,
      cram: meta.cram,
      startedAt: meta.startedAt.toISOString(),
      finishedAt: end.finishedAt.toISOString(),
      interrupted: s.interrupted,
      outOfAnswers: s.outOfAnswers,
      saved: end.saved,
    },
    questions: outcomes.map(outcomeJson),
    totals: {
      asked: s.asked,
      answered: s.answered,
      score: s.score,
      percent: s.percent,
      bySection: s.bySection,
      missed: s.missed.map((q) => q.id),
    },
    weakTopics: s.weakTopics,
  };
}

/**
 * The --json document of every session command: `session` (the meta, with what the command adds
 * to it: mode, sections, date, minutes...), `questions` (one record per answer, the same for every
 * command), then the summary's totals or the exam's report card.
 */
export function sessionDocument(
  meta: SessionMeta,
  fields: Readonly<Record<string, unknown>>,
  outcomes: readonly Outcome[],
  end: ExamEnd,
): ReturnType<typeof examDocument>;
export function sessionDocument(
  meta: SessionMeta,
  fields: Readonly<Record<string, unknown>>,
  outcomes: readonly Outcome[],
  end: SummaryEnd,
): ReturnType<typeof summaryDocument>;
export function sessionDocument(
  meta: SessionMeta,
  fields: Readonly<Record<string, unknown>>,
  outcomes: readonly Outcome[],
  end: SessionEnd,
) {
  return end.kind === "exam"
    ? examDocument(meta, fields, outcomes, end)
    : summaryDocument(meta, fields, outcomes, end);
}
