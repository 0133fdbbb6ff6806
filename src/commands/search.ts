import { searchQuestions } from "../core/search.js";
import { stripControl } from "../core/text.js";
import type { Deps } from "../deps.js";
import { UsageError } from "../errors.js";
import type { OptionsOf } from "../flags.js";
import { stylesFor } from "../io/render.js";
import { MIN_PROMPT } from "../io/table.js";
import { truncate } from "../io/wrap.js";

/** Its flags, as declared once in src/flags.ts. */
export type SearchOptions = Partial<OptionsOf<"search">>;

/** `k8s-quiz search <words...>`: questions that contain every word, best first, with the matching line. */
export async function searchCommand(deps: Deps, query: string[], opts: SearchOptions): Promise<void> {
  const out = deps.output(opts.color);
  if (!query.some((w) => w.trim()))
    throw new UsageError("search needs a word to look for, e.g. k8s-quiz search etcd");
  const bank = await deps.bank(opts.deck);
  const hits = searchQuestions(bank.questions, query).slice(0, opts.limit ?? 20);
  if (opts.json) {
    out.json({
      query,
      results: hits.map((h) => ({
        id: h.question.id,
        section: h.question.section,
        prompt: h.question.prompt,
        line: h.line,
        score: h.score,
      })),
    });
    return;
  }
  if (!hits.length) {
    out.out(`No question contains all of: ${query.join(" ")}`);
    return;
  }
  const c = stylesFor(out);
  for (const h of hits) {
    const room = out.width - h.question.id.length - 2;
    // Beside an id too long to leave the prompt 40 columns, the prompt gets a line of its own.
    if (room >= MIN_PROMPT)
      out.out(`${c.bold(h.question.id)}  ${truncate(stripControl(h.question.prompt), room)}`);
    else {
      out.out(c.bold(truncate(h.question.id, out.width)));
      out.out(`  ${truncate(stripControl(h.question.prompt), out.width - 2)}`);
    }
    if (h.line !== h.question.prompt.trim())
      out.out(c.dim(truncate(`      ${stripControl(h.line)}`, out.width)));
  }
}
