import { pickDaily } from "./daily.js";
import type { Random } from "./random.js";
import { reviewQuestions } from "./schedule.js";
import { findSections } from "./sections.js";
import { type Order, selectQuestions } from "./select.js";
import type { Progress } from "./state.js";
import { excerpt, nearest } from "./text.js";
import { type Bank, MODES, type Mode, type Question } from "./types.js";

export type Step =
  | {
      kind: "practice";
      line: number;
      sections: string[];
      count?: number;
      mode?: Mode;
      order: Order;
      weak: boolean;
    }
  | { kind: "review"; line: number; limit?: number; new?: number; mode?: Mode }
  | { kind: "daily"; line: number; mode?: Mode };

export interface Plan {
  name?: string;
  steps: Step[];
}

/** A plan problem, pinned to a line of the plan file. */
export class PlanError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const OPTIONS: Record<Step["kind"], string[]> = {
  practice: ["section", "count", "mode", "order", "weak"],
  review: ["limit", "new", "mode"],
  daily: ["mode"],
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Checks a parsed plan: `steps` is a list, each step one of practice / review / daily with its options.
 * `lineOf(path)` says where a value sits in the file, so every error names its line.
 */
export function validatePlan(data: unknown, lineOf: (path: (string | number)[]) => number): Plan {
  if (!isObj(data)) throw new PlanError(1, 'a plan is a mapping with a "steps" list');
  for (const key of Object.keys(data)) {
    if (key !== "name" && key !== "steps")
      throw new PlanError(lineOf([key]), `unknown key "${excerpt(key)}" (a plan has name and steps)`);
  }
  if (data.name !== undefined && typeof data.name !== "string")
    throw new PlanError(lineOf(["name"]), "name must be text");
  if (!Array.isArray(data.steps) || !data.steps.length)
    throw new PlanError(lineOf(["steps"]), '"steps" must be a list of at least one step');
  const steps = data.steps.map((raw, i): Step => {
    const at = (...p: (string | number)[]) => lineOf(["steps", i, ...p]);
    const entry = typeof raw === "string" ? { [raw]: {} } : raw;
    if (!isObj(entry) || Object.keys(entry).length !== 1) {
      throw new PlanError(
        at(),
        "each step is one of practice, review or daily, e.g. `- practice: { section: networking }`",
      );
    }
    const [kind, value] = Object.entries(entry)[0] as [string, unknown];
    if (!(kind in OPTIONS)) {
      const guess = nearest(kind, Object.keys(OPTIONS));
      throw new PlanError(
        at(),
        `unknown step "${excerpt(kind)}"${guess ? ` (did you mean ${guess}?)` : ""}; steps are practice, review, daily`,
      );
    }
    const k = kind as Step["kind"];
    const opts = value ?? {};
    if (!isObj(opts)) throw new PlanError(at(kind), `the options of a ${k} step must be a mapping`);
    for (const key of Object.keys(opts)) {
      if (!OPTIONS[k].includes(key)) {
        const guess = nearest(key, OPTIONS[k]);
        throw new PlanError(
          at(kind, key),
          `unknown option "${key}" for ${k}${guess ? ` (did you mean ${guess}?)` : ""}`,
        );
      }
    }
    const int = (key: string, min: number): number | undefined => {
      const v = opts[key];
      if (v === undefined) return undefined;
      if (typeof v !== "number" || !Number.isInteger(v) || v < min)
        throw new PlanError(at(kind, key), `${key} must be a whole number of at least ${min}`);
      return v;
    };
    const mode = (): Mode | undefined => {
      const v = opts.mode;
      if (v === undefined) return undefined;
      if (!MODES.includes(v as Mode)) {
        const guess = nearest(String(v), MODES);
        throw new PlanError(
          at(kind, "mode"),
          `mode must be one of ${MODES.join(", ")}${guess ? ` (did you mean ${guess}?)` : ""}`,
        );
      }
      return v as Mode;
    };
    const line = at();
    const m = mode();
    switch (k) {
      case "practice": {
        const s = opts.section;
        const sections = s === undefined ? [] : Array.isArray(s) ? s.map(String) : [String(s)];
        // An empty list ran the whole bank: leave section out for that.
        if (s !== undefined && !sections.length)
          throw new PlanError(
            at(kind, "section"),
            "section names no section (leave it out for the whole bank)",
          );
        const order = opts.order ?? "random";
        if (order !== "random" && order !== "deck") {
          const guess = nearest(String(order), ["random", "deck"]);
          throw new PlanError(
            at(kind, "order"),
            `order must be random or deck${guess ? ` (did you mean ${guess}?)` : ""}`,
          );
        }
        if (opts.weak !== undefined && typeof opts.weak !== "boolean")
          throw new PlanError(at(kind, "weak"), "weak must be true or false");
        const count = int("count", 1);
        return {
          kind: k,
          line,
          sections,
          order,
          weak: opts.weak === true,
          ...(count ? { count } : {}),
          ...(m ? { mode: m } : {}),
        };
      }
      case "review": {
        const limit = int("limit", 1);
        const fresh = int("new", 0);
        return {
          kind: k,
          line,
          ...(limit ? { limit } : {}),
          ...(fresh !== undefined ? { new: fresh } : {}),
          ...(m ? { mode: m } : {}),
        };
      }
      default:
        return { kind: "daily", line, ...(m ? { mode: m } : {}) };
    }
  });
  return { ...(typeof data.name === "string" ? { name: data.name } : {}), steps };
}

export interface StepContext {
  bank: Bank;
  state: Progress;
  now: number;
  dayStart: number;
  day: string;
  random: Random;
  /** The questions first scheduled since dayStart, when the store has counted them. */
  introducedToday?: ReadonlySet<string>;
  /** The ids the run's earlier steps asked: a step asks others while it has any. */
  asked?: ReadonlySet<string>;
  /**
   * Today's question, drawn when the run started, for a plan with a daily step: no other step asks
   * it before that step, and once asked it is asked no more.
   */
  daily?: Question;
}

/** The day's question, as `daily` draws it. */
const todaysPick = (ctx: Pick<StepContext, "bank" | "state" | "day" | "dayStart">) =>
  pickDaily(ctx.bank.questions, ctx.state, ctx.day, ctx.dayStart + 86_400_000 - 1);

/** The day's question for a run of `plan`, or undefined when it has no daily step. */
export function runDaily(
  plan: Plan,
  ctx: Pick<StepContext, "bank" | "state" | "day" | "dayStart">,
): Question | undefined {
  return plan.steps.some((s) => s.kind === "daily") ? todaysPick(ctx) : undefined;
}

/** The questions one step asks, from the state as it stands when the step starts. */
export function stepQuestions(step: Step, ctx: StepContext): Question[] {
  const { bank, state } = ctx;
  // A question is asked once a run while there are others: the daily step's question is kept for
  // it, and a step after another of the same section asks that section's other questions first.
  // (A plan of review, practice and daily asked today's question twice on one day in seven.)
  const asked = (q: Question) => ctx.asked?.has(q.id) === true;
  const kept = (q: Question) => q.id === ctx.daily?.id && !asked(q);
  const narrowed = !!(ctx.asked?.size || ctx.daily);
  const fresh = narrowed ? bank.questions.filter((q) => !asked(q) && !kept(q)) : bank.questions;
  switch (step.kind) {
    case "practice": {
      const sel = {
        sections: findSections(bank.sections, step.sections).map((s) => s.slug),
        count: step.count ?? state.settings.defaultCount,
        order: step.order,
        weakFirst: step.weak,
        weakTopics: state.weakTopics,
        random: ctx.random,
      };
      const picked = selectQuestions(fresh, sel);
      // Too few left in those sections: the count is made up of questions asked already (never of
      // the day's question before its step: a section of ten, practised whole, leaves it nine).
      if (picked.length < sel.count && narrowed)
        picked.push(
          ...selectQuestions(bank.questions.filter(asked), { ...sel, count: sel.count - picked.length }),
        );
      return picked;
    }
    case "review":
      return reviewQuestions(
        fresh,
        state,
        ctx.now,
        ctx.dayStart,
        step.new ?? state.settings.newPerDay,
        step.limit,
        ctx.introducedToday,
      ).questions;
    case "daily": {
      // A second daily step asks nothing: a second answer would replace the first as the day's.
      const q = ctx.daily ?? todaysPick(ctx);
      return q && !asked(q) ? [q] : [];
    }
  }
}
