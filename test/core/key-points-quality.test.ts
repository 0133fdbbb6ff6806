import { beforeAll, describe, expect, it } from "vitest";
import { type Coverage, keyPointsOf, scoreRecall, suggestGrade } from "../../src/core/grading.js";
import type { Question } from "../../src/core/types.js";
import { loadBundled, resolveMeta } from "../../src/io/decks/bank.js";
import { DATA } from "../helpers/bin.js";

// Key points are bags of words, so a wrong answer that happens to use the same words scores as a right
// one. These checks type each question's own options back as recall answers: the three distractors are
// plausible wrong answers written for exactly this question, the best test there is of whether a key
// point's words tell right from wrong.

let bank: Question[];
beforeAll(async () => {
  bank = (await loadBundled(DATA)).flatMap((d) => d.questions);
  const warnings: string[] = [];
  await resolveMeta(bank, (l) => warnings.push(l));
  expect(warnings).toEqual([]);
});

interface Scored {
  id: string;
  text: string;
  ratio: number;
  hit: string[];
  coverage: Coverage;
}

function score(q: Question, text: string): Scored {
  const c = scoreRecall(text, keyPointsOf(q));
  return { id: q.id, text, ratio: c.ratio, hit: c.hit.map((k) => k.label), coverage: c };
}

const pct = (r: number) => `${Math.round(r * 100)}%`;

/** One line per offender, worst first: id, share of key points hit, which ones, and the text typed. */
const lines = (rows: Scored[]) =>
  [...rows]
    .sort((a, b) => b.ratio - a.ratio || Number(a.id) - Number(b.id))
    .map((r) => `${r.id} ${pct(r.ratio)} [${r.hit.join("; ")}] "${r.text}"`);

describe("key points tell a right answer from a wrong one", () => {
  it("the bank has 50 questions with 3 distractors each", () => {
    expect(bank).toHaveLength(50);
    for (const q of bank) expect(q.meta?.wrong, q.id).toHaveLength(3);
  });

  it("no distractor typed as a recall answer suggests better than 'again'", () => {
    const scored = bank.flatMap((q) => (q.meta?.wrong ?? []).map((w) => score(q, w)));
    expect(scored).toHaveLength(150);
    const offenders = scored.filter((s) => suggestGrade(s.coverage) !== "again");
    expect(lines(offenders), `${offenders.length} of 150 distractors score 'hard' or better`).toEqual([]);
  });

  it("an answer that knows nothing hits no key point", () => {
    const blanks = ["I don't know", "no idea, sorry", "pass", "not sure"];
    const hits = bank.flatMap((q) => blanks.map((b) => score(q, b))).filter((s) => s.ratio > 0);
    expect(lines(hits), `${hits.length} non-answers hit a key point`).toEqual([]);
  });

  // Tightening a key point's words must not lose the answer it was written from: every answer hits all of
  // its points, as it did before the words were tightened.
  it("the question's own answer hits every key point", () => {
    const short = bank.map((q) => score(q, q.answer)).filter((s) => s.ratio < 1);
    expect(lines(short), `${short.length} answers miss a key point`).toEqual([]);
  });

  // The correct option is a one-line summary that leaves details out, so it need not hit every point; but it
  // must at least suggest 'hard', and score above the best of its own distractors.
  it("the correct option, a one-line summary, still suggests 'hard' or better and beats every distractor", () => {
    const short = bank
      .map((q) => {
        const right = score(q, q.meta?.correct ?? "");
        const best = Math.max(...(q.meta?.wrong ?? []).map((w) => score(q, w).ratio));
        return { ...right, best };
      })
      .filter((s) => suggestGrade(s.coverage) === "again" || s.ratio <= s.best);
    expect(
      lines(short),
      `${short.length} correct options score 'again' or no better than a distractor`,
    ).toEqual([]);
  });
});
