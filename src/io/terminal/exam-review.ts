import { type Outcome, settle } from "../../core/session.js";
import { stripControl } from "../../core/text.js";
import { GRADES, type Grade } from "../../core/types.js";
import type { Output } from "./output.js";
import type { Choice, Prompter } from "./prompter.js";
import { stylesFor } from "./render.js";
import { type AcceptPhrasing, keyPointLines, offerPhrasing } from "./verdict.js";
import { renderAnswer } from "./views.js";
import { truncate, wrapText } from "./wrap.js";

const indent = (text: string, by = "    ") => text.replace(/^/gm, by);

const GRADE_LABELS: Record<Grade, string> = {
  again: "Again: I didn't know it",
  hard: "Hard: partly, or with effort",
  good: "Good: I knew it",
  easy: "Easy: instantly",
};

/**
 * The four grades as a list: the review changes one grade of many, picked from a list, where a
 * practice answer's one-key grade prompt has no list to pick from.
 */
const gradeChoices = (): Choice<Grade>[] =>
  GRADES.map((g) => ({ name: GRADE_LABELS[g], short: g, value: g }));

/** One question of the review: the prompt, what was typed, the reference, the key points, the grade. */
async function showOne(o: Outcome, index: number, total: number, out: Output): Promise<void> {
  const c = stylesFor(out);
  const q = o.presented.question;
  const typed = o.given.mode === "recall" ? stripControl(o.given.text).trim() : "";
  out.out();
  out.out(c.bold(wrapText(stripControl(`[${index + 1}/${total}] #${q.id} ${q.prompt}`), out.width)));
  out.out(c.dim("  Your answer:"));
  out.out(typed ? indent(wrapText(typed, Math.max(20, out.width - 4))) : c.dim("    (no answer)"));
  out.out(c.dim("  Reference:"));
  out.out(indent(await renderAnswer(q, { color: out.color, width: Math.max(20, out.width - 4) })));
  for (const line of keyPointLines(o, out, "  ")) out.out(line);
  out.out(`  Suggested grade: ${c.bold(o.grade)}`);
}

export interface ExamReviewOptions {
  out: Output;
  /** The terminal's prompts: the learner may change any grade. None: the grades are taken as given. */
  prompter?: Prompter;
  /** Grades from --grades; the questions it leaves out keep their suggested grade. */
  grades?: ReadonlyMap<string, Grade>;
  /** False under --json in a script: nothing is printed. */
  show: boolean;
  /** Offered when a grade is raised above the suggested one, as after a practice answer. */
  accept?: AcceptPhrasing;
  /** --dry-run: the grades are settled but not saved, and the review says so. */
  dryRun?: boolean;
}

/**
 * The review after an exam, before anything is saved: every answer with its reference and key
 * points, and the grades settled, by the learner in a terminal, by --grades or as suggested.
 */
export async function reviewExam(outcomes: readonly Outcome[], opts: ExamReviewOptions): Promise<Outcome[]> {
  const { out, prompter } = opts;
  const c = stylesFor(out);
  let settled = outcomes.map((o) => {
    const g = opts.grades?.get(o.presented.question.id);
    return g ? settle(o, g) : o;
  });
  if (!outcomes.length) return settled;
  if (opts.show) {
    out.out();
    out.out(c.bold("Review: your answers, before anything is saved"));
    for (const [i, o] of settled.entries()) await showOne(o, i, settled.length, out);
  }
  if (!prompter || opts.grades) {
    if (opts.show) {
      out.out();
      out.out(
        stylesFor(out).dim(
          opts.dryRun
            ? opts.grades
              ? "Grades as --grades gives them, the others as suggested; a dry run saves none of them."
              : "Grades as suggested (--grades FILE sets others); a dry run saves none of them."
            : opts.grades
              ? "Grades saved as --grades gives them; the others as suggested."
              : "Grades saved as suggested (--grades FILE sets others).",
        ),
      );
    }
    return settled;
  }
  out.out();

  const SAVE = -1;
  for (;;) {
    const choices = [
      { name: "Save these grades", short: "saved", value: SAVE },
      ...settled.map((o, i) => {
        const q = o.presented.question;
        // The change first: a long prompt is cut at the screen's edge, the grade never.
        const changed = o.grade !== outcomes[i]?.grade ? ` (suggested ${outcomes[i]?.grade})` : "";
        return {
          name: truncate(
            stripControl(`${o.grade.padEnd(5)}${changed}  #${q.id} ${q.prompt}`),
            Math.max(20, out.width - 4),
          ),
          short: `#${q.id}`,
          value: i,
        };
      }),
    ];
    const pick = await prompter.select("Change a grade, or save them", choices, SAVE);
    if (pick === SAVE) return settled;
    const o = settled[pick] as Outcome;
    const grade: Grade = await prompter.select(
      `Grade for #${o.presented.question.id} (suggested: ${outcomes[pick]?.grade})`,
      gradeChoices(),
      o.grade,
    );
    if (opts.accept) await offerPhrasing(prompter, out, outcomes[pick] as Outcome, grade, opts.accept);
    // From the original outcome, so lowering a raised grade back is the suggestion again.
    settled = settled.map((x, i) => (i === pick ? settle(outcomes[pick] as Outcome, grade) : x));
  }
}
