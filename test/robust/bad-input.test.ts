import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lines, ROOT, runBin, STACK, tempDir } from "../helpers/bin.js";

// Issue 9: unknown flags, bad numbers and an empty selection each get one line and a documented exit
// code (README "Exit codes": 2 for usage errors, 1 for a broken deck or unreadable file); decks over
// 20 MB, with a line over 100 KB, or not in UTF-8 are refused with a clear `file:line:` error.

const FIXTURES = join(ROOT, "test", "fixtures", "robust");

function expectOneLine(r: ReturnType<typeof runBin>, code: number) {
  expect(r.stderr).not.toMatch(STACK);
  expect(r.code, r.stderr).toBe(code);
  expect(lines(r.stderr), JSON.stringify(r.stderr)).toHaveLength(1);
  expect(r.stderr).toMatch(/^k8s-quiz: \S/);
  expect(r.stdout).toBe("");
}

describe("bad command lines: one line on stderr, exit 2", () => {
  const cases: [string, string[], RegExp][] = [
    ["--count -3", ["practice", "-s", "internals", "--count", "-3"], /-3/],
    ["--count abc", ["practice", "-s", "internals", "--count", "abc"], /abc/],
    ["--count 0", ["practice", "-s", "internals", "--count", "0"], /count/],
    ["--count 1.5", ["practice", "-s", "internals", "--count", "1.5"], /1\.5/],
    ["--count with no value", ["practice", "-s", "internals", "--count"], /count/],
    ["--mode bogus", ["practice", "-s", "internals", "--mode", "bogus"], /bogus/],
    ["--order sideways", ["practice", "--order", "sideways"], /sideways/],
    ["--section nope", ["practice", "--section", "nope"], /nope/],
    ["an unknown flag", ["practice", "--bogus"], /--bogus/],
    ["an unknown flag near a real one", ["practice", "--cout", "3"], /--cout.*--count/],
    ["an unknown global flag", ["--frobnicate"], /--frobnicate/],
    ["an unknown command", ["bogus"], /bogus/],
    ["a misspelt command", ["pratice"], /practice/],
    [
      "a misspelt command with arguments",
      ["shwo", "502"],
      /^k8s-quiz: unknown command 'shwo' \(did you mean show\?\)/,
    ],
    [
      "a misspelt command with its options",
      ["lst", "--section", "net"],
      /unknown command 'lst' \(did you mean list\?\)/,
    ],
    ["help for an unknown command", ["help", "bogus"], /unknown command 'bogus'/],
    ["a misspelt --mode", ["practice", "--mode", "recal"], /"recal" \(did you mean recall\?\)/],
    ["a misspelt --format", ["export", "--format", "ank"], /"ank" \(did you mean anki\?\)/],
    ["show 9999", ["show", "9999"], /9999/],
    ["show with no id", ["show"], /id/],
    ["--seed x", ["practice", "-s", "internals", "--seed", "x"], /x/],
    ["--fail-under 101", ["practice", "-s", "internals", "--fail-under", "101"], /101/],
    ["--fail-under -1", ["practice", "-s", "internals", "--fail-under", "-1"], /-1/],
    ["review --new -1", ["review", "--new", "-1"], /-1/],
    ["search with no word", ["search", ""], /search needs a word/],
    ["config get of an empty name", ["config", "get", ""], /unknown setting ""/],
    [
      "--answers with no file name",
      ["practice", "-s", "internals", "--answers", ""],
      /--answers needs a file name/,
    ],
    ["search --limit 0", ["search", "--limit", "0", "etcd"], /limit/],
  ];

  it.each(cases)("%s", (_name, args, mentions) => {
    const r = runBin(args, { input: "a\n" });
    expectOneLine(r, 2);
    expect(r.stderr).toMatch(mentions);
  });
});

describe("a flag's word in another case", () => {
  it("--mode Recall is recall", () => {
    const r = runBin(
      ["practice", "-s", "networking", "-n", "1", "--seed", "1", "--mode", "Recall", "--dry-run"],
      {
        input: "a pod gets its address from the CNI plugin\n\n",
      },
    );
    expect(r.stderr).not.toMatch(/expected/);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/key points \d\/\d/);
  });
});

