import { dailyAnswer, dailyRandom, rememberPick } from "../core/daily.js";
import { localDay, startOfDay } from "../core/dates.js";
import { type Plan, PlanError, runDaily, type Step, stepQuestions, validatePlan } from "../core/plan.js";
import { nothingDueLine, reviewQueue } from "../core/schedule.js";
import { findSections } from "../core/sections.js";
import type { SessionResult } from "../core/session.js";
import type { Bank } from "../core/types.js";
import type { Deps } from "../deps.js";
import { UsageError, UserError } from "../errors.js";
import type { OptionsOf } from "../flags.js";
import { parseYamlWithin, YamlLimitError, type YamlLimits } from "../io/decks/yaml-limits.js";
import { readRegularFile, whyNot } from "../io/files.js";
import { loadYaml } from "../io/lazy.js";
import { stylesFor } from "../io/terminal/render.js";
import { sessionOptions } from "../session/options.js";
import { startSession } from "../session/start.js";

/** A plan is a short list of steps; anything this big is not one. */
const MAX_PLAN_BYTES = 1024 * 1024;
const PLAN_LIMITS: YamlLimits = { what: "plan", bytes: MAX_PLAN_BYTES, nodes: 10_000 };

/** Its flags, as declared once in src/flags.ts (the session ones are in SESSION_FLAGS). */
export type RunOptions = Partial<OptionsOf<"run">>;

/** Reads and checks a plan file; every problem comes back as `file:line: message`. */
export async function loadPlan(file: string, bank: Bank): Promise<Plan> {
  let text: string;
  try {
    text = readRegularFile(file, MAX_PLAN_BYTES).toString("utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EFBIG")
      throw new UserError(`${file}: plan is larger than 1 MB`);
    throw new UserError(`${file}: cannot read plan: ${whyNot(e)}`);
  }
  const Y = await loadYaml();
  const { LineCounter, isNode } = Y;
  const lines = new LineCounter();
  let doc: ReturnType<typeof parseYamlWithin>;
  try {
    doc = parseYamlWithin(Y, text, PLAN_LIMITS, { lineCounter: lines });
  } catch (e) {
    if (!(e instanceof YamlLimitError)) throw e;
    throw new UserError(`${file}:${e.offset ? lines.linePos(e.offset).line : 1}: ${e.message}`);
  }
  const bad = doc.errors[0];
  if (bad) {
    // An error found at the end of the file (an unclosed quote or bracket) is on its last line, not after it.
    const last = text.replace(/\n$/, "").split("\n").length;
    const line = Math.min(lines.linePos(bad.pos[0]).line, last);
    const why =
      bad.code === "MULTIPLE_DOCS"
        ? "a plan is one YAML document, and another starts here"
        : bad.message.split("\n")[0];
    throw new UserError(`${file}:${line}: not valid YAML: ${why}`);
  }
  const lineOf = (path: (string | number)[]) => {
    for (let p = path; p.length; p = p.slice(0, -1)) {
      const node = doc.getIn(p, true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return 1;
  };
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    // Aliases expanding past the library's limit (a "billion laughs" plan), and the like.
    throw new UserError(`${file}:1: not valid YAML: ${String((e as Error).message).split("\n")[0]}`);
  }
  try {
    const plan = validatePlan(data, lineOf);
    for (const step of plan.steps) {
      if (step.kind === "practice") {
        try {
          findSections(bank.sections, step.sections);
        } catch (e) {
          throw new PlanError(step.line, (e as Error).message);
        }
      }
    }
    return plan;
  } catch (e) {
    if (e instanceof PlanError) throw new UserError(`${file}:${e.line}: ${e.message}`);
    throw e;
  }
}

const describe = (s: Step) =>
  s.kind === "practice"
    ? `practice${s.sections.length ? ` ${s.sections.join(", ")}` : ""}${s.weak ? " (weak first)" : ""}`
    : s.kind;

/** `k8s-quiz run <plan>`: the steps of a study plan in order, then one combined summary. */
export async function runCommand(deps: Deps, file: string, opts: RunOptions): Promise<number> {
  if (!file) throw new UsageError("run needs a plan file");
  const bank = await deps.bank(opts.deck);
  const plan = await loadPlan(file, bank);
  const runner = await startSession(deps, bank, sessionOptions(deps, "run", opts));
  // The step headers go where the questions do: stdout, or under --json the terminal the prompts
  // are on (stderr), and nowhere for a script reading JSON.
  const say = opts.json ? (runner.prompter ? runner.screen : undefined) : runner.out;
  const c = stylesFor(say ?? runner.out);
  const results: SessionResult[] = [];
  const steps: { step: string; line: number; asked: number; alreadyDone?: true }[] = [];
  const started = deps.now();
  const today = localDay(started);
  // Today's question as the run starts, so that earlier steps leave it to the daily step. It is
  // remembered as `daily` remembers it, so `daily` shows the same question for the rest of the day;
  // answered already today, the daily step asks nothing (a second answer would count twice).
  const picked = runDaily(plan, { bank, state: runner.state(), day: today, dayStart: startOfDay(started) });
  const stored = picked ? deps.store().read() : undefined;
  const done = stored ? dailyAnswer(stored, today) !== undefined : false;
  const daily = done ? undefined : picked;
  if (daily && !opts.dryRun && stored?.daily.picks[today] !== daily.id)
    await deps.store().update((s) => rememberPick(s, today, daily.id, false));
  const asked = new Set<string>();
  for (const [i, step] of plan.steps.entries()) {
    const now = deps.now();
    const state = runner.state();
    // Today's question answered before this run, or by an earlier daily step of it.
    const skipped = step.kind === "daily" && (done || (daily !== undefined && asked.has(daily.id)));
    const questions = skipped
      ? []
      : stepQuestions(step, {
          bank,
          state,
          now: now.getTime(),
          dayStart: startOfDay(now),
          day: localDay(now),
          random: runner.random,
          asked,
          ...(daily ? { daily } : {}),
          ...(step.kind === "review"
            ? { introducedToday: deps.store().introducedSince(startOfDay(now)) }
            : {}),
        });
    for (const q of questions) asked.add(q.id);
    steps.push({
      step: describe(step),
      line: step.line,
      asked: questions.length,
      ...(skipped ? { alreadyDone: true } : {}),
    });
    if (say)
      say.out(
        c.bold(
          `\n== Step ${i + 1}/${plan.steps.length}: ${describe(step)} (${skipped ? "answered already today" : `${questions.length} question${questions.length === 1 ? "" : "s"}`})`,
        ),
      );
    if (!questions.length) {
      // As review itself says it: why there is nothing to ask, and when there will be.
      if (step.kind === "review" && say)
        say.out(
          nothingDueLine(reviewQueue(bank.questions, state, now.getTime(), 0).nextDue, now.getTime(), false),
        );
      continue;
    }
    // The daily step's options come in the day's order, the one daily shows all day.
    const own = step.kind === "daily" ? { random: dailyRandom(today, opts.seed) } : {};
    const result = await runner.ask(questions, step.mode ?? state.settings.defaultMode, own);
    results.push(result);
    if (result.interrupted || result.outOfAnswers) break;
  }
  return runner.finish(results, { plan: plan.name ?? file, steps });
}
