import { removePhrasing } from "../core/phrasings.js";
import { stripControl } from "../core/text.js";
import type { Deps } from "../deps.js";
import { UserError } from "../errors.js";
import type { OptionsOf } from "../flags.js";
import { stylesFor } from "../io/render.js";
import { table } from "../io/table.js";

/** Its flags, as declared once in src/flags.ts. */
export type PhrasingsOptions = Partial<OptionsOf<"phrasings">>;

/**
 * `k8s-quiz phrasings`: the wordings this learner accepted for key points ("my answer was right"),
 * and `--remove ID` to undo one. Never prompts.
 */
export async function phrasingsCommand(deps: Deps, opts: PhrasingsOptions): Promise<void> {
  const out = deps.output(opts.color);
  const store = deps.store();
  if (opts.remove !== undefined) {
    const id = opts.remove.trim();
    let removed: ReturnType<typeof removePhrasing>["removed"];
    const known = (store.read().phrasings ?? []).map((p) => p.id);
    if (!known.includes(id))
      throw new UserError(
        `no accepted phrasing ${id}${known.length ? `; ids: ${known.join(", ")}` : " (there are none)"}`,
      );
    await store.update(
      (s) => {
        const r = removePhrasing(s, id);
        removed = r.removed;
        return r.state;
      },
      { required: true },
    );
    if (opts.json) out.json({ removed: removed ?? null });
    else if (removed)
      out.out(
        `Removed phrasing ${id}: question ${stripControl(removed.question)}, "${stripControl(removed.point)}".`,
      );
    return;
  }
  const list = store.read().phrasings ?? [];
  if (opts.json) {
    out.json({ phrasings: list.map((p) => ({ ...p, at: new Date(p.at).toISOString() })) });
    return;
  }
  if (!list.length) {
    out.out("No accepted phrasings yet. Raise a recall grade above the suggested one to be offered one.");
    return;
  }
  const c = stylesFor(out);
  const lines = table(
    ["ID", "QUESTION", "KEY POINT", "YOUR WORDS"],
    list.map((p) => [
      p.id,
      stripControl(p.question),
      stripControl(p.point),
      stripControl(p.phrases.map((t) => `"${t}"`).join(", ")),
    ]),
    out.width,
  );
  out.out(c.bold(lines[0] ?? ""));
  for (const l of lines.slice(1)) out.out(l);
  out.out(c.dim("Undo one with: k8s-quiz phrasings --remove ID"));
}
