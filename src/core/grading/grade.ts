import type { Grade } from "../types.js";
import type { Coverage } from "./score.js";

/**
 * The fewest key points hit for Good and for Hard, by how many a question has. FSRS reads Good as "I
 * recalled it" and Hard as "I recalled it, with effort": both are passes, and Hard is not half an answer.
 * So Good asks for the substance (all of 2, 2 of 3, 3 of 4, 4 of 5: one detail may be left out once a
 * question has three points), and Hard for a real part of it (1 of 2 or 3, 2 of 4 or 5). Anything less is
 * a failed recall: Again. Easy is never suggested; only the learner knows it came without effort.
 */
export function thresholds(points: number): { good: number; hard: number } {
  if (points <= 1) return { good: 1, hard: 1 };
  return { good: points - Math.floor(points / 3), hard: Math.ceil(points / 3) };
}

/**
 * The grade a scored answer suggests; the learner confirms or changes it. A contradicted point is a
 * wrong belief stated, worse than one left out: it costs a hit, and an answer with one is never Good.
 */
export function suggestGrade(c: Pick<Coverage, "hit" | "missed" | "contradicted">): Grade {
  const n = c.hit.length + c.missed.length + c.contradicted.length;
  if (!n) return "again";
  const { good, hard } = thresholds(n);
  const net = c.hit.length - c.contradicted.length;
  if (!c.contradicted.length && c.hit.length >= good) return "good";
  if (net >= hard) return "hard";
  return "again";
}
