import { renameSync, writeFileSync } from "node:fs";
import { dailyAnswer, dailyRandom, pickDaily, rememberPick } from "../core/daily.js";
import { localDay, parseDay, startOfDay } from "../core/dates.js";
import { currentStreak } from "../core/progress.js";
import type { HistoryEntry } from "../core/state.js";
import { stripControl } from "../core/text.js";
import type { Question } from "../core/types.js";
import type { Deps } from "../deps.js";
import { UsageError, UserError } from "../errors.js";
import type { OptionsOf } from "../flags.js";
import { resolveMeta } from "../io/decks/bank.js";
import { hookStampFile } from "../io/paths.js";
import { stylesFor } from "../io/terminal/render.js";
import { renderQuestion } from "../io/terminal/views.js";
import { truncate } from "../io/terminal/wrap.js";

/** Its flags, as declared once in src/flags.ts (the session ones are in SESSION_FLAGS). */
export type DailyOptions = Partial<OptionsOf<"daily">>;

const DAY_MS = 86_400_000;
const plural = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/** `k8s-quiz daily`: one question a day, the same all day, with a streak. */
export async function dailyCommand(deps: Deps, opts: DailyOptions): Promise<number> {
  if (opts.hook) return hook(deps, opts);
  const when = opts.date !== undefined ? parseDay(opts.date) : deps.now();
  if (!when) throw new UsageError(`--date expects a calendar date as YYYY-MM-DD, got "${opts.date}"`);
  const day = localDay(when);
  const clock = opts.date !== undefined ? () => when : deps.now;
  const store = deps.store();
  const bank = await deps.bank(opts.deck);
  const state = store.read();
  const q = pickDaily(bank.questions, state, day, startOfDay(when) + DAY_MS - 1);
  if (!q) throw new UserError("no questions to pick from");
  const remember = async () => {
    if (store.read().daily.picks[day] !== q.id && !opts.dryRun)
      await store.update((s) => rememberPick(s, day, q.id, false));
  };

  if (opts.reveal) {
    const out = deps.output(opts.color);
    // Its note is all --reveal shows of its metadata: the options and key points stay unread.
    await resolveMeta([q], out.err, undefined, { quiz: false });
    await remember();
    if (opts.json) {
      // Only the document has the streak: shown as text, the card opens no database.
      const streak = currentStreak(store.read(), day);
      out.json({
        date: day,
        id: q.id,
        section: q.section,
        prompt: q.prompt,
        answer: q.answer,
        note: q.meta?.note ?? null,
        streak,
      });
      return 0;
    }
    const title = bank.sections.find((s) => s.slug === q.section)?.title ?? q.section;
    out.out(await renderQuestion(q, title, out, { answer: true }));
    return 0;
  }

  // An answer dated ahead of today would count toward a streak not yet earned and schedule the
  // question from a day still to come.
  if (opts.date !== undefined && !opts.dryRun && day > localDay(deps.now()))
    throw new UsageError(
      `--date ${day} is in the future: answer it on the day, or see it now with --reveal (or --dry-run)`,
    );
  // Answered already that day: asking again would reset its card and count a second answer.
  const answered = dailyAnswer(state, day);
  if (answered) return alreadyDone(deps, opts, day, q, answered, bank.sections);
  const [{ sessionOptions }, { startSession }] = await Promise.all([
    import("../session/options.js"),
    import("../session/start.js"),
  ]);
  // The options come in the same order all day too (dailyRandom). The document's seed stays the
  // one given (null without), as the day's own is not one to pass back.
  const random = dailyRandom(day, opts.seed);
  const runner = await startSession(deps, bank, sessionOptions(deps, "daily", opts, { random, clock }));
  await remember();
  const mode = opts.mode ?? runner.state().settings.defaultMode;
  const result = await runner.ask([q], mode);
  const streak = () => ({
    current: currentStreak(runner.state(), day),
    longest: runner.state().streak.longest,
  });
  const code = await runner.finish([result], () => ({
    // Held in its place for the document's own seed (SessionMeta's): daily's --json has always had
    // the seed right after the command, and a script reading it by position keeps working.
    seed: null,
    date: day,
    id: q.id,
    mode,
    streak: streak(),
  }));
  if (!opts.json) {
    const c = stylesFor(runner.out);
    const s = streak();
    const next = result.outcomes.length ? " Come back tomorrow for a new question." : "";
    runner.out.out(c.bold(`Streak: ${plural(s.current)} (longest ${plural(s.longest)}).${next}`));
  }
  return code;
}

