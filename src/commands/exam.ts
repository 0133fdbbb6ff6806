import { localDay } from "../core/dates.js";
import { examAnswers, examMarkdown, examReport, minutesSeconds } from "../core/exam.js";
import { parseGradesFile } from "../core/grades-file.js";
import { withPhrasings } from "../core/phrasings.js";
import { findSections } from "../core/sections.js";
import { selectQuestions } from "../core/select.js";
import { evaluate, type Outcome, present } from "../core/session.js";
import { safeText, stripControl } from "../core/text.js";
import type { Bank, Grade } from "../core/types.js";
import type { Deps } from "../deps.js";
import { Interrupted, UserError } from "../errors.js";
import type { OptionsOf } from "../flags.js";
import { resolveMeta } from "../io/decks/bank.js";
import { checkDeliverable, deliver } from "../io/export/deliver.js";
import { readRegularFile, whyNot } from "../io/files.js";
import { TIME_UP } from "../io/terminal/cancel.js";
import { reviewExam } from "../io/terminal/exam-review.js";
import { renderMarkdown, stylesFor } from "../io/terminal/render.js";
import { truncate, wrapText } from "../io/terminal/wrap.js";
import { sessionDocument } from "../session/document.js";
import { sessionOptions } from "../session/options.js";
import { type Session, startSession } from "../session/start.js";

const indent = (text: string) => text.replace(/^/gm, "  ");

/** Its flags, as declared once in src/flags.ts (the session ones are in SESSION_FLAGS). */
export type ExamOptions = Partial<OptionsOf<"exam">>;

function readGrades(file: string): string {
  try {
    // A grades file is a few lines per question: a megabyte is a mistake.
    return readRegularFile(file, 1_000_000).toString("utf8");
  } catch (e) {
    throw new UserError(`cannot read grades from ${file}: ${whyNot(e)}`);
  }
}

/** The prompts for the review, on a fresh signal: the exam's own was aborted when its time ran out. */
async function reviewPrompter(deps: Deps, runner: Session, opts: ExamOptions) {
  if (!runner.prompter || opts.grades) return undefined;
  return deps.prompter(opts.json ? { output: deps.stderr } : {});
}

/**
 * An exam whose review never ended (Ctrl+C, a kill): its answers were kept aside, and are reviewed
 * and saved now, before a new one starts. Questions no longer in the bank are dropped.
 */
async function finishLeftover(deps: Deps, runner: Session, bank: Bank, opts: ExamOptions): Promise<void> {
  if (opts.dryRun) return;
  const pending = await runner.leftover();
  if (!pending.length) return;
  // Every exam left waiting is let go of once its answers are saved, those whose questions are gone included.
  const exams = [...new Set(pending.map((a) => a.exam))];
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const kept = pending.filter((a) => byId.has(a.id));
  await resolveMeta(
    kept.map((a) => byId.get(a.id)).filter((q) => q !== undefined),
    (l) => runner.out.err(l),
  );
  const outcomes: Outcome[] = kept.map((a) => {
    const q = byId.get(a.id) as NonNullable<ReturnType<typeof byId.get>>;
    const shown = present(q, "recall", bank.questions, runner.random);
    const p =
      shown.mode === "recall"
        ? { ...shown, keyPoints: withPhrasings(q, shown.keyPoints, runner.state().phrasings) }
        : shown;
    return evaluate(p, { mode: "recall", text: a.text });
  });
  // Its questions all gone from the bank: nothing to review, and nothing to keep waiting.
  if (!outcomes.length) return runner.commit([], exams);
  const c = stylesFor(runner.screen);
  // A script's --json stdout carries one document: what is said about the leftover goes to stderr.
  const say = (line: string) =>
    opts.json && !runner.prompter ? runner.out.err(line) : runner.screen.out(line);
  const when = new Date(Math.min(...exams)).toISOString().slice(0, 16).replace("T", " ");
  const n = outcomes.length;
  say(c.yellow(`The exam of ${when} UTC was not reviewed: its ${n} answer${n === 1 ? "" : "s"} first.`));
  const prompter = await reviewPrompter(deps, runner, { ...opts, grades: undefined });
  const settled = await reviewExam(outcomes, {
    out: runner.screen,
    ...(prompter ? { prompter } : {}),
    show: !opts.json || !!prompter,
    ...(runner.accept ? { accept: runner.accept } : {}),
  });
  await runner.commit(
    settled,
    exams,
    kept.map((a) => a.at),
  );
  say(c.dim(`Saved the ${n} answer${n === 1 ? "" : "s"} of that exam.`));
}

