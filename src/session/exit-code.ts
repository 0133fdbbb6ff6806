import { percentOf } from "../core/percent.js";
import { EXIT } from "../errors.js";

/** What --fail-under looks at: the questions a session set out to ask, those answered, the score. */
export interface Scored {
  asked: number;
  answered: number;
  score: number;
}

/**
 * The score --fail-under is held to: over every question planned, so an unanswered one counts as
 * missed and stopping early is not passing. The same for a practice session, a plan and an exam.
 */
export function failUnderPercent(s: Scored): number {
  return percentOf(s.score, s.asked);
}

/** A session's exit code: 3 when the score is below --fail-under, else 0. */
export function exitCodeFor(s: Scored, failUnder: number | undefined): number {
  return failUnder !== undefined && failUnderPercent(s) < failUnder ? EXIT.belowThreshold : EXIT.ok;
}

/** The one stderr line that goes with exit 3, or undefined when the score passes. */
export function failUnderLine(s: Scored, failUnder: number | undefined): string | undefined {
  if (exitCodeFor(s, failUnder) === EXIT.ok) return undefined;
  const left = s.asked - s.answered;
  return `k8s-quiz: score ${failUnderPercent(s)}% is below --fail-under ${failUnder}%${left > 0 ? ` (${left} unanswered count as missed)` : ""}`;
}
