import { describe, expect, it } from "vitest";
import { fenceEnd, fenceLine, fenceOpen, isFenceClose, joinSoftBreaks } from "../../src/core/markdown.js";

// The one definition of a code fence (issue 16; issue 14 moves the renderer, grader and linter onto it).

describe("fenceOpen", () => {
  const cases: [string, { char: string; length: number } | undefined][] = [
    ["```", { char: "`", length: 3 }],
    ["```yaml", { char: "`", length: 3 }],
    ["````md", { char: "`", length: 4 }],
    ["~~~", { char: "~", length: 3 }],
    ["   ```", { char: "`", length: 3 }],
    ["    ```", undefined], // four spaces: indented code, not a fence
    ["``", undefined],
    ["```inline``` code", undefined],
    ["text ```", undefined],
  ];
  it.each(cases)("%j", (line, expected) => {
    const f = fenceOpen(line, 7);
    expect(f ? { char: f.char, length: f.length } : undefined).toEqual(expected);
    if (f) expect(f.line).toBe(7);
  });
});

describe("fenceLine inside an open ``` fence", () => {
  const open = { char: "`" as const, length: 3, line: 1 };
  const cases: [string, "close" | "open" | "text"][] = [
    ["```", "close"],
    ["```   ", "close"],
    ["````", "close"],
    ['```"', "close"], // the case: text after the run still closes
    ["```.", "close"],
    ["``` and then prose", "open"], // a word after the run reads as a language: a new block
    ["```yaml", "open"],
    ["```c++", "open"],
    ["~~~", "text"],
    ["``", "text"],
    ["kubectl get pods", "text"],
    ["    ```", "text"],
  ];
  it.each(cases)("%j -> %s", (line, kind) => {
    expect(fenceLine(line, open)).toBe(kind);
    expect(isFenceClose(line, open)).toBe(kind === "close");
  });

  it("a longer opening run needs a run at least as long", () => {
    const four = { char: "`" as const, length: 4, line: 1 };
    expect(fenceLine("```", four)).toBe("text");
    expect(fenceLine("````", four)).toBe("close");
  });
});

describe("fenceEnd", () => {
  it("finds the closing line, or says where an unclosed block stops", () => {
    const lines = ["```bash", "a", '```"', "```yaml", "b", "```go", "c"];
    const f = (i: number) => fenceOpen(lines[i] ?? "", i + 1);
    expect(fenceEnd(lines, 0, f(0) as never)).toBe(2);
    expect(fenceEnd(lines, 3, f(3) as never)).toEqual({ unclosed: 5 });
    expect(fenceEnd(lines, 5, f(5) as never)).toEqual({ unclosed: 7 });
  });
});

describe("joinSoftBreaks", () => {
  it.each([
    [
      "a paragraph wrapped by its author is one line",
      "The scheduler watches for\nnew pods and picks\na node.",
      "The scheduler watches for new pods and picks a node.",
    ],
    ["paragraphs stay apart", "One.\nstill one.\n\nTwo.", "One. still one.\n\nTwo."],
    [
      "list items stay lines; a continuation joins its item",
      "- first\n  goes on\n- second\n1. third",
      "- first goes on\n- second\n1. third",
    ],
    [
      "a heading, a quote and a table row are never joined",
      "# Title\ntext\n> quote\n| a | b |\n| c | d |",
      "# Title\ntext\n> quote\n| a | b |\n| c | d |",
    ],
    [
      "a hard break (two spaces or a backslash) stays",
      "line one  \nline two\\\nline three",
      "line one  \nline two\\\nline three",
    ],
    [
      "fenced code stays as written",
      "Run:\n```bash\nkubectl get\npods\n```\nthen\nmore",
      "Run:\n```bash\nkubectl get\npods\n```\nthen more",
    ],
    [
      "indented code after a blank line stays",
      "Example:\n\n    apiVersion: v1\n    kind: Pod\n\nDone.",
      "Example:\n\n    apiVersion: v1\n    kind: Pod\n\nDone.",
    ],
    ["text after a rule starts afresh", "Above\n---\nBelow", "Above\n---\nBelow"],
    ["a setext heading's underline is never joined", "Title\n=====\ntext", "Title\n=====\ntext"],
    [
      "a table without its outer pipes stays rows",
      "Name | Kind\n--- | ---\nPod | workload",
      "Name | Kind\n--- | ---\nPod | workload",
    ],
  ])("%s", (_name, input, want) => {
    expect(joinSoftBreaks(input)).toBe(want);
  });
});
