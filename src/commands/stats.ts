import { computeStats } from "../core/stats.js";
import { stripControl } from "../core/text.js";
import type { Deps } from "../deps.js";
import { barChart, forecastChart, heatmap, MAX_WIDTH } from "../io/charts.js";
import { stylesFor } from "../io/render.js";
import { table } from "../io/table.js";
import { truncate, wrapText } from "../io/wrap.js";

export interface StatsOptions {
  json?: boolean;
  color?: boolean;
  deck?: string[];
}

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `k8s-quiz stats`: totals, mastery by section, weak spots, the week ahead and twelve weeks of activity. */
export async function statsCommand(deps: Deps, opts: StatsOptions): Promise<void> {
  const out = deps.output(opts.color);
  const bank = await deps.bank(opts.deck);
  const store = deps.store();
  const state = store.read();
  // Totals and activity come from the database as counts: the log may hold 100,000 answers.
  const stats = computeStats(bank.questions, bank.sections, state, deps.now(), {
    ...store.totals(),
    answerCounts: (since) => store.answerCounts(since),
  });
  if (opts.json) {
    out.json(stats);
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
    ["Accuracy", t.accuracy === null ? "-" : `${percent(t.accuracy)} fully correct`],
    ["Streak", `${plural(t.currentStreak, "day")} (longest ${t.longestStreak})`],
    ["Due today", t.dueToday ? `${t.dueToday}: k8s-quiz review` : "nothing"],
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
      percent(w.accuracy),
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
}
