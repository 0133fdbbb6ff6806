import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanDeck } from "../../src/core/deck-parser.js";

// Issue 16, "Never silent": over decks written in every shape the issue lists, mixed in one file and
// with the defects it names, the questions found plus the question-shaped lines reported as skipped
// must equal the question-shaped lines the generator wrote. The generator counts as it writes, and
// it writes each shape only where a reader of the deck would take it for a question, too.

const OPTS = { file: "shapes.md", deck: "shapes", prefixIds: true } as const;

const NOUNS = [
  "Pod",
  "Service",
  "etcd",
  "kubelet",
  "Ingress",
  "CRD",
  "taint",
  "PVC",
  "CNI plugin",
  "operator",
];
const STEMS = ["What is a", "How does the", "Why use a", "When would you pick a", "What breaks without the"];

/** Answer text: prose, Markdown and near misses that no reader would take for a question. */
const ANSWER_LINES = [
  "It keeps the desired state.",
  "- a bullet with **bold** in it",
  "  - a nested bullet with `code`",
  "1. a numbered step",
  "2) another step, with a number",
  "> a quote",
  "Use `kubectl get pods -A` to see them.",
  "**Note:** a bold lead-in, not a question.",
  "A line with a trailing question? No, an answer.",
  "See https://kubernetes.io/docs/ for how it is scheduled.",
  "Ünïcödé, 日本語 and 🐳 are fine.",
  "#hashtag is no heading",
];
/** Lines that look like questions but sit inside a closed code block. */
const FENCED = [
  "### 99. not a question",
  "**Q: not one either**",
  "| Question | Answer |",
  "## 5. nor this",
  "plain",
];

type Defect = "none" | "noAnswer" | "repeat" | "duplicate" | "noPrompt" | "linkOnly";

type Spec =
  | {
      kind: "heading";
      form: number;
      decor: number;
      marker: number;
      answer: number[];
      fence: number;
      defect: Defect;
    }
  | { kind: "bold"; form: number; answer: number[]; defect: Defect }
  | { kind: "list"; answer: number[]; defect: Defect }
  | { kind: "topic"; form: number; answer: number[] }
  | { kind: "table"; header: number; rows: boolean[] }
  | { kind: "details"; form: number; answer: number[]; empty: boolean }
  | { kind: "plain"; marker: boolean; answer: number[] }
  | { kind: "listHeading"; answer: number[] }
  | { kind: "plainList"; answer: number[]; margin: boolean }
  | { kind: "marked"; marker: number; answer: number[] }
  | { kind: "bullet"; asks: boolean; answer: number[] }
  | { kind: "paren"; answer: number[] }
  | { kind: "boldNumber"; answer: number[] }
  | { kind: "quoted"; asks: boolean; answer: number[] }
  | { kind: "fold"; answers: number[][] }
  | { kind: "comment" }
  | { kind: "section" }
  | { kind: "rule" }
  | { kind: "meta" };

const answer = fc.array(fc.nat(ANSWER_LINES.length - 1), { minLength: 1, maxLength: 3 });
const defect = fc.constantFrom<Defect>(
  "none",
  "none",
  "none",
  "none",
  "noAnswer",
  "linkOnly",
  "repeat",
  "duplicate",
  "noPrompt",
);
const spec: fc.Arbitrary<Spec> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("heading" as const),
      form: fc.nat(7),
      decor: fc.nat(4),
      marker: fc.nat(4),
      answer,
      fence: fc.nat(6),
      defect,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant("bold" as const), form: fc.nat(5), answer, defect }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("list" as const), answer, defect }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("topic" as const), form: fc.nat(3), answer }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("table" as const),
      header: fc.nat(2),
      rows: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("details" as const),
      form: fc.nat(2),
      answer,
      empty: fc.nat(3).map((k) => k === 0),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("plain" as const), marker: fc.boolean(), answer }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("listHeading" as const), answer }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("plainList" as const), answer, margin: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("marked" as const), marker: fc.nat(2), answer }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("bullet" as const), asks: fc.boolean(), answer }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("paren" as const), answer }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("boldNumber" as const), answer }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("quoted" as const), asks: fc.boolean(), answer }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("fold" as const),
      answers: fc.array(answer, { minLength: 2, maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "comment" as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: "section" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "rule" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "meta" as const }) },
);

