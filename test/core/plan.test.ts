import { describe, expect, it } from "vitest";
import {
  type Plan,
  PlanError,
  runDaily,
  type Step,
  stepQuestions,
  validatePlan,
} from "../../src/core/plan.js";
import { seededRandom } from "../../src/core/random.js";
import { emptyState, type Progress } from "../../src/core/state.js";
import type { Bank, Question } from "../../src/core/types.js";
import { makeQuestion, makeSection, reviewCard } from "../helpers/questions.js";

/**
 * Where each value sits in the plan file, as the YAML reader would report it. A path that is not
 * listed answers -1, so an error pinned to the wrong path shows up as a wrong line.
 */
const lines =
  (table: Record<string, number>) =>
  (path: (string | number)[]): number =>
    table[path.join(".")] ?? -1;

function planError(data: unknown, table: Record<string, number>): PlanError {
  try {
    validatePlan(data, lines(table));
  } catch (e) {
    if (e instanceof PlanError) return e;
    throw e;
  }
  throw new Error("expected a PlanError");
}

describe("validatePlan: a valid plan", () => {
  // name: Morning
  // steps:
  //   - review: { limit: 20, new: 0 }
  //   - practice:
  //       section: [networking, crds]
  //       count: 5
  //       mode: recall
  //   - practice: { weak: true, order: deck }
  //   - daily
  //   - daily: { mode: flash }
  const data = {
    name: "Morning",
    steps: [
      { review: { limit: 20, new: 0 } },
      { practice: { section: ["networking", "crds"], count: 5, mode: "recall" } },
      { practice: { weak: true, order: "deck" } },
      "daily",
      { daily: { mode: "flash" } },
    ],
  };
  const table = { "steps.0": 3, "steps.1": 4, "steps.2": 8, "steps.3": 9, "steps.4": 10 };

  it("parses to typed steps with their lines", () => {
    const want: Plan = {
      name: "Morning",
      steps: [
        { kind: "review", line: 3, limit: 20, new: 0 },
        {
          kind: "practice",
          line: 4,
          sections: ["networking", "crds"],
          count: 5,
          mode: "recall",
          order: "random",
          weak: false,
        },
        { kind: "practice", line: 8, sections: [], order: "deck", weak: true },
        { kind: "daily", line: 9 },
        { kind: "daily", line: 10, mode: "flash" },
      ],
    };
    expect(validatePlan(data, lines(table))).toEqual(want);
  });

  it.each([
    {
      name: "a single section string",
      step: { practice: { section: "networking" } },
      want: { sections: ["networking"] },
    },
    { name: "empty options", step: { practice: null }, want: { sections: [], order: "random", weak: false } },
    { name: "review with nothing", step: "review", want: { kind: "review" } },
    { name: "weak false", step: { practice: { weak: false } }, want: { weak: false } },
  ])("accepts $name", ({ step, want }) => {
    const plan = validatePlan({ steps: [step] }, lines({ "steps.0": 2 }));
    expect(plan.steps[0]).toMatchObject({ line: 2, ...want });
    expect(plan.name).toBeUndefined();
  });
});

