import { plainLine } from "./markdown.js";
import { words } from "./text.js";
import type { Question } from "./types.js";

export interface SearchHit {
  question: Question;
  score: number;
  /** The line of the prompt or answer with the most search words, the first of those. */
  line: string;
}

/**
 * Questions whose prompt or answer contain every query word (case-insensitive, as substrings),
 * best first: hits in the prompt weigh more than hits in the answer.
 */
export function searchQuestions(questions: readonly Question[], query: readonly string[]): SearchHit[] {
  const terms = query.flatMap((q) => words(q)).filter(Boolean);
  if (!terms.length) return [];
  const hits: SearchHit[] = [];
  for (const question of questions) {
    const prompt = question.prompt.toLowerCase();
    const answer = question.answer.toLowerCase();
    if (!terms.every((t) => prompt.includes(t) || answer.includes(t))) continue;
    let score = 0;
    for (const t of terms) {
      if (prompt.includes(t)) score += 3;
      if (words(prompt).includes(t)) score += 2;
      score += Math.min(answer.split(t).length - 1, 3);
    }
    let line = question.prompt;
    let most = 0;
    for (const l of [question.prompt, ...question.answer.split("\n")]) {
      const lower = l.toLowerCase();
      const n = terms.filter((t) => lower.includes(t)).length;
      if (n > most) [line, most] = [l, n];
    }
    hits.push({ question, score, line: plainLine(line) });
  }
  return hits.sort((a, b) => b.score - a.score || a.question.number - b.question.number);
}