describe("help as a command", () => {
  it.each([
    [["help"], "Usage: k8s-quiz [options] [command]"],
    [["help", "show"], "Usage: k8s-quiz show [options] <id>"],
  ])("%j prints the help, exit 0", (args, usage) => {
    const r = runBin(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")[0]).toBe(usage);
  });
});

describe("an empty selection", () => {
  it("review with nothing due and no new questions allowed: one line, exit 0", () => {
    const r = runBin(["review", "--new", "0"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual(["Nothing due."]);
  });

  it("the same with --json: one document saying nothing was asked, exit 0", () => {
    const r = runBin(["review", "--new", "0", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ questions: [] });
  });

  it("a scripted session given no answers at all ends cleanly, exit 0", () => {
    const configDir = tempDir("k8s-quiz-robust-");
    const r = runBin(["practice", "-s", "internals", "-n", "3", "--seed", "1"], { configDir, input: "" });
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No questions answered|Score: 0\/0/);
  });

  it("a bad answer line counts as wrong with a warning, never a crash", () => {
    const r = runBin(["practice", "-s", "internals", "-n", "2", "--seed", "1"], {
      input: "e\n\u0000\u001b[2J\n",
    });
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toHaveLength(2);
    expect(r.stdout).toContain("Score: 0/2");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the answer's escape must not be echoed
    expect(r.stdout + r.stderr).not.toMatch(/\u001b/);
  });
});

describe("decks that cannot be used: file:line: message, exit 1", () => {
  function refused(file: string, line: number, reason: RegExp) {
    for (const args of [
      ["list", "--deck", file],
      ["practice", "--deck", file, "-n", "1"],
      ["deck", "check", file],
    ]) {
      const r = runBin(args, { input: "a\n" });
      expect(r.stderr, args.join(" ")).not.toMatch(STACK);
      expect(r.code, args.join(" ")).toBe(1);
      const where = `${file}:${line}: `;
      // `deck check` reports problems on stdout in its own file:line format; the others on stderr.
      const report = args[0] === "deck" ? r.stdout + r.stderr : r.stderr;
      expect(report).toContain(where);
      expect(report).toMatch(reason);
      if (args[0] !== "deck") expect(lines(r.stderr)).toHaveLength(1);
    }
  }

  it("a deck over 20 MB", () => {
    const file = join(tempDir("k8s-quiz-robust-"), "huge.md");
    const filler = `${"x".repeat(1023)}\n`.repeat(20 * 1024 + 16);
    writeFileSync(file, `# Huge\n\n### 1. Too big?\n\n**Answer:** yes\n\n${filler}`);
    try {
      refused(file, 1, /20 MB/);
    } finally {
      rmSync(file);
    }
  });

  it("a line over 100 KB", () => {
    const file = join(tempDir("k8s-quiz-robust-"), "long-line.md");
    writeFileSync(file, `# Long\n\n### 1. A long line?\n\n**Answer:** yes\n${"y".repeat(100_001)}\n`);
    refused(file, 6, /longer than/);
  });

  it("a line just under the limit is fine", () => {
    const file = join(tempDir("k8s-quiz-robust-"), "long-ok.md");
    writeFileSync(file, `# Long\n\n### 1. A long line?\n\n**Answer:** yes\n${"y ".repeat(49_000)}\n`);
    const r = runBin(["list", "--deck", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("long-ok:1");
  });

  it("a deck in Latin-1, not UTF-8: names the first bad line", () => {
    refused(join(FIXTURES, "latin1.md"), 1, /not valid UTF-8/);
  });

  it("a deck in UTF-16 with a byte-order mark is read (issue 16)", () => {
    const r = runBin(["list", "--deck", join(FIXTURES, "utf16.md")]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/utf16:1\b/);
  });

  it("a deck path that is a directory, or missing: one line, exit 1", () => {
    for (const file of [FIXTURES, join(FIXTURES, "no-such-deck.md")]) {
      const r = runBin(["list", "--deck", file]);
      expectOneLine(r, 1);
      expect(r.stderr).toContain(file);
    }
  });

  it("a quiz block with a collection as a key: no library warning reaches stderr", () => {
    const deck = join(FIXTURES, "collection-key.md");
    const r = runBin(["show", "collection-key:1", "--deck", deck]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("An answer.");
  });

  // Thirty nested list levels took marked-terminal minutes; 2000 nested quotes ran marked out of stack.
  it("an answer nested too deep is shown and exported as plain text, never a crash", () => {
    const deck = join(FIXTURES, "deep.md");
    for (const id of ["deep:1", "deep:2"]) {
      const r = runBin(["show", id, "--deck", deck], { env: { FORCE_COLOR: "1" } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe("");
    }
    expect(runBin(["show", "deep:1", "--deck", deck], { env: { FORCE_COLOR: "1" } }).stdout).toContain(
      "- level 29",
    );
    const dir = tempDir();
    const out = join(dir, "deep.txt");
    const r = runBin(["export", "--format", "anki", "--deck", deck, "-s", "deep", "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("<pre>- level 0\n  - level 1");
  });

  it("--answers naming a folder: one line, exit 1, before any question", () => {
    const r = runBin(["practice", "-s", "internals", "--answers", FIXTURES]);
    expectOneLine(r, 1);
    expect(r.stderr).toBe(`k8s-quiz: cannot read answers from ${FIXTURES}: is a directory\n`);
  });

  it("a plan whose YAML aliases expand without end: one line, exit 1", () => {
    const r = runBin(["run", join(FIXTURES, "alias-bomb.yaml")]);
    expectOneLine(r, 1);
    expect(r.stderr).toMatch(/alias-bomb\.yaml:1: not valid YAML: Excessive alias count/);
  });

  it("export never passes a deck's escape codes on (a retitled window, a cleared screen)", () => {
    const deck = join(FIXTURES, "evil.md");
    for (const format of ["csv", "md", "anki"]) {
      const r = runBin(["export", "--format", format, "--deck", deck, "-s", "evil"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain("An answer");
      expect(r.stdout).not.toContain("\u001b");
    }
  });

  // /dev/zero never ends (it once grew a process to 24 GB) and opening a FIFO with no writer
  // blocks for good: neither is read, as a deck or as a plan.
  it("a deck or plan that is a device or a FIFO is refused at once, exit 1", () => {
    const fifo = join(tempDir(), "deck.fifo");
    execFileSync("mkfifo", [fifo]);
    for (const file of ["/dev/zero", fifo]) {
      for (const args of [
        ["list", "--deck", file],
        ["run", file],
        ["deck", "add", file],
      ]) {
        const r = runBin(args);
        expectOneLine(r, 1);
        expect(r.stderr).toMatch(/: cannot read (deck|plan): not a regular file\n$/);
      }
      const check = runBin(["deck", "check", file]);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain(`${file}:1: error: cannot read deck: not a regular file`);
    }
  });
});
