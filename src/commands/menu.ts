import { dailyAnswer } from "../core/daily.js";
import { localDay } from "../core/dates.js";
import { currentStreak } from "../core/progress.js";
import { refitHint, reviewCount } from "../core/review-log.js";
import { reviewQueue } from "../core/schedule.js";
import type { Deps } from "../deps.js";
import { UserError } from "../errors.js";
import { stylesFor } from "../io/render.js";
import { type ReviewLog, reviewLogOf } from "../io/review-log.js";
import { wrapText } from "../io/wrap.js";

type Entry = "practice" | "weak" | "daily" | "review" | "exam" | "search" | "stats" | "quit";

const ENTRIES: { name: string; value: Entry }[] = [
  { name: "Practise by section", value: "practice" },
  { name: "Practise my weak topics", value: "weak" },
  { name: "Today's question", value: "daily" },
  { name: "Review what is due", value: "review" },
  { name: "Mock exam (10 questions, 20 minutes)", value: "exam" },
  { name: "Search questions", value: "search" },
  { name: "Stats", value: "stats" },
  { name: "Quit", value: "quit" },
];

/**
 * Plain `k8s-quiz` in a terminal: a home screen of the everyday commands, with what is due, the
 * streak and whether today's question is done. It comes back after each command until Quit;
 * Ctrl+C, here or in a command, ends it with 130 like everywhere else.
 */
export async function menuCommand(
  deps: Deps,
  opts: { color?: boolean },
  reviewLog: ReviewLog = reviewLogOf(deps),
): Promise<number> {
  const prompter = await deps.prompter();
  const out = deps.output(opts.color);
  const c = stylesFor(out);
  for (let round = 0; ; round++) {
    if (round) prompter.clear();
    const bank = await deps.bank([], { answers: false });
    const state = deps.store().read();
    const now = deps.now();
    const day = localDay(now);
    const due = reviewQueue(bank.questions, state, now.getTime(), 0).due.length;
    const streak = currentStreak(state, day);
    const done = dailyAnswer(state, day);
    out.out(c.bold("k8s-quiz"));
    out.out(
      [
        due ? `${due} due now` : "nothing due now",
        `streak ${streak} day${streak === 1 ? "" : "s"}`,
        done ? "today's question done ✔" : "today's question waiting",
      ].join(" · "),
    );
    // Suggested, never forced: one line once the review log has doubled since the last fit.
    const hint = refitHint(state.fsrs, reviewCount(reviewLog()));
    if (hint) out.out(c.dim(wrapText(hint, Math.min(out.width, 80))));
    const choice = await prompter.select("What would you like to do?", ENTRIES);
    if (choice === "quit") return 0;
    try {
      await runEntry(deps, opts, choice, prompter);
    } catch (e) {
      // A command's own failure ("no questions to ask") is said, and the home screen comes back.
      if (!(e instanceof UserError)) throw e;
      out.err(`k8s-quiz: ${e.message}`);
    }
    await prompter.pause({
      message: "Press any key for the home screen",
      canUndo: false,
      width: () => out.width,
    });
  }
}

async function runEntry(
  deps: Deps,
  opts: { color?: boolean },
  choice: Exclude<Entry, "quit">,
  prompter: Awaited<ReturnType<Deps["prompter"]>>,
): Promise<void> {
  switch (choice) {
    case "practice":
      await (await import("./practice.js")).practiceCommand(deps, opts);
      return;
    case "weak":
      await (await import("./practice.js")).practiceCommand(deps, { ...opts, weak: true });
      return;
    case "daily":
      await (await import("./daily.js")).dailyCommand(deps, opts);
      return;
    case "review":
      await (await import("./review.js")).reviewCommand(deps, opts);
      return;
    case "exam":
      await (await import("./exam.js")).examCommand(deps, opts);
      return;
    case "search": {
      const words = (await prompter.text("Search for (words):")).split(/\s+/).filter(Boolean);
      if (words.length)
        await (await import("./search.js")).searchCommand(deps, words, { ...opts, limit: 20 });
      return;
    }
    case "stats":
      await (await import("./stats.js")).statsCommand(deps, opts);
      return;
  }
}
