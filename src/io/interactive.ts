import { type Given, type Presented, type SessionIO, TimeUp } from "../core/session.js";
import { GRADES, type Grade, type Question } from "../core/types.js";
import type { Output } from "./output.js";
import type { Choice, Prompter } from "./prompter.js";
import { preloadRenderer, stylesFor } from "./render.js";
import { renderAnswer, renderPrompt } from "./views.js";
import { wrapText } from "./wrap.js";

export const letter = (i: number) => String.fromCharCode(97 + i);

const GRADE_LABELS: Record<Grade, string> = {
  again: "Again: I didn't know it",
  hard: "Hard: partly, or with effort",
  good: "Good: I knew it",
  easy: "Easy: instantly",
};

/** The four grades, each with when the question would come back under it (ts-fsrs's preview). */
export const gradeChoices = (comesBack?: (g: Grade) => string | undefined): Choice<Grade>[] =>
  GRADES.map((g) => {
    const when = comesBack?.(g);
    return { name: when ? `${GRADE_LABELS[g]} (next ${when})` : GRADE_LABELS[g], short: g, value: g };
  });

export interface InteractiveOptions {
  sectionTitle: (slug: string) => string;
  /** Exam mode: no verdict or answer until the end. */
  silent?: boolean;
  /** Extra text for the heading line, e.g. the time left in an exam. */
  status?: () => string | undefined;
  /** When a question would come back after a grade ("in 4 days"); none when the schedule is left alone. */
  comesBack?: (q: Question, g: Grade) => string | undefined;
}

/** The session's terminal side: Inquirer prompts to ask, rendered Markdown to answer. */
export function interactiveIO(prompter: Prompter, out: Output, opts: InteractiveOptions): SessionIO {
  const c = stylesFor(out);

  const showAnswer = async (p: Presented) => {
    out.out(c.dim("Reference answer:"));
    out.out(await renderAnswer(p.question, out));
  };

  return {
    async ask(p, { index, total }): Promise<Given> {
      const status = opts.status?.();
      out.out();
      out.out(
        renderPrompt(
          p.question,
          opts.sectionTitle(p.question.section),
          out,
          [`Question ${index + 1}/${total}`, status].filter(Boolean).join(" · "),
        ),
      );
      preloadRenderer(out);
      switch (p.mode) {
        case "choice": {
          const choices = p.choices.options.map((o, i) => ({
            // Inquirer puts its two-column cursor before the first line only: the rest of an
            // option lines up under its text by two more spaces.
            name: wrapText(`${letter(i)}) ${o}`, Math.max(20, out.width - 6)).replace(/\n/g, "\n  "),
            short: letter(i),
            value: i,
          }));
          const choice = await prompter.select("Your answer (arrows or 1-4, then Enter)", choices);
          return { mode: "choice", choice, raw: letter(choice) };
        }
        case "recall": {
          // What is typed so far: when an exam's time runs out mid-answer, that is the answer.
          const draft = { text: "" };
          try {
            return { mode: "recall", text: await prompter.multiline("Your answer", opts.status, draft) };
          } catch (e) {
            if (e instanceof TimeUp && draft.text.trim())
              throw new TimeUp({ mode: "recall", text: draft.text });
            throw e;
          }
        }
        case "flash": {
          await prompter.text("Think of your answer, then press Enter to see it");
          await showAnswer(p);
          return {
            mode: "flash",
            grade: await prompter.select(
              "How well did you know it?",
              gradeChoices((g) => opts.comesBack?.(p.question, g)),
              "good",
            ),
          };
        }
      }
    },

    async review(o): Promise<Grade> {
      if (opts.silent) return o.grade;
      const p = o.presented;
      if (p.mode === "choice") {
        const right = p.choices.options[p.choices.correct] ?? "";
        out.out(
          o.correct
            ? c.green("✔ Correct")
            : c.red(wrapText(`✘ Not quite. The answer is ${letter(p.choices.correct)}) ${right}`, out.width)),
        );
        await showAnswer(p);
      } else if (p.mode === "recall" && o.coverage) {
        const { hit, missed, contradicted, ratio } = o.coverage;
        const total = hit.length + missed.length + contradicted.length;
        out.out(c.bold(`Key points: ${hit.length}/${total} (${Math.round(ratio * 100)}%)`));
        for (const k of hit) out.out(c.green(wrapText(`  ✔ ${k.label}`, out.width)));
        for (const k of missed) out.out(c.red(wrapText(`  ✘ ${k.label}`, out.width)));
        // Said the other way round, or of the other subject: worse than left out, so shown apart.
        for (const k of contradicted)
          out.out(c.red(wrapText(`  ✘ ${k.label} (your answer says otherwise)`, out.width)));
        await showAnswer(p);
        const grade = await prompter.select(
          `Grade (suggested: ${o.grade})`,
          gradeChoices((g) => opts.comesBack?.(p.question, g)),
          o.grade,
        );
        return grade;
      }
      return o.grade;
    },

    save() {},
  };
}
