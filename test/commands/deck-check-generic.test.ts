import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintGenericWords } from "../../src/core/deck-lint.js";
import { ROOT, runBin, tempDir } from "../helpers/bin.js";
import { makeQuestion } from "../helpers/questions.js";

// `deck check` warns about key point words that are one generic word ("sync", "events"): the grader
// ignores them, so a point that leans on them is weaker than its author thinks.

const VALID = readFileSync(join(ROOT, "test/fixtures/deck-check/valid.md"), "utf8");

describe("deck check: generic key point words", () => {
  it("warns with the file and line of the point, and still passes", () => {
    const file = join(tempDir(), "generic.md");
    writeFileSync(file, VALID.replace("[storage, cluster-level]", "[storage, cluster, the pods]"));
    const r = runBin(["deck", "check", file]);
    expect(r.stdout.split("\n")).toEqual([
      `${file}:17: warning: question 1: key point "Cluster storage": "cluster", "the pods" alone are too generic to show the point and will not count; use a phrase, or give the point a subject`,
      "1 deck, 2 questions: 0 errors, 1 warning",
      "",
    ]);
    expect(r.code).toBe(0);
  });

  it("says nothing of generic words next to a subject, or of phrases", () => {
    const file = join(tempDir(), "subject.md");
    writeFileSync(
      file,
      VALID.replace(
        "[storage, cluster-level]",
        "{subject: PersistentVolume, words: [storage, cluster]}",
      ).replace("[provisioner]", "[provisioner, cluster storage]"),
    );
    const r = runBin(["deck", "check", file]);
    expect(r.stdout).toBe("1 deck, 2 questions: 0 errors, 0 warnings\n");
    expect(r.code).toBe(0);
  });

  it("lists each generic word once per point, misconceptions aside", () => {
    const q = makeQuestion({ number: 7 });
    const data = { keyPoints: { Sync: ["sync", "events", "!state", "leader election"] } };
    expect(lintGenericWords(q, data, () => 3)).toEqual([
      {
        line: 3,
        level: "warning",
        message:
          'question 7: key point "Sync": "sync", "events" alone are too generic to show the point and will not count; use a phrase, or give the point a subject',
      },
    ]);
  });
});
