import { percentText } from "../../core/percent.js";
import { phrasesFor } from "../../core/phrasings.js";
import type { Outcome } from "../../core/session.js";
import { stripControl } from "../../core/text.js";
import { GRADES, type Grade } from "../../core/types.js";
import type { Output } from "./output.js";
import type { Prompter } from "./prompter.js";
import { stylesFor } from "./render.js";
import { wrapText } from "./wrap.js";

/** Keeps a learner's words as accepted phrasings of the named key points of the outcome's question. */
export type AcceptPhrasing = (o: Outcome, points: string[], phrases: string[]) => Promise<void>;

const rank = (g: Grade) => GRADES.indexOf(g);

/** A recall answer's key points, as shown after it and in an exam's review. */
export function keyPointLines(o: Outcome, out: Output, indent = ""): string[] {
  const c = stylesFor(out);
  if (!o.coverage) return [];
  const { hit, missed, ratio } = o.coverage;
  const { contradicted } = o.coverage;
  const why = (label: string) => {
    const r = o.coverage?.reasons?.[label];
    return r ? ` (${stripControl(r)})` : "";
  };
  const total = hit.length + missed.length + contradicted.length;
  // Wrapped to the room left after the indent, so an indented block stays inside the terminal.
  const width = Math.max(20, out.width - indent.length);
  const lines = [
    c.bold(
      `Key points: ${hit.length}/${total} (${percentText(ratio)})${o.coverage.by === "llm" ? " · graded by the model" : ""}`,
    ),
    ...hit.map((k) => c.green(wrapText(`  ✔ ${k.label}${why(k.label)}`, width))),
    ...missed.map((k) => c.red(wrapText(`  ✘ ${k.label}${why(k.label)}`, width))),
    // Said the other way round, or of the other subject: worse than left out, so shown apart.
    ...contradicted.map((k) =>
      c.red(wrapText(`  ✘ ${k.label} (your answer says otherwise)${why(k.label)}`, width)),
    ),
  ];
  return lines.map((l) => l.replace(/^/gm, indent));
}

/**
 * "My answer was right": after a recall grade raised above the suggested one, offers (one key, never
 * assumed) to keep the learner's words as accepted phrasings of the key points that were missed.
 */
export async function offerPhrasing(
  prompter: Prompter,
  out: Output,
  o: Outcome,
  grade: Grade,
  accept: AcceptPhrasing,
): Promise<void> {
  const c = stylesFor(out);
  const points = [...(o.coverage?.missed ?? []), ...(o.coverage?.contradicted ?? [])];
  if (rank(grade) <= rank(o.grade) || !points.length || o.given.mode !== "recall") return;
  const phrases = phrasesFor(o.given.text, o.presented.mode === "recall" ? o.presented.keyPoints : []);
  if (!phrases.length) return;
  const labels = points.map((k) => `"${k.label}"`).join(", ");
  const shown = phrases.map((t) => `"${t}"`).join(", ");
  out.out(
    c.dim(
      wrapText(
        stripControl(
          `Your words ${shown} can count for ${labels} from now on (your progress only; undo with k8s-quiz phrasings --remove).`,
        ),
        out.width,
      ),
    ),
  );
  if (await prompter.confirmKey("My answer was right: keep this phrasing?")) {
    await accept(
      o,
      points.map((k) => k.label),
      phrases,
    );
  }
}
