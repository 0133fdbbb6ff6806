import { refitHint, reviewCount } from "../core/review-log.js";
import type { Deps } from "../deps.js";
import { Interrupted } from "../errors.js";
import { stylesFor } from "../io/render.js";
import { type ReviewLog, reviewLogOf } from "../io/review-log.js";
import { wrapText } from "../io/wrap.js";

type Entry = "practice" | "weak" | "daily" | "review" | "stats" | "quit";

/** Plain `k8s-quiz` in a terminal: a small menu of the everyday commands. */
export async function menuCommand(
  deps: Deps,
  opts: { color?: boolean },
  reviewLog: ReviewLog = reviewLogOf(deps),
): Promise<number> {
  // Suggested, never forced: one line above the menu once the log has doubled since the last fit.
  const hint = refitHint(deps.store().read().fsrs, reviewCount(reviewLog()));
  if (hint) {
    const out = deps.output(opts.color);
    out.out(stylesFor(out).dim(wrapText(hint, Math.min(out.width, 80))));
  }
  const prompter = await deps.prompter();
  let choice: Entry;
  try {
    choice = await prompter.select<Entry>("What would you like to do?", [
      { name: "Practise by section", value: "practice" },
      { name: "Practise my weak topics", value: "weak" },
      { name: "Today's question", value: "daily" },
      { name: "Review what is due", value: "review" },
      { name: "Stats", value: "stats" },
      { name: "Quit", value: "quit" },
    ]);
  } catch (e) {
    if (e instanceof Interrupted) return 0;
    throw e;
  }
  switch (choice) {
    case "practice":
      return (await import("./practice.js")).practiceCommand(deps, opts);
    case "weak":
      return (await import("./practice.js")).practiceCommand(deps, { ...opts, weak: true });
    case "daily":
      return (await import("./daily.js")).dailyCommand(deps, opts);
    case "review":
      return (await import("./review.js")).reviewCommand(deps, opts);
    case "stats":
      await (await import("./stats.js")).statsCommand(deps, opts);
      return 0;
    case "quit":
      return 0;
  }
}
