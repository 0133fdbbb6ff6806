import { masteryBySection } from "../core/mastery.js";
import { percentText } from "../core/percent.js";
import type { Deps } from "../deps.js";
import type { OptionsOf } from "../flags.js";
import { stylesFor } from "../io/terminal/render.js";
import { table } from "../io/terminal/table.js";
import { wrapText } from "../io/terminal/wrap.js";

/** Its flags, as declared once in src/flags.ts. */
export type SectionsOptions = Partial<OptionsOf<"sections">>;

/** `k8s-quiz sections`: every section with its slug, title, size and, once there is progress, mastery. */
export async function sectionsCommand(deps: Deps, opts: SectionsOptions): Promise<void> {
  const out = deps.output(opts.color);
  const bank = await deps.bank(opts.deck, { answers: false });
  const store = deps.store();
  const state = store.read();
  // Asked of the database: listing every question's progress would cost more than the command.
  const hasProgress = store.hasProgress();
  // With no progress there is nothing mastered to look up: a 10,000-question deck spent more time
  // asking for each question's (missing) card than the rest of the command took.
  const mastery = hasProgress ? masteryBySection(bank.questions, state, deps.now().getTime()) : undefined;
  // Each section's size in one pass over the questions, not one pass per section.
  const sizes = new Map<string, number>();
  for (const q of bank.questions) sizes.set(q.section, (sizes.get(q.section) ?? 0) + 1);
  if (opts.json) {
    out.json({
      sections: bank.sections.map((s) => ({
        slug: s.slug,
        title: s.title,
        aliases: s.aliases,
        deck: s.deck,
        questions: sizes.get(s.slug) ?? 0,
        mastery: mastery ? (mastery.get(s.slug)?.ratio ?? 0) : null,
      })),
    });
    return;
  }
  const c = stylesFor(out);
  // Which deck a section is from, once there is more than one to tell apart.
  const several = new Set(bank.sections.map((s) => s.deck)).size > 1;
  const header = [
    "SECTION",
    ...(several ? ["DECK"] : []),
    "QUESTIONS",
    ...(mastery ? ["MASTERY"] : []),
    "TITLE",
  ];
  const rows = bank.sections.map((s) => {
    const m = mastery?.get(s.slug);
    return [
      s.slug,
      ...(several ? [s.deck] : []),
      String(sizes.get(s.slug) ?? 0),
      ...(mastery ? [percentText(m?.ratio ?? 0)] : []),
      s.title,
    ];
  });
  const lines = table(header, rows, out.width);
  out.out(c.bold(lines[0] ?? ""));
  for (const l of lines.slice(1)) out.out(l);
  out.out();
  const aliases = bank.sections.flatMap((s) => s.aliases.map((a) => `${a} → ${s.slug}`));
  if (aliases.length) out.out(wrapText(`Aliases: ${aliases.join(", ")}`, out.width));
  const first = bank.sections.find((s) => s.slug === "networking") ?? bank.sections[0];
  out.out(
    c.dim(
      wrapText(
        `${bank.questions.length} questions. Practise: k8s-quiz practice --section ${first?.slug ?? "<slug>"}`,
        out.width,
      ),
    ),
  );
}
