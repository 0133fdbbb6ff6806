import { describe, expect, it } from "vitest";
import { boldTerms, plainLine, summarize } from "../../src/core/summarize.js";

describe("plainLine", () => {
  it.each([
    { md: "Uses **Raft** for `consensus`.", want: "Uses Raft for consensus." },
    { md: "An *emphasised* word", want: "An emphasised word" },
    { md: "See [the docs](https://kubernetes.io) now", want: "See the docs now" },
    { md: "- a list item", want: "a list item" },
    { md: "12. a numbered item", want: "a numbered item" },
    { md: "  spaced    out\n  over lines ", want: "spaced out over lines" },
    { md: "2 * 3 * 4", want: "2 * 3 * 4" },
  ])("$md -> $want", ({ md, want }) => {
    expect(plainLine(md)).toBe(want);
  });
});

describe("boldTerms", () => {
  it.each([
    { md: "no bold here", want: [] },
    { md: "**Etcd** and **Raft**", want: ["Etcd", "Raft"] },
    { md: "**Structure:** keys. **Speed.**", want: ["Structure", "Speed"] },
    { md: "**Raft** then **Raft** again", want: ["Raft"] },
    { md: "- **Go, Ansible, Helm** based", want: ["Go, Ansible, Helm"] },
  ])("$md", ({ md, want }) => {
    expect(boldTerms(md)).toEqual(want);
  });
});

describe("summarize", () => {
  it.each([
    {
      name: "the first sentence of opening prose",
      answer: "Etcd is the cluster's key-value store. It uses Raft.\n- More detail",
      want: "Etcd is the cluster's key-value store.",
    },
    {
      name: "markdown stripped from the sentence",
      answer: "A **software pattern** built on `CRDs` and controllers.",
      want: "A software pattern built on CRDs and controllers.",
    },
    {
      name: "bold terms when the answer opens with a list",
      answer: "- **Watch** instead of polling\n- **Cache** locally\n- **Resync** periodically",
      want: "Watch, Cache, Resync",
    },
    {
      name: "at most four bold terms",
      answer: "- **A1** x\n- **B2** x\n- **C3** x\n- **D4** x\n- **E5** x",
      want: "A1, B2, C3, D4",
    },
    {
      name: "the first list item when there are too few bold terms",
      answer: "- Encodes human operational knowledge into code\n- Runs in the cluster",
      want: "Encodes human operational knowledge into code",
    },
    {
      name: "a short opening line falls back to bold terms",
      answer: "A hybrid.\n- **Sidecars** here\n- **Ambient** there",
      want: "Sidecars, Ambient",
    },
    {
      name: "code fences are skipped",
      answer: "```yaml\nkind: Pod\n```\nPods are the smallest deployable unit.",
      want: "Pods are the smallest deployable unit.",
    },
    {
      name: "a table's rows are no summary: a table alone makes none (the question is asked another way)",
      answer: "| Feature | Deployment | StatefulSet |\n|---|---|---|\n| Identity | random | stable |",
      want: "",
    },
    {
      name: "a table after prose leaves the prose",
      answer: "They differ in identity.\n\n| Feature | Deployment |\n|---|---|\n| Identity | random |",
      want: "They differ in identity.",
    },
    {
      name: "a trailing colon is dropped",
      answer: "These are the main parts of the design:\n- one\n- two",
      want: "These are the main parts of the design",
    },
  ])("$name", ({ answer, want }) => {
    expect(summarize(answer)).toBe(want);
  });

  it("cuts long summaries to max with an ellipsis", () => {
    const answer = `${"word ".repeat(60)}end.`;
    const got = summarize(answer, 40);
    expect(got.length).toBeLessThanOrEqual(40);
    expect(got.endsWith("…")).toBe(true);
    expect(summarize(answer).length).toBeLessThanOrEqual(120);
  });

  it("never spans more than one line", () => {
    expect(summarize("First line is long enough here\nsecond line")).not.toContain("\n");
  });
});
