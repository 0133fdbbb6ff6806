import { isMastered, schedulerParams } from "./schedule.js";
import type { Progress } from "./state.js";
import type { Question } from "./types.js";

export interface Mastery {
  mastered: number;
  total: number;
  ratio: number;
}

/** Per section: the share of its questions that are mastered (in review, recall probability ≥ 0.9). */
export function masteryBySection(
  questions: readonly Question[],
  state: Progress,
  now: number,
): Map<string, Mastery> {
  const out = new Map<string, Mastery>();
  const p = schedulerParams(state);
  for (const q of questions) {
    const m = out.get(q.section) ?? { mastered: 0, total: 0, ratio: 0 };
    m.total++;
    if (isMastered(state.questions[q.id]?.card, now, p)) m.mastered++;
    m.ratio = m.mastered / m.total;
    out.set(q.section, m);
  }
  return out;
}
