import { humanInterval, isLeech } from "../../core/schedule.js";
import type { StoredCard } from "../../core/state.js";
import type { Output } from "./output.js";
import { stylesFor } from "./render.js";

/**
 * What a saved answer changed, shown after the save and never by it: when the question comes back,
 * or that cram mode left the schedule alone, and a warning for a leech. A script's transcript
 * indents it under its question's "> verdict" line.
 */
export function showSaved(
  out: Output,
  card: StoredCard | undefined,
  now: number,
  opts: { cram: boolean; indent: string },
): void {
  const c = stylesFor(out);
  const { indent } = opts;
  if (opts.cram) out.out(c.dim(`${indent}Cram mode: the review schedule is unchanged.`));
  else if (card) out.out(c.dim(`${indent}Next review ${humanInterval(card.due - now)}.`));
  if (isLeech(card)) {
    out.out(
      c.yellow(
        `${indent}This one keeps slipping (a leech, ${card?.lapses} lapses): study the answer above, then try recall mode.`,
      ),
    );
  }
}
