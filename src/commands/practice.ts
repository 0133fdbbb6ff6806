import { findSections } from "../core/sections.js";
import { findQuestion, selectQuestions } from "../core/select.js";
import type { Section } from "../core/types.js";
import type { Deps } from "../deps.js";
import { UsageError, UserError } from "../errors.js";
import type { OptionsOf } from "../flags.js";
import { sessionOptions } from "../session/options.js";
import { startSession } from "../session/start.js";

/** Its flags, as declared once in src/flags.ts (the session ones are in SESSION_FLAGS). */
export type PracticeOptions = Partial<OptionsOf<"practice">>;

/** `k8s-quiz practice`: a session by section, in choice, recall or flash mode; one retry of the misses. */
export async function practiceCommand(deps: Deps, opts: PracticeOptions): Promise<number> {
  const bank = await deps.bank(opts.deck);
  const settings = deps.store().read().settings;
  const runner = await startSession(deps, bank, sessionOptions(deps, "practice", opts));
  const ids = opts.id ?? [];
  const other = opts.section?.length ? "--section" : opts.flagged ? "--flagged" : opts.weak ? "--weak" : "";
  if (ids.length && other) throw new UsageError(`--id picks the questions itself: leave out ${other}`);
  let sections: Section[] = opts.section?.length ? findSections(bank.sections, opts.section) : [];
  const flagged = runner.state().flagged ?? {};
  // --id: those questions (each once), found as show finds one, with its "did you mean".
  const pool = ids.length
    ? [...new Set(ids.map((id) => findQuestion(bank, id)))]
    : opts.flagged
      ? bank.questions.filter((q) => flagged[q.id] !== undefined)
      : bank.questions;
  if (opts.flagged && !pool.length)
    throw new UserError("no flagged questions: press f during a session to flag one");
  if (!sections.length && runner.prompter && !opts.weak && !opts.flagged && !ids.length) {
    const picked = await runner.prompter.checkbox(
      "Which sections? (space to tick, a for all, Enter to start)",
      bank.sections.map((s) => ({
        name: `${s.title} (${bank.questions.filter((q) => q.section === s.slug).length})`,
        value: s.slug,
      })),
    );
    sections = bank.sections.filter((s) => picked.includes(s.slug));
  }
  const mode = opts.mode ?? settings.defaultMode;
  const questions = selectQuestions(pool, {
    sections: sections.map((s) => s.slug),
    count: opts.count ?? (ids.length ? pool.length : settings.defaultCount),
    order: opts.order ?? "random",
    weakFirst: !!opts.weak,
    weakTopics: runner.state().weakTopics,
    random: runner.random,
  });
  if (!questions.length) throw new UserError("no questions to ask in that selection");
  if (opts.weak && !runner.state().weakTopics.length)
    runner.out.err("No weak topics yet (they show up once you miss a few): asking in the usual order.");

  const session = {
    mode,
    sections: sections.map((s) => s.slug),
    count: questions.length,
  };
  const first = await runner.ask(questions, mode);
  const code = await runner.finish([first], session);
  const missed = first.outcomes.filter((o) => o.score < 1).map((o) => o.presented.question);
  if (!runner.prompter || opts.json || !missed.length) return code;
  const n = missed.length;
  // Hard ones are offered too, in the summary's words: they are listed apart from the missed ones.
  const hard = first.outcomes.filter((o) => o.score > 0 && o.score < 1).length;
  const which = hard === 0 ? "you missed" : hard === n ? "you found hard" : "you missed or found hard";
  // Ctrl+C or SIGTERM at the offer ends the session with 130 or 143 like at any other prompt;
  // every answer and the summary are out already.
  const again = await runner.prompter.confirm(`Retry the ${n === 1 ? "one" : n} ${which}?`, true);
  // The summary after the retry is the whole session's, first round and retry, not the retry alone.
  if (again) await runner.finish([first, await runner.ask(missed, mode)], { ...session, retry: true });
  return code;
}
