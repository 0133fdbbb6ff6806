import { GRADES, type Grade } from "./types.js";

export type GradesFile = { ok: true; grades: Map<string, Grade> } | { ok: false; line: number; why: string };

/** again, hard, good, easy or 1 to 4, in any case. */
export function gradeNamed(word: string): Grade | undefined {
  const g = word.toLowerCase();
  return GRADES.find((x) => x === g) ?? (/^[1-4]$/.test(g) ? GRADES[Number(g) - 1] : undefined);
}

/**
 * Reads an exam's `--grades` file: one `<question id> <grade>` a line (`508 good`, `docker:3 2`).
 * Blank lines and `#` comments are skipped. A question the file leaves out keeps its suggested
 * grade; a question the exam did not ask is refused with its line, so a typo is not silently ignored.
 */
export function parseGradesFile(text: string, asked: ReadonlySet<string>): GradesFile {
  const grades = new Map<string, Grade>();
  const rows = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (const [i, raw] of rows.entries()) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const [id, word, ...rest] = line.split(/\s+/);
    const grade = word === undefined ? undefined : gradeNamed(word);
    if (!id || !grade || rest.length)
      return {
        ok: false,
        line: i + 1,
        why: "expected a question id and a grade (again, hard, good, easy or 1-4)",
      };
    if (!asked.has(id)) return { ok: false, line: i + 1, why: `question ${id} is not in this exam` };
    grades.set(id, grade);
  }
  return { ok: true, grades };
}
