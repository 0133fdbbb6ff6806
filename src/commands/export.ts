import { findSections } from "../core/sections.js";
import type { Deps } from "../deps.js";
import { UsageError } from "../errors.js";
import type { FlagsOnly } from "../flags.js";
import { resolveMeta } from "../io/bank.js";
import { deliver } from "../io/deliver.js";
import { ANKI_RENDERER, toAnki, toCsv, toJsonExport, toMarkdown } from "../io/export-formats.js";
import { loadMarked, loadYaml } from "../io/lazy.js";
import { toJson } from "../io/output.js";

/** Its flags, as declared once in src/flags.ts. */
export type ExportOptions = FlagsOnly<"export">;

/** `k8s-quiz export`: questions as an Anki TSV, CSV, JSON, or a deck in our own Markdown format. */
export async function exportCommand(deps: Deps, opts: ExportOptions): Promise<void> {
  const bank = await deps.bank(opts.deck);
  const sections = opts.section?.length ? findSections(bank.sections, opts.section) : bank.sections;
  const slugs = new Set(sections.map((s) => s.slug));
  const questions = bank.questions.filter((q) => slugs.has(q.section));
  await resolveMeta(questions, deps.output().err);
  let text: string;
  switch (opts.format) {
    case "anki": {
      const { Marked } = await loadMarked();
      // biome-ignore lint/suspicious/noExplicitAny: marked's renderer type wants every token's full shape
      const marked = new Marked({ renderer: ANKI_RENDERER as any });
      text = toAnki(questions, (md) => marked.parse(md, { async: false }));
      break;
    }
    case "csv":
      text = toCsv(questions);
      break;
    case "json":
      text = `${toJson(toJsonExport(questions, sections))}\n`;
      break;
    case "md": {
      const numbers = new Set<number>();
      for (const q of questions) {
        if (numbers.has(q.number)) {
          throw new UsageError(
            `question number ${q.number} is in two decks; export one deck at a time (--section)`,
          );
        }
        numbers.add(q.number);
      }
      const { stringify } = await loadYaml();
      text = toMarkdown(questions, sections, (v) => stringify(v, { lineWidth: 0 }));
      break;
    }
  }
  // deliver() cleans the document of control codes: to a terminal, ESC]0; retitles the window and
  // ESC[2J clears it. (JSON escapes them already.)
  if (deliver(deps, opts.output, text) === "stdout") return;
  deps.output().err(`Exported ${questions.length} questions to ${opts.output} (${opts.format})`);
}
