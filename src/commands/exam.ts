import { localDay } from "../core/dates.js";
import { examAnswers, examMarkdown, examReport, minutesSeconds } from "../core/exam.js";
import { findSections } from "../core/sections.js";
import { selectQuestions } from "../core/select.js";
import { stripControl } from "../core/text.js";
import type { Deps } from "../deps.js";
import { UserError } from "../errors.js";
import { TIME_UP } from "../io/cancel.js";
import { checkDeliverable, deliver } from "../io/deliver.js";
import { renderMarkdown, stylesFor } from "../io/render.js";
import { openRunner, type SessionFlags } from "../io/session-runner.js";
import { truncate, wrapText } from "../io/wrap.js";

const indent = (text: string) => text.replace(/^/gm, "  ");

export interface ExamOptions extends SessionFlags {
  count?: number;
  minutes?: number;
  section?: string[];
  report?: string;
  deck?: string[];
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
  const timer = new AbortController();
  const runner = await openRunner(deps, opts, bank, deps.now, timer.signal);
  const questions = selectQuestions(bank.questions, {
    sections: sections.map((s) => s.slug),
    count: opts.count ?? 10,
    order: "random",
    weakFirst: false,
    weakTopics: {},
    random: runner.random,
  });
  if (!questions.length) throw new UserError("no questions to ask in that selection");
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
      status: () => `${clockText(deadline - deps.now().getTime())} left`,
    });
  } finally {
    clearTimeout(clock);
  }
  const report = examReport(result.outcomes, result.unanswered, !!result.timeUp);
  const answers = examAnswers(result.outcomes);
  const used = Math.min(deps.now().getTime(), deadline) - started;
  const timeUsed = `${minutesSeconds(used)} of ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const title = (slug: string) => bank.sections.find((s) => s.slug === slug)?.title ?? slug;

  if (opts.json) {
    out.json({ session: { command: "exam", minutes, seed: opts.seed ?? null }, report });
  } else {
    out.out();
    const n = report.unanswered.length;
    const left = `${n} unanswered question${n === 1 ? "" : "s"} count${n === 1 ? "s" : ""} as missed`;
    if (report.timeUp) out.out(c.yellow(`Time is up: ${left}.`));
    else if (n) out.out(c.yellow(`Stopped early: ${left}.`));
    out.out(c.bold(`Report card: ${report.score}/${report.asked} (${report.percent}%)`));
    for (const s of report.bySection) out.out(`  ${title(s.section)}: ${s.score}/${s.total} (${s.percent}%)`);
    if (report.missedKeyPoints.length) {
      out.out(c.bold("Key points you missed:"));
      for (const m of report.missedKeyPoints) {
        out.out(truncate(`  ${m.id}  ${m.prompt}`, out.width));
        for (const k of m.missed) out.out(truncate(`    - ${k}`, out.width));
      }
    }
    if (report.weakestTopics.length) {
      out.out(
        `${c.bold("Weakest topics:")} ${report.weakestTopics.map((t) => `${t.topic} (${t.percent}%)`).join(", ")}`,
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
  if (result.interrupted) throw result.interrupted;
  if (opts.failUnder !== undefined && report.percent < opts.failUnder) {
    if (!opts.json) out.err(`k8s-quiz: score ${report.percent}% is below --fail-under ${opts.failUnder}%`);
    return 3;
  }
  return 0;
}
