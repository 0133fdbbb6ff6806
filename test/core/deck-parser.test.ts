import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { foundLine, MAX_LINE_LENGTH, parseDeck, problemLines } from "../../src/core/deck-parser.js";
import type { Deck } from "../../src/core/types.js";
import { DeckError } from "../../src/errors.js";
import { ROOT } from "../helpers/bin.js";

const FIXTURES = join(ROOT, "test", "fixtures", "decks");

/** A deck written one line per argument, so the line numbers in a test can be counted by eye. */
const md = (...lines: string[]) => lines.join("\n");

const parse = (text: string, deck = "q", prefixIds = false): Deck =>
  parseDeck(text, { file: "q.md", deck, prefixIds });

/** What a test cares about in a parsed deck: sections and questions without the bookkeeping. */
const shape = (d: Deck) => ({
  sections: d.sections.map((s) => ({ slug: s.slug, title: s.title })),
  questions: d.questions.map((q) => ({
    id: q.id,
    section: q.section,
    prompt: q.prompt,
    answer: q.answer,
    line: q.line,
  })),
});

// The seed's own format, small: emoji heading with a range, "Question N:" prompts, an Answer marker, rules.
const SEED_FORMAT = md(
  "## 🔹 Kubernetes Basics (Questions 1-2)", // 1
  "", // 2
  "### Question 1: What is a Pod?", // 3
  "", // 4
  "**Answer:**", // 5
  "The smallest deployable unit.", // 6
  "- One or more containers.", // 7
  "  - Sharing a network namespace.", // 8
  "", // 9
  "---", // 10
  "", // 11
  "### Question 2: What is a Node?", // 12
  "", // 13
  "**Answer:**", // 14
  "A worker machine.", // 15
  "", // 16
  "---", // 17
  "", // 18
);

const SEED_FORMAT_SHAPE = {
  sections: [{ slug: "kubernetes-basics", title: "Kubernetes Basics" }],
  questions: [
    {
      id: "1",
      section: "kubernetes-basics",
      prompt: "What is a Pod?",
      answer: "The smallest deployable unit.\n- One or more containers.\n  - Sharing a network namespace.",
      line: 3,
    },
    {
      id: "2",
      section: "kubernetes-basics",
      prompt: "What is a Node?",
      answer: "A worker machine.",
      line: 12,
    },
  ],
};

