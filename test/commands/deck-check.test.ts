import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DATA, ROOT, runBin, tempDir } from "../helpers/bin.js";

// `k8s-quiz deck check`: each broken fixture carries exactly one problem, reported as `file:LINE: level: message`.
// Paths are relative to the repository root (runBin's cwd), so the file part of each line is predictable.

const DIR = "test/fixtures/deck-check";
const at = (name: string) => `${DIR}/${name}`;

interface CheckJson {
  files: { file: string; questions: number; problems: { line: number; message: string; level: string }[] }[];
  errors: number;
  warnings: number;
}

const KNOWN_TAGS =
  "etcd, controllers, api-concurrency, architecture, crds, operators, webhooks, multi-cluster, gitops, dns, secrets, policy, cni, network-policy, ebpf, kube-proxy, ingress, service-mesh, istio, security, observability, traffic-management";

const ERRORS: { name: string; line: number; message: string }[] = [
  {
    name: "bad-yaml.md",
    line: 19,
    // js-yaml's wording (issue 19: quiz blocks moved off the slower yaml library).
    message: "question 1: quiz block is not valid YAML: bad indentation of a mapping entry",
  },
  { name: "missing-keypoints.md", line: 9, message: "question 1: missing keyPoints" },
  { name: "missing-tags.md", line: 9, message: "question 1: missing tags" },
  { name: "missing-difficulty.md", line: 9, message: "question 1: missing difficulty (1-3)" },
  { name: "missing-choices.md", line: 9, message: "question 1: missing choices (correct and wrong)" },
  { name: "two-distractors.md", line: 13, message: "question 1: needs 3 wrong options, has 2" },
  {
    name: "duplicate-options.md",
    line: 15,
    message: "question 1: wrong options 1 and 3 duplicate each other",
  },
  {
    name: "distractor-equals-correct.md",
    line: 14,
    message:
      'question 1: wrong option "Cluster storage whose lifecycle is independent of any pod using it" equals or overlaps the correct one',
  },
  {
    name: "distractor-in-correct.md",
    line: 15,
    message: 'question 1: wrong option "Cluster storage" equals or overlaps the correct one',
  },
  {
    name: "unknown-tag.md",
    line: 19,
    message: `question 1: unknown tag "storage" (known: ${KNOWN_TAGS})`,
  },
  {
    name: "keypoint-not-in-answer.md",
    line: 18,
    message:
      'question 1: key point "Reclaim policy": none of its words (retain, recycle, reclaim policy) occurs in the answer',
  },
  { name: "one-keypoint.md", line: 17, message: "question 1: needs 2-5 key points, has 1" },
  { name: "four-tags.md", line: 19, message: "question 1: needs 1-3 tags, has 4" },
  { name: "missing-block.md", line: 25, message: "question 2 has no quiz block" },
  {
    // Seven levels of aliases, nine each: a "billion laughs" the YAML library refuses to expand.
    name: "alias-bomb.md",
    line: 7,
    message:
      "question 1: quiz block is not valid YAML: Excessive alias count indicates a resource exhaustion attack",
  },
];

