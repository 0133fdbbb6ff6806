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
  // Hard is a pass that took effort, not a miss: listed apart, so "Missed:" holds only the Agains.
  const hard = new Set(s.hard.map((q) => q.id));
  const list = (heading: string, qs: readonly { id: string; prompt: string }[]) => {
    if (!qs.length) return;
    out.out(c.bold(heading));
    for (const q of qs) out.out(truncate(`  ${q.id}  ${stripControl(q.prompt)}`, out.width));
  };
  list(
    "Missed:",
    s.missed.filter((q) => !hard.has(q.id)),
  );
  list("Recalled with effort (Hard):", s.hard);
  if (s.weakTopics.length) {
    const topics = s.weakTopics
      .map((w) => `${stripControl(w.topic)} (${percentText(w.accuracy)})`)
      .join(", ");
    out.out(`${c.bold("Weak topics:")} ${topics}`);
  }
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
