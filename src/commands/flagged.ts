import { stripControl } from "../core/text.js";
import { toggleFlag } from "../core/undo.js";
import type { Deps } from "../deps.js";
import { UserError } from "../errors.js";
import type { OptionsOf } from "../flags.js";
import { stylesFor } from "../io/render.js";
import { table } from "../io/table.js";

/** Its flags, as declared once in src/flags.ts. */
export type FlaggedOptions = Partial<OptionsOf<"flagged">>;

/** `k8s-quiz flagged`: the questions flagged with `f` during a session; `--unflag ID` takes a flag off. */
export async function flaggedCommand(deps: Deps, opts: FlaggedOptions): Promise<void> {
  const out = deps.output(opts.color);
  const store = deps.store();
  if (opts.unflag?.length) {
    const flagged = store.read().flagged ?? {};
    const unknown = opts.unflag.filter((id) => flagged[id] === undefined);
    if (unknown.length) throw new UserError(`not flagged: ${unknown.join(", ")}; see k8s-quiz flagged`);
    await store.update(
      (s) =>
        opts.unflag?.reduce(
          (st, id) => (st.flagged?.[id] !== undefined ? toggleFlag(st, id, 0).state : st),
          s,
        ) ?? s,
      { required: true },
    );
    out.out(`Unflagged ${opts.unflag.join(", ")}.`);
    return;
  }
  const bank = await deps.bank(opts.deck, { answers: false });
  const flagged = Object.entries(store.read().flagged ?? {}).sort((a, b) => a[1] - b[1]);
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const rows = flagged.map(([id, at]) => ({ id, at, question: byId.get(id) }));
  if (opts.json) {
    out.json({
      flagged: rows.map((r) => ({
        id: r.id,
        flaggedAt: new Date(r.at).toISOString(),
        section: r.question?.section ?? null,
        prompt: r.question?.prompt ?? null,
      })),
    });
    return;
  }
  if (!rows.length) {
    out.out("No flagged questions. Press f during a session to flag one.");
    return;
  }
  const c = stylesFor(out);
  out.out(c.bold(`Flagged (${rows.length}):`));
  // A flag on a question no longer in any deck is still listed, so it can be taken off.
  const cells = rows.map((r) => [r.id, stripControl(r.question?.prompt ?? "(not in any loaded deck)")]);
  for (const line of table(undefined, cells, out.width - 2)) out.raw(`  ${line}`);
  out.out(c.dim("Practise them: k8s-quiz practice --flagged · take one off: k8s-quiz flagged --unflag ID"));
}
