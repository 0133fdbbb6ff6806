import { stripControl } from "../../core/text.js";
import type { Question } from "../../core/types.js";
import type { Output } from "./output.js";
import { renderMarkdown, renderPlain, stylesFor } from "./render.js";
import { wrapText } from "./wrap.js";

/** The question's heading line and prompt, wrapped; the prompt is deck text, so it is made safe. */
export function renderPrompt(
  q: Question,
  sectionTitle: string,
  out: Pick<Output, "color" | "width">,
  position?: string,
): string {
  const c = stylesFor(out);
  const head = [position, `#${q.id}`, sectionTitle].filter(Boolean).join(" · ");
  return `${c.dim(wrapText(stripControl(head), out.width))}\n${c.bold(wrapText(stripControl(q.prompt), out.width))}`;
}

/** The reference answer, rendered, followed by the deck's note where it has one. */
export async function renderAnswer(q: Question, out: Pick<Output, "color" | "width">): Promise<string> {
  const c = stylesFor(out);
  const body = await renderMarkdown(q.answer, out);
  // Plain text (its `code` and **bold** marks dropped), hanging under the label.
  const note = q.meta?.note
    ? `\n\n${c.yellow("Note:")} ${renderPlain(stripControl(q.meta.note), out.width - 6).replace(/\n/g, "\n      ")}`
    : "";
  return `${body}${note}`;
}

/** A whole question for `show`: heading, prompt and, when asked, the answer. */
export async function renderQuestion(
  q: Question,
  sectionTitle: string,
  out: Pick<Output, "color" | "width">,
  opts: { answer: boolean },
): Promise<string> {
  const head = renderPrompt(q, sectionTitle, out);
  return opts.answer ? `${head}\n\n${await renderAnswer(q, out)}` : head;
}
