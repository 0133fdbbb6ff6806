import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanDeck } from "../../src/core/deck-parser.js";
import { ROOT } from "../helpers/bin.js";

// Decks a review of the reader's new shapes wrote to break them: each once lost text, split an
// answer into questions, or took a title or a topic for a question. The prompts, and where a piece of
// text must end up.

const read = (name: string) =>
  scanDeck(readFileSync(join(ROOT, "test/fixtures/decks/review", name), "utf8"), {
    file: name,
    deck: "r",
    prefixIds: false,
  });

describe("decks written to break the reader's new shapes", () => {
  it.each([
    // Text after a comment's close on its line stays; the commented-out question is not asked.
    ["c1.md", ["What is a Pod?", "What is a Service?"], [0, "see above"]],
    // A topic heading over a "show" block is no task question.
    ["c4.md", ["What is a Service?", "What is an Ingress?"], [0, "A stable address."]],
    // Numbered questions listed in an answer after a rule stay that answer's text.
    ["e1.md", ["What is a Pod?", "What is a Deployment?"], [0, "2. What is an init container?"]],
    // Numbered steps in <details> inside an answer stay in it, and no question is renumbered.
    [
      "e2.md",
      ["How do you debug a crashing pod?", "What is a liveness probe?"],
      [0, "Read the previous logs"],
    ],
    // "Q3 2024 revenue grew" in an answer is its text.
    ["e3.md", ["What is a Pod?", "What is a Node?"], [0, "Q3 2024 revenue grew"]],
    // A deck's title over a table of contents to expand is no question.
    ["f1.md", ["What is a Pod?", "What is a Node?"], [0, "The smallest unit."]],
    // "Answer:" deep in a prompt-below question's body stays in the answer, not the prompt.
    [
      "f2.md",
      ["What is a Deployment?", "What is etcd?"],
      [0, "Answer: you can also use kubectl rollout undo."],
    ],
  ] as const)("%s", (name, prompts, [at, text]) => {
    const d = read(name);
    expect(d.questions.map((q) => q.prompt)).toEqual(prompts);
    expect(d.questions[at]?.answer).toContain(text);
    expect((d.problems ?? []).filter((p) => p.skipped)).toEqual([]);
  });

  it("40,000 unclosed comments: one warning, for the first; no later one scans to the deck's end again", () => {
    const text = `### 1. What is a Pod?\n\nA pod.\n${"<!-- todo\n".repeat(40_000)}`;
    const d = scanDeck(text, { file: "p.md", deck: "p", prefixIds: false });
    expect(d.questions).toHaveLength(1);
    // Every later "<!--" is known to have no close: read as text, with no warning of its own.
    expect(d.problems?.filter((p) => p.message.includes("never closed"))).toHaveLength(1);
  });
});
