import { accessSync, constants } from "node:fs";
import { nextCard } from "../core/apply.js";
import { localDay } from "../core/dates.js";
import { cappedDue, examPlan } from "../core/exam-date.js";
import { graderOf } from "../core/grader-settings.js";
import { acceptedFor, acceptPhrasings, withPhrasings } from "../core/phrasings.js";
import { topicsOf } from "../core/progress.js";
import { type Random, seededRandom } from "../core/random.js";
import { summarizeSession } from "../core/report.js";
import { humanInterval, isLeech, previewInterval, schedulerParams } from "../core/schedule.js";
import { type Outcome, runSession, type SessionIO, type SessionResult } from "../core/session.js";
import { DEFAULT_PAUSE, type State } from "../core/state.js";
import type { Bank, Grade, Mode, Question } from "../core/types.js";
import { toggleFlag } from "../core/undo.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError, UserError } from "../errors.js";
import { answerLines, scriptedIO } from "./answers.js";
import { resolveMeta } from "./bank.js";
import { checkStreamable, whyNot } from "./files.js";
import { modelJudge } from "./grader/judge.js";
import { type InteractiveOptions, interactiveIO } from "./interactive.js";
import { createOutput, type Output } from "./output.js";
import type { Prompter } from "./prompter.js";
import { stylesFor } from "./render.js";
import { printSummary, sessionJson } from "./summary-view.js";

/** Flags every session command shares: where answers come from and where results go. */
export interface SessionFlags {
  answers?: string;
  json?: boolean;
  dryRun?: boolean;
  cram?: boolean;
  failUnder?: number;
  seed?: number;
  color?: boolean;
  /** YYYY-MM-DD: schedule towards this exam for this session, over the setting (`review --exam-date`). */
  examDate?: string;
}

export interface Runner {
  readonly out: Output;
  readonly random: Random;
  readonly prompter?: Prompter;
  /** Where the prompts and the screen text go: stderr's terminal under --json. */
  readonly screen: Output;
  /** Keeps accepted phrasings; absent in a script or a dry run, where nothing is offered. */
  readonly accept?: InteractiveOptions["accept"];
  /** The progress as it stands after the last saved answer. */
  state(): State;
  /** Asks the questions through the one session loop, saving each answer before the next. */
  ask(
    questions: readonly Question[],
    mode: Mode,
    opts?: { silent?: boolean; status?: () => string | undefined; hold?: boolean },
  ): Promise<SessionResult>;
  /**
   * Saves answers held back by `ask(..., { hold: true })` (an exam's, once reviewed) to progress,
   * in one write that also clears them from the pending list.
   */
  commit(outcomes: readonly Outcome[], times?: readonly number[]): Promise<void>;
  /** Prints the summary (text or JSON) and gives the exit code; rethrows an interrupt after printing. */
  finish(
    results: readonly SessionResult[],
    session: Record<string, unknown> | (() => Record<string, unknown>),
  ): Promise<number>;
}