// Rounded down, as a countdown: the last second reads 0:00, the moment the time runs out.
const clockText = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

/** `k8s-quiz exam`: a timed mock interview in recall mode, with no feedback until the report card. */
export async function examCommand(deps: Deps, opts: ExamOptions): Promise<number> {
  const bank = await deps.bank(opts.deck);
  const sections = opts.section?.length ? findSections(bank.sections, opts.section) : [];
  const minutes = opts.minutes ?? 20;
  // A report that cannot be saved is said before the exam, not after twenty minutes of it.
  checkDeliverable(opts.report);
  const gradesText = opts.grades !== undefined ? readGrades(opts.grades) : undefined;
  const timer = new AbortController();
  const runner = await startSession(deps, bank, sessionOptions(deps, "exam", opts, { stop: timer.signal }));
  await finishLeftover(deps, runner, bank, opts);
  const questions = selectQuestions(bank.questions, {
    sections: sections.map((s) => s.slug),
    count: opts.count ?? 10,
    order: "random",
    weakFirst: false,
    weakTopics: {},
    random: runner.random,
  });
  if (!questions.length) throw new UserError("no questions to ask in that selection");
  let grades: Map<string, Grade> | undefined;
  if (gradesText !== undefined) {
    // Checked before the exam starts: a typo found after twenty minutes would cost the whole exam.
    const parsed = parseGradesFile(gradesText, new Set(questions.map((q) => q.id)));
    if (!parsed.ok) throw new UserError(`${opts.grades}:${parsed.line}: ${parsed.why}`);
    grades = parsed.grades;
  }
  const out = runner.out;
  const c = stylesFor(out);
  if (!opts.json) {
    out.out(
      c.bold(
        `Mock interview: ${questions.length} question${questions.length === 1 ? "" : "s"}, ${minutes} minute${minutes === 1 ? "" : "s"}. Answer in your own words;`,
      ),
    );
    out.out(c.bold("no feedback until the end."));
  }
  const started = deps.now().getTime();
  const deadline = started + minutes * 60_000;
  const clock = setTimeout(() => timer.abort(TIME_UP), Math.max(0, deadline - deps.now().getTime()));
  let result: Awaited<ReturnType<typeof runner.ask>>;
  try {
    result = await runner.ask(questions, "recall", {
      silent: true,
      hold: true,
      status: () => `${clockText(deadline - deps.now().getTime())} left`,
    });
  } finally {
    clearTimeout(clock);
  }
  const keptForLater = () => {
    const n = result.outcomes.length;
    if (n && !opts.dryRun)
      out.err(
        `Your ${n} answer${n === 1 ? " is" : "s are"} kept: the next k8s-quiz exam reviews and saves ${n === 1 ? "it" : "them"} first.`,
      );
  };
  if (result.interrupted) {
    keptForLater();
    throw result.interrupted;
  }
  // The review comes before anything is saved to progress: the grades saved are the ones settled here.
  let settled: Outcome[];
  try {
    const prompter = await reviewPrompter(deps, runner, opts);
    if (result.timeUp && !opts.json) runner.screen.out(c.yellow("Time is up."));
    settled = await reviewExam(result.outcomes, {
      out: runner.screen,
      ...(prompter ? { prompter } : {}),
      ...(grades ? { grades } : {}),
      show: !opts.json || !!prompter,
      ...(runner.accept ? { accept: runner.accept } : {}),
      ...(opts.dryRun ? { dryRun: true } : {}),
    });
  } catch (e) {
    if (e instanceof Interrupted) keptForLater();
    throw e;
  }
  // The grades and the letting go of the held answers are one transaction: a kill saves all or none.
  await runner.commit(settled, [runner.meta.startedAt.getTime()]);
  const report = examReport(settled, result.unanswered, !!result.timeUp);
  const answers = examAnswers(settled);
  const used = Math.min(deps.now().getTime(), deadline) - started;
  const timeUsed = `${minutesSeconds(used)} of ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const title = (slug: string) => bank.sections.find((s) => s.slug === slug)?.title ?? slug;

  if (opts.json) {
    // How long each answer took: from the exam's start, or the answer before, to when it was given.
    // One never held (a question without key points, shown as a flash card) has no moment: null.
    let last = started;
    const answerMs = settled.map((o) => {
      const at = runner.heldAt(o.presented);
      if (at === undefined) return null;
      const ms = at - last;
      last = at;
      return ms;
    });
    out.json(
      sessionDocument(runner.meta, { minutes }, settled, { kind: "exam", report, answerMs, usedMs: used }),
    );
  } else {
    out.out();
    const n = report.unanswered.length;
    const left = `${n} unanswered question${n === 1 ? "" : "s"} count${n === 1 ? "s" : ""} as missed`;
    if (report.timeUp) out.out(c.yellow(`Time is up: ${left}.`));
    else if (n) out.out(c.yellow(`Stopped early: ${left}.`));
    out.out(c.bold(`Report card: ${report.score}/${report.asked} (${report.percent}%)`));
    for (const s of report.bySection)
      out.out(`  ${safeText(title(s.section))}: ${s.score}/${s.total} (${s.percent}%)`);
    if (report.missedKeyPoints.length) {
      out.out(c.bold("Key points you missed:"));
      for (const m of report.missedKeyPoints) {
        out.out(truncate(`  ${m.id}  ${safeText(m.prompt)}`, out.width));
        for (const k of m.missed) out.out(truncate(`    - ${safeText(k)}`, out.width));
      }
    }
    if (report.weakestTopics.length) {
      out.out(
        `${c.bold("Weakest topics:")} ${report.weakestTopics.map((t) => `${safeText(t.topic)} (${t.percent}%)`).join(", ")}`,
      );
    }
    out.out(`${c.bold("Time used:")} ${timeUsed}`);
    for (const a of answers) {
      out.out();
      out.out(c.bold(wrapText(`${a.id}. ${stripControl(a.prompt)}`, out.width)));
      out.out(c.dim("Your answer:"));
      out.out(a.given.trim() ? indent(wrapText(stripControl(a.given), out.width - 2)) : "  (no answer)");
      for (const k of a.hit) out.out(c.green(wrapText(`  ✔ ${stripControl(k)}`, out.width)));
      for (const k of a.missed) out.out(c.red(wrapText(`  ✘ ${stripControl(k)}`, out.width)));
      for (const k of a.contradicted)
        out.out(c.red(wrapText(`  ✘ ${stripControl(k)} (your answer says otherwise)`, out.width)));
      out.out(c.dim("Reference answer:"));
      out.out(await renderMarkdown(a.reference, out));
    }
  }
  // Written after the card is on screen: an unwritable --report path must not hide the results.
  if (
    opts.report &&
    deliver(deps, opts.report, examMarkdown(report, title, localDay(deps.now()), { answers, timeUsed })) ===
      "file"
  ) {
    if (!opts.json) out.out(c.dim(`Report saved to ${opts.report}`));
  }
  return runner.exitCode(report);
}
