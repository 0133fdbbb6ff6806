import { letter } from "../core/options.js";
import { percentText } from "../core/percent.js";
import type { Summary } from "../core/report.js";
import type { Outcome } from "../core/session.js";
import { stripControl } from "../core/text.js";
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

/** One question's record in --json output. */
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

/** The --json document of a session. */
export function sessionJson(session: Record<string, unknown>, outcomes: readonly Outcome[], s: Summary) {
  return {
    session: { ...session, interrupted: s.interrupted, outOfAnswers: s.outOfAnswers },
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
