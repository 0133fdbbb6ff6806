import { letter } from "../../core/options.js";
import {
  type Given,
  type Move,
  type Outcome,
  type Position,
  type Presented,
  type SessionIO,
  TimeUp,
} from "../../core/session.js";
import type { PauseSetting } from "../../core/state.js";
import { stripControl } from "../../core/text.js";
import type { Grade, Question } from "../../core/types.js";
import { Interrupted } from "../../errors.js";
import type { FlagControl, QuestionScreen } from "../../vendor/inquirer.js";
import type { Output } from "./output.js";
import type { Prompter } from "./prompter.js";
import { preloadRenderer, stylesFor } from "./render.js";
import { statusLine } from "./status-line.js";
import { type AcceptPhrasing, keyPointLines, offerPhrasing } from "./verdict.js";
import { renderAnswer, renderPrompt } from "./views.js";
import { wrapText } from "./wrap.js";

// The session's prompts live in the prompts' file (src/vendor/inquirer.ts), which the prompter has
// loaded by the time an answer is laid out; imported here on use, so that a scripted session (which
// loads this module too) never loads it.
const prompts = () => import("../../vendor/inquirer.js");

const GRADE_NAMES: Record<Grade, string> = { again: "Again", hard: "Hard", good: "Good", easy: "Easy" };

export interface InteractiveOptions {
  sectionTitle: (slug: string) => string;
  /** Exam mode: no verdict or answer until the end, no skipping. */
  silent?: boolean;
  /** Replaces the status line's right/wrong and elapsed time, e.g. the time left in an exam. */
  status?: () => string | undefined;
  /** When a question would come back after a grade ("in 4 days"); none when the schedule is left alone. */
  comesBack?: (q: Question, g: Grade) => string | undefined;
  /**
   * Keeps the learner's words as accepted phrasings of the missed key points ("my answer was
   * right"); offered after a recall grade is raised above the suggested one. None: not offered.
   */
  accept?: AcceptPhrasing;
  /** When the session began, for the status line's elapsed time. */
  startedAt?: number;
  now?: () => number;
  /** Whether to wait for a key after a choice answer's feedback (`config set pause`). */
  pause?: PauseSetting;
  /** Flags for `f`; none in a dry run. */
  flags?: { isFlagged(id: string): boolean; toggle(id: string): Promise<boolean> };
}

