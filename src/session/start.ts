import { nextCard } from "../core/apply.js";
import { localDay } from "../core/dates.js";
import { cappedDue, examPlan } from "../core/exam-date.js";
import { graderOf } from "../core/grader-settings.js";
import { acceptedFor, acceptPhrasings, withPhrasings } from "../core/phrasings.js";
import { topicsOf } from "../core/progress.js";
import type { Random } from "../core/random.js";
import { summarizeSession } from "../core/report.js";
import { humanInterval, previewInterval, schedulerParams } from "../core/schedule.js";
import { type Outcome, type Presented, runSession, type SessionResult } from "../core/session.js";
import { DEFAULT_PAUSE, type Progress } from "../core/state.js";
import type { Bank, Grade, Mode, Question } from "../core/types.js";
import { toggleFlag } from "../core/undo.js";
import type { Deps } from "../deps.js";
import { resolveMeta } from "../io/decks/bank.js";
import { modelJudge } from "../io/grader/judge.js";
import type { HeldAnswer, NewAnswer } from "../io/store/store.js";
import { showSaved } from "../io/terminal/answer-feedback.js";
import type { InteractiveOptions } from "../io/terminal/interactive.js";
import type { Output } from "../io/terminal/output.js";
import type { Prompter } from "../io/terminal/prompter.js";
import { stylesFor } from "../io/terminal/render.js";
import { printSummary } from "../io/terminal/summary-view.js";
import { sessionDocument } from "./document.js";
import { exitCodeFor, failUnderLine, type Scored } from "./exit-code.js";
import { type AskOptions, openFrontEnd } from "./front-end.js";
import type { SessionMeta } from "./meta.js";
import type { SessionOptions } from "./options.js";

/** A started session: the one path from a question on screen to an answer on disk. */
export interface Session {
  readonly meta: SessionMeta;
  readonly out: Output;
  readonly random: Random;
  readonly prompter?: Prompter;
  /** Where the prompts and the screen text go: stderr's terminal under --json. */
  readonly screen: Output;
  /** Keeps accepted phrasings; absent in a script or a dry run, where nothing is offered. */
  readonly accept?: InteractiveOptions["accept"];
  /** The progress as it stands after the last saved answer. */
  state(): Progress;
  /**
   * Asks the questions through the one session loop, saving each answer before the next. With
   * `hold` (an exam) the answers are held aside, durably, until `commit` saves them reviewed.
   */
  ask(
    questions: readonly Question[],
    mode: Mode,
    opts?: AskOptions & { hold?: boolean; random?: Random },
  ): Promise<SessionResult>;
  /** When a held answer was given (epoch ms); undefined for one never held. */
  heldAt(p: Presented): number | undefined;
  /** Exam answers held and never saved: an exam whose review did not end (Ctrl+C, a kill). */
  leftover(): Promise<HeldAnswer[]>;
  /**
   * Saves reviewed exam answers to progress and lets go of the exams they were held for, in one
   * transaction. `times` gives each answer's moment (a leftover's); by default, when it was held.
   */
  commit(outcomes: readonly Outcome[], exams: readonly number[], times?: readonly number[]): Promise<void>;
  /** Prints the summary (text or JSON) and gives the exit code; rethrows an interrupt after printing. */
  finish(
    results: readonly SessionResult[],
    fields: Record<string, unknown> | (() => Record<string, unknown>),
  ): Promise<number>;
  /** The exit code of a score under --fail-under, its one stderr line said (not under --json). */
  exitCode(scored: Scored): number;
}

