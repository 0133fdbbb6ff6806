import { percentText } from "../../core/percent.js";
import type { Summary } from "../../core/report.js";
import { stripControl } from "../../core/text.js";
import type { Output } from "./output.js";
import { stylesFor } from "./render.js";
import { table } from "./table.js";
import { truncate } from "./wrap.js";

/** The end-of-session report: score, per-section breakdown, missed questions, weak topics. */
export function printSummary(out: Output, s: Summary, title: (slug: string) => string): void {
  const c = stylesFor(out);
  out.out();
  if (!s.answered) {
    // Not "nothing saved": a retry stopped at once follows a round whose answers are on disk.
    out.out(s.interrupted ? "Stopped before any answer." : "No questions answered.");
    return;
  }
  const stopped = s.interrupted ? " (stopped early)" : s.outOfAnswers ? " (ran out of answers)" : "";
  out.out(c.bold(`Score: ${fmt(s.score)}/${s.answered} (${s.percent}%)${stopped}`));
  // By section even for one: it names the section the score is for.
  const rows = s.bySection.map((b) => [title(b.section), `${fmt(b.score)}/${b.answered}`, `${b.percent}%`]);
  for (const line of table(undefined, rows, out.width - 2)) out.out(`  ${line}`);
  if (s.missed.length) {
    out.out(c.bold("Missed:"));
    for (const q of s.missed) out.out(truncate(`  ${q.id}  ${stripControl(q.prompt)}`, out.width));
  }
  if (s.weakTopics.length) {
    const topics = s.weakTopics
      .map((w) => `${stripControl(w.topic)} (${percentText(w.accuracy)})`)
      .join(", ");
    out.out(`${c.bold("Weak topics:")} ${topics}`);
  }
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
