import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, fails, ok, ROOT, runBin, tempDir } from "../helpers/bin.js";

// `k8s-quiz export`: every format read back here with a parser of our own, never the exporter's code.

interface ExportedQuestion {
  id: string;
  number: number;
  deck: string;
  section: string;
  prompt: string;
  answer: string;
  meta: {
    correct?: string;
    wrong?: string[];
    keyPoints?: { label: string; words: string[] }[];
    tags?: string[];
    difficulty?: number;
    note?: string;
  };
}
interface JsonExport {
  sections: { slug: string; title: string; aliases: string[]; deck: string }[];
  questions: ExportedQuestion[];
}
interface ListJson {
  questions: { id: string; number: number; deck: string; section: string; prompt: string }[];
}

/**
 * Delimited text the way Anki and RFC 4180 read it: a field is either bare or wrapped in double quotes,
 * where `""` is a quote and separators and line breaks are data. Records end at CRLF or LF.
 */
function readDelimited(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  const endField = () => {
    row.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    if (field === "" && text[i] === '"') {
      // A quoted field runs to the quote not followed by another quote.
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i];
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== sep && next !== "\n" && next !== "\r")
        throw new Error(`text after a closing quote at ${i}`);
      continue;
    }
    const ch = text[i] as string;
    if (ch === sep) {
      endField();
      i++;
    } else if (ch === "\r" && text[i + 1] === "\n") {
      endRow();
      i += 2;
    } else if (ch === "\n") {
      endRow();
      i++;
    } else {
      if (ch === '"') throw new Error(`bare quote inside an unquoted field at ${i}`);
      field += ch;
      i++;
    }
  }
  if (field !== "" || row.length) endRow();
  return rows;
}

/** An Anki text import: `#key:value` header lines first, then tab-separated notes. */
function readAnki(text: string): { headers: Record<string, string>; rows: string[][] } {
  const headers: Record<string, string> = {};
  let rest = text;
  while (rest.startsWith("#")) {
    const end = rest.indexOf("\n");
    const line = rest.slice(1, end);
    const colon = line.indexOf(":");
    headers[line.slice(0, colon)] = line.slice(colon + 1);
    rest = rest.slice(end + 1);
  }
  return { headers, rows: readDelimited(rest, "\t") };
}

const unescapeHtml = (html: string) =>
  html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

