import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runBin, tempDir } from "../helpers/bin.js";
import { spawnPty } from "../helpers/pty.js";

// Issue 16, "Never silent": a --deck run says, for each file, how many questions it gave, and names
// every question-shaped line it could not use as file:line with the reason. A script's stderr stays
// empty for a clean deck (a clean run's should); a person at a terminal is told either way.

const CLEAN = "test/fixtures/decks/report/clean.md";
const SKIPPED = "test/fixtures/decks/report/two-skipped.md";
const skippedReport = (file: string) => [
  `${file}: 2 questions`,
  `warning: ${file}:7: question 2 has no answer: skipped`,
  `warning: ${file}:13: question "What is CoreDNS?" has no answer: skipped`,
];

describe("a --deck run reports what each file gave", () => {
  it("names the questions found and every skipped line, the same from the deck's index", () => {
    const configDir = tempDir();
    // The second run reads the index from the cache: the report must not depend on a fresh parse.
    for (let run = 0; run < 2; run++) {
      const r = runBin(["list", "--deck", CLEAN, "--deck", SKIPPED], { configDir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.split("\n").filter(Boolean)).toEqual(skippedReport(SKIPPED));
      expect(r.stdout).toContain("two-skipped:3");
      expect(r.stdout).toContain("clean:2");
    }
  });

  it("keeps --json on stdout a single document", () => {
    const r = runBin(["list", "--deck", SKIPPED, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { questions: { id: string }[] };
    expect(doc.questions.map((q) => q.id)).toEqual(["two-skipped:1", "two-skipped:3"]);
    expect(r.stderr.split("\n").filter(Boolean)).toEqual(skippedReport(SKIPPED));
  });

  it("reports a registered deck named with --deck like a file", () => {
    const configDir = tempDir();
    const add = runBin(["deck", "add", SKIPPED, "--name", "net"], { configDir });
    expect(add.code, add.stderr).toBe(0);
    // deck add says what the file gave on stdout, and the lines it could not use on stderr.
    expect(add.stdout).toContain('Added deck "net": 2 questions');
    expect(add.stderr.split("\n").filter(Boolean)).toEqual(skippedReport(SKIPPED).slice(1));
    const r = runBin(["list", "--deck", "net"], { configDir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split("\n").filter(Boolean)).toEqual(skippedReport(resolve(SKIPPED)));
  });

  it("a clean deck is silent on a script's stderr", () => {
    const r = runBin(["list", "--deck", CLEAN]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("tells a person at a terminal what each file gave, one line per file, clean or not", async () => {
    const s = spawnPty(["list", "--deck", CLEAN, "--deck", SKIPPED], { configDir: tempDir() });
    expect((await s.exit).exitCode).toBe(0);
    const screen = s.text().split(/\r?\n/);
    expect(screen.filter((l) => l === `${CLEAN}: 2 questions`)).toHaveLength(1);
    expect(screen.filter((l) => l === `${SKIPPED}: 2 questions`)).toHaveLength(1);
    for (const line of skippedReport(SKIPPED).slice(1)) expect(screen).toContain(line);
  }, 30_000);
});