interface Written {
  text: string;
  /** Question-shaped lines written: each gives a question or a skipped report. */
  shaped: number;
  /** Prompts of the questions that must come through. */
  prompts: string[];
}

/** Writes a deck from specs, counting its question-shaped lines as it goes. */
function write(specs: Spec[], level: number): Written {
  const out: string[] = [];
  const prompts: string[] = [];
  let shaped = 0;
  const quotedPrompts = new Set<string>();
  let n = 0;
  let k = 0;
  // What the lines above leave open: a heading question's answer takes bold and list lines as text.
  let open: "none" | "heading" | "bullet" | "quoted" | "other" = "none";
  const h = "#".repeat(level);
  const prompt = () => {
    k++;
    return `${STEMS[k % STEMS.length]} ${NOUNS[k % NOUNS.length]} number ${k}?`;
  };
  const body = (lines: number[]) => lines.map((i) => ANSWER_LINES[i] as string);
  const fresh = () => {
    if (open === "heading") out.push("", "---", "");
    open = "none";
  };

  for (const s of specs) {
    switch (s.kind) {
      case "section":
        // Above the question headings' level, so it is a section, never a sub-heading of an answer.
        out.push("", `${"#".repeat(Math.max(1, level - 1))} Topic ${++k}`, "");
        open = "none";
        break;
      case "rule":
        out.push("", "---", "");
        open = "none";
        break;
      case "meta":
        if (open !== "none") out.push("", "<!-- quiz", "tags: [etcd]", "-->", "");
        break;
      case "comment":
        // Hidden wherever Markdown is shown: a question commented out is no question, and no text.
        out.push("", "<!--", `${h} 900. A commented-out question?`, "**Q:** nor this?", "-->", "");
        break;
      case "details": {
        // A collapsible question, as many public collections write them (devops-exercises among them).
        // Inside another question's answer it is part of that answer: a rule ends the answer first.
        if (open !== "none") out.push("", "---", "");
        const p = prompt();
        const a = s.empty ? [] : body(s.answer);
        if (s.form === 0) out.push("", "<details>", `<summary>${p}</summary>`, "", ...a, "", "</details>");
        else if (s.form === 1)
          out.push("", "<details>", `<summary>${++n}. ${p}</summary><br><b>`, "", ...a, "</b></details>");
        else out.push("", `<details><summary><b>${p}</b></summary>${a.join(" ")}</details>`);
        shaped++;
        if (!s.empty) prompts.push(p);
        open = "none";
        break;
      }
      case "plain": {
        // "Q: What is ARP?" with its answer below, after a plain "A." or not. Like any unlabelled
        // bold question, not inside a heading question's answer.
        fresh();
        const p = prompt();
        const [first, ...rest] = body(s.answer);
        out.push("", `Q: ${p}`, s.marker ? `A. ${first}` : (first ?? ""), ...rest);
        shaped++;
        prompts.push(p);
        open = "other";
        break;
      }
      case "marked": {
        // "### Notes on the Pod" right over its answer marker: a heading that asks nothing, a question
        // all the same (at the question headings' level, so never a sub-heading of an answer).
        k++;
        const p = `Notes on the ${NOUNS[k % NOUNS.length]} ${k}`;
        const [first, ...rest] = body(s.answer);
        const marker = [`**Answer**: ${first}`, "**Answer:**", `Ans: ${first}`][s.marker] ?? "";
        out.push("", `${h} ${p}`, "", marker, ...(s.marker === 1 ? [first ?? "", ...rest] : rest));
        shaped++;
        prompts.push(p);
        open = "heading";
        break;
      }
      case "plainList": {
        // "1. What is X?" over an indented answer: a question only where none is open, so after a rule.
        // Or over its answer at the margin, after a blank line, when that answer does not open with a
        // numbered line (a numbered line under it makes it one of a list).
        const p = prompt();
        if (s.margin) {
          const a = body(s.answer);
          while (a.length && /^\d+[.)]\s/.test(a[0] ?? "")) a.shift();
          out.push("", "---", "", `${++n}. ${p}`, "", ...(a.length ? a : body([0])));
        } else out.push("", "---", "", `${++n}. ${p}`, ...body(s.answer).map((l) => `   ${l}`));
        shaped++;
        prompts.push(p);
        open = "other";
        break;
      }
      case "bullet": {
        // "- **What is X?**" over its indented answer, after a rule or another bullet question; one
        // that does not ask ("- **Explain X.**") only as the next of a run of them.
        const run = open === "bullet";
        if (!run) out.push("", "---", "");
        const p = s.asks || !run ? prompt() : `Explain the ${NOUNS[++k % NOUNS.length]} number ${k}.`;
        out.push("", `- **${p}**`, ...body(s.answer).map((l) => `  ${l}`));
        shaped++;
        prompts.push(p);
        open = "bullet";
        break;
      }
      case "quoted": {
        // "> What is X?" on a line of its own over its answer, where no other kind of question is
        // open; one that sets a task ("> Explain X.") only as the next of them.
        // A run of them starts under a heading of its own: where they are no questions (a deck with
        // other kinds), their lines are then no other question's answer either.
        const run = open === "quoted";
        if (!run) out.push("", `${"#".repeat(Math.max(1, level - 1))} Quoted ${++k}`, "");
        const p = s.asks || !run ? prompt() : `Explain the ${NOUNS[++k % NOUNS.length]} number ${k}.`;
        out.push("", `> ${p}`, "", ...body(s.answer));
        shaped++;
        prompts.push(p);
        quotedPrompts.add(p);
        open = "quoted";
        break;
      }
      case "paren": {
        // "(3) What is a channel?" over "Ans: ...", where no heading question's answer is open.
        fresh();
        const p = prompt();
        const [first, ...rest] = body(s.answer);
        out.push("", `(${++n}) ${p}`, "", `Ans: ${first}`, ...rest);
        shaped++;
        prompts.push(p);
        open = "other";
        break;
      }
      case "boldNumber": {
        // "**1)** Explain what Go is?" over "**Ans)** ...".
        fresh();
        const p = prompt();
        out.push("", `**${++n})** ${p}`, "", `**Ans)** ${body(s.answer)[0]}`, ...body(s.answer).slice(1));
        shaped++;
        prompts.push(p);
        open = "other";
        break;
      }
      case "fold": {
        // A <details> topic that folds its bulleted questions away: a section of its own.
        const topic = `Topic ${++k}`;
        out.push("", "<details>", `<summary>${topic}</summary>`);
        for (const a of s.answers) {
          const p = prompt();
          out.push("", `- **${p}**`, ...body(a).map((l) => `  ${l}`));
          shaped++;
          prompts.push(p);
        }
        out.push("</details>", "");
        open = "none";
        break;
      }
      case "listHeading": {
        // "1. ### What is Kubernetes", its answer indented under the list item.
        fresh();
        const p = prompt();
        out.push("", `${++n}. ### ${p}`, "", ...body(s.answer).map((l) => `    ${l}`));
        shaped++;
        prompts.push(p);
        open = "other";
        break;
      }
      case "heading": {
        const p = prompt();
        const num = s.defect === "duplicate" && n > 0 ? n : ++n;
        const label = ["", "Question ", "Q", "Scenario ", "", "", "", ""][s.form] ?? "";
        const decor = ["", "🔹 ", "**", "✅ ", ""][s.decor] ?? "";
        const end = decor === "**" ? "**" : "";
        let line: string;
        if (s.form === 5)
          line = `${h} ${decor}${p}${end}`; // unnumbered, by position
        else if (s.form === 6) line = `${h} Q: "${p}"`;
        else if (s.form === 7) line = `${h} ${num % 10}\uFE0F\u20E3 ${p}`;
        else line = `${h} ${decor}${label}${num}${s.form === 3 ? ":" : "."} ${p}${end}`;
        if (s.form === 7) n = Math.max(n, num % 10);
        if (s.defect === "noPrompt") {
          // A number and nothing else: its prompt would be the line below, and none follows.
          out.push("", `${h} ${++n}.`, "");
          shaped++;
          open = "heading";
          break;
        }
        out.push("", line);
        shaped++;
        if (s.defect === "repeat") {
          out.push(line);
          shaped++;
        }
        if (s.defect === "noAnswer") {
          out.push("");
          // Nothing may follow that would make it a topic heading, or add to it.
          out.push("---", "");
          open = "none";
          break;
        }
        if (s.defect === "linkOnly") {
          // Only a pointer elsewhere (heading questions only; the other kinds write a real answer).
          out.push("", " See 👉 **[Answer](https://example.com/answers)**", "", "---", "");
          open = "none";
          break;
        }
        prompts.push(cleanExpected(p));
        out.push("");
        if (s.marker === 1) out.push("**Answer:**");
        if (s.marker === 2) out.push("**A:**");
        if (s.marker === 3) out.push(`**Solution:** ${body(s.answer)[0]}`);
        if (s.marker === 4) out.push(`${h}# Answer:`);
        out.push(...body(s.answer));
        if (s.fence === 1) out.push("```yaml", ...FENCED, "```");
        if (s.fence === 2) out.push("```bash", ...FENCED, '```"');
        if (s.fence === 3) out.push("~~~", ...FENCED, "~~~");
        // A block left open before a new one: its own lines must be plain, or they would end it.
        if (s.fence === 4) out.push("```bash", "echo hi", "```yaml", ...FENCED, "```");
        open = "heading";
        if (s.fence === 5) {
          // Never closed: it ends at the next question, of whatever shape, so one must follow.
          out.push("```go", "for {}", "");
          const q = prompt();
          const next = (s.answer[0] ?? 0) % 3;
          if (next === 0) out.push(`${h} ${++n}. ${q}`, "", "Yes.");
          if (next === 1) out.push(`**Q:** ${q}`, "**A:** Yes.");
          if (next === 2) out.push("| Question | Answer |", "|---|---|", `| ${q} | Yes. |`, "");
          if (next === 2) open = "none";
          shaped++;
          prompts.push(q);
        }
        break;
      }
      case "bold": {
        // "**What is X?**" and "**1. What?**" ask without a label: only where no heading's answer is open.
        if (s.form >= 4) fresh();
        const p = prompt();
        const num = s.defect === "duplicate" && n > 0 ? n : ++n;
        const lines =
          s.defect === "noPrompt"
            ? ["**Q:**"]
            : ([
                [`**Q${num}: ${p}**`],
                [`**Q:** ${p}`],
                [`**Question ${num}:** ${p}`],
                [`**Question ${num}:**`, p],
                [`**${p}**`],
                [`**${num}. ${p}**`],
              ][s.form] ?? []);
        out.push("", ...lines);
        shaped++;
        if (s.defect === "repeat") {
          out.push(...lines);
          shaped++;
        }
        if (s.defect === "noAnswer" || s.defect === "noPrompt") {
          out.push("", "---", "");
          if (s.defect === "noPrompt") out.push("**A:** an answer with no question");
          open = "none";
          break;
        }
        prompts.push(cleanExpected(p));
        out.push("", s.form % 2 ? `**A:** ${body(s.answer)[0]}` : "**Answer:**", ...body(s.answer));
        open = "other";
        break;
      }
      case "list": {
        fresh();
        const p = prompt();
        const num = s.defect === "duplicate" && n > 0 ? n : ++n;
        const line = `${num}.  **${p}**`;
        out.push("", line);
        shaped++;
        if (s.defect === "repeat") {
          out.push(line);
          shaped++;
        }
        if (s.defect === "noAnswer" || s.defect === "noPrompt") {
          out.push("", "---", "");
          open = "none";
          break;
        }
        prompts.push(p);
        out.push("", ...body(s.answer).map((l) => `    ${l}`));
        open = "other";
        break;
      }
      case "topic": {
        // The topic heading is a section; the question is the **Q:** line under it.
        const topic = ["Scheduling", `${++n}. Scheduling basics`, "What about affinity?", "🔹 Storage"][
          s.form
        ];
        out.push("", `${h} ${topic}`, "");
        const p = prompt();
        out.push(s.form === 2 ? `**Interviewer:** "${p}"` : `**Q:** ${p}`, "", `**A:** ${body(s.answer)[0]}`);
        shaped++;
        prompts.push(p);
        open = "other";
        break;
      }
      case "table": {
        out.push("", ["| Question | Answer |", "| # | Question | Answer |", "| Q | A |"][s.header] ?? "");
        out.push(s.header === 1 ? "|---|---|---|" : "|---|---|");
        for (const full of s.rows) {
          const p = prompt();
          const a = full ? "An answer.<br>Two lines." : "";
          out.push(s.header === 1 ? `| ${++n} | ${p} | ${a} |` : `| ${p} | ${a} |`);
          shaped++;
          if (full) prompts.push(p);
        }
        out.push("");
        open = "none";
        break;
      }
    }
  }
  // Quoted questions are a deck's questions only where it has no others: among other kinds of
  // questions, a quote is a note, and its lines are the text around them.
  if (quotedPrompts.size && prompts.length > quotedPrompts.size)
    return {
      text: out.join("\n"),
      shaped: shaped - quotedPrompts.size,
      prompts: prompts.filter((p) => !quotedPrompts.has(p)),
    };
  return { text: out.join("\n"), shaped, prompts };
}

