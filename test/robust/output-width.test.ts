import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import stringWidth from "string-width";
import { beforeAll, describe, expect, it } from "vitest";
import { runBin, tempDir } from "../helpers/bin.js";
import { spawnPty } from "../helpers/pty.js";

// Issue 9, "Output": on a 40-column terminal and under NO_COLOR every command stays readable:
// no line wider than the terminal, and no escape codes.

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for escape codes is the point
const ESCAPE = /[\u001b\u009b]/;

/** Lines wider than `columns`, measured as a terminal does (wide characters count double). */
function tooWide(output: string, columns: number): string[] {
  return stripVTControlCharacters(output)
    .split(/\r\n|\n|\r/)
    .filter((line) => stringWidth(line) > columns)
    .map((line) => `${stringWidth(line)}: ${line}`);
}

let configDir: string;
let answers: string;

// Progress with misses, so weak topics, stats and review all have something to show.
beforeAll(() => {
  configDir = tempDir("k8s-quiz-robust-");
  const r = runBin(["practice", "-n", "50", "--order", "deck", "--seed", "4"], {
    configDir,
    input: "a\n".repeat(50),
  });
  expect(r.code).toBe(0);
  answers = join(configDir, "answers.txt");
  writeFileSync(answers, "a\nb\nc\nd\na\nb\n");
}, 30_000);

const COMMANDS: string[][] = [
  ["--help"],
  ["practice", "--help"],
  ["review", "--help"],
  ["daily", "--help"],
  ["sections"],
  ["list"],
  ["show", "502"],
  ["show", "546"],
  ["search", "etcd"],
  ["weak"],
  ["stats"],
  ["daily", "--reveal", "--date", "2026-03-14"],
  ["review", "--new", "0", "--limit", "1", "--dry-run"],
];

/** Scripted sessions: the transcript with options, verdicts, reference answers and the summary. */
const SESSIONS: [string, string[], string][] = [
  ["choice", ["practice", "-s", "internals", "-n", "6", "--seed", "2", "--dry-run"], "a\nb\nc\nd\na\nb\n"],
  [
    "recall",
    ["practice", "-s", "networking", "-n", "4", "--mode", "recall", "--seed", "2", "--dry-run"],
    "x\ny\nz\nw\n",
  ],
  [
    "flash",
    ["practice", "-s", "service-mesh", "-n", "4", "--mode", "flash", "--seed", "2", "--dry-run"],
    "again\nhard\nagain\nhard\n",
  ],
  ["all sections", ["practice", "-n", "50", "--order", "deck", "--seed", "9", "--dry-run"], "b\n".repeat(50)],
];

describe("without a terminal, under NO_COLOR and --no-color: 80 columns, no escape codes", () => {
  it.each(COMMANDS.map((c) => [c.join(" "), c]))("%s", (_name, args) => {
    const r = runBin([...(args as string[]), "--no-color"], { configDir, env: { NO_COLOR: "1" } });
    expect(r.code, r.stderr).toBe(0);
    const output = r.stdout + r.stderr;
    expect(output.trim()).not.toBe("");
    expect(output).not.toMatch(ESCAPE);
    expect(tooWide(output, 80)).toEqual([]);
  });

  it.each(SESSIONS)("a scripted %s session", (_name, args, input) => {
    const r = runBin([...args, "--no-color"], { configDir, input, env: { NO_COLOR: "1" } });
    expect(r.code, r.stderr).toBe(0);
    const output = r.stdout + r.stderr;
    expect(output).toContain("Score:");
    expect(output).not.toMatch(ESCAPE);
    expect(tooWide(output, 80)).toEqual([]);
  });
});

describe("in a 40-column terminal under NO_COLOR", () => {
  async function inTerminal(args: string[]): Promise<{ code: number; raw: string }> {
    const s = spawnPty(args, { configDir, cols: 40, env: { NO_COLOR: "1" } });
    let raw = "";
    s.pty.onData((d) => {
      raw += d;
    });
    const { exitCode } = await s.exit;
    return { code: exitCode, raw };
  }

  it.each(COMMANDS.map((c) => [c.join(" "), c]))("%s", async (_name, args) => {
    const { code, raw } = await inTerminal(args as string[]);
    expect(code, raw).toBe(0);
    expect(raw.trim()).not.toBe("");
    expect(raw).not.toMatch(ESCAPE);
    expect(tooWide(raw, 40)).toEqual([]);
  });

  it.each(SESSIONS.slice(0, 3))("a scripted %s session with --answers", async (_name, args, input) => {
    const file = join(tempDir("k8s-quiz-robust-"), "answers.txt");
    writeFileSync(file, input);
    const { code, raw } = await inTerminal([...args, "--answers", file]);
    expect(code, raw).toBe(0);
    expect(raw).toContain("Score:");
    expect(raw).not.toMatch(ESCAPE);
    expect(tooWide(raw, 40)).toEqual([]);
  });
});
