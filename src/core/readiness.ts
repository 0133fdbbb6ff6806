import { dayStart, type ExamPlan } from "./exam-date.js";
import { retrievability, type SchedulerParams } from "./schedule.js";
import type { Progress } from "./state.js";
import type { Question, Section } from "./types.js";

const DAY = 86_400_000;

export interface SectionReadiness {
  section: string;
  title: string;
  /** Mean predicted recall on the exam day over the section's questions, unseen ones at 0. */
  readiness: number;
  seen: number;
  total: number;
}

export interface Readiness {
  examDate: string;
  /** Whole days from today to the exam day; negative once it has passed. */
  daysLeft: number;
  /** Over every loaded question. */
  overall: number;
  sections: SectionReadiness[];
}

/**
 * Readiness on the exam date: each question's predicted recall at the start of the exam day, averaged
 * by section, with questions never scheduled counted at 0 (nothing predicts they will be recalled).
 */
export function readiness(
  questions: readonly Question[],
  sections: readonly Section[],
  state: Pick<Progress, "questions">,
  plan: ExamPlan,
  now: Date,
  p?: SchedulerParams,
): Readiness {
  const sum = new Map<string, { r: number; seen: number; total: number }>();
  let all = 0;
  for (const q of questions) {
    const card = state.questions[q.id]?.card;
    // Never before now: an exam in the past is judged as of today.
    const r = retrievability(card, Math.max(plan.at, now.getTime()), p);
    const s = sum.get(q.section) ?? { r: 0, seen: 0, total: 0 };
    s.r += r;
    s.total++;
    if (card?.reps) s.seen++;
    sum.set(q.section, s);
    all += r;
  }
  return {
    examDate: plan.date,
    daysLeft: Math.round((plan.at - dayStart(now)) / DAY),
    overall: questions.length ? all / questions.length : 0,
    sections: sections
      .filter((s) => sum.has(s.slug))
      .map((s) => {
        const x = sum.get(s.slug) ?? { r: 0, seen: 0, total: 0 };
        return { section: s.slug, title: s.title, readiness: x.r / x.total, seen: x.seen, total: x.total };
      }),
  };
}