describe("parseDeck: formats", () => {
  const cases: { name: string; text: string; expected: ReturnType<typeof shape> }[] = [
    { name: "the seed format", text: SEED_FORMAT, expected: SEED_FORMAT_SHAPE },
    {
      name: "the seed format with CRLF line endings",
      text: SEED_FORMAT.replace(/\n/g, "\r\n"),
      expected: SEED_FORMAT_SHAPE,
    },
    { name: "the seed format with a UTF-8 BOM", text: `\uFEFF${SEED_FORMAT}`, expected: SEED_FORMAT_SHAPE },
    {
      name: "the seed format with a BOM and CRLF together",
      text: `\uFEFF${SEED_FORMAT.replace(/\n/g, "\r\n")}`,
      expected: SEED_FORMAT_SHAPE,
    },
    {
      name: "the seed's mojibake heading, repaired and stripped from the title",
      text: SEED_FORMAT.replace("🔹", "ðŸ”¹"),
      expected: SEED_FORMAT_SHAPE,
    },
    {
      name: "'### N. prompt' with no Answer marker: the body is the answer",
      text: md(
        "# Docker", // 1
        "", // 2
        "### 1. What is an image?", // 3
        "A read-only template.", // 4
        "", // 5
        "It has layers.", // 6
        "", // 7
        "### 2. What is a container?", // 8
        "", // 9
        "A running instance of an image.", // 10
      ),
      expected: {
        sections: [{ slug: "docker", title: "Docker" }],
        questions: [
          {
            id: "1",
            section: "docker",
            prompt: "What is an image?",
            answer: "A read-only template.\n\nIt has layers.",
            line: 3,
          },
          {
            id: "2",
            section: "docker",
            prompt: "What is a container?",
            answer: "A running instance of an image.",
            line: 8,
          },
        ],
      },
    },
    {
      name: "an answer on the marker's own line",
      text: md("## Basics", "### Question 4: Is etcd a database?", "**Answer:** Yes, a key-value store."),
      expected: {
        sections: [{ slug: "basics", title: "Basics" }],
        questions: [
          {
            id: "4",
            section: "basics",
            prompt: "Is etcd a database?",
            answer: "Yes, a key-value store.",
            line: 2,
          },
        ],
      },
    },
    {
      name: "a '### How to Explain in Interview' sub-heading stays inside the answer",
      text: md(
        "## Basics", // 1
        "### Question 1: What is a Service?", // 2
        "**Answer:**", // 3
        "A stable address for a set of pods.", // 4
        "", // 5
        "### How to Explain in Interview", // 6
        "Say it load-balances.", // 7
        "", // 8
        "---", // 9
        "### Question 2: What is kube-proxy?", // 10
        "**Answer:**", // 11
        "It programs Service rules on each node.", // 12
      ),
      expected: {
        sections: [{ slug: "basics", title: "Basics" }],
        questions: [
          {
            id: "1",
            section: "basics",
            prompt: "What is a Service?",
            answer:
              "A stable address for a set of pods.\n\n### How to Explain in Interview\nSay it load-balances.",
            line: 2,
          },
          {
            id: "2",
            section: "basics",
            prompt: "What is kube-proxy?",
            answer: "It programs Service rules on each node.",
            line: 10,
          },
        ],
      },
    },
    {
      name: "'#' lines, question headings and '---' inside a code fence belong to the answer",
      text: md(
        "## Scripts", // 1
        "### Question 1: How do you install it?", // 2
        "**Answer:**", // 3
        "```bash", // 4
        "# install it", // 5
        "## not a section", // 6
        "### 2. not a question", // 7
        "---", // 8
        "<!-- quiz", // 9
        "```", // 10
        "Done.", // 11
        "~~~yaml", // 12
        "---", // 13
        "kind: Pod", // 14
        "```", // 15
        "~~~", // 16
        "After the fence.", // 17
      ),
      expected: {
        sections: [{ slug: "scripts", title: "Scripts" }],
        questions: [
          {
            id: "1",
            section: "scripts",
            prompt: "How do you install it?",
            answer: md(
              "```bash",
              "# install it",
              "## not a section",
              "### 2. not a question",
              "---",
              "<!-- quiz",
              "```",
              "Done.",
              "~~~yaml",
              "---",
              "kind: Pod",
              "```",
              "~~~",
              "After the fence.",
            ),
            line: 2,
          },
        ],
      },
    },
    {
      name: "a question before any heading gets a section named after the deck",
      text: md("### 1. What is a Pod?", "A group of containers."),
      expected: {
        sections: [{ slug: "q", title: "q" }],
        questions: [
          { id: "1", section: "q", prompt: "What is a Pod?", answer: "A group of containers.", line: 1 },
        ],
      },
    },
    {
      name: "a heading with no questions under it is not a section",
      text: md("# Notes", "Some prose.", "# Real", "### 1. What?", "That."),
      expected: {
        sections: [{ slug: "real", title: "Real" }],
        questions: [{ id: "1", section: "real", prompt: "What?", answer: "That.", line: 4 }],
      },
    },
    {
      name: "the fixture deck my-deck.md",
      text: readFileSync(join(FIXTURES, "my-deck.md"), "utf8"),
      expected: {
        sections: [
          { slug: "docker-basics", title: "Docker Basics" },
          { slug: "docker-networking", title: "Docker Networking" },
        ],
        questions: [
          {
            id: "1",
            section: "docker-basics",
            prompt: "What is a container image?",
            answer: "A read-only template: the filesystem layers and the metadata a container starts from.",
            line: 3,
          },
          {
            id: "2",
            section: "docker-basics",
            prompt: "What does `docker run` do?",
            answer: md(
              "It creates a container from an image and starts it.",
              "- `-d` runs it in the background.",
              "- `-p 8080:80` publishes a port.",
            ),
            line: 6,
          },
          {
            id: "3",
            section: "docker-networking",
            prompt: "What is the default Docker network driver?",
            answer: "The **bridge** driver: containers on one host share a private bridge network.",
            line: 13,
          },
        ],
      },
    },
  ];

  it.each(cases)("$name", ({ text, expected }) => {
    expect(shape(parse(text))).toEqual(expected);
  });

  it("keeps CRLF out of every prompt, answer and title", () => {
    const d = parse(SEED_FORMAT.replace(/\n/g, "\r\n"));
    const all = [...d.sections.map((s) => s.title), ...d.questions.flatMap((q) => [q.prompt, q.answer])];
    for (const text of all) expect(text).not.toMatch(/\r/);
  });

  it("numbers ids by the question's own number, not its position", () => {
    const d = parse(md("### 12. Twelve?", "Yes.", "### 7. Seven?", "Yes."));
    expect(d.questions.map((q) => [q.id, q.number])).toEqual([
      ["12", 12],
      ["7", 7],
    ]);
  });

  it("prefixes ids with the deck name when asked", () => {
    const d = parse(
      md("# Docker", "### 12. What is a volume?", "Storage that outlives a container."),
      "docker",
      true,
    );
    expect(d.questions.map((q) => ({ id: q.id, number: q.number, deck: q.deck }))).toEqual([
      { id: "docker:12", number: 12, deck: "docker" },
    ]);
    expect(d.name).toBe("docker");
    expect(d.sections[0]?.deck).toBe("docker");
  });
});

