import { type LintProblem, lintGenericWords, lintQuestion } from "../core/deck-lint.js";
import { EmptyDeckError, foundLine } from "../core/deck-parser.js";
import { oneLine } from "../core/text.js";
import type { DeckProblem } from "../core/types.js";
import type { Deps } from "../deps.js";
import { DeckError, UserError } from "../errors.js";
import type { OptionsOf } from "../flags.js";
import { deckNameOf, loadDeck } from "../io/bank.js";
import { blockLine, type QuizYaml, QuizYamlError, readQuizYaml } from "../io/decks/quiz-yaml.js";
import { loadJsYaml } from "../io/lazy.js";
import { stylesFor } from "../io/render.js";
import { YamlLimitError } from "../io/yaml-limits.js";

/** Its flags, as declared once in src/flags.ts. */
export type DeckCheckOptions = Partial<OptionsOf<"deckCheck">>;

interface FileReport {
  file: string;
  questions: number;
  problems: LintProblem[];
}

type JsYaml = typeof import("js-yaml");

/** A defect the reader read around costs at most its own question: a warning, not an error. */
const readAround = (p: DeckProblem): LintProblem => ({
  line: p.line,
  message: p.message,
  level: "warning",
  ...(p.skipped ? { skipped: true as const } : {}),
});

async function checkFile(file: string, J: JsYaml): Promise<FileReport> {
  let deck: Awaited<ReturnType<typeof loadDeck>>;
  try {
    deck = await loadDeck(file, deckNameOf(file), true);
  } catch (e) {
    if (e instanceof DeckError) {
      const read = e instanceof EmptyDeckError ? e.problems.map(readAround) : [];
      return { file, questions: 0, problems: [{ line: e.line, message: e.reason, level: "error" }, ...read] };
    }
    if (e instanceof UserError)
      return {
        file,
        questions: 0,
        problems: [{ line: 1, message: e.message.replace(`${file}: `, ""), level: "error" }],
      };
    throw e;
  }
  // What the reader skipped or worked around: every question-shaped line it could not use is here.
  const problems: LintProblem[] = (deck.problems ?? []).map(readAround);
  const withMeta = deck.questions.filter((q) => q.rawMeta);
  if (!withMeta.length) {
    problems.push({
      line: 1,
      message: "no quiz metadata: options and key points will be generated from the answers",
      level: "warning",
    });
    return { file, questions: deck.questions.length, problems: problems.sort((a, b) => a.line - b.line) };
  }
  for (const q of deck.questions) {
    if (!q.rawMeta) {
      problems.push({ line: q.line, message: `question ${q.number} has no quiz block`, level: "error" });
      continue;
    }
    const raw = q.rawMeta;
    let block: QuizYaml;
    try {
      block = readQuizYaml(J, raw.text);
    } catch (e) {
      if (e instanceof YamlLimitError) {
        const line = blockLine(raw, e.offset || undefined);
        problems.push({ line, message: `question ${q.number}: ${e.message}`, level: "error" });
        continue;
      }
      if (!(e instanceof QuizYamlError)) throw e;
      problems.push({
        line: blockLine(raw, e.offset),
        message: `question ${q.number}: quiz block is not valid YAML: ${e.message}`,
        level: "error",
      });
      continue;
    }
    const data = block.data;
    const lineOf = (path: (string | number)[]) => blockLine(raw, block.offsetOf(path));
    problems.push(...lintQuestion(q, data, lineOf), ...lintGenericWords(q, data, lineOf));
  }
  return { file, questions: deck.questions.length, problems: problems.sort((a, b) => a.line - b.line) };
}

/** `k8s-quiz deck check <file...>`: parse errors and metadata problems as file:line lines; exit 1 on any error. */
export async function deckCheckCommand(deps: Deps, files: string[], opts: DeckCheckOptions): Promise<number> {
  const out = deps.output(opts.color);
  const J = await loadJsYaml();
  const reports: FileReport[] = [];
  for (const f of files) reports.push(await checkFile(f, J));
  const all = reports.flatMap((r) => r.problems);
  const errors = all.filter((p) => p.level === "error").length;
  const warnings = all.length - errors;
  if (opts.json) {
    out.json({ files: reports, errors, warnings });
  } else {
    const c = stylesFor(out);
    for (const r of reports) {
      const file = oneLine(r.file);
      // One write for a file's problems: a deck with 20,000 of them spent more in writes than in parsing.
      const lines = r.problems.map((p) => {
        const tag = p.level === "error" ? c.red("error") : c.yellow("warning");
        // A file name is outside text too: an ESC]0; in one retitled the terminal once per problem.
        return `${file}:${p.line}: ${tag}: ${oneLine(p.message)}`;
      });
      if (lines.length) out.raw(lines.join("\n"));
      // With one file the totals below say it; with many, each file says what it gave.
      if (files.length > 1) out.raw(oneLine(foundLine(r.file, r.questions)));
    }
    const qs = reports.reduce((n, r) => n + r.questions, 0);
    out.out(
      `${plural(files.length, "deck")}, ${plural(qs, "question")}: ${plural(errors, "error")}, ${plural(warnings, "warning")}`,
    );
  }
  return errors ? 1 : 0;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
