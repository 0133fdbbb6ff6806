import { findSections } from "../core/sections.js";
import { stripControl } from "../core/text.js";
import type { Deps } from "../deps.js";
import { stylesFor } from "../io/render.js";
import { table } from "../io/table.js";
import { wrapText } from "../io/wrap.js";

export interface ListOptions {
  section?: string[];
  json?: boolean;
  color?: boolean;
  deck?: string[];
}

/** `k8s-quiz list`: ids and prompts, by section. */
export async function listCommand(deps: Deps, opts: ListOptions): Promise<void> {
  const out = deps.output(opts.color);
  const bank = await deps.bank(opts.deck);
  const chosen = opts.section?.length ? findSections(bank.sections, opts.section) : bank.sections;
  const slugs = new Set(chosen.map((s) => s.slug));
  const questions = bank.questions.filter((q) => slugs.has(q.section));
  if (opts.json) {
    out.json({
      questions: questions.map((q) => ({
        id: q.id,
        number: q.number,
        deck: q.deck,
        section: q.section,
        prompt: q.prompt,
      })),
    });
    return;
  }
  const c = stylesFor(out);
  // One write for the whole listing: a 10,000-question deck is 10,000 lines.
  const lines: string[] = [];
  for (const s of chosen) {
    lines.push(c.bold(wrapText(stripControl(`${s.title} (${s.slug})`), out.width)));
    const rows = questions.filter((q) => q.section === s.slug).map((q) => [q.id, q.prompt]);
    for (const line of table(undefined, rows, out.width - 2)) lines.push(`  ${line}`);
    lines.push("");
  }
  // table() already fits every row to the width.
  out.raw(lines.join("\n"));
}