describe("parseDeck: section headings", () => {
  const headings = [
    "# Docker Basics",
    "## Docker Basics",
    "# 🐳 Docker Basics",
    "## 🔹 Docker Basics",
    "# Docker Basics (Questions 1-10)",
    "## Docker Basics (Questions 1-1)",
    "## 🔹 Docker Basics (Questions 1-2)",
    "## ðŸ”¹ Docker Basics (Questions 1-2)",
    "## Docker Basics ##",
  ];
  it.each(headings)("%s -> docker-basics, 'Docker Basics'", (heading) => {
    const d = parse(md(heading, "", "### 1. What is an image?", "A template."));
    expect(d.sections.map((s) => ({ slug: s.slug, title: s.title, line: s.line }))).toEqual([
      { slug: "docker-basics", title: "Docker Basics", line: 1 },
    ]);
    expect(d.questions[0]?.section).toBe("docker-basics");
  });

  it("a '#' without a space after it is not a heading", () => {
    const d = parse(md("## Shell", "### 1. What starts a script?", "#!/bin/sh", "#hashtag"));
    expect(d.sections.map((s) => s.slug)).toEqual(["shell"]);
    expect(d.questions[0]?.answer).toBe("#!/bin/sh\n#hashtag");
  });
});

describe("parseDeck: quiz blocks", () => {
  const text = md(
    "## Basics", // 1
    "", // 2
    "<!-- quiz", // 3
    "slug: core", // 4
    "aliases: [base]", // 5
    "-->", // 6
    "", // 7
    "### Question 1: What is etcd?", // 8
    "", // 9
    "**Answer:**", // 10
    "A key-value store.", // 11
    "", // 12
    "<!-- quiz", // 13
    "tags: [etcd]", // 14
    "difficulty: 1", // 15
    "-->", // 16
    "", // 17
    "---", // 18
    "", // 19
    "### Question 2: What is a lease?", // 20
    "**Answer:**", // 21
    "A lock with a timeout.", // 22
    "<!-- a plain comment is hidden, as Markdown hides it -->", // 23
  );

  it("keeps a question's block as rawMeta with its line, out of the answer", () => {
    const d = parse(text);
    const [q1, q2] = d.questions;
    expect(q1?.answer).toBe("A key-value store.");
    expect(q1?.rawMeta).toEqual({ text: "tags: [etcd]\ndifficulty: 1", line: 13 });
    expect(q2?.rawMeta).toBeUndefined();
    expect(q2?.answer).toBe("A lock with a timeout.");
  });

  it("hands a section's block to readSectionMeta, which may set slug and aliases", () => {
    const seen: unknown[] = [];
    const d = parseDeck(text, {
      file: "q.md",
      deck: "q",
      prefixIds: false,
      readSectionMeta: (raw) => {
        seen.push(raw);
        return { slug: "core", aliases: ["base"] };
      },
    });
    expect(seen).toEqual([{ text: "slug: core\naliases: [base]", line: 3 }]);
    expect(d.sections.map((s) => ({ slug: s.slug, aliases: s.aliases }))).toEqual([
      { slug: "core", aliases: ["base"] },
    ]);
    expect(d.questions.map((q) => q.section)).toEqual(["core", "core"]);
  });

  it("without readSectionMeta, a section's block changes nothing", () => {
    const d = parse(text);
    expect(d.sections.map((s) => ({ slug: s.slug, aliases: s.aliases }))).toEqual([
      { slug: "basics", aliases: [] },
    ]);
  });

  it("keeps blank lines inside a block, so YAML block scalars and line numbers survive", () => {
    const d = parse(
      md("### 1. Q?", "A.", "<!-- quiz", "note: |", "  First paragraph.", "", "  Second paragraph.", "-->"),
    );
    expect(d.questions[0]?.rawMeta).toEqual({
      text: "note: |\n  First paragraph.\n\n  Second paragraph.",
      line: 3,
    });
  });
});