describe("validatePlan: errors carry their line", () => {
  const cases: {
    name: string;
    data: unknown;
    table: Record<string, number>;
    line: number;
    message: RegExp;
  }[] = [
    { name: "not a mapping", data: ["practice"], table: {}, line: 1, message: /mapping with a "steps" list/ },
    { name: "empty steps", data: { steps: [] }, table: { steps: 2 }, line: 2, message: /at least one step/ },
    {
      name: "no steps",
      data: { name: "x" },
      table: { steps: 1 },
      line: 1,
      message: /"steps" must be a list/,
    },
    {
      name: "steps not a list",
      data: { steps: "practice" },
      table: { steps: 3 },
      line: 3,
      message: /must be a list/,
    },
    {
      name: "unknown top-level key",
      data: { name: "x", step: [], steps: ["daily"] },
      table: { step: 2 },
      line: 2,
      message: /unknown key "step"/,
    },
    {
      name: "unknown step, with a suggestion",
      data: { steps: ["daily", { practise: { count: 3 } }] },
      table: { "steps.1": 5 },
      line: 5,
      message: /unknown step "practise" \(did you mean practice\?\)/,
    },
    {
      name: "unknown step, no close suggestion",
      data: { steps: [{ lunch: {} }] },
      table: { "steps.0": 3 },
      line: 3,
      message: /unknown step "lunch"; steps are practice, review, daily/,
    },
    {
      name: "a step with two kinds",
      data: { steps: [{ practice: {}, review: {} }] },
      table: { "steps.0": 4 },
      line: 4,
      message: /each step is one of practice, review or daily/,
    },
    {
      name: "a step that is a number",
      data: { steps: [5] },
      table: { "steps.0": 2 },
      line: 2,
      message: /each step is one of/,
    },
    {
      name: "unknown option, with a suggestion",
      data: { steps: ["review", { practice: { section: "networking", cout: 5 } }] },
      table: { "steps.1": 4, "steps.1.practice.cout": 6 },
      line: 6,
      message: /unknown option "cout" for practice \(did you mean count\?\)/,
    },
    {
      name: "an option of another step kind",
      data: { steps: [{ review: { limt: 5 } }] },
      table: { "steps.0.review.limt": 3 },
      line: 3,
      message: /unknown option "limt" for review \(did you mean limit\?\)/,
    },
    {
      name: "options that are not a mapping",
      data: { steps: [{ practice: "networking" }] },
      table: { "steps.0.practice": 2 },
      line: 2,
      message: /must be a mapping/,
    },
    {
      name: "bad mode",
      data: { steps: [{ practice: { mode: "quiz" } }] },
      table: { "steps.0.practice.mode": 4 },
      line: 4,
      message: /mode must be one of choice, recall, flash/,
    },
    {
      name: "a misspelt mode",
      data: { steps: [{ review: { mode: "recal" } }] },
      table: { "steps.0.review.mode": 3 },
      line: 3,
      message: /mode must be one of choice, recall, flash \(did you mean recall\?\)$/,
    },
    {
      name: "a misspelt order",
      data: { steps: [{ practice: { order: "dek" } }] },
      table: { "steps.0.practice.order": 3 },
      line: 3,
      message: /order must be random or deck \(did you mean deck\?\)$/,
    },
    {
      name: "bad mode on daily",
      data: { steps: [{ daily: { mode: "exam" } }] },
      table: { "steps.0.daily.mode": 7 },
      line: 7,
      message: /mode must be one of/,
    },
    {
      name: "count zero",
      data: { steps: [{ practice: { count: 0 } }] },
      table: { "steps.0.practice.count": 5 },
      line: 5,
      message: /count must be a whole number of at least 1/,
    },
    {
      name: "count as text",
      data: { steps: [{ practice: { count: "five" } }] },
      table: { "steps.0.practice.count": 5 },
      line: 5,
      message: /count must be a whole number/,
    },
    {
      name: "count fractional",
      data: { steps: [{ practice: { count: 2.5 } }] },
      table: { "steps.0.practice.count": 6 },
      line: 6,
      message: /count must be a whole number/,
    },
    {
      name: "negative new",
      data: { steps: [{ review: { new: -1 } }] },
      table: { "steps.0.review.new": 3 },
      line: 3,
      message: /new must be a whole number of at least 0/,
    },
    {
      name: "limit zero",
      data: { steps: [{ review: { limit: 0 } }] },
      table: { "steps.0.review.limit": 3 },
      line: 3,
      message: /limit must be a whole number of at least 1/,
    },
    {
      name: "bad order",
      data: { steps: [{ practice: { order: "shuffled" } }] },
      table: { "steps.0.practice.order": 8 },
      line: 8,
      message: /order must be random or deck/,
    },
    {
      name: "weak not a boolean",
      data: { steps: [{ practice: { weak: "yes" } }] },
      table: { "steps.0.practice.weak": 9 },
      line: 9,
      message: /weak must be true or false/,
    },
  ];
  it.each(cases)("$name -> line $line", ({ data, table, line, message }) => {
    const e = planError(data, table);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(message);
  });
});

