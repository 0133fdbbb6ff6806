import { type SpawnSyncOptions, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, configOf, ROOT, STACK, tempDir } from "../helpers/bin.js";
import { spawnPty } from "../helpers/pty.js";

// Issue 19, "Nothing hostile gets out, nothing malformed gets in": every command, run by the built
// bin against a hostile fixture set (test/fixtures/hostile: decks, plans, progress files, answer
// files). Each case asserts its exit code, its lines on stderr (one, for a refusal), that no raw
// control byte reaches stdout or stderr, and that the progress store is unchanged. Fixtures too big
// or too odd to commit (a 2 MB deck, a file name holding an escape, FIFOs) are made in a temp folder.

const H = join(ROOT, "test", "fixtures", "hostile");
const DECK = join(H, "decks", "terminal.md");
const PROGRESS = join(H, "progress", "config.json");
const ANSWERS = join(H, "answers", "escapes.txt");
const FAKE_CLOCK = join(H, "clock", "fake-clock.mjs");

// C0 controls but newline and tab, DEL and C1 (U+009B is a one-byte CSI), and the bidi controls.
const RAW =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the colour codes chalk writes
const STYLE = /\u001b\[[\d;]*m/g;

function expectNoRaw(text: string, what: string, { crlf = false } = {}) {
  const t = crlf ? text.replace(/\r\n/g, "\n") : text;
  const at = t.search(RAW);
  expect
    .soft(at, `${what}: raw control at ${at}: ${JSON.stringify(t.slice(Math.max(0, at - 30), at + 30))}`)
    .toBe(-1);
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The built bin, no terminal, progress in `configDir`; `stdin` a string or a file to read from. */
function run(
  args: string[],
  configDir: string,
  opts: { stdin?: string | { file: string }; env?: Record<string, string>; node?: string[] } = {},
): Run {
  const stdin = opts.stdin;
  const spawnOpts: SpawnSyncOptions = {
    cwd: ROOT,
    env: {
      ...process.env,
      NO_COLOR: "1",
      FORCE_COLOR: undefined,
      K8S_QUIZ_CONFIG_DIR: configDir,
      ...opts.env,
    },
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
    ...(typeof stdin === "object"
      ? { stdio: [openSync(stdin.file, "r"), "pipe", "pipe"] }
      : { input: stdin ?? "" }),
  };
  const r = spawnSync(process.execPath, [...(opts.node ?? []), BIN, ...args], spawnOpts);
  return { code: r.status, signal: r.signal, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/**
 * What is saved, as content: config.json's fields and progress.db's questions, log and streak. The
 * weak-topic summary's mark names the database it was made from by a random id: not content.
 */
const digest = (dir: string) => {
  const saved = existsSync(join(dir, "config.json")) || existsSync(join(dir, "progress.db"));
  if (!saved) return "none";
  const content = configOf(dir);
  if (content.weakTopicsAsOf) content.weakTopicsAsOf.db = "<id>";
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
};

/** A config folder holding the hostile progress file, or none. */
function configWith(progress: "hostile" | "none"): string {
  const dir = tempDir("k8s-quiz-hostile-");
  if (progress === "hostile") copyFileSync(PROGRESS, join(dir, "config.json"));
  return dir;
}

/**
 * The store a command must leave: the first command that reads an old single-file config moves its
 * progress into progress.db (issue 15), so "unchanged" means what that move alone makes of the same
 * file, taken here in a folder of its own by a command that only reads.
 */
function unchangedDigest(progress: "hostile" | "none"): string {
  const dir = configWith(progress);
  if (progress === "hostile") run(["progress", "export", "-o", join(dir, "export.json")], dir);
  return digest(dir);
}

const work = tempDir("k8s-quiz-hostile-work-");
const made = {
  /** The deck: one quiz block of 200,000 keys (2 MB, well under the 20 MB deck limit). */
  manyKeys: join(work, "many-keys.md"),
  /** A question whose answer is a table 20,000 columns wide. */
  wideTable: join(work, "wide-table.md"),
  /** A deck whose file name retitles the terminal. */
  titleName: join(work, "\u001b]0;pwned\u0007deck.md"),
  /** A deck whose file name breaks the line. */
  newlineName: join(work, "two\nlines.md"),
  fifo: join(work, "fifo"),
  zero: join(work, "zero.json"),
  longLine: join(work, "long-line.txt"),
  report: join(work, "report.md"),
};

beforeAll(() => {
  expect(existsSync(BIN), "run npm run build first").toBe(true);
  const keys = Array.from({ length: 200_000 }, (_, i) => `k${i}: v`).join("\n");
  writeFileSync(
    made.manyKeys,
    `# Keys\n\n## Basics\n\n### Question 1: Many keys?\n\n**Answer:**\nYes.\n\n<!-- quiz\n${keys}\n-->\n\n---\n`,
  );
  const row = (cell: string) => `|${Array.from({ length: 20_000 }, () => cell).join("|")}|`;
  writeFileSync(
    made.wideTable,
    `# Wide\n\n## Basics\n\n### Question 1: Wide?\n\n**Answer:**\n${row("a")}\n${row("-")}\n${row("x")}\n\n---\n`,
  );
  copyFileSync(DECK, made.titleName);
  copyFileSync(DECK, made.newlineName);
  spawnSync("mkfifo", [made.fifo]);
  symlinkSync("/dev/zero", made.zero);
  writeFileSync(made.longLine, `${"a".repeat(150_000)}\n`);
});

interface Case {
  name: string;
  args: string[];
  progress?: "hostile" | "none";
  code: number;
  /** Lines on stderr; a refusal is one `k8s-quiz: ` line. */
  stderr: number;
  stdin?: string | { file: string };
  /** The output is a CSV document, whose records end in CRLF. */
  crlf?: boolean;
  /** The command writes progress (an import), so the store may change. */
  writes?: boolean;
  stdout?: RegExp;
  stderrMatch?: RegExp;
  env?: Record<string, string>;
}

const D = ["--deck", DECK];
// The hostile progress file names its invalid fields in one warning line, once per run.
const P = { progress: "hostile" as const };

const CASES: Case[] = [
  // Read-only commands over the hostile deck and the hostile progress file.
  { name: "sections", args: ["sections", ...D], ...P, code: 0, stderr: 1, stdout: /Attack <U\+202E>Surface/ },
  { name: "list", args: ["list", ...D], ...P, code: 0, stderr: 1, stdout: /terminal:1/ },
  {
    name: "show 1",
    args: ["show", "terminal:1", ...D],
    ...P,
    code: 0,
    stderr: 1,
    stdout: /<U\+202E>txt\.exe/,
  },
  { name: "show 2", args: ["show", "terminal:2", ...D], ...P, code: 0, stderr: 1 },
  { name: "show --json", args: ["show", "terminal:1", "--json", ...D], ...P, code: 0, stderr: 1 },
  { name: "search", args: ["search", "pod", ...D], ...P, code: 0, stderr: 1 },
  { name: "weak", args: ["weak", ...D], ...P, code: 0, stderr: 1 },
  { name: "weak --json", args: ["weak", "--json", ...D], ...P, code: 0, stderr: 1 },
  { name: "stats", args: ["stats", ...D], ...P, code: 0, stderr: 1 },
  { name: "stats --json", args: ["stats", "--json", ...D], ...P, code: 0, stderr: 1 },
  { name: "review --json", args: ["review", "--json", "--dry-run", ...D], ...P, code: 0, stderr: 1 },
  // daily records the day's pick: it writes, by design.
  { name: "daily --reveal", args: ["daily", "--reveal", ...D], ...P, code: 0, stderr: 1, writes: true },
  { name: "deck check", args: ["deck", "check", DECK], code: 1, stderr: 0, stdout: /terminal\.md:\d+: / },
  { name: "deck list", args: ["deck", "list"], ...P, code: 0, stderr: 1 },
  { name: "export csv", args: ["export", "--format", "csv", ...D], code: 0, stderr: 0, crlf: true },
  { name: "export anki", args: ["export", "--format", "anki", ...D], code: 0, stderr: 0 },
  { name: "export json", args: ["export", "--format", "json", ...D], code: 0, stderr: 0 },
  { name: "export md", args: ["export", "--format", "md", "-s", "attack", ...D], code: 0, stderr: 0 },
  { name: "progress export", args: ["progress", "export"], ...P, code: 0, stderr: 1 },
  { name: "config get", args: ["config", "get"], ...P, code: 0, stderr: 1 },
  // Sessions, scripted with hostile answers; --dry-run, so the store must stay as it was.
  {
    name: "practice (recall)",
    args: [
      "practice",
      "-s",
      "attack",
      "-n",
      "2",
      "-m",
      "recall",
      "--seed",
      "1",
      "--dry-run",
      "--answers",
      ANSWERS,
      ...D,
    ],
    ...P,
    code: 0,
    // Question 2 has no key points, so it is self-graded (issue 16): its scripted answer, not a
    // grade word, is one more short warning.
    stderr: 2,
  },
  {
    name: "practice (choice): each unusable answer is one short warning",
    args: [
      "practice",
      "-s",
      "attack",
      "-n",
      "1",
      "-m",
      "choice",
      "--seed",
      "1",
      "--dry-run",
      "--answers",
      ANSWERS,
      ...D,
    ],
    code: 0,
    stderr: 1,
    stderrMatch: /^warning: answer 1 \("z"\)/,
  },
  {
    name: "exam with --report",
    args: [
      "exam",
      "-s",
      "attack",
      "-n",
      "2",
      "--dry-run",
      "--answers",
      ANSWERS,
      "--report",
      made.report,
      ...D,
    ],
    ...P,
    code: 0,
    // As above: question 2 is self-graded, and its answer is no grade word.
    stderr: 2,
    stdout: /Report card/,
  },
  {
    name: "exam --report - (the report card on stdout)",
    args: [
      "exam",
      "-s",
      "attack",
      "-n",
      "2",
      "--dry-run",
      "--json",
      "--answers",
      ANSWERS,
      "--report",
      "-",
      ...D,
    ],
    code: 0,
    stderr: 1,
  },
  // Plans whose values the error quotes.
  ...["clipboard-section", "bidi-section", "title-key", "duplicate-key"].map(
    (plan): Case => ({
      name: `run plans/${plan}.yaml`,
      args: ["run", join(H, "plans", `${plan}.yaml`), "--dry-run", ...D],
      code: 1,
      stderr: 1,
      stderrMatch: /^k8s-quiz: .*plans\/[a-z-]+\.yaml:\d+: /,
    }),
  ),
  // Errors that quote what was typed.
  {
    name: "an unknown id with an escape",
    args: ["show", "\u001b]52;c;eA==\u0007x", ...D],
    code: 2,
    stderr: 1,
  },
  { name: "an unknown option with an escape", args: ["list", "--\u001b]0;pwned\u0007"], code: 2, stderr: 1 },
  { name: "an unknown section with bidi", args: ["list", "-s", "net\u202eworking"], code: 2, stderr: 1 },
  // Files that are not what they claim.
  {
    name: "deck check of a file whose name retitles the terminal",
    args: ["deck", "check", made.titleName],
    code: 1,
    stderr: 0,
    // The title sequence is removed whole: the name reads "deck.md", and the title stays.
    stdout: /-work-\w+\/deck\.md:\d+: error: /,
  },
  {
    name: "deck check of a file name with a newline",
    args: ["deck", "check", made.newlineName],
    code: 1,
    stderr: 0,
    stdout: /two\\nlines\.md:/,
  },
  {
    name: "deck check of a quiz block with 200,000 keys",
    args: ["deck", "check", made.manyKeys],
    code: 1,
    stderr: 0,
    stdout: /many-keys\.md:\d+: error: question 1: quiz block is larger than 16 KB/,
  },
  { name: "list of the 200,000-key deck", args: ["list", "--deck", made.manyKeys], code: 0, stderr: 0 },
  {
    name: "show of the 200,000-key question",
    args: ["show", "many-keys:1", "--deck", made.manyKeys],
    code: 0,
    stderr: 1,
    stderrMatch: /^warning: .*many-keys\.md:\d+: quiz block is larger than 16 KB \(block ignored\)\n$/,
  },
  {
    name: "a table 20,000 columns wide, in colour",
    args: ["show", "wide-table:1", "--deck", made.wideTable],
    env: { FORCE_COLOR: "1" },
    code: 0,
    stderr: 0,
  },
  {
    name: "progress import of /dev/zero",
    args: ["progress", "import", "/dev/zero"],
    ...P,
    code: 1,
    stderr: 1,
    stderrMatch: /not a regular file/,
  },
  {
    name: "progress import of a link to /dev/zero",
    args: ["progress", "import", made.zero],
    ...P,
    code: 1,
    stderr: 1,
  },
  { name: "progress import of a FIFO", args: ["progress", "import", made.fifo], ...P, code: 1, stderr: 1 },
  {
    name: "progress import of the hostile export",
    args: ["progress", "import", join(H, "progress", "export.json")],
    code: 0,
    // The bad entries are counted in the import's one-line report (issue 15), not warned about.
    stderr: 0,
    stdout: /7 bad entries dropped/,
    writes: true,
  },
  { name: "a deck that is a FIFO", args: ["list", "--deck", made.fifo], code: 1, stderr: 1 },
  { name: "a plan that is a FIFO", args: ["run", made.fifo], code: 1, stderr: 1 },
  // Endless answers.
  {
    name: "--answers /dev/zero",
    args: ["practice", "-n", "1", "--answers", "/dev/zero"],
    ...P,
    code: 1,
    stderr: 2,
    stderrMatch: /k8s-quiz: cannot read answers from \/dev\/zero: not a regular file\n$/,
  },
  {
    name: "< /dev/zero",
    args: ["practice", "-n", "1", "-m", "choice", "--answers", "-"],
    stdin: { file: "/dev/zero" },
    code: 1,
    stderr: 1,
    stderrMatch: /^k8s-quiz: cannot read answers: answer 1 is longer than 100,000 characters\n$/,
  },
  {
    name: "an answer line of 150,000 characters",
    args: ["practice", "-n", "1", "-m", "recall", "--answers", made.longLine],
    code: 1,
    stderr: 1,
    stderrMatch: /answer 1 is longer than 100,000 characters/,
  },
];

describe("every command with a hostile deck, progress file, plan or answers", () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    "%s",
    (_, c) => {
      const dir = configWith(c.progress ?? "none");
      // Untouched, or as the one-time move into progress.db alone leaves it.
      const before = [digest(dir), unchangedDigest(c.progress ?? "none")];
      const r = run(c.args, dir, {
        ...(c.stdin ? { stdin: c.stdin } : {}),
        ...(c.env ? { env: c.env } : {}),
      });
      const what = c.args.join(" ");
      expect(r.stderr, what).not.toMatch(STACK);
      expect(r.code, `${what}: ${r.stderr}`).toBe(c.code);
      const lines = r.stderr ? r.stderr.replace(/\n$/, "").split("\n") : [];
      expect(lines, what).toHaveLength(c.stderr);
      // Every warning quotes at most a short excerpt.
      for (const l of lines) expect(l.length, what).toBeLessThan(400);
      if (c.code !== 0 && c.stderr) expect(lines.at(-1), what).toMatch(/^k8s-quiz: /);
      if (c.stdout) expect(r.stdout, what).toMatch(c.stdout);
      if (c.stderrMatch) expect(r.stderr, what).toMatch(c.stderrMatch);
      // In colour, only our own style codes: take them out, and nothing may be left.
      const stdout = c.env?.FORCE_COLOR ? r.stdout.replace(STYLE, "") : r.stdout;
      expectNoRaw(stdout, `${what} (stdout)`, { crlf: c.crlf });
      expectNoRaw(r.stderr, `${what} (stderr)`);
      if (!c.writes) expect(before, `${what}: the progress store changed`).toContain(digest(dir));
    },
    60_000,
  );

  it("the --report file holds no raw control byte either", () => {
    expect(existsSync(made.report)).toBe(true);
    const report = readFileSync(made.report, "utf8");
    expectNoRaw(report, "report");
    expect(report).toContain("<U+202E>");
  });

  it("links never hide their target nor carry javascript:, on screen or in Anki", () => {
    const dir = configWith("none");
    const shown = run(["show", "terminal:1", ...D], dir, { env: { FORCE_COLOR: "1", FORCE_HYPERLINK: "1" } });
    expect(shown.stdout).not.toContain("\u001b]8;");
    expect(shown.stdout).toContain("https://kubernetes.io/docs (https://evil.example/steal)");
    // The prompt is plain text and shows its Markdown as written; the answer's links are rendered.
    expect(shown.stdout).toMatch(/ and run\b/);
    expect(shown.stdout).not.toMatch(/javascript:alert\(document|data:text/);
    const anki = run(["export", "--format", "anki", "-s", "attack", ...D], dir).stdout;
    expect(anki).not.toMatch(/<script|<img|<iframe|href=""(javascript|data):/i);
    expect(anki).toContain("&lt;script&gt;");
  }, 60_000);

  it("CSV cells that start like a formula get a leading '", () => {
    const csv = run(["export", "--format", "csv", "-s", "attack", ...D], configWith("none")).stdout;
    expect(csv).toContain(`"'=HYPERLINK(`);
    expect(csv).toContain("'-1 starts like a formula");
  }, 60_000);
});

describe("a deck index that is not a file", () => {
  it.each([
    ["replaced by a FIFO (it hung every command)", (f: string) => spawnSync("mkfifo", [f])],
    ["linked to /dev/zero (it crashed Node)", (f: string) => symlinkSync("/dev/zero", f)],
  ])(
    "%s: the deck is read from its file instead",
    (_, replace) => {
      const dir = tempDir("k8s-quiz-hostile-");
      const deck = join(dir, "deck.md");
      copyFileSync(DECK, deck);
      expect(run(["list", "--deck", deck], dir).code).toBe(0);
      const cache = join(dir, "cache");
      const indexes = readdirSync(cache).filter((f) => f.endsWith(".index"));
      expect(indexes.length).toBeGreaterThan(0);
      for (const f of indexes) {
        rmSync(join(cache, f));
        replace(join(cache, f));
      }
      const r = run(["list", "--deck", deck], dir);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.code).toBe(0);
      // Question 1 is listed under the deck's own (short) name, read from the deck itself.
      expect(r.stdout).toMatch(/:1 +Which pod/);
    },
    60_000,
  );
});

describe("endless answers from a pipe", () => {
  it("yes | tr -d '\\n' is one clear error", () => {
    const dir = configWith("none");
    const r = spawnSync(
      "bash",
      ["-c", `yes | tr -d '\\n' | "${process.execPath}" "${BIN}" practice -n 1 -m recall --answers -`],
      {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: "1", K8S_QUIZ_CONFIG_DIR: dir },
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("k8s-quiz: cannot read answers: answer 1 is longer than 100,000 characters\n");
    expect(digest(dir)).toBe("none");
  }, 60_000);
});

describe("the clock", () => {
  const at = (ms: number) => ({ node: ["--import", FAKE_CLOCK], env: { FAKE_NOW: String(ms) } });

  it.each([
    ["year 10000", Date.UTC(10000, 0, 5, 12)],
    ["Date's last day", 8.64e15 - 86_400_000],
    ["2099", Date.UTC(2099, 0, 1, 12)],
    ["1960", Date.UTC(1960, 0, 1, 12)],
  ])(
    "a clock at %s crashes no command",
    (_, ms) => {
      const dir = configWith("hostile");
      for (const args of [
        ["daily", "--reveal"],
        ["daily", "--json"],
        ["stats"],
        ["stats", "--json"],
        ["review", "--json"],
        ["weak", "--json"],
        ["progress", "export"],
      ]) {
        const r = run(args, dir, at(ms));
        expect(r.stderr, args.join(" ")).not.toMatch(STACK);
        expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      }
      const session = run(["practice", "-n", "1", "-m", "flash", "--answers", "-"], dir, {
        ...at(ms),
        stdin: "good\n",
      });
      expect(session.stderr).not.toMatch(STACK);
      expect(session.code).toBe(0);
    },
    120_000,
  );

  it("an answer given with the clock at 2099 counts as given now, and the streak ignores 2099", () => {
    const dir = configWith("none");
    const wrong = run(
      ["practice", "-s", "internals", "-n", "1", "-m", "flash", "--order", "deck", "--answers", "-"],
      dir,
      {
        ...at(Date.UTC(2099, 0, 1, 12)),
        stdin: "good\n",
      },
    );
    expect(wrong.code).toBe(0);
    const read = JSON.parse(run(["stats", "--json"], dir).stdout);
    const stats = read.totals;
    // Read back at the real time: the answer counts as given now, its card due within the day ahead
    // (its 10-minute learning step from now, not from 2099: today, or tomorrow when the test runs in
    // the last minutes before midnight), and 2099 is no streak day.
    expect(stats).toMatchObject({ answered: 1, currentStreak: 0 });
    expect(read.forecast[0].due + read.forecast[1].due).toBe(1);
    expect(stats.dueToday).toBe(read.forecast[0].due);
    // Today's answer starts the streak instead of being frozen behind 2099.
    const today = run(
      ["practice", "-s", "internals", "-n", "1", "-m", "flash", "--order", "deck", "--answers", "-"],
      dir,
      { stdin: "good\n" },
    );
    expect(today.code).toBe(0);
    expect(JSON.parse(run(["stats", "--json"], dir).stdout).totals).toMatchObject({
      answered: 2,
      currentStreak: 1,
    });
    // The history left config.json for progress.db (issue 15), whose log keeps each answer as the
    // clock gave it (a clock wrong the other way must not rewrite real history). What leaves the
    // machine is read like everything else: nothing in the export is dated 2099, so another
    // machine's import does not drop it as "after tomorrow".
    const exported = run(["progress", "export"], dir).stdout;
    expect(exported).not.toContain('"2099-');
    const doc = JSON.parse(exported);
    expect(doc.log).toHaveLength(2);
    for (const h of doc.log) expect(h.at).toBeLessThan(Date.UTC(2090, 0, 1));
    for (const c of Object.values(doc.cards) as { last_review?: number }[])
      expect(c.last_review ?? 0).toBeLessThan(Date.UTC(2090, 0, 1));
  }, 120_000);
});

describe("signals outside a session", () => {
  it("SIGTERM ends a command at once, even in the middle of a long parse", async () => {
    const dir = configWith("none");
    // Several MB of questions with quiz blocks, all within the limits: deck check takes seconds.
    const block = (n: number) =>
      `### Question ${n}: What does component ${n} do?\n\n**Answer:**\nIt reconciles state.\n\n<!-- quiz\n` +
      `choices:\n  correct: It reconciles state\n  wrong: [It stores data, It schedules pods, It routes traffic]\n` +
      `keyPoints:\n  reconcile: [reconciles, loop]\ntags: [controllers]\ndifficulty: 2\n-->\n\n---\n`;
    const big = join(work, "big.md");
    writeFileSync(
      big,
      `# Big\n\n## Basics\n\n${Array.from({ length: 20_000 }, (_, i) => block(i + 1)).join("\n")}`,
    );
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [BIN, "deck", "check", big], {
      cwd: ROOT,
      env: { ...process.env, K8S_QUIZ_CONFIG_DIR: dir },
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    await new Promise((r) => setTimeout(r, 500));
    child.kill("SIGTERM");
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on("close", (c, s) => resolve([c, s])),
    );
    // Killed by the signal itself (no handler waiting for the parse to end), before any report.
    expect({ code, signal }).toEqual({ code: null, signal: "SIGTERM" });
    expect(out).toBe("");
  }, 60_000);
});

describe("the daily hook's stamp file", () => {
  it.each([
    ["a FIFO (it would hang every new shell)", (f: string) => spawnSync("mkfifo", [f])],
    ["a link to /dev/zero", (f: string) => symlinkSync("/dev/zero", f)],
  ])(
    "replaced by %s: `daily --hook` in a terminal still shows the day's question",
    async (_, replace) => {
      const dir = configWith("none");
      replace(join(dir, "hook-shown"));
      const term = spawnPty(["daily", "--hook"], { configDir: dir });
      await term.waitFor(/k8s-quiz daily/);
      const { exitCode } = await term.exit;
      expect(exitCode).toBe(0);
      expect(term.text()).not.toMatch(STACK);
    },
    30_000,
  );
});
