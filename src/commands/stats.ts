import { type CalibrationBucket, calibration } from "../core/calibration.js";
import { examPlan } from "../core/exam-date.js";
import { percentText } from "../core/percent.js";
import { type Readiness, readiness } from "../core/readiness.js";
import { refitHint, reviewCount } from "../core/review-log.js";
import { reviewQueue, schedulerParams } from "../core/schedule.js";
import type { Progress } from "../core/state.js";
import { computeStats } from "../core/stats.js";
import { stripControl } from "../core/text.js";
import type { Question } from "../core/types.js";
import type { Deps } from "../deps.js";
import type { OptionsOf } from "../flags.js";
import type { ReviewLog } from "../io/store/review-log.js";
import { barChart, forecastChart, heatmap, MAX_WIDTH } from "../io/terminal/charts.js";
import { stylesFor } from "../io/terminal/render.js";
import { table } from "../io/terminal/table.js";
import { truncate, wrapText } from "../io/terminal/wrap.js";

/** Its flags, as declared once in src/flags.ts. */
export type StatsOptions = Partial<OptionsOf<"stats">>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * What `review` would ask now, and what comes due later today with the time of the next one: the
 * count next to "k8s-quiz review" is the one review agrees with.
 */
function dueLine(questions: readonly Question[], state: Progress, now: Date, dueToday: number): string {
  const queue = reviewQueue(questions, state, now.getTime(), 0);
  const dueNow = queue.due.length;
  const later = Math.max(0, dueToday - dueNow);
  const next = queue.nextDue !== undefined ? new Date(queue.nextDue) : undefined;
  const at = next
    ? `${String(next.getHours()).padStart(2, "0")}:${String(next.getMinutes()).padStart(2, "0")}`
    : "";
  const laterText = later ? `due later today (${later}), next at ${at}` : "";
  if (dueNow) return `${dueNow}: k8s-quiz review${laterText ? ` · ${laterText}` : ""}`;
  return laterText ? `nothing now · ${laterText}` : "nothing";
}

/** What the scheduler runs on, for `stats --json`: fitted or default parameters, and the re-fit hint. */
function schedulerInfo(state: Progress, reviews: number) {
  const f = state.fsrs;
  return {
    parameters: f?.w ? "fitted" : "default",
    desiredRetention: state.settings.desiredRetention,
    lastFit: f ? { at: new Date(f.fittedAt).toISOString(), reviews: f.reviews, kept: f.kept ?? !!f.w } : null,
    reviews,
    refit: refitHint(f, reviews) ?? null,
  };
}

/**
 * `k8s-quiz stats`: totals, mastery by section, weak spots, the week ahead, twelve weeks of
 * activity, how well the predicted recall matched the answers, and readiness for the exam date.
 */