/** The session's terminal side: one-key prompts to ask and grade, rendered Markdown to answer. */
export function interactiveIO(prompter: Prompter, out: Output, opts: InteractiveOptions): SessionIO {
  const c = stylesFor(out);
  const now = opts.now ?? Date.now;
  const startedAt = opts.startedAt ?? now();
  // A question skipped once is not offered a second skip: it is the end of the session already.
  const skippedOnce = new Set<string>();
  // The phrasing offer for the answer just graded, made once that answer is saved (in pause): Ctrl+C
  // at the offer then leaves the grade the screen shows in progress, not the suggested one.
  let offer: { outcome: Outcome; grade: Grade } | undefined;
  // The question on screen, and the feedback on its answer laid out at the width of the moment: the
  // pause after it redraws both when the terminal is resized.
  let asked: QuestionScreen | undefined;
  let feedback: (() => Promise<string>) | undefined;

  const showAnswer = async (p: Presented) => {
    out.out(c.dim("Reference answer:"));
    out.out(await renderAnswer(p.question, out));
  };

  const screenFor = (p: Presented, pos: Position): QuestionScreen => {
    const q = p.question;
    const flag: FlagControl | undefined = opts.flags
      ? {
          flagged: opts.flags.isFlagged(q.id),
          toggle: () => (opts.flags as NonNullable<typeof opts.flags>).toggle(q.id),
        }
      : undefined;
    return {
      body: () =>
        renderPrompt(
          q,
          opts.sectionTitle(q.section),
          out,
          statusLine({
            at: Math.min(pos.answered + 1, Math.max(pos.planned, pos.answered + 1)),
            of: Math.max(pos.planned, pos.answered + 1),
            ...(opts.silent ? {} : { right: pos.right, wrong: pos.answered - pos.right }),
            clock: opts.status?.() ?? elapsed(now() - startedAt),
          }),
        ),
      width: () => out.width,
      ...(flag ? { flag } : {}),
      canUndo: pos.canUndo && !opts.silent,
      canSkip: !opts.silent && !skippedOnce.has(q.id),
      tick: true,
    };
  };

  const moved = (p: Presented, move: "skip" | "undo"): Move => {
    if (move === "skip") skippedOnce.add(p.question.id);
    return { move };
  };

  return {
    async ask(p, pos): Promise<Given | Move> {
      // Each question starts at the top of a clean screen; the first one follows what the command said.
      if (pos.index > 0) prompter.clear();
      preloadRenderer(out);
      const screen = screenFor(p, pos);
      asked = screen;
      feedback = undefined;
      switch (p.mode) {
        case "choice": {
          const r = await prompter.choose({
            ...screen,
            options: p.choices.options.map((o) => stripControl(o)),
          });
          if ("move" in r) return moved(p, r.move);
          return { mode: "choice", choice: r.pick, raw: letter(r.pick) };
        }
        case "recall": {
          // What is typed so far: when an exam's time runs out mid-answer, that is the answer.
          const draft = { text: "" };
          try {
            const r = await prompter.recall({ ...screen, message: "Your answer", draft });
            if ("move" in r) return moved(p, r.move);
            return { mode: "recall", text: r.text };
          } catch (e) {
            if (e instanceof TimeUp && draft.text.trim())
              throw new TimeUp({ mode: "recall", text: draft.text });
            throw e;
          }
        }
        case "flash": {
          const r = await prompter.reveal(screen);
          if (r !== "shown") return moved(p, r);
          await showAnswer(p);
          const feedback = async () =>
            [
              screen.body(),
              (await prompts()).answeredReveal(out.width),
              c.dim("Reference answer:"),
              await renderAnswer(p.question, out),
            ].join("\n");
          try {
            return {
              mode: "flash",
              grade: await prompter.grade({
                feedback,
                message: "How well did you know it?",
                // Enter is Good, as the list this prompt replaced had it preselected.
                suggested: "good",
                comesBack: (g) => opts.comesBack?.(p.question, g),
                width: () => out.width,
              }),
            };
          } catch (e) {
            // No grade on screen, none saved: said, so the summary's count is no surprise.
            if (e instanceof Interrupted)
              out.out(c.yellow("No grade given: nothing saved for this question."));
            throw e;
          }
        }
      }
    },

    async review(o): Promise<Grade> {
      if (opts.silent) return o.grade;
      const p = o.presented;
      if (p.mode === "choice") {
        const right = stripControl(p.choices.options[p.choices.correct] ?? "");
        const verdict = () =>
          o.correct
            ? c.green("✔ Correct")
            : c.red(wrapText(`✘ Not quite. The answer is ${letter(p.choices.correct)}) ${right}`, out.width));
        out.out(verdict());
        await showAnswer(p);
        const question = asked;
        const options = p.choices.options.map((x) => stripControl(x));
        const pick = o.given.mode === "choice" ? o.given.choice : null;
        // When it comes back, as the grade prompt says it: read now, before the save moves the card.
        const when = opts.comesBack?.(p.question, o.grade);
        feedback = async () =>
          [
            ...(question ? [question.body()] : []),
            ...(pick !== null ? [(await prompts()).answeredChoice(options, pick, out.width)] : []),
            verdict(),
            c.dim("Reference answer:"),
            await renderAnswer(p.question, out),
            ...(when ? [c.dim(`Next review ${when}.`)] : []),
          ].join("\n");
      } else if (p.mode === "recall" && o.coverage) {
        for (const line of keyPointLines(o, out)) out.out(line);
        await showAnswer(p);
        const question = asked;
        const typed = o.given.mode === "recall" ? o.given.text : "";
        const laidOut = async () =>
          [
            ...(question ? [question.body()] : []),
            (await prompts()).answeredRecall("Your answer", typed, out.width),
            ...keyPointLines(o, out),
            c.dim("Reference answer:"),
            await renderAnswer(p.question, out),
          ].join("\n");
        let grade: Grade;
        try {
          grade = await prompter.grade({
            feedback: laidOut,
            message: `Grade (suggested: ${o.grade})`,
            suggested: o.grade,
            comesBack: (g) => opts.comesBack?.(p.question, g),
            width: () => out.width,
          });
        } catch (e) {
          // The session saves the suggested grade, the one the prompt showed as Enter's: say so.
          if (e instanceof Interrupted)
            out.out(c.yellow(`Saved with the suggested grade, ${GRADE_NAMES[o.grade]}.`));
          throw e;
        }
        // Raised above the suggestion: the learner may keep their words as an accepted phrasing,
        // asked after the save.
        if (opts.accept) offer = { outcome: o, grade };
        return grade;
      }
      return o.grade;
    },

    async pause(o) {
      if (offer && opts.accept) {
        const { outcome, grade } = offer;
        offer = undefined;
        try {
          await offerPhrasing(prompter, out, outcome, grade, opts.accept);
        } catch (e) {
          if (e instanceof Interrupted)
            out.out(c.yellow(`Saved with your grade, ${GRADE_NAMES[grade]}; the phrasing was not kept.`));
          throw e;
        }
      }
      if (opts.silent || o.presented.mode !== "choice") return "next";
      const setting = opts.pause ?? "after-miss";
      if (setting === "never" || (setting === "after-miss" && o.correct)) return "next";
      const id = o.presented.question.id;
      const p = o.presented;
      // The verdict again on the last line: on a short screen the reference pushes the first one off.
      const verdict = o.correct ? "✔ Correct" : `✘ The answer is ${letter(p.choices.correct)}`;
      const shown = feedback;
      feedback = undefined;
      return prompter.pause({
        message: `${verdict} · Press any key to go on`,
        ...(shown ? { feedback: shown } : {}),
        canUndo: true,
        ...(opts.flags
          ? {
              flag: {
                flagged: opts.flags.isFlagged(id),
                toggle: () => (opts.flags as NonNullable<typeof opts.flags>).toggle(id),
              },
            }
          : {}),
        width: () => out.width,
      });
    },

    save() {},
  };
}

/** Elapsed time as m:ss, or h:mm:ss past an hour. */
export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const mmss = `${Math.floor((s % 3600) / 60)}:${String(s % 60).padStart(2, "0")}`;
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mmss.padStart(5, "0")}` : mmss;
}