describe("deck check", () => {
  it("passes the well-formed control fixture", () => {
    const r = runBin(["deck", "check", at("valid.md")]);
    expect(r.stdout).toBe("1 deck, 2 questions: 0 errors, 0 warnings\n");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it.each(ERRORS)("$name: reports line $line and exits 1", ({ name, line, message }) => {
    const r = runBin(["deck", "check", at(name)]);
    const out = r.stdout.trimEnd().split("\n");
    expect(out[0]).toBe(`${at(name)}:${line}: error: ${message}`);
    // One problem per fixture: the error line, then the totals.
    expect(out).toHaveLength(2);
    expect(out[1]).toMatch(/^1 deck, \d+ questions?: 1 error, 0 warnings$/);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
  });

  it("no-answer.md: the question with no answer is skipped with a warning; the rest are checked", () => {
    // Issue 16: a question with no answer costs that question, not the deck, so question 3 is
    // checked too (and lacks its quiz block).
    const r = runBin(["deck", "check", at("no-answer.md")]);
    expect(r.stdout.trimEnd().split("\n")).toEqual([
      `${at("no-answer.md")}:25: warning: question 2 has no answer: skipped`,
      `${at("no-answer.md")}:31: error: question 3 has no quiz block`,
      "1 deck, 2 questions: 1 error, 1 warning",
    ]);
    expect(r.code).toBe(1);
  });

  it("has a case for every broken fixture", () => {
    const fixtures = readdirSync(join(ROOT, DIR)).filter((f) => f.endsWith(".md"));
    const covered = new Set([...ERRORS.map((e) => e.name), "valid.md", "no-metadata.md", "no-answer.md"]);
    expect(fixtures.filter((f) => !covered.has(f))).toEqual([]);
  });

  it("warns about a question heading the parser cannot read (no space after its number)", () => {
    const file = join(tempDir(), "near.md");
    writeFileSync(
      file,
      "## S\n\n### Question 1: What?\n\nAn answer.\n\n### Question 2:NoSpace\n\nAnother.\n\n```\n### Q3:in a fence\n```\n",
    );
    const r = runBin(["deck", "check", file]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")).toEqual([
      `${file}:1: warning: no quiz metadata: options and key points will be generated from the answers`,
      `${file}:7: warning: looks like a question heading but has no space after its number: read as part of the answer above`,
      "1 deck, 1 question: 0 errors, 2 warnings",
      "",
    ]);
  });

  it("warns once, and passes, on a deck with no quiz metadata at all", () => {
    const r = runBin(["deck", "check", at("no-metadata.md")]);
    expect(r.stdout).toBe(
      `${at("no-metadata.md")}:1: warning: no quiz metadata: options and key points will be generated from the answers\n` +
        "1 deck, 2 questions: 0 errors, 1 warning\n",
    );
    expect(r.code).toBe(0);
  });

  it("finds nothing wrong with the bundled decks", () => {
    const decks = readdirSync(DATA)
      .filter((f) => f.endsWith(".md"))
      .map((f) => `data/${f}`);
    expect(decks).toHaveLength(5);
    const r = runBin(["deck", "check", ...decks]);
    // Issue 16: with several files, each says how many questions it gave.
    expect(r.stdout).toBe(
      `${decks.map((d) => `${d}: 10 questions\n`).join("")}5 decks, 50 questions: 0 errors, 0 warnings\n`,
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("prints the documented JSON shape with --json", () => {
    const files = [at("missing-block.md"), at("no-metadata.md"), at("valid.md")];
    const r = runBin(["deck", "check", ...files, "--json"]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as CheckJson;
    expect(doc).toEqual({
      files: [
        {
          file: files[0],
          questions: 2,
          problems: [{ line: 25, message: "question 2 has no quiz block", level: "error" }],
        },
        {
          file: files[1],
          questions: 2,
          problems: [
            {
              line: 1,
              message: "no quiz metadata: options and key points will be generated from the answers",
              level: "warning",
            },
          ],
        },
        { file: files[2], questions: 2, problems: [] },
      ],
      errors: 1,
      warnings: 1,
    });
  });

  it("reports a missing file as an error line and exits 1", () => {
    const r = runBin(["deck", "check", at("nope.md"), at("valid.md")]);
    const out = r.stdout.trimEnd().split("\n");
    expect(out[0]).toMatch(/^test\/fixtures\/deck-check\/nope\.md(:\d+)?: error: .*no such file/);
    expect(out.at(-1)).toBe("2 decks, 2 questions: 1 error, 0 warnings");
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.code).toBe(1);
  });

  // Issue 16, "Never silent": every question-shaped line the reader could not use, as file:line.
  it("reports each file's questions and every skipped question-shaped line with its reason", () => {
    const shapes = "test/fixtures/decks/shapes";
    const files = [`${shapes}/no-answer.md`, `${shapes}/repeated-heading.md`, `${shapes}/table.md`];
    const r = runBin(["deck", "check", ...files]);
    const nometa = "warning: no quiz metadata: options and key points will be generated from the answers";
    expect(r.stdout.trimEnd().split("\n")).toEqual([
      `${files[0]}:1: ${nometa}`,
      `${files[0]}:3: warning: question 1 has no answer: skipped`,
      `${files[0]}: 1 question`,
      `${files[1]}:1: ${nometa}`,
      `${files[1]}:4: warning: repeats the question on line 3: read as one question`,
      `${files[1]}: 2 questions`,
      `${files[2]}:1: ${nometa}`,
      `${files[2]}:7: warning: question "What is a label?" has no answer: skipped`,
      `${files[2]}: 2 questions`,
      "3 decks, 5 questions: 0 errors, 6 warnings",
    ]);
    expect(r.code).toBe(0);
  });

  it("a deck with no usable question is an error that still lists the lines it skipped", () => {
    const file = join(tempDir(), "none.md");
    writeFileSync(file, "# Notes\n\n### 1. What is a Pod?\n\n**Q:** What is a Node?\n");
    const r = runBin(["deck", "check", file, "--json"]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as CheckJson).files[0]?.problems).toEqual([
      {
        line: 1,
        message: "no questions found: 1 question-shaped line could not be used, the first at line 5",
        level: "error",
      },
      {
        line: 5,
        message: 'question "What is a Node?" has no answer: skipped',
        level: "warning",
        skipped: true,
      },
    ]);
  });

  it("a --deck run names the skipped lines on stderr, and still runs", () => {
    const file = "test/fixtures/decks/shapes/no-answer.md";
    const configDir = tempDir();
    // The second run reads the deck's index from the cache: the report comes from there too.
    for (let run = 0; run < 2; run++) {
      const r = runBin(["list", "--deck", file], { configDir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe(`${file}: 1 question\nwarning: ${file}:3: question 1 has no answer: skipped\n`);
      expect(r.stdout).toContain("What is a Node?");
    }
  });

  // Issue 19: each limit and refusal of a quiz block is one error on the line at fault; a fault of
  // the block as a whole is on its "<!-- quiz" line (7).
  it.each([
    ["a duplicate key", "tags: [etcd]\ndifficulty: 1\ntags: [dns]", 10, 'duplicate key "tags"'],
    [
      "a custom tag",
      "tags: [etcd]\nnote: !!js/function 'function () {}'",
      9,
      "quiz block is not valid YAML: unknown scalar tag",
    ],
    [
      "a block inside itself",
      "tags: &t [etcd, *t]",
      7,
      "quiz block is not valid YAML: Excessive alias count",
    ],
    [
      "more than 500 keys",
      Array.from({ length: 501 }, (_, i) => `k${i}: v`).join("\n"),
      7,
      "quiz block has more than 500 keys and list items",
    ],
    ["more than 16 KB", `note: ${"x".repeat(17_000)}`, 7, "quiz block is larger than 16 KB"],
  ])("a quiz block with %s is an error on its line", (_, yaml, line, message) => {
    const file = join(tempDir(), "limits.md");
    writeFileSync(file, `## S\n\n### 1. What is etcd?\n\nA key-value store.\n\n<!-- quiz\n${yaml}\n-->\n`);
    const r = runBin(["deck", "check", file]);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")[0]).toContain(`${file}:${line}: error: question 1: ${message}`);
    expect(r.stderr).toBe("");
  });

  it("prints no escape codes when stdout is not a terminal", () => {
    const r = runBin(["deck", "check", at("unknown-tag.md"), at("no-metadata.md")]);
    expect(r.stdout).not.toContain("\x1b");
  });
});
