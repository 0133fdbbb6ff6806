import { findSections } from "../core/sections.js";
import { stripControl } from "../core/text.js";
import { questionRef } from "../core/types.js";
import type { Deps } from "../deps.js";
import type { OptionsOf } from "../flags.js";
import { stylesFor } from "../io/render.js";
import { columnTable, MIN_PROMPT } from "../io/table.js";
import { truncate, wrapText } from "../io/wrap.js";

/** Its flags, as declared once in src/flags.ts. */
export type ListOptions = Partial<OptionsOf<"list">>;

/** Lines per write of a long listing. */
const CHUNK = 500;

/** `k8s-quiz list`: ids and prompts, by section. */
export async function listCommand(deps: Deps, opts: ListOptions): Promise<void> {
  const out = deps.output(opts.color);
  const bank = await deps.bank(opts.deck, { answers: false });
  const chosen = opts.section?.length ? findSections(bank.sections, opts.section) : bank.sections;
  const slugs = new Set(chosen.map((s) => s.slug));
  const questions = opts.section?.length
    ? bank.questions.filter((q) => slugs.has(q.section))
    : bank.questions;
  if (opts.json) {
    out.json({ questions: questions.map(questionRef) });
    return;
  }
  const c = stylesFor(out);
  // A 10,000-question deck is 10,000 lines: one pass to sort them into sections, then a table laid
  // out by columns and one write per section (what it allocates is let go section by section).
  const bySection = new Map<string, { ids: string[]; prompts: string[] }>(
    chosen.map((s) => [s.slug, { ids: [], prompts: [] }]),
  );
  // A deck lists a section's questions together: look the section up only when it changes.
  let section: string | undefined;
  let to: { ids: string[]; prompts: string[] } | undefined;
  for (const q of questions) {
    if (q.section !== section) {
      section = q.section;
      to = bySection.get(section);
    }
    to?.ids.push(q.id);
    to?.prompts.push(q.prompt);
  }
  for (const s of chosen) {
    const heading = c.bold(wrapText(stripControl(`${s.title} (${s.slug})`), out.width));
    const { ids, prompts } = bySection.get(s.slug) ?? { ids: [], prompts: [] };
    // The table fits every row to the width.
    // An id too long to leave a prompt 40 columns (a deck registered under a long name) puts
    // every prompt of the section on a line of its own, under its id.
    let idWidth = 0;
    for (const id of ids) if (id.length > idWidth) idWidth = id.length;
    const lines =
      out.width - 2 - idWidth - 2 >= MIN_PROMPT
        ? columnTable([ids, prompts], out.width - 2)
        : ids.flatMap((id, i) => [
            truncate(stripControl(id), out.width - 2),
            `  ${truncate(stripControl(prompts[i] ?? ""), out.width - 4)}`,
          ]);
    // Written a few hundred lines at a time, so even one huge section is let go of as it goes.
    const indented = (from: number) => `  ${lines.slice(from, from + CHUNK).join("\n  ")}`;
    out.raw(lines.length ? `${heading}\n${indented(0)}` : heading);
    for (let i = CHUNK; i < lines.length; i += CHUNK) out.raw(indented(i));
    out.raw("");
  }
}
