import { percentText } from "../core/percent.js";
import { topicsOf } from "../core/progress.js";
import { isLeech } from "../core/schedule.js";
import { stripControl } from "../core/text.js";
import type { Deps } from "../deps.js";
import { UsageError } from "../errors.js";
import type { OptionsOf } from "../flags.js";
import { resolveMeta } from "../io/decks/bank.js";
import { stylesFor } from "../io/terminal/render.js";
import { table } from "../io/terminal/table.js";

/** Its flags, as declared once in src/flags.ts. */
export type WeakOptions = Partial<OptionsOf<"weak">>;

/** `k8s-quiz weak`: the weak topics, the questions behind them and the leeches; `--reset` clears them. */
export async function weakCommand(deps: Deps, opts: WeakOptions): Promise<void> {
  const out = deps.output(opts.color);
  const store = deps.store();
  if (opts.reset) {
    if (!opts.yes) {
      if (!deps.isTTY) throw new UsageError("weak --reset needs --yes when not run in a terminal");
      const prompter = await deps.prompter();
      if (!(await prompter.confirm("Clear all weak topics? Your answers and schedule are kept.", false))) {
        out.out("Nothing changed.");
        return;
      }
    }
    const now = deps.now().getTime();
    await store.update((s) => ({ ...s, weakTopics: {}, weakResetAt: now }), { required: true });
    out.out("Weak topics cleared.");
    return;
  }
  const bank = await deps.bank(opts.deck, { answers: false });
  // For the tags (topics): the options and key points stay unread.
  await resolveMeta(bank.questions, out.err, undefined, { quiz: false });
  const state = store.read();
  const topics = Object.entries(state.weakTopics).sort((a, b) => a[1].accuracy - b[1].accuracy);
  const behind = (topic: string) =>
    bank.questions.filter((q) => topicsOf(q).includes(topic) && (state.questions[q.id]?.lastResult ?? 1) < 1);
  const leeches = bank.questions.filter((q) => isLeech(state.questions[q.id]?.card));
  if (opts.json) {
    out.json({
      threshold: state.settings.weakThreshold,
      weakTopics: topics.map(([topic, w]) => ({
        topic,
        accuracy: w.accuracy,
        answers: w.answers,
        lastSeen: new Date(w.lastSeen).toISOString(),
        questions: behind(topic).map((q) => q.id),
      })),
      leeches: leeches.map((q) => ({ id: q.id, lapses: state.questions[q.id]?.card?.lapses ?? 0 })),
    });
    return;
  }
  const c = stylesFor(out);
  // Under each topic, the questions missed last time; when all are right now, the ones answered. A
  // topic with neither among the loaded decks (a deck since removed) is not listed as an empty heading.
  const answered = (topic: string) =>
    bank.questions.filter((q) => topicsOf(q).includes(topic) && state.questions[q.id]);
  const listed = topics
    .map(([topic, w]) => ({ topic, w, under: behind(topic).length ? behind(topic) : answered(topic) }))
    .filter((t) => t.under.length);
  if (!listed.length && !leeches.length) {
    out.out(
      !store.hasProgress()
        ? "No answers yet. Start with: k8s-quiz practice"
        : state.weakResetAt
          ? "No weak topics since they were cleared: only answers after that count."
          : `No weak topics: every topic is at ${percentText(state.settings.weakThreshold)} or better over its last answers.`,
    );
    return;
  }
  for (const { topic, w, under } of listed) {
    out.out(c.bold(`${stripControl(topic)}  ${percentText(w.accuracy)} over the last ${w.answers} answers`));
    for (const line of table(
      undefined,
      under.map((q) => [q.id, q.prompt]),
      out.width - 2,
    ))
      out.out(`  ${line}`);
  }
  if (leeches.length) {
    out.out(c.bold("Leeches (forgotten 5 times or more):"));
    for (const line of table(
      undefined,
      leeches.map((q) => [q.id, q.prompt]),
      out.width - 2,
    ))
      out.out(`  ${line}`);
  }
  out.out();
  out.out(c.dim("Practise them first: k8s-quiz practice --weak"));
}