/** The text of an HTML fragment: tags dropped, entities decoded, white space collapsed. */
const textOf = (html: string) =>
  unescapeHtml(html.replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim();

/** The words an answer's HTML must keep: its longer plain words, Markdown punctuation aside. */
const keyWords = (markdown: string) => [...new Set(markdown.match(/[A-Za-z][A-Za-z0-9]{5,}/g) ?? [])];

let bundled: ExportedQuestion[];
let listed: ListJson["questions"];
let bundledSections: JsonExport["sections"];

beforeAll(() => {
  expect(existsSync(BIN), "run npm run build first").toBe(true);
  listed = (JSON.parse(ok(runBin(["list", "--json"]))) as ListJson).questions;
  expect(listed).toHaveLength(50);
  const j = JSON.parse(ok(runBin(["export", "--format", "json"]))) as JsonExport;
  bundled = j.questions;
  bundledSections = j.sections;
});

describe("export --format json", () => {
  it("prints the sections and every question with its answer and metadata", () => {
    expect(bundledSections.map((s) => s.slug)).toEqual([
      "internals",
      "operators",
      "multi-cluster",
      "networking",
      "service-mesh",
    ]);
    for (const s of bundledSections) {
      expect(Object.keys(s).sort()).toEqual(["aliases", "deck", "slug", "title"]);
      expect(s.deck).toBe("k8s");
    }
    expect(bundled).toHaveLength(50);
    // The same questions `list` shows, in the same order.
    expect(
      bundled.map((q) => ({
        id: q.id,
        number: q.number,
        deck: q.deck,
        section: q.section,
        prompt: q.prompt,
      })),
    ).toEqual(listed);
    for (const q of bundled) {
      expect(Object.keys(q).sort()).toEqual(["answer", "deck", "id", "meta", "number", "prompt", "section"]);
      expect(q.answer.length).toBeGreaterThan(20);
      expect(q.meta.wrong).toHaveLength(3);
      expect(q.meta.correct?.length).toBeGreaterThan(10);
      expect(q.meta.tags?.length).toBeGreaterThan(0);
      expect(q.meta.keyPoints?.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("-s networking limits it to that section's 10 questions", () => {
    const j = JSON.parse(ok(runBin(["export", "--format", "json", "-s", "networking"]))) as JsonExport;
    expect(j.sections.map((s) => s.slug)).toEqual(["networking"]);
    expect(j.questions).toHaveLength(10);
    expect(j.questions.map((q) => q.id)).toEqual(
      listed.filter((q) => q.section === "networking").map((q) => q.id),
    );
  });
});

describe("export --format anki", () => {
  it("writes a TSV that parses back to all 50 questions: front, back as HTML, tags", () => {
    const dir = tempDir();
    const file = join(dir, "f.txt");
    const r = runBin(["export", "--format", "anki", "-o", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`Exported 50 questions to ${file} (anki)\n`);

    const { headers, rows } = readAnki(readFileSync(file, "utf8"));
    expect(headers).toMatchObject({ separator: "tab", html: "true", "tags column": "3" });
    expect(rows).toHaveLength(50);
    rows.forEach((row, i) => {
      const q = bundled[i] as ExportedQuestion;
      expect(row).toHaveLength(3);
      const [front, back, tags] = row as [string, string, string];
      expect(unescapeHtml(front)).toBe(q.prompt);
      expect(front).not.toMatch(/[<>]/);
      // The back is HTML: structure where the Markdown had it, and every longer word of the answer.
      expect(back).toMatch(/^<(p|ul|ol|pre|h\d)[ >]/);
      if (/\*\*[^*]+\*\*/.test(q.answer)) expect(back).toContain("<strong>");
      const prose = q.answer.replace(/```[\s\S]*?```/g, "");
      if (/^\s*- /m.test(prose)) expect(back).toContain("<li>");
      if (q.answer.includes("```")) expect(back).toContain("<pre><code");
      expect(back).not.toMatch(/\*\*\S/);
      const text = textOf(back);
      for (const w of keyWords(q.answer)) expect(text, `${q.id}: ${w}`).toContain(w);
      if (q.meta.note) expect(text).toContain(`Note: ${q.meta.note}`);
      const tagList = tags.split(" ");
      expect(tagList).toContain(`section::${q.section}`);
      expect(tagList).toContain("k8s-quiz");
      for (const t of q.meta.tags ?? []) expect(tagList).toContain(t);
      for (const t of tagList) expect(t).toMatch(/^\S+$/);
    });
  });

  it("-s networking gives 10 notes, all tagged section::networking", () => {
    const { rows } = readAnki(ok(runBin(["export", "--format", "anki", "-s", "networking"])));
    expect(rows).toHaveLength(10);
    for (const r of rows) expect(r[2]?.split(" ")).toContain("section::networking");
  });
});

describe("export --format csv", () => {
  it("parses back (RFC 4180) to the same 50 ids, sections, prompts and answers exactly", () => {
    const out = ok(runBin(["export", "--format", "csv"]));
    const rows = readDelimited(out, ",");
    expect(rows[0]).toEqual(["id", "section", "prompt", "answer", "tags"]);
    const body = rows.slice(1);
    expect(body).toHaveLength(50);
    // Issue 19: a cell that starts like a formula (= + - @ tab CR) has a leading ' (OWASP), and
    // answers that open with a Markdown list ("- ...") are such cells.
    const inert = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
    expect(body.some((row) => row[3]?.startsWith("'-"))).toBe(true);
    body.forEach((row, i) => {
      const q = bundled[i] as ExportedQuestion;
      expect(row).toEqual([q.id, q.section, q.prompt, q.answer, (q.meta.tags ?? []).join(" ")].map(inert));
    });
    // RFC 4180 records end in CRLF; line breaks inside quoted answers stay as they are.
    expect(out.endsWith("\r\n")).toBe(true);
  });

  it("-s networking -o writes 10 rows to the file", () => {
    const file = join(tempDir(), "net.csv");
    const r = runBin(["export", "--format", "csv", "-s", "networking", "-o", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Exported 10 questions");
    const rows = readDelimited(readFileSync(file, "utf8"), ",").slice(1);
    expect(rows.map((x) => x[1])).toEqual(Array(10).fill("networking"));
  });
});

describe("export --format md", () => {
  it("re-imports through --deck to identical questions, sections and metadata", () => {
    const dir = tempDir();
    const file = join(dir, "exported.md");
    const r = runBin(["export", "--format", "md", "-o", file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`Exported 50 questions to ${file} (md)\n`);

    // The ids come back prefixed by the file's deck name; compare by number.
    const l = JSON.parse(ok(runBin(["list", "--deck", file, "--json"]))) as ListJson;
    const again = l.questions.filter((q) => q.deck === "exported");
    expect(again.map((q) => q.id)).toEqual(listed.map((q) => `exported:${q.number}`));
    expect(again.map((q) => q.prompt)).toEqual(listed.map((q) => q.prompt));

    const j = JSON.parse(ok(runBin(["export", "--format", "json", "--deck", file]))) as JsonExport;
    const sections = j.sections.filter((s) => s.deck === "exported");
    expect(sections.map((s) => ({ title: s.title, aliases: s.aliases }))).toEqual(
      bundledSections.map((s) => ({ title: s.title, aliases: s.aliases })),
    );
    const titleOf = (slug: string, from: JsonExport["sections"]) => from.find((s) => s.slug === slug)?.title;
    const reimported = j.questions.filter((q) => q.deck === "exported");
    expect(reimported).toHaveLength(50);
    for (const q of bundled) {
      const twin = reimported.find((x) => x.number === q.number);
      expect(twin, `question ${q.number}`).toBeDefined();
      if (!twin) continue;
      expect(twin.prompt).toBe(q.prompt);
      expect(twin.answer).toBe(q.answer);
      expect(titleOf(twin.section, sections)).toBe(titleOf(q.section, bundledSections));
      expect(twin.meta).toEqual(q.meta);
    }

    const shown = JSON.parse(ok(runBin(["show", "exported:546", "--deck", file, "--json"]))) as {
      answer: string;
      note: string | null;
      tags: string[];
    };
    const original = JSON.parse(ok(runBin(["show", "546", "--json"]))) as typeof shown;
    expect(shown).toMatchObject({ answer: original.answer, note: original.note, tags: original.tags });
  });

  it("-s networking exports a deck of that one section", () => {
    const dir = tempDir();
    const file = join(dir, "net.md");
    expect(runBin(["export", "--format", "md", "-s", "networking", "-o", file]).code).toBe(0);
    const l = JSON.parse(ok(runBin(["list", "--deck", file, "--json"]))) as ListJson;
    const mine = l.questions.filter((q) => q.deck === "net");
    expect(mine).toHaveLength(10);
    expect(new Set(mine.map((q) => q.section)).size).toBe(1);
  });
});

describe("export of a user deck with quotes, tabs, commas and HTML characters", () => {
  const TRICKY = join(ROOT, "test", "fixtures", "user-decks", "tricky.md");
  const args = ["--deck", TRICKY, "-s", "escaping"];
  let source: ExportedQuestion[];
  beforeAll(() => {
    source = (JSON.parse(ok(runBin(["export", "--format", "json", ...args]))) as JsonExport).questions;
    expect(source.map((q) => q.id)).toEqual(["tricky:1", "tricky:2"]);
    expect(source[0]?.prompt).toBe('What does "kubectl get <kind> && echo ok" print, and why?');
    expect(source[1]?.answer).toContain("\t");
  });

  it("anki: fronts unescape to the prompts; quotes and the tab survive in the back", () => {
    const { rows } = readAnki(ok(runBin(["export", "--format", "anki", ...args])));
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.length)).toEqual([3, 3]);
    expect(rows.map((r) => unescapeHtml(r[0] ?? ""))).toEqual(source.map((q) => q.prompt));
    expect(rows[0]?.[0]).toContain("&lt;kind&gt; &amp;&amp;");
    expect(rows[0]?.[1]).toContain("kubectl get pods\t-o wide");
    expect(textOf(rows[1]?.[1] ?? "")).toContain('a "quote" or a tab is quoted');
    for (const r of rows) expect(r[2]?.split(" ")).toEqual(["k8s-quiz", "section::escaping-quoting"]);
  });

  it("csv: parses back to the exact prompts and answers", () => {
    const rows = readDelimited(ok(runBin(["export", "--format", "csv", ...args])), ",").slice(1);
    expect(rows).toEqual(source.map((q) => [q.id, "escaping-quoting", q.prompt, q.answer, ""]));
  });
});

describe("export refuses", () => {
  it("a missing --format with exit 2", () => {
    const err = fails(runBin(["export"]), 2);
    expect(err).toContain("--format");
  });

  it("an unknown --format with exit 2, naming the formats", () => {
    const err = fails(runBin(["export", "--format", "xml"]), 2);
    expect(err).toMatch(/anki.*csv.*json.*md/);
  });

  it("an unknown section with exit 2", () => {
    fails(runBin(["export", "--format", "csv", "-s", "netwrking"]), 2);
  });

  it("an -o in a directory that does not exist with exit 1, in one line", () => {
    const file = join(tempDir(), "no", "such", "dir", "out.txt");
    const err = fails(runBin(["export", "--format", "anki", "-o", file]), 1);
    expect(err).toContain(file);
    expect(existsSync(file)).toBe(false);
  });
});