/** Starts a session from its typed options: the front end opened, the store ready, nothing asked yet. */
export async function startSession(deps: Deps, bank: Bank, o: SessionOptions): Promise<Session> {
  const { meta, clock, random } = o;
  const out = deps.output(o.color);
  const store = deps.store();
  if (meta.dryRun) store.dryRun();
  let latest = store.read();
  const c = stylesFor(out);
  const interactive = o.frontEnd.kind === "terminal";
  const sectionTitle = (slug: string) => bank.sections.find((s) => s.slug === slug)?.title ?? slug;
  const warn = (line: string) => out.err(line);
  const front = await openFrontEnd(deps, out, o);
  const { screen } = front;

  const accept: InteractiveOptions["accept"] =
    interactive && !meta.dryRun
      ? async (x, points, phrases) => {
          const id = x.presented.question.id;
          const at = clock().getTime();
          latest = await store.update((s) => acceptPhrasings(s, id, points, phrases, at));
          screen.out(c.dim("Kept. `k8s-quiz phrasings` lists your accepted phrasings."));
        }
      : undefined;
  const comesBack = (q: Question, g: Grade) => {
    if (meta.cram) return undefined;
    const now = clock().getTime();
    const due = now + previewInterval(latest.questions[q.id]?.card, g, now, schedulerParams(latest));
    // What the answer will really do: the exam date's cap included.
    const plan = examPlan(o.examDate ?? latest.settings.examDate);
    return humanInterval(cappedDue(due, now, q.id, plan) - now);
  };
  // `f` saves at once, like an answer: a flag set just before Ctrl+C is kept.
  const flagsControl = {
    isFlagged: (id: string) => latest.flagged?.[id] !== undefined,
    toggle: async (id: string) => {
      let on = false;
      const change = (s: Progress) => {
        const r = toggleFlag(s, id, clock().getTime());
        on = r.flagged;
        return r.state;
      };
      latest = meta.dryRun ? change(latest) : await store.update(change);
      return on;
    },
  };

  /** One answer as the store takes it, scheduled from the card the database has when it is saved. */
  const newAnswer = (x: Outcome, now: Date): NewAnswer => {
    const q = x.presented.question;
    return {
      id: q.id,
      section: q.section,
      topics: topicsOf(q),
      score: x.score,
      grade: x.grade,
      mode: x.presented.mode,
      cram: meta.cram,
      at: now.getTime(),
      day: localDay(now),
      schedule: (prev) =>
        nextCard(prev, x, latest, {
          now: now.getTime(),
          ...(o.examDate !== undefined ? { examDate: o.examDate } : {}),
        }),
    };
  };
  /** Each saved answer's row in the review log, for taking it back. */
  const saved = new Map<Outcome, number>();
  const save = async (x: Outcome) => {
    // One transaction, committed before the next question; a --dry-run store works on a copy.
    const r = await store.recordAnswer(newAnswer(x, clock()));
    latest = r.state;
    saved.set(x, r.seq);
  };
  const feedback = (x: Outcome) => {
    if (o.json) return;
    // Scripted text is indented under its question's "> verdict" line.
    showSaved(out, latest.questions[x.presented.question.id]?.card, clock().getTime(), {
      cram: meta.cram,
      indent: interactive ? "" : "  ",
    });
  };

  // An exam's answer is held aside, durably, until its grade is reviewed: none is lost to a kill.
  const exam = meta.startedAt.getTime();
  const held = new Map<Presented, number>();
  const hold = async (x: Outcome) => {
    if (x.given.mode !== "recall") return;
    const at = clock().getTime();
    held.set(x.presented, at);
    await store.holdExamAnswer({ exam, id: x.presented.question.id, at, text: x.given.text });
  };
  const judge = modelJudge(graderOf(latest), deps.env, warn, (q, label) =>
    acceptedFor(latest.phrasings, q.id, label),
  );

  const exitCode = (scored: Scored) => {
    const line = failUnderLine(scored, o.failUnder);
    if (line && !o.json) out.err(line);
    return exitCodeFor(scored, o.failUnder);
  };

  return {
    meta,
    out,
    random,
    screen,
    ...(front.prompter ? { prompter: front.prompter } : {}),
    ...(accept ? { accept } : {}),
    state: () => latest,
    heldAt: (p) => held.get(p),
    leftover: () => store.heldExamAnswers(),
    exitCode,
    async ask(questions, mode, opts = {}) {
      // Interruptible: a big deck's blocks take a while, and a session already listens for Ctrl+C.
      await resolveMeta(bank.questions, warn, deps.interrupts());
      // `random`: this round's own order of options (a plan's daily step: the day's, as daily has it).
      const { hold: holding, random: own, ...asking } = opts;
      const io = front.io(asking, {
        sectionTitle,
        comesBack,
        ...(accept ? { accept } : {}),
        startedAt: meta.startedAt.getTime(),
        now: () => clock().getTime(),
        pause: latest.settings.pause ?? DEFAULT_PAUSE,
        flags: flagsControl,
      });
      return runSession(questions, mode, bank.questions, own ?? random, {
        ask: io.ask,
        review: io.review,
        save: holding ? hold : save,
        ...(holding || opts.silent ? {} : { showSaved: feedback }),
        // Read at each question: a phrasing accepted a moment ago counts for the next answer.
        keyPoints: (q, points) => withPhrasings(q, points, latest.phrasings),
        ...(judge
          ? {
              judge: (p, given) => {
                // A model may take seconds: said, so a quiet terminal does not look hung.
                if (interactive && p.mode === "recall") screen.out(c.dim("Grading by the model..."));
                return judge(p, given);
              },
            }
          : {}),
        ...(io.pause ? { pause: io.pause } : {}),
        unsave: async (x) => {
          const seq = saved.get(x);
          if (seq === undefined) return;
          saved.delete(x);
          // The row goes, and the question is rebuilt by replaying the answers left (a dry run's
          // store works on its copy).
          latest = await store.undoAnswer(seq);
          if (interactive && !opts.silent && !o.json)
            out.out(c.dim("Taken back: that answer is no longer saved."));
        },
      });
    },
    async commit(outcomes, exams, times) {
      const now = clock().getTime();
      const answers = outcomes.map((x, i) => {
        const at = times?.[i] ?? held.get(x.presented);
        return { answer: newAnswer(x, new Date(at ?? now)), held: at !== undefined };
      });
      latest = await store.commitExam(exams, answers);
    },
    async finish(results, fields) {
      // Answers kept while another program held the database: saved now, if it is free.
      store.settle();
      const outcomes = results.flatMap((r) => r.outcomes);
      const planned = results.reduce((n, r) => n + r.outcomes.length + r.unanswered.length, 0);
      const interrupted = results.find((r) => r.interrupted)?.interrupted;
      const summary = summarizeSession(outcomes, planned, latest.weakTopics, {
        ...(interrupted ? { interrupted } : {}),
        outOfAnswers: results.some((r) => r.outOfAnswers),
      });
      if (o.json) {
        const f = typeof fields === "function" ? fields() : fields;
        out.json(
          sessionDocument(meta, f, outcomes, {
            kind: "summary",
            summary,
            finishedAt: clock(),
            // A script can tell a session that ran unsaved (a full disk, a read-only folder).
            saved: store.persistent && !meta.dryRun,
          }),
        );
      } else {
        printSummary(out, summary, sectionTitle);
        if (meta.dryRun) out.out(c.dim("Dry run: nothing was saved."));
        // Stopped with Ctrl+C: say that what was answered is kept (an exam's held answers are
        // not progress yet, and say so themselves).
        else if (interrupted && outcomes.length && store.persistent && meta.command !== "exam")
          out.out(c.dim(`${outcomes.length} answer${outcomes.length === 1 ? "" : "s"} saved.`));
      }
      if (interrupted) throw interrupted;
      return exitCode(summary);
    },
  };
}
