import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { keyPointsOf, scoreOf, scoreRecall, suggestGrade } from "../../src/core/grading.js";
import type { Question } from "../../src/core/types.js";
import { loadBundled, resolveMeta } from "../../src/io/decks/bank.js";
import { DATA, ROOT } from "../helpers/bin.js";

// How well the key-point grader agrees with a person, measured on typed answers written and labelled by
// hand (test/fixtures/graded-answers.yaml): 1 good, 0.5 partial, 0 wrong.
//
// "Scored" is the score of the grade the grader suggests, the same number a session records:
// Again 0, Hard 0.5, Good or Easy 1 (scoreOf). So:
//   agreement    the score equals the label;
//   false pass   a wrong answer (label 0) scored 0.5 or more: Hard or Good for a wrong answer;
//   false fail   a good answer (label 1) scored 0.5 or less: Hard or Again for a good answer.
// The questions numbered in fives are held out: neither the grader nor their key points were tuned on
// their answers, so their figures say how the grader does on answers it has not seen.

interface Labelled {
  /**
   * 2 for the second batch, written after the grader was built and scored once before tuning on it;
   * 3 for the third, written from the questions alone by the helper that tuned the grader after it;
   * 4 for answers a user audit found misgraded, added with the fix.
   */
  batch?: 2 | 3 | 4;
  id: number;
  label: 0 | 0.5 | 1;
  kind: string;
  text: string;
  why: string;
}

const set: Labelled[] = parse(readFileSync(join(ROOT, "test/fixtures/graded-answers.yaml"), "utf8"));
const heldOut = (a: Labelled) => a.id % 5 === 0;

let bank: Map<number, Question>;
beforeAll(async () => {
  const questions = (await loadBundled(DATA)).flatMap((d) => d.questions);
  const warnings: string[] = [];
  await resolveMeta(questions, (l) => warnings.push(l));
  expect(warnings).toEqual([]);
  bank = new Map(questions.map((q) => [q.number, q]));
});

interface Figures {
  n: number;
  agreement: number;
  falsePasses: number;
  falseFails: number;
  /** One line per disagreement, for the failure message. */
  misses: string[];
}

function measure(rows: readonly Labelled[]): Figures {
  let agree = 0;
  let wrong = 0;
  let good = 0;
  let fp = 0;
  let ff = 0;
  const misses: string[] = [];
  for (const a of rows) {
    const q = bank.get(a.id);
    if (!q) throw new Error(`no question ${a.id}`);
    const coverage = scoreRecall(a.text, keyPointsOf(q));
    const grade = suggestGrade(coverage);
    const score = scoreOf(grade);
    if (score === a.label) agree++;
    else {
      const marks = coverage.verdicts.map(
        (v) => `${v.verdict === "hit" ? "+" : v.verdict === "missed" ? "-" : "!"}${v.point.label}`,
      );
      misses.push(`${a.id} label ${a.label} got ${grade}: [${marks.join("; ")}] "${a.text}"`);
    }
    if (a.label === 0) {
      wrong++;
      if (score >= 0.5) fp++;
    }
    if (a.label === 1) {
      good++;
      if (score <= 0.5) ff++;
    }
  }
  return {
    n: rows.length,
    agreement: agree / rows.length,
    falsePasses: fp / wrong,
    falseFails: ff / good,
    misses,
  };
}

const pct = (r: number) => `${Math.round(r * 100)}%`;
const report = (name: string, f: Figures) =>
  `${name}: ${f.n} answers, agreement ${pct(f.agreement)}, false passes ${pct(f.falsePasses)}, false fails ${pct(f.falseFails)}`;

