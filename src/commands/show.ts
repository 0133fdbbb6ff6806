import { findQuestion } from "../core/select.js";
import type { Question } from "../core/types.js";
import type { Deps } from "../deps.js";
import type { OptionsOf } from "../flags.js";
import { resolveMeta } from "../io/decks/bank.js";
import { loadAnswers } from "../io/decks/indexed.js";
import { renderQuestion } from "../io/terminal/views.js";

/** Its flags, as declared once in src/flags.ts. */
export type ShowOptions = Partial<OptionsOf<"show">>;

/** `k8s-quiz show <id>`: a question and its rendered answer. */
export async function showCommand(deps: Deps, id: string, opts: ShowOptions): Promise<void> {
  const out = deps.output(opts.color);
  // One answer is shown: only its deck's answers are read, not every user deck's.
  const bank = await deps.bank(opts.deck, { answers: false });
  const [q] = loadAnswers([findQuestion(bank, id)]) as [Question];
  // Its note, tags and difficulty: the options and key points stay unread.
  await resolveMeta([q], out.err, undefined, { quiz: false });
  const section = bank.sections.find((s) => s.slug === q.section);
  if (opts.json) {
    out.json({
      id: q.id,
      number: q.number,
      deck: q.deck,
      section: q.section,
      sectionTitle: section?.title ?? q.section,
      prompt: q.prompt,
      answer: q.answer,
      note: q.meta?.note ?? null,
      tags: q.meta?.tags ?? [],
      difficulty: q.meta?.difficulty ?? null,
    });
    return;
  }
  out.out(await renderQuestion(q, section?.title ?? q.section, out, { answer: true }));
}