export async function statsCommand(deps: Deps, opts: StatsOptions, reviewLog?: ReviewLog): Promise<void> {
  const out = deps.output(opts.color);
  const bank = await deps.bank(opts.deck, { answers: false });
  const store = deps.store();
  const state = store.read();
  const now = deps.now();
  // Totals and activity come from the database as counts: the log may hold 100,000 answers.
  const stats = computeStats(bank.questions, bank.sections, state, now, {
    ...store.totals(),
    answersIn: (bounds) => store.answersIn(bounds),
  });
  const p = schedulerParams(state);
  // From the store, which keeps the replay and counts the reviews: the log may hold 100,000 answers.
  // A log handed in (a test's) is replayed here instead.
  const log = reviewLog === undefined ? undefined : reviewLog();
  const buckets = log ? calibration(log, p, (id) => state.questions[id]?.card?.reps) : store.calibration(p);
  const plan = examPlan(state.settings.examDate);
  const ready = plan ? readiness(bank.questions, bank.sections, state, plan, now, p) : null;
  const scheduler = schedulerInfo(state, log ? reviewCount(log) : store.reviewCount());
  if (opts.json) {
    out.json({ ...stats, calibration: buckets, readiness: ready, scheduler });
    return;
  }
  const width = Math.min(out.width, MAX_WIDTH);
  if (!stats.totals.answered) {
    const first = bank.sections.find((s) => s.slug === "networking") ?? bank.sections[0];
    const start = `k8s-quiz practice --section ${first?.slug ?? "<section>"}`;
    out.out(
      wrapText(`No answers yet. Start with: ${start}\nor answer today's question: k8s-quiz daily`, width),
    );
    return;
  }
  const c = stylesFor(out);
  const chart = { color: out.color, width };
  const heading = (text: string) => {
    out.out();
    out.out(c.bold(truncate(text, width)));
  };
  const t = stats.totals;

  out.out(c.bold(truncate(`Stats for ${stats.today}`, width)));
  const rows = [
    ["Answered", plural(t.answered, "answer")],
    ["Seen", `${t.questionsSeen} of ${t.questionsTotal} questions`],
    ["Accuracy", t.accuracy === null ? "-" : `${percentText(t.accuracy)} fully correct`],
    ["Streak", `${plural(t.currentStreak, "day")} (longest ${t.longestStreak})`],
    ["Due today", dueLine(bank.questions, state, deps.now(), t.dueToday)],
  ];
  for (const line of table(undefined, rows, width)) out.out(line);

  heading("Mastery by section (recall ≥ 90%)");
  const bars = stats.mastery.map((m) => ({
    label: stripControl(m.section),
    ratio: m.ratio,
    note: `${m.mastered}/${m.total}`,
  }));
  for (const line of barChart(bars, chart)) out.out(line);

  if (stats.weakTopics.length) {
    heading("Weak topics");
    const weak = stats.weakTopics.map((w) => [
      w.topic,
      percentText(w.accuracy),
      `over ${plural(w.answers, "answer")}`,
    ]);
    for (const line of table(undefined, weak, width - 2)) out.out(`  ${line}`);
  }
  if (stats.leeches.length) {
    heading("Leeches (forgotten 5 times or more)");
    const leeches = stats.leeches.map((l) => [l.id, `${l.lapses}x`, stripControl(l.prompt)]);
    for (const line of table(undefined, leeches, width - 2)) out.out(`  ${line}`);
  }

  heading("Due in the next 7 days");
  for (const line of forecastChart(stats.forecast, chart)) out.out(line);

  heading(`Last 12 weeks: ${plural(stats.heatmap.total, "answer")}`);
  if (stats.heatmap.total) for (const line of heatmap(stats.heatmap.weeks, chart)) out.out(line);
  else out.out(wrapText("Nothing in these weeks. Pick up where you left off: k8s-quiz review", width));

  if (buckets.length) {
    const n = buckets.reduce((sum, b) => sum + b.answers, 0);
    heading(`Predicted vs actual recall (${plural(n, "review")}, ${scheduler.parameters} parameters)`);
    for (const line of calibrationTable(buckets, width - 2)) out.out(`  ${line}`);
  }
  if (ready) printReadiness(ready, heading, (rows) => barChart(rows, chart), out.out, width);
  if (scheduler.refit) {
    out.out();
    out.out(c.dim(wrapText(scheduler.refit, width)));
  }
}

/** The calibration buckets as a table: the range predicted, how many, mean predicted and actual recall. */
function calibrationTable(buckets: readonly CalibrationBucket[], width: number): string[] {
  const rows = buckets.map((b) => [
    percentText(b.from) === percentText(b.to)
      ? percentText(b.from)
      : `${percentText(b.from)}–${percentText(b.to)}`,
    String(b.answers),
    percentText(b.predicted),
    percentText(b.actual),
  ]);
  return table(["Predicted", "Reviews", "Expected", "Recalled"], rows, width);
}

function printReadiness(
  r: Readiness,
  heading: (text: string) => void,
  bars: (rows: { label: string; ratio: number; note: string }[]) => string[],
  print: (line: string) => void,
  width: number,
) {
  if (r.daysLeft < 0) {
    heading(`Exam date ${r.examDate} has passed`);
    print(wrapText("Set the next one with: k8s-quiz config set examDate YYYY-MM-DD", width));
    return;
  }
  const when = r.daysLeft === 0 ? "today" : `in ${plural(r.daysLeft, "day")}`;
  heading(`Ready for ${r.examDate} (${when}): ${percentText(r.overall)} predicted recall`);
  const rows = r.sections.map((s) => ({
    label: stripControl(s.title),
    ratio: s.readiness,
    note: `${s.seen}/${s.total} seen`,
  }));
  for (const line of bars(rows)) print(line);
}
