import type { Deps } from "../deps.js";
import type { OptionsOf } from "../flags.js";
import { loadDeck } from "../io/bank.js";
import { stylesFor } from "../io/render.js";
import { table } from "../io/table.js";

/** Its flags, as declared once in src/flags.ts. */
export type DeckListOptions = Partial<OptionsOf<"deckList">>;

/** `k8s-quiz deck list`: the registered decks, with their size or what is wrong with them. */
export async function deckListCommand(deps: Deps, opts: DeckListOptions): Promise<void> {
  const out = deps.output(opts.color);
  const decks = deps.store().read().decks;
  const rows = await Promise.all(
    decks.map(async (d) => {
      try {
        const deck = await loadDeck(d.path, d.name, true);
        return {
          ...d,
          questions: deck.questions.length,
          sections: deck.sections.map((s) => s.slug),
          error: null,
        };
      } catch (e) {
        return { ...d, questions: 0, sections: [] as string[], error: (e as Error).message };
      }
    }),
  );
  if (opts.json) {
    out.json({ decks: rows });
    return;
  }
  if (!rows.length) {
    out.out("No decks of your own yet. Add one: k8s-quiz deck add my-questions.md");
    return;
  }
  const c = stylesFor(out);
  const lines = table(
    ["NAME", "QUESTIONS", "PATH"],
    rows.map((r) => [r.name, r.error ? "broken" : String(r.questions), r.url ?? r.path]),
    out.width,
  );
  out.out(c.bold(lines[0] ?? ""));
  for (const l of lines.slice(1)) out.out(l);
  for (const r of rows) if (r.error) out.err(`warning: deck "${r.name}": ${r.error}`);
}
