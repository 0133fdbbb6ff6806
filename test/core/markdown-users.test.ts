import { describe, expect, it } from "vitest";
import { summarize } from "../../src/core/answer-summary.js";
import { parseDeck } from "../../src/core/deck-parser.js";
import { deriveKeyPoints } from "../../src/core/grading.js";
import { lineKinds, proseLines, withoutCode } from "../../src/core/markdown.js";
import { markdownTooDeep, tableTooWide } from "../../src/core/text.js";
import { renderPlain } from "../../src/io/render.js";

// One definition of a code fence for every reader of deck text: the parser, the plain renderer,
// the grader's derived key points, the option summaries and the renderer's safety checks agree on
// where code starts and ends, including the fences the old per-module rules got wrong.

const lines = (...l: string[]) => l.join("\n");

describe("lineKinds", () => {
  it("marks fences, their code and the text around them", () => {
    expect(lineKinds(["Intro", "```yaml", "a: 1", "```", "After"])).toEqual([
      "text",
      "open",
      "code",
      "close",
      "text",
    ]);
  });

  it("keeps a shorter run or the other character inside a fence as code", () => {
    expect(lineKinds(["````md", "```", "~~~", "````", "x"])).toEqual([
      "open",
      "code",
      "code",
      "close",
      "text",
    ]);
  });

  it("runs a fence left open to the end, and lets a new block end one left open", () => {
    expect(lineKinds(["```", "a", "b"])).toEqual(["open", "code", "code"]);
    expect(lineKinds(["```", "a", "```bash", "b", "```"])).toEqual(["open", "code", "open", "code", "close"]);
  });

  it("takes neither inline code nor an indented run for a fence", () => {
    expect(lineKinds(["```inline``` code", "    ```", "text"])).toEqual(["text", "text", "text"]);
  });
});

describe("the users of lineKinds", () => {
  // A four-backtick block showing a three-backtick one: the old toggles flipped at the inner line.
  const answer = lines(
    "Write a **Dockerfile** like this:",
    "````md",
    "```",
    "**not a term** | a | b | c | d | e | f | g | h",
    "```",
    "````",
    "Then build it with **docker build**.",
  );

  it("the parser keeps the whole block in the answer", () => {
    const deck = parseDeck(lines("# S", "### 1. How?", answer), { file: "d.md", deck: "d", prefixIds: true });
    expect(deck.questions[0]?.answer).toBe(answer);
  });

  it("the plain renderer indents all of it as code", () => {
    expect(renderPlain(answer, 80).split("\n")).toEqual([
      "Write a Dockerfile like this:",
      "    ```",
      "    **not a term** | a | b | c | d | e | f | g | h",
      "    ```",
      "",
      "Then build it with docker build.",
    ]);
  });

  it("the grader takes no key point from the code", () => {
    expect(deriveKeyPoints(answer).map((k) => k.label)).toEqual(["Dockerfile", "docker build"]);
    expect(withoutCode(answer).split("\n")).toHaveLength(7);
  });

  it("the summaries and the table check skip it", () => {
    expect(proseLines(answer)).toEqual([
      "Write a **Dockerfile** like this:",
      "Then build it with **docker build**.",
    ]);
    expect(summarize(answer)).toBe("Write a Dockerfile like this");
    expect(tableTooWide(answer, 12)).toBe(false);
    expect(
      markdownTooDeep(lines("```", ...Array.from({ length: 12 }, (_, i) => `${">".repeat(i + 1)} q`))),
    ).toBe(false);
  });
});