/** The prompt as the parser shows it: the generator's prompts carry no decoration to strip. */
const cleanExpected = (p: string) => p;

const decks = fc.tuple(fc.array(spec, { minLength: 1, maxLength: 30 }), fc.integer({ min: 2, max: 4 }));

describe("the deck parser over decks in every shape", () => {
  it("questions found + question-shaped lines reported as skipped = question-shaped lines written", () => {
    fc.assert(
      fc.property(decks, ([specs, level]) => {
        const w = write(specs, level);
        const d = scanDeck(w.text, OPTS);
        const skipped = (d.problems ?? []).filter((p) => p.skipped);
        expect(d.questions.length + skipped.length, w.text).toBe(w.shaped);
        expect(d.questions.map((q) => q.prompt)).toEqual(w.prompts);
        // Every question has an answer, and ids are unique even where numbers repeat.
        for (const q of d.questions) expect(q.answer.trim()).not.toBe("");
        expect(new Set(d.questions.map((q) => q.id)).size).toBe(d.questions.length);
      }),
      { seed: 16, numRuns: 600 },
    );
  });

  it("the same holds with CRLF line endings and a byte-order mark", () => {
    fc.assert(
      fc.property(decks, ([specs, level]) => {
        const w = write(specs, level);
        const d = scanDeck(`\uFEFF${w.text.replace(/\n/g, "\r\n")}`, OPTS);
        const skipped = (d.problems ?? []).filter((p) => p.skipped);
        expect(d.questions.length + skipped.length).toBe(w.shaped);
      }),
      { seed: 61, numRuns: 150 },
    );
  });

  it("the generator writes every shape (so the property covers them all)", () => {
    const all: Spec[] = [
      ...Array.from({ length: 8 }, (_, form) => ({
        kind: "heading" as const,
        form,
        decor: form % 5,
        marker: form % 4,
        answer: [0],
        fence: form % 6,
        defect: "none" as const,
      })),
      ...Array.from({ length: 6 }, (_, form) => ({
        kind: "bold" as const,
        form,
        answer: [1],
        defect: "none" as const,
      })),
      { kind: "list", answer: [2], defect: "none" },
      ...Array.from({ length: 4 }, (_, form) => ({ kind: "topic" as const, form, answer: [3] })),
      ...Array.from({ length: 3 }, (_, header) => ({ kind: "table" as const, header, rows: [true, false] })),
      ...Array.from({ length: 3 }, (_, form) => ({
        kind: "details" as const,
        form,
        answer: [4],
        empty: false,
      })),
      { kind: "plain", marker: true, answer: [5] },
      { kind: "plain", marker: false, answer: [6] },
      { kind: "listHeading", answer: [7] },
      { kind: "plainList", answer: [8], margin: false },
      { kind: "plainList", answer: [3, 11, 0], margin: true },
      { kind: "bullet", asks: true, answer: [9] },
      { kind: "bullet", asks: false, answer: [1] },
      { kind: "paren", answer: [2] },
      { kind: "boldNumber", answer: [3] },
      { kind: "fold", answers: [[4], [5, 6]] },
      { kind: "marked", marker: 0, answer: [0] },
      { kind: "marked", marker: 1, answer: [1, 2] },
      { kind: "marked", marker: 2, answer: [6] },
      { kind: "comment" },
    ];
    const w = write(all, 3);
    const d = scanDeck(w.text, OPTS);
    expect(d.questions.map((q) => q.prompt)).toEqual(w.prompts);
    expect(w.prompts.length).toBeGreaterThanOrEqual(30);
  });
});