// Issue 16, "Defects stay local": each of these once refused the whole deck. Now the defect costs the
// question it is in (or nothing), it is reported with its line, and every other question loads.
describe("parseDeck: defects stay local", () => {
  const cases: { name: string; text: string; prompts: string[]; problems: string[] }[] = [
    {
      name: "a question with an empty answer",
      text: md(
        "## Net", // 1
        "", // 2
        "### Question 533: What is CNI?", // 3
        "", // 4
        "**Answer:**", // 5
        "", // 6
        "---", // 7
        "", // 8
        "### Question 534: What is Calico?", // 9
        "**Answer:**", // 10
        "A CNI plugin.", // 11
      ),
      prompts: ["What is Calico?"],
      problems: ["3: question 533 has no answer: skipped"],
    },
    {
      name: "a question heading right before the next one",
      text: md(
        "# Docker",
        "### 1. What is an image?",
        "A template.",
        "### 2. What is a layer?",
        "### 3. What?",
        "That.",
      ),
      prompts: ["What is an image?", "What?"],
      problems: ["4: question 2 has no answer: skipped"],
    },
    {
      name: "a question heading on the last line",
      text: md("### 1. What is an image?", "A template.", "", "### 2. What is a layer?", ""),
      prompts: ["What is an image?"],
      problems: ["4: question 2 has no answer: skipped"],
    },
    {
      name: "a question whose answer is only a quiz block",
      text: md("### 1. What?", "<!-- quiz", "tags: [etcd]", "-->", "### 2. Next?", "Yes."),
      prompts: ["Next?"],
      problems: ["1: question 1 has no answer: skipped"],
    },
    {
      name: "a duplicate number in one deck: renumbered after the highest",
      text: md("# A", "### 1. First?", "Yes.", "# B", "### 2. Second?", "Yes.", "### 1. Again?", "Yes."),
      prompts: ["First?", "Second?", "Again?"],
      problems: ["7: question 1 repeats the number of line 2: numbered 3"],
    },
    {
      name: "a duplicate number written differently",
      text: md("### Question 1: First?", "**Answer:** Yes.", "### 01. Again?", "Yes."),
      prompts: ["First?", "Again?"],
      problems: ["3: question 1 repeats the number of line 1: numbered 2"],
    },
    {
      name: "an unclosed code fence ends at the next question heading",
      text: md("### 1. Show code", "Here:", "```go", "for {}", "", "### 2. Next?", "Yes."),
      prompts: ["Show code", "Next?"],
      problems: ["3: code block is never closed: it ends before the question on line 6"],
    },
    {
      name: "a fence closed by a shorter fence runs to the end",
      text: md("### 1. Show code", "````md", "```", "text", "```"),
      prompts: ["Show code"],
      problems: ["2: code block is never closed"],
    },
    {
      name: "an unclosed quiz block is ignored",
      text: md("### 1. What?", "That.", "", "<!-- quiz", "tags: [etcd]", "", "### 2. Next?", "Yes."),
      prompts: ["What?", "Next?"],
      problems: ["4: quiz block is never closed with -->: ignored"],
    },
    {
      name: "a second quiz block on one question is ignored",
      text: md(
        "### 1. What?",
        "That.",
        "<!-- quiz",
        "tags: [etcd]",
        "-->",
        "<!-- quiz",
        "difficulty: 1",
        "-->",
      ),
      prompts: ["What?"],
      problems: ["6: question 1 has a second quiz block: ignored"],
    },
    {
      name: "two sections with the same slug: the second gets a suffix",
      text: md("# Basics", "### 1. A?", "a", "# basics!", "### 2. B?", "b"),
      prompts: ["A?", "B?"],
      problems: ['4: section "basics!" has the same slug "basics" as line 1: named "basics-2"'],
    },
  ];

  it.each(cases)("$name", ({ text, prompts, problems }) => {
    const d = parse(text);
    expect(d.questions.map((q) => q.prompt)).toEqual(prompts);
    expect((d.problems ?? []).map((p) => `${p.line}: ${p.message}`)).toEqual(problems);
  });

  it("keeps an unclosed fence's answer well-formed: the block is closed where it ends", () => {
    const d = parse(md("### 1. Show code", "```go", "for {}", "### 2. Next?", "Yes."));
    expect(d.questions[0]?.answer).toBe("```go\nfor {}\n```");
    expect(d.questions[1]?.answer).toBe("Yes.");
  });

  it("reports CRLF decks on the same lines as LF decks", () => {
    const text = md(
      "## Net",
      "",
      "### Question 533: What is CNI?",
      "",
      "**Answer:**",
      "",
      "---",
      "### 1. B?",
      "b",
    );
    for (const t of [text.replace(/\n/g, "\r\n"), `\uFEFF${text}`]) {
      expect(parse(t).problems?.map((p) => p.line)).toEqual([3]);
    }
  });
});