describe("the labelled answers", () => {
  it("has 3 or more hand-labelled answers for each of the 50 questions, each with a reason", () => {
    expect(set.length).toBeGreaterThanOrEqual(150);
    const per = new Map<number, number>();
    for (const a of set) per.set(a.id, (per.get(a.id) ?? 0) + 1);
    expect([...per.keys()].sort()).toEqual(Array.from({ length: 50 }, (_, i) => 501 + i));
    expect([...per.values()].every((n) => n >= 3)).toBe(true);
    for (const a of set) {
      expect([0, 0.5, 1], `${a.id} ${a.text}`).toContain(a.label);
      expect(a.text.trim().length, `${a.id}`).toBeGreaterThan(0);
      expect(a.why.trim().length, `${a.id} ${a.text}`).toBeGreaterThan(0);
    }
  });

  // The first 150 follow the mix; the second batch, one more per question, leans to terse
  // answers and wrong ones, the hardest cases.
  it("mixes right, partial and wrong answers about as the issue asks", () => {
    const first = set.filter((a) => a.batch === undefined);
    expect(first).toHaveLength(150);
    const share = (f: (a: Labelled) => boolean) => first.filter(f).length / first.length;
    expect(share((a) => a.label === 1 && a.kind === "paraphrase")).toBeGreaterThan(0.28);
    expect(share((a) => a.label === 1 && (a.kind === "terse" || a.kind === "verbose"))).toBeGreaterThan(0.12);
    expect(share((a) => a.label === 0.5)).toBeGreaterThan(0.2);
    expect(share((a) => a.label === 0)).toBeGreaterThan(0.22);
    for (const kind of ["stuffed", "negated", "swapped"])
      expect(set.filter((a) => a.kind === kind).length, kind).toBeGreaterThanOrEqual(4);
  });
});

// Floors: raised as the grader improves, never lowered to let a change through. The goals are agreement
// of 80% or more, false passes 10% or fewer, false fails 15% or fewer.
// On the first 150 answers the old grader scored 62% / 15% / 28% (agreement / false passes / false
// fails) on the tuned part and 67% / 11% / 14% held out; the held-out floor is looser because 40
// answers move a figure by 2.5 points each.
// Before misconceptions had to be said word by word, hyphened terms side by side and "X is a <kind of>
// Y" kept X the subject, held out was 85% / 0% / 16% (3 of its 19 good answers failed); after, 90% / 0% /
// 5% held out and 90.5% / 0% / 1% on all 200. With the third batch (224 answers): 91% / 0% / 2% on
// all, 91% / 0% / 5% on the 43 held out.
const FLOORS = {
  all: { agreement: 0.9, falsePasses: 0.02, falseFails: 0.02 },
  heldOut: { agreement: 0.875, falsePasses: 0.05, falseFails: 0.1 },
};

describe("the grader agrees with the labels", () => {
  it.each([
    { name: "all", rows: () => set, floor: FLOORS.all },
    { name: "tuned", rows: () => set.filter((a) => !heldOut(a)), floor: FLOORS.all },
    { name: "held out", rows: () => set.filter(heldOut), floor: FLOORS.heldOut },
  ])("$name", ({ name, rows, floor }) => {
    const f = measure(rows());
    console.info(report(name, f));
    const why = `${report(name, f)}\n${f.misses.join("\n")}`;
    expect(f.agreement, why).toBeGreaterThanOrEqual(floor.agreement);
    expect(f.falsePasses, why).toBeLessThanOrEqual(floor.falsePasses);
    expect(f.falseFails, why).toBeLessThanOrEqual(floor.falseFails);
  });
});

// An independent set: 150 answers to 30 questions, written and labelled by an audit that had seen
// neither the grader nor the set above (test/fixtures/graded-answers-audit.yaml). Nothing was tuned
// on it but the two changes it led to: key phrases that only repeat the question give no credit,
// which took its false passes from 6 of 45 to 4 ("A CRD is the Container Runtime Daemon ..." had
// passed as Hard), and a denial that stops at an "and" starting a clause of its own, which took its
// right answers graded Again from 1 to 0.
// Its floors are where the grader stands on it; what it still misgrades (a denial after the
// keyword, paraphrases) is listed in the failure message.
const audit: Labelled[] = parse(readFileSync(join(ROOT, "test/fixtures/graded-answers-audit.yaml"), "utf8"));
const AUDIT_FLOOR = { agreement: 0.8, falsePasses: 0.09, falseFails: 0.06 };

describe("the grader on an independent audit's labels", () => {
  it("agrees as well as it did when they were written", () => {
    expect(audit).toHaveLength(150);
    const f = measure(audit);
    console.info(report("audit", f));
    const why = `${report("audit", f)}\n${f.misses.join("\n")}`;
    expect(f.agreement, why).toBeGreaterThanOrEqual(AUDIT_FLOOR.agreement);
    expect(f.falsePasses, why).toBeLessThanOrEqual(AUDIT_FLOOR.falsePasses);
    expect(f.falseFails, why).toBeLessThanOrEqual(AUDIT_FLOOR.falseFails);
  });
});