describe("stepQuestions", () => {
  const q = (number: number, sec: string): Question => makeQuestion({ number, section: sec });
  const bank: Bank = {
    sections: [
      makeSection("internals", "Kubernetes Internals"),
      makeSection("operators", "Operators and CRDs", ["crds"]),
      makeSection("networking", "Advanced Networking Plugins"),
    ],
    questions: [
      q(1, "internals"),
      q(2, "internals"),
      q(3, "operators"),
      q(4, "operators"),
      q(5, "networking"),
      q(6, "networking"),
    ],
  };
  const DAY = 86_400_000;
  const NOW = Date.UTC(2026, 2, 10, 12);
  const DAY_START = Date.UTC(2026, 2, 10);
  const ctx = (state: Progress = emptyState()) => ({
    bank,
    state,
    now: NOW,
    dayStart: DAY_START,
    day: "2026-03-10",
    random: seededRandom(7),
  });
  const ids = (qs: Question[]) => qs.map((x) => x.id);

  it.each<{ name: string; step: Step; want: string[] }>([
    {
      name: "practice by slug and alias, in deck order",
      step: { kind: "practice", line: 1, sections: ["crds", "networking"], order: "deck", weak: false },
      want: ["3", "4", "5", "6"],
    },
    {
      name: "practice by a title word",
      step: { kind: "practice", line: 1, sections: ["advanced"], order: "deck", weak: false },
      want: ["5", "6"],
    },
    {
      name: "practice cut to count",
      step: { kind: "practice", line: 1, sections: ["internals"], count: 1, order: "deck", weak: false },
      want: ["1"],
    },
    {
      name: "practice with no section uses the whole bank",
      step: { kind: "practice", line: 1, sections: [], order: "deck", weak: false },
      want: ["1", "2", "3", "4", "5", "6"],
    },
  ])("$name", ({ step, want }) => {
    expect(ids(stepQuestions(step, ctx()))).toEqual(want);
  });

  it("practice without a count uses settings.defaultCount", () => {
    const base = emptyState();
    const state = { ...base, settings: { ...base.settings, defaultCount: 2 } };
    const step: Step = { kind: "practice", line: 1, sections: [], order: "deck", weak: false };
    expect(ids(stepQuestions(step, ctx(state)))).toEqual(["1", "2"]);
  });

  it("practice with weak puts weak topics first", () => {
    const state = { ...emptyState(), weakTopics: { networking: { accuracy: 0.3, answers: 3, lastSeen: 0 } } };
    const step: Step = { kind: "practice", line: 1, sections: [], order: "deck", weak: true };
    expect(ids(stepQuestions(step, ctx(state)))).toEqual(["5", "6", "1", "2", "3", "4"]);
  });

  it("an unknown section is an error naming it", () => {
    const step: Step = { kind: "practice", line: 1, sections: ["storage"], order: "deck", weak: false };
    expect(() => stepQuestions(step, ctx())).toThrow(/unknown section "storage"/);
  });

  it("review asks due cards first, then new ones within the step's allowance and limit", () => {
    const base = emptyState();
    const state: Progress = {
      ...base,
      questions: {
        "2": {
          attempts: 1,
          correct: 1,
          lastAnswered: 0,
          lastResult: 1,
          recent: [1],
          card: reviewCard(NOW - DAY),
        },
        "4": {
          attempts: 1,
          correct: 1,
          lastAnswered: 0,
          lastResult: 1,
          recent: [1],
          card: reviewCard(NOW - 3 * DAY),
        },
        "6": {
          attempts: 1,
          correct: 1,
          lastAnswered: 0,
          lastResult: 1,
          recent: [1],
          card: reviewCard(NOW + DAY),
        },
      },
    };
    expect(ids(stepQuestions({ kind: "review", line: 1, new: 1 }, ctx(state)))).toEqual(["4", "2", "1"]);
    expect(ids(stepQuestions({ kind: "review", line: 1, new: 0 }, ctx(state)))).toEqual(["4", "2"]);
    expect(ids(stepQuestions({ kind: "review", line: 1, limit: 1 }, ctx(state)))).toEqual(["4"]);
    // Without `new`, settings.newPerDay (10) applies.
    expect(ids(stepQuestions({ kind: "review", line: 1 }, ctx(state)))).toEqual(["4", "2", "1", "3", "5"]);
  });

  it("daily asks one question, the day's pick", () => {
    const got = stepQuestions({ kind: "daily", line: 1 }, ctx());
    expect(got).toHaveLength(1);
    expect(ids(stepQuestions({ kind: "daily", line: 1 }, ctx()))).toEqual(ids(got));
  });

  describe("a question is asked once a run while there are others", () => {
    const internals: Step = {
      kind: "practice",
      line: 1,
      sections: ["internals"],
      order: "deck",
      weak: false,
    };
    const all: Step = { kind: "practice", line: 1, sections: [], count: 3, order: "deck", weak: false };

    it("a practice step asks what earlier steps did not, then makes up its count from what they did", () => {
      expect(ids(stepQuestions(all, { ...ctx(), asked: new Set(["1", "3"]) }))).toEqual(["2", "4", "5"]);
      expect(ids(stepQuestions(internals, { ...ctx(), asked: new Set(["1"]) }))).toEqual(["2", "1"]);
      // Every question of the section asked already: the step still asks its count.
      expect(ids(stepQuestions(internals, { ...ctx(), asked: new Set(["1", "2"]) }))).toEqual(["1", "2"]);
    });

    it("the day's question is left to the daily step, even when its section has nothing else left", () => {
      const daily = bank.questions[0] as Question;
      expect(ids(stepQuestions(all, { ...ctx(), daily }))).toEqual(["2", "3", "4"]);
      // The whole section: the other question, then what was asked already, never the day's.
      expect(ids(stepQuestions(internals, { ...ctx(), daily }))).toEqual(["2"]);
      expect(ids(stepQuestions(internals, { ...ctx(), daily, asked: new Set(["2"]) }))).toEqual(["2"]);
      expect(ids(stepQuestions({ kind: "review", line: 1 }, { ...ctx(), daily }))).not.toContain("1");
      expect(ids(stepQuestions({ kind: "daily", line: 1 }, { ...ctx(), daily }))).toEqual(["1"]);
    });

    it("once the daily step has asked it, the day's question is like any asked one, and a second daily step asks nothing", () => {
      const daily = bank.questions[0] as Question;
      const after = { ...ctx(), daily, asked: new Set(["1"]) };
      expect(ids(stepQuestions({ kind: "daily", line: 2 }, after))).toEqual([]);
      expect(ids(stepQuestions(internals, after))).toEqual(["2", "1"]);
    });

    it("review leaves out what the run asked already", () => {
      expect(
        ids(stepQuestions({ kind: "review", line: 1, new: 3 }, { ...ctx(), asked: new Set(["1", "2"]) })),
      ).toEqual(["3", "4", "5"]);
    });

    it("runDaily draws the day's pick for a plan with a daily step, and nothing for one without", () => {
      const picked = stepQuestions({ kind: "daily", line: 1 }, ctx());
      expect(runDaily({ steps: [internals, { kind: "daily", line: 2 }] }, ctx())).toEqual(picked[0]);
      expect(runDaily({ steps: [internals] }, ctx())).toBeUndefined();
    });
  });
});