export async function openRunner(
  deps: Deps,
  flags: SessionFlags,
  bank: Bank,
  clock: () => Date = deps.now,
  /** Ends the session early when aborted, e.g. by an exam's timer. */
  stop?: AbortSignal,
): Promise<Runner> {
  const out = deps.output(flags.color);
  // `--json > out.json` in a terminal: the prompts go to stderr, which is still the terminal.
  const interactive = !flags.answers && (deps.isTTY || (!!flags.json && deps.stderrTTY));
  const random = flags.seed !== undefined ? seededRandom(flags.seed) : deps.random;
  const store = deps.store();
  if (flags.dryRun) store.dryRun();
  let latest = store.read();
  const startedAt = clock();
  const c = stylesFor(out);
  const sectionTitle = (slug: string) => bank.sections.find((s) => s.slug === slug)?.title ?? slug;
  const warn = (line: string) => out.err(line);

  let prompter: Prompter | undefined;
  let screen = out;
  let accept: InteractiveOptions["accept"];
  let makeIO: (opts: { silent?: boolean; status?: () => string | undefined }) => SessionIO;
  if (interactive) {
    // With --json the prompts go to stderr, so stdout carries only the JSON document.
    const p = await deps.prompter({
      ...(flags.json ? { output: deps.stderr } : {}),
      ...(stop ? { signal: stop } : {}),
    });
    prompter = p;
    // Laid out for stderr's terminal, which is where the prompts go.
    screen = flags.json ? createOutput(deps.stderr, deps.stderr, out.color) : out;
    const comesBack = (q: Question, g: Grade) => {
      if (flags.cram) return undefined;
      const now = clock().getTime();
      const due = now + previewInterval(latest.questions[q.id]?.card, g, now, schedulerParams(latest));
      // What the answer will really do: the exam date's cap included.
      const plan = examPlan(flags.examDate ?? latest.settings.examDate);
      return humanInterval(cappedDue(due, now, q.id, plan) - now);
    };
    if (!flags.dryRun) {
      accept = async (o, points, phrases) => {
        const id = o.presented.question.id;
        const at = clock().getTime();
        latest = await store.update((s) => acceptPhrasings(s, id, points, phrases, at));
        screen.out(c.dim("Kept. `k8s-quiz phrasings` lists your accepted phrasings."));
      };
    }
    // `f` saves at once, like an answer: a flag set just before Ctrl+C is kept.
    const flagsControl = {
      isFlagged: (id: string) => latest.flagged?.[id] !== undefined,
      toggle: async (id: string) => {
        let on = false;
        const change = (s: State) => {
          const r = toggleFlag(s, id, clock().getTime());
          on = r.flagged;
          return r.state;
        };
        latest = flags.dryRun ? change(latest) : await store.update(change);
        return on;
      },
    };
    const shown = screen;
    makeIO = (opts) =>
      interactiveIO(p, shown, {
        sectionTitle,
        comesBack,
        ...(accept ? { accept } : {}),
        startedAt: startedAt.getTime(),
        now: () => clock().getTime(),
        pause: latest.settings.pause ?? DEFAULT_PAUSE,
        flags: flagsControl,
        ...opts,
      });
  } else {
    if (flags.answers === "") throw new UsageError("--answers needs a file name, or - for stdin");
    if (flags.answers && flags.answers !== "-") {
      try {
        accessSync(flags.answers, constants.R_OK);
        // Read as a stream (a FIFO is fine here), but not a folder or a device.
        checkStreamable(flags.answers);
      } catch (e) {
        throw new UserError(`cannot read answers from ${flags.answers}: ${whyNot(e)}`);
      }
    }
    const scripted = scriptedIO(answerLines(flags.answers ?? "-", deps.stdin), {
      ...(flags.json ? {} : { out }),
      warn,
      signal: stop ? AbortSignal.any([deps.interrupts(), stop]) : deps.interrupts(),
    });
    // An exam gives no feedback until its report card, in a script as on a terminal.
    makeIO = (opts) => (opts.silent ? { ...scripted, review: async (o) => o.grade } : scripted);
  }

  // What each saved answer changed, newest last, for undo.
  /** Each saved answer's row in the review log, for taking it back. */
  const saved = new Map<Outcome, number>();
  /** One answer into the review log at `now`: one transaction, its row's seq returned. */
  const record = async (o: Outcome, now: Date): Promise<number> => {
    const q = o.presented.question;
    // One transaction, committed before the next question; a --dry-run store works on a copy. The
    // card is scheduled inside it, from the card as the database has it then.
    let seq: number;
    ({ seq, state: latest } = await store.recordAnswer({
      id: q.id,
      section: q.section,
      topics: topicsOf(q),
      score: o.score,
      grade: o.grade,
      mode: o.presented.mode,
      cram: !!flags.cram,
      at: now.getTime(),
      day: localDay(now),
      schedule: (prev) =>
        nextCard(prev, o, latest, {
          now: now.getTime(),
          ...(flags.examDate !== undefined ? { examDate: flags.examDate } : {}),
        }),
    }));
    return seq;
  };
  const save = async (o: Outcome, silent: boolean) => {
    const now = clock();
    saved.set(o, await record(o, now));
    if (silent || flags.json) return;
    const card = latest.questions[o.presented.question.id]?.card;
    // Scripted text is indented under its question's "> verdict" line.
    const indent = interactive ? "" : "  ";
    if (flags.cram) out.out(c.dim(`${indent}Cram mode: the review schedule is unchanged.`));
    else if (card) out.out(c.dim(`${indent}Next review ${humanInterval(card.due - now.getTime())}.`));
    if (isLeech(card)) {
      out.out(
        c.yellow(
          `${indent}This one keeps slipping (a leech, ${card?.lapses} lapses): study the answer above, then try recall mode.`,
        ),
      );
    }
  };

  // An exam's answer is kept aside, durably, until its grade is reviewed: none is lost to a kill.
  // In the order held, which is the order of the session's outcomes.
  const heldAt: number[] = [];
  const hold = async (o: Outcome) => {
    if (o.given.mode !== "recall") return;
    const entry = { id: o.presented.question.id, text: o.given.text, at: clock().getTime() };
    heldAt.push(entry.at);
    const add = (s: State): State => ({
      ...s,
      pendingExam: {
        startedAt: s.pendingExam?.startedAt ?? startedAt.getTime(),
        answers: [...(s.pendingExam?.answers ?? []), entry],
      },
    });
    latest = flags.dryRun ? add(latest) : await store.update(add);
  };
  const judge = modelJudge(graderOf(latest), deps.env, warn, (q, label) =>
    acceptedFor(latest.phrasings, q.id, label),
  );

  return {
    out,
    random,
    screen,
    ...(prompter ? { prompter } : {}),
    ...(accept ? { accept } : {}),
    state: () => latest,
    async ask(questions, mode, opts = {}) {
      // Interruptible: a big deck's blocks take a while, and a session already listens for Ctrl+C.
      await resolveMeta(bank.questions, warn, deps.interrupts());
      const sessionIO = makeIO(opts);
      return runSession(questions, mode, bank.questions, random, {
        ask: sessionIO.ask,
        review: sessionIO.review,
        save: (o) => (opts.hold ? hold(o) : save(o, !!opts.silent)),
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
        ...(sessionIO.pause ? { pause: sessionIO.pause } : {}),
        unsave: async (o) => {
          const seq = saved.get(o);
          if (seq === undefined) return;
          saved.delete(o);
          // The row goes, and the question is rebuilt by replaying the answers left (a dry run's
          // store works on its copy).
          latest = await store.undoAnswer(seq);
          if (interactive && !opts.silent && !flags.json)
            out.out(c.dim("Taken back: that answer is no longer saved."));
        },
      });
    },
    async commit(outcomes, times) {
      const now = clock();
      // Answers go through the review log one transaction each, and each leaves the pending list
      // once it is in: a kill between the two can repeat that one answer, never lose one.
      for (const [i, o] of outcomes.entries()) {
        const at = (times ?? heldAt)[i] ?? now.getTime();
        await record(o, new Date(at));
        const drop = (s: State): State => {
          const left = s.pendingExam?.answers.filter((a) => a.id !== o.presented.question.id || a.at !== at);
          const { pendingExam: _, ...rest } = s;
          return left?.length && s.pendingExam
            ? { ...rest, pendingExam: { ...s.pendingExam, answers: left } }
            : rest;
        };
        latest = flags.dryRun ? drop(latest) : await store.update(drop);
      }
      // Nothing left waiting, answered or not (a leftover whose questions left the bank included).
      const clear = (s: State): State => {
        const { pendingExam: _, ...rest } = s;
        return rest;
      };
      if (latest.pendingExam) latest = flags.dryRun ? clear(latest) : await store.update(clear);
    },
    async finish(results, session) {
      const outcomes = results.flatMap((r) => r.outcomes);
      const planned = results.reduce((n, r) => n + r.outcomes.length + r.unanswered.length, 0);
      const interrupted = results.find((r) => r.interrupted)?.interrupted;
      const summary = summarizeSession(outcomes, planned, latest.weakTopics, {
        ...(interrupted ? { interrupted } : {}),
        outOfAnswers: results.some((r) => r.outOfAnswers),
      });
      if (flags.json) {
        const s = typeof session === "function" ? session() : session;
        const meta = {
          ...s,
          // A command may say what its seed was: daily's comes from the date, not from --seed.
          seed: "seed" in s ? s.seed : (flags.seed ?? null),
          dryRun: !!flags.dryRun,
          cram: !!flags.cram,
        };
        out.json(
          sessionJson(
            { ...meta, startedAt: startedAt.toISOString(), finishedAt: clock().toISOString() },
            outcomes,
            summary,
          ),
        );
      } else {
        printSummary(out, summary, sectionTitle);
        if (flags.dryRun) out.out(c.dim("Dry run: nothing was saved."));
      }
      if (interrupted) throw interrupted;
      // Under --fail-under an unanswered question counts as missed: stopping early is not passing.
      const over = planned ? Math.round((summary.score / planned) * 1000) / 10 : 0;
      if (flags.failUnder !== undefined && over < flags.failUnder) {
        if (!flags.json)
          out.err(
            `k8s-quiz: score ${over}% is below --fail-under ${flags.failUnder}%${planned > summary.answered ? ` (${planned - summary.answered} unanswered count as missed)` : ""}`,
          );
        return EXIT.belowThreshold;
      }
      return EXIT.ok;
    },
  };
}
