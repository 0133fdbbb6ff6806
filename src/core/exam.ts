import { percentOf } from "./percent.js";
import { topicsOf } from "./progress.js";
import type { Outcome } from "./session.js";
import type { Question } from "./types.js";

export interface ExamReport {
  asked: number;
  answered: number;
  score: number;
  /** Over every question asked: an unanswered one counts as missed. */
  percent: number;
  timeUp: boolean;
  bySection: { section: string; score: number; total: number; percent: number }[];
  missedKeyPoints: { id: string; prompt: string; missed: string[] }[];
  unanswered: { id: string; prompt: string }[];
  weakestTopics: { topic: string; score: number; total: number; percent: number }[];
}

const pct = percentOf;

/** One answer on the report card: what was typed, the reference, and the key points hit and missed. */
export interface ExamAnswer {
  id: string;
  prompt: string;
  given: string;
  reference: string;
  hit: string[];
  missed: string[];
  /** Said the other way round, or of the other subject. */
  contradicted: string[];
  score: number;
}

/** Each answered question's part of the report, in the order asked. */
export function examAnswers(outcomes: readonly Outcome[]): ExamAnswer[] {
  return outcomes.map((o) => ({
    id: o.presented.question.id,
    prompt: o.presented.question.prompt,
    given: o.given.mode === "recall" ? o.given.text : "",
    reference: o.presented.question.answer,
    hit: o.coverage?.hit.map((k) => k.label) ?? [],
    missed: o.coverage?.missed.map((k) => k.label) ?? [],
    contradicted: o.coverage?.contradicted.map((k) => k.label) ?? [],
    score: o.score,
  }));
}

/** Time as m:ss. */
export function minutesSeconds(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The mock interview's report card: unanswered questions score 0; the weakest topics are the three lowest. */
export function examReport(
  outcomes: readonly Outcome[],
  unanswered: readonly Question[],
  timeUp: boolean,
): ExamReport {
  const rows = [
    ...outcomes.map((o) => ({ q: o.presented.question, score: o.score })),
    ...unanswered.map((q) => ({ q, score: 0 })),
  ];
  const tally = (key: (q: Question) => string[]) => {
    const m = new Map<string, { score: number; total: number }>();
    for (const r of rows) {
      for (const k of key(r.q)) {
        const t = m.get(k) ?? { score: 0, total: 0 };
        t.score += r.score;
        t.total++;
        m.set(k, t);
      }
    }
    return [...m].map(([name, t]) => ({ name, ...t, percent: pct(t.score, t.total) }));
  };
  const score = rows.reduce((s, r) => s + r.score, 0);
  return {
    asked: rows.length,
    answered: outcomes.length,
    score,
    percent: pct(score, rows.length),
    timeUp,
    bySection: tally((q) => [q.section]).map(({ name, ...t }) => ({ section: name, ...t })),
    missedKeyPoints: outcomes
      .filter((o) => o.coverage?.missed.length)
      .map((o) => ({
        id: o.presented.question.id,
        prompt: o.presented.question.prompt,
        missed: o.coverage?.missed.map((k) => k.label) ?? [],
      })),
    unanswered: unanswered.map((q) => ({ id: q.id, prompt: q.prompt })),
    weakestTopics: tally(topicsOf)
      .filter((t) => t.percent < 100)
      .sort((a, b) => a.percent - b.percent || b.total - a.total)
      .slice(0, 3)
      .map(({ name, ...t }) => ({ topic: name, ...t })),
  };
}

/** The report card as Markdown, for --report. */
export function examMarkdown(
  r: ExamReport,
  title: (slug: string) => string,
  date: string,
  detail?: { answers: readonly ExamAnswer[]; timeUsed: string },
): string {
  const lines = [
    `# Mock interview report (${date})`,
    "",
    `**Score: ${r.score}/${r.asked} (${r.percent}%)**${r.timeUp ? ` (time ran out; ${r.unanswered.length} unanswered)` : ""}`,
    "",
    ...(detail ? [`Time used: ${detail.timeUsed}`, ""] : []),
    "## By section",
    "",
    "| Section | Score | % |",
    "|---|---|---|",
    ...r.bySection.map((s) => `| ${title(s.section)} | ${s.score}/${s.total} | ${s.percent}% |`),
    "",
    "## Key points missed",
    "",
    ...(r.missedKeyPoints.length
      ? r.missedKeyPoints.flatMap((m) => [`- **${m.id}** ${m.prompt}`, ...m.missed.map((k) => `  - ${k}`)])
      : ["None."]),
    "",
  ];
  if (r.unanswered.length) {
    lines.push("## Unanswered", "", ...r.unanswered.map((u) => `- **${u.id}** ${u.prompt}`), "");
  }
  if (detail?.answers.length) {
    lines.push("## Your answers", "");
    for (const a of detail.answers) {
      // Typed text is quoted, so a line of it cannot turn into a heading or a list in the report.
      const quote = (text: string) =>
        text.trim() ? text.split("\n").map((l) => `> ${l}`) : ["> (no answer)"];
      lines.push(
        `### ${a.id}. ${a.prompt}`,
        "",
        "Your answer:",
        "",
        ...quote(a.given),
        "",
        `Key points hit: ${a.hit.length ? a.hit.join("; ") : "none"}`,
        `Key points missed: ${a.missed.length ? a.missed.join("; ") : "none"}`,
        ...(a.contradicted.length ? [`Key points contradicted: ${a.contradicted.join("; ")}`] : []),
        "",
        "Reference answer:",
        "",
        a.reference.trim(),
        "",
      );
    }
  }
  lines.push(
    "## Weakest topics",
    "",
    ...(r.weakestTopics.length
      ? r.weakestTopics.map((t) => `- ${t.topic}: ${t.percent}% (${t.score}/${t.total})`)
      : ["None."]),
    "",
  );
  return lines.join("\n");
}
