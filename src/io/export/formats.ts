import { markdownTooDeep, safeHref } from "../../core/text.js";
import { type Question, type QuizMeta, questionRef, type Section } from "../../core/types.js";

export const FORMATS = ["anki", "csv", "json", "md"] as const;
export type Format = (typeof FORMATS)[number];

/** A field quoted the CSV way when it holds the separator, a quote or a line break. */
function quote(field: string, sep: string): string {
  return field.includes(sep) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

// Anki splits its tags column at blanks, and a tag is a word, not markup.
const tagsOf = (q: Question) =>
  [`k8s-quiz`, `section::${q.section}`, ...(q.meta?.tags ?? [])].map((t) =>
    escapeHtml(t.replace(/\s+/g, "_")),
  );

/**
 * Anki's tab-separated import: file headers name the separator, HTML fields and the tags column, so
 * File > Import needs no settings. The back is the answer as HTML, with the deck's note after it.
 */
export function toAnki(questions: readonly Question[], toHtml: (md: string) => string): string {
  // Anki renders HTML and runs scripts: every field is escaped text or the fixed subset of ANKI_TAGS.
  const rows = questions.map((q) => {
    const note = q.meta?.note ? `<p><b>Note:</b> ${escapeHtml(q.meta.note)}</p>` : "";
    // Nested too deep for the Markdown library: the text as it is, escaped, in a <pre>.
    const answer = markdownTooDeep(q.answer)
      ? `<pre>${escapeHtml(q.answer)}</pre>`
      : onlyAnkiTags(toHtml(q.answer).trim());
    const back = `${answer}${note}`;
    return [escapeHtml(q.prompt), back, tagsOf(q).join(" ")].map((f) => quote(f, "\t")).join("\t");
  });
  return `${["#separator:tab", "#html:true", "#tags column:3", ...rows].join("\n")}\n`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * How deck Markdown becomes Anki HTML (marked's renderer overrides): HTML written in the deck is
 * shown as text, never run; a link keeps only an http, https or mailto target (else it is its text);
 * an image is its alt text, as Anki would need the file anyway; a task box is "[x]".
 */
export const ANKI_RENDERER = {
  html(token: { text: string }): string {
    return escapeHtml(token.text);
  },
  link(this: { parser: { parseInline(t: unknown[]): string } }, token: { href: string; tokens: unknown[] }) {
    const text = this.parser.parseInline(token.tokens);
    const href = safeHref(token.href);
    return href ? `<a href="${escapeHtml(href)}">${text}</a>` : text;
  },
  image(token: { text: string }): string {
    return escapeHtml(token.text);
  },
  checkbox(token: { checked: boolean }): string {
    return token.checked ? "[x] " : "[ ] ";
  },
};

// The HTML marked writes for Markdown, and the only tags an Anki back may carry. Attributes are
// allowed per tag; anything else is escaped into text. This is the guard behind ANKI_RENDERER:
// whatever marked or a deck comes up with, nothing outside the list reaches Anki as markup.
const ANKI_TAGS: Record<string, RegExp> = {
  ...Object.fromEntries(
    "p br hr em strong del code pre ul li blockquote h1 h2 h3 h4 h5 h6 table thead tbody tr b i"
      .split(" ")
      .map((t) => [t, /^$/]),
  ),
  ol: /^( start="\d+")?$/,
  th: /^( align="(left|right|center)")?$/,
  td: /^( align="(left|right|center)")?$/,
  code: /^( class="language-[\w+#.-]*")?$/,
  a: /^ href="(https?:|mailto:)[^"<>]*"$/i,
};

/** HTML cut down to ANKI_TAGS: any other tag, or an allowed one with other attributes, becomes text. */
export function onlyAnkiTags(html: string): string {
  return html.replace(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*?)(\/?)>|[<>]/g, (m, close, tag, attrs) => {
    const rule = ANKI_TAGS[String(tag).toLowerCase()];
    if (rule && (close ? attrs === "" : rule.test(attrs ?? ""))) return m;
    return escapeHtml(m);
  });
}

// A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK, =cmd|...).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field, made inert for spreadsheets as OWASP recommends: a cell that starts like a formula
 * gets a leading ', then the field is quoted the RFC 4180 way when it needs to be.
 */
export function csvCell(field: string): string {
  return quote(FORMULA_START.test(field) ? `'${field}` : field, ",");
}

/** RFC 4180 CSV: id, section, prompt, answer (Markdown), tags; formula-like cells neutralised (csvCell). */
export function toCsv(questions: readonly Question[]): string {
  const rows = [["id", "section", "prompt", "answer", "tags"]];
  for (const q of questions) rows.push([q.id, q.section, q.prompt, q.answer, (q.meta?.tags ?? []).join(" ")]);
  return `${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

export function toJsonExport(questions: readonly Question[], sections: readonly Section[]) {
  return {
    sections: sections.map((s) => ({ slug: s.slug, title: s.title, aliases: s.aliases, deck: s.deck })),
    questions: questions.map((q) => ({ ...questionRef(q), answer: q.answer, meta: q.meta ?? {} })),
  };
}

/** The quiz block's YAML as a deck file writes it. */
function metaYaml(meta: QuizMeta, stringify: (v: unknown) => string): string {
  const doc: Record<string, unknown> = {};
  if (meta.correct || meta.wrong) doc.choices = { correct: meta.correct, wrong: meta.wrong };
  if (meta.keyPoints)
    doc.keyPoints = Object.fromEntries(
      meta.keyPoints.map((k) => [k.label, k.subject ? { subject: k.subject, words: k.words } : k.words]),
    );
  if (meta.tags) doc.tags = meta.tags;
  if (meta.difficulty) doc.difficulty = meta.difficulty;
  if (meta.note) doc.note = meta.note;
  return stringify(doc).trimEnd();
}

/** A deck in k8s-quiz's own Markdown format, which the parser reads back to the same questions. */
export function toMarkdown(
  questions: readonly Question[],
  sections: readonly Section[],
  stringify: (v: unknown) => string,
): string {
  const parts: string[] = [];
  for (const s of sections) {
    const qs = questions.filter((q) => q.section === s.slug);
    if (!qs.length) continue;
    const aliases = s.aliases.length ? `\naliases: [${s.aliases.join(", ")}]` : "";
    parts.push(`## ${s.title}\n\n<!-- quiz\nslug: ${s.slug}${aliases}\n-->\n`);
    for (const q of qs) {
      const meta =
        q.meta && Object.keys(q.meta).length ? `\n\n<!-- quiz\n${metaYaml(q.meta, stringify)}\n-->` : "";
      parts.push(`### Question ${q.number}: ${q.prompt}\n\n**Answer:**\n${q.answer}${meta}\n\n---\n`);
    }
  }
  return parts.join("\n");
}