/** `daily` once the day's question is answered: that answer, the streak, and an offer to practise on. */
async function alreadyDone(
  deps: Deps,
  opts: DailyOptions,
  day: string,
  q: Question,
  answered: HistoryEntry,
  sections: readonly { slug: string; title: string }[],
): Promise<number> {
  const out = deps.output(opts.color);
  const state = deps.store().read();
  const streak = { current: currentStreak(state, day), longest: state.streak.longest };
  if (opts.json) {
    out.json({
      session: { command: "daily", date: day, id: q.id, alreadyDone: true, streak },
      answer: {
        grade: answered.grade,
        score: answered.score,
        mode: answered.mode,
        answeredAt: new Date(answered.at).toISOString(),
      },
    });
    return 0;
  }
  const c = stylesFor(out);
  const at = new Date(answered.at);
  const time = `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
  const grade = answered.grade[0]?.toUpperCase() + answered.grade.slice(1);
  out.out(c.bold(`Today's question is done: #${q.id}, answered at ${time}, graded ${grade}.`));
  out.out(truncate(stripControl(q.prompt), out.width));
  out.out(
    `Streak: ${plural(streak.current)} (longest ${plural(streak.longest)}). Come back tomorrow for a new question.`,
  );
  if (!deps.isTTY || opts.answers) return 0;
  const title = sections.find((s) => s.slug === q.section)?.title ?? q.section;
  const more = await (await deps.prompter()).confirm(`Practise more from ${stripControl(title)}?`, false);
  if (!more) return 0;
  const { practiceCommand } = await import("./practice.js");
  return practiceCommand(deps, {
    section: [q.section],
    ...(opts.mode ? { mode: opts.mode } : {}),
    ...(opts.deck ? { deck: opts.deck } : {}),
    ...(opts.color !== undefined ? { color: opts.color } : {}),
  });
}

/**
 * Tells the next shells of the day that there is nothing to show, through the one small file that
 * bin's start-up reads before loading the CLI (src/start.ts). Losing it costs only speed.
 */
function markShown(deps: Deps, day: string): number {
  try {
    // Written aside and renamed into place: opening a FIFO left in its place would block for good.
    const stamp = hookStampFile(deps.configDir);
    writeFileSync(`${stamp}.${process.pid}.tmp`, `${day}\n`);
    renameSync(`${stamp}.${process.pid}.tmp`, stamp);
  } catch {
    // The next shell takes the full path and finds the same answer in the progress store.
  }
  return 0;
}

/** `daily --hook`: the day's question in two lines, once a day, only to a terminal, never failing. */
async function hook(deps: Deps, opts: DailyOptions): Promise<number> {
  try {
    if (!deps.stdout.isTTY) return 0;
    const now = opts.date !== undefined ? parseDay(opts.date) : deps.now();
    if (!now) return 0;
    const day = localDay(now);
    const store = deps.store();
    const state = store.read();
    if (state.daily.hookShown === day) return markShown(deps, day);
    // Done today: nothing to nudge about, in this shell or the next ones.
    if (dailyAnswer(state, day)) return markShown(deps, day);
    const bank = await deps.bank(opts.deck, { answers: false });
    const q: Question | undefined = pickDaily(bank.questions, state, day, startOfDay(now) + DAY_MS - 1);
    if (!q) return 0;
    const out = deps.output(opts.color);
    const c = stylesFor(out);
    const streak = currentStreak(state, day);
    const head = `k8s-quiz · question of the day #${q.id}${streak ? ` · streak ${plural(streak)}` : ""}`;
    out.out(c.dim(truncate(head, out.width)));
    out.out(`${c.bold(truncate(stripControl(q.prompt), out.width - 18))} ${c.cyan("→ k8s-quiz daily")}`);
    await store.update((s) => rememberPick(s, day, q.id, true));
    markShown(deps, day);
  } catch {
    // A shell start-up hook must never get in the way of the shell.
  }
  return 0;
}