describe("parseDeck: only what no deck can be is an error", () => {
  const cases: { name: string; text: string; message: string }[] = [
    {
      name: "a line over 100,000 characters",
      text: md("### 1. What?", "That.", "", `x${"y".repeat(MAX_LINE_LENGTH)}`, "end"),
      message: `q.md:4: line is longer than ${MAX_LINE_LENGTH} characters`,
    },
    {
      name: "a line over 100,000 characters inside a code fence",
      text: md("### 1. What?", "```", "a".repeat(MAX_LINE_LENGTH + 1), "```"),
      message: `q.md:3: line is longer than ${MAX_LINE_LENGTH} characters`,
    },
  ];

  it.each(cases)("$name", ({ text, message }) => {
    let error: unknown;
    try {
      parse(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeckError);
    expect((error as DeckError).message).toBe(message);
    expect((error as DeckError).exitCode).toBe(1);
  });

  const empty: { name: string; text: string }[] = [
    { name: "an empty file", text: "" },
    { name: "only a BOM", text: "\uFEFF" },
    { name: "blank lines", text: "\n\n\r\n" },
    { name: "headings and prose only", text: md("# Docker", "", "Notes about Docker.", "## More", "---") },
    {
      name: "question-like lines inside a fence only",
      text: md("```", "### 1. Not a question", "Nope.", "```"),
    },
  ];
  it.each(empty)("a deck with no questions ($name)", ({ text }) => {
    expect(() => parse(text)).toThrow(DeckError);
    expect(() => parse(text)).toThrow(/^q\.md:1: no questions found/);
  });

  it("accepts a line of exactly 100,000 characters", () => {
    const d = parse(md("### 1. What?", "a".repeat(MAX_LINE_LENGTH)));
    expect(d.questions[0]?.answer).toHaveLength(MAX_LINE_LENGTH);
  });
});

describe("a deck's report lines", () => {
  it("stay one line each, whatever the file's name holds", () => {
    const d = parseDeck("### 1. What?\n\n### 2. Why?\n\nBecause.\n", {
      file: "x.md",
      deck: "x",
      prefixIds: true,
    });
    const name = "evil\u001b[31mname\nx.md";
    expect(foundLine(name, 1)).toBe("evilname\\nx.md: 1 question");
    expect(problemLines(d, name)).toEqual(["warning: evilname\\nx.md:1: question 1 has no answer: skipped"]);
  });
});
