import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runBin, STACK, tempDir } from "../helpers/bin.js";
import { goOnTo, KEY, type PtySession, spawnPty } from "../helpers/pty.js";

// Issue 9, "Terminal safety": text from any deck is stripped of control characters and escape sequences
// before it is printed. The hostile fixture puts OSC titles, clear-screen, cursor moves, hidden text,
// carriage returns, C1 controls and BEL into every field a deck has: section title and aliases, prompts,
// answers, curated options, notes, key point labels and tags (the quiz blocks use YAML escapes, which
// only turn into control characters once parsed).

const HOSTILE = join(ROOT, "test", "fixtures", "robust", "hostile.md");
const DECK = ["--deck", HOSTILE];
const IDS = ["hostile:1", "hostile:2", "hostile:3", "hostile:4"];

// Everything below 0x20 but newline and tab, DEL, and the C1 range (U+0080-U+009F, e.g. U+009B = CSI).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Without a terminal and without colour, output must hold no control character at all. */
function expectClean(text: string, what: string) {
  const at = text.search(CONTROL);
  // Soft: one report lists every output that leaks, not only the first.
  expect
    .soft(
      at,
      `${what}: control character at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 30), at + 30))}`,
    )
    .toBe(-1);
  // Nor the printable leftovers of a sequence whose ESC alone was removed.
  expect.soft(text, what).not.toMatch(/\]0;pwned|\]2;x|\[2J|\[8m|pwned/);
}

function clean(args: string[], opts: { input?: string; configDir?: string } = {}) {
  const r = runBin([...args, ...DECK], { ...opts, env: { NO_COLOR: "1" } });
  expect(r.stderr, args.join(" ")).not.toMatch(STACK);
  expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
  expectClean(r.stdout, `${args.join(" ")} (stdout)`);
  expectClean(r.stderr, `${args.join(" ")} (stderr)`);
  return r;
}

describe("a hostile deck in the read-only commands", () => {
  it("the fixture really is hostile", () => {
    const raw = readFileSync(HOSTILE, "utf8");
    for (const needle of [
      "\u001b]0;pwned\u0007",
      "\u001b]2;x\u001b\\",
      "\u001b[2J",
      "\u001b[H",
      "\u001b[8m",
      "\r",
      "\u009b",
      "\u0007",
    ])
      expect(raw).toContain(needle);
    // And YAML escapes that only become control characters when parsed.
    expect(raw).toContain("\\e]0;pwned\\a");
  });

  it("sections, list and search print the deck's text without escape sequences", () => {
    expect(clean(["sections"]).stdout).toContain("Hostile Terminal Deck");
    const list = clean(["list"]).stdout;
    for (const id of IDS) expect(list).toContain(id);
    expect(clean(["search", "hostile"]).stdout).toContain("hostile:4");
    clean(["list", "--section", "hostile"]);
  });

  it.each(IDS)("show %s prints prompt, answer and note without escape sequences", (id) => {
    const r = clean(["show", id]);
    expect(r.stdout).toContain("hostile");
  });

  it("--json output escapes control characters and parses", () => {
    for (const args of [
      ["list", "--json"],
      ["show", "hostile:1", "--json"],
      ["search", "hostile", "--json"],
      ["sections", "--json"],
    ]) {
      const r = runBin([...args, ...DECK]);
      expect(r.code, args.join(" ")).toBe(0);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: JSON must escape C0 controls
      expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
      expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
  });
});

describe("a hostile deck in scripted sessions", () => {
  it.each([
    ["choice", "a\nb\nc\nd\n"],
    ["recall", "hostile cleared\nbold code\npoint strings\nnothing\n"],
    ["flash", "again\nhard\ngood\neasy\n"],
  ])("the %s transcript, summary and weak topics are free of escape sequences", (mode, answers) => {
    const configDir = tempDir("k8s-quiz-robust-");
    const run = ["practice", "-s", "hostile", "-n", "4", "--order", "deck", "--mode", mode, "--seed", "1"];
    clean(run, { configDir, input: answers });
    clean(run, { configDir, input: answers });
    // Two answers each: the hostile tags can now be weak topics, which every view of progress prints.
    clean(["weak"], { configDir });
    clean(["stats"], { configDir });
  });

  it("a scripted session with --json escapes control characters", () => {
    const r = runBin(
      ["practice", "-s", "hostile", "-n", "4", "--mode", "recall", "--seed", "1", "--json", ...DECK],
      {
        input: "a\nb\nc\nd\n",
      },
    );
    expect(r.code).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: JSON must escape C0 controls
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(JSON.parse(r.stdout).questions).toHaveLength(4);
  });
});

describe("a hostile deck in a real terminal", () => {
  // Inquirer moves the cursor and erases lines itself; what must never appear is the deck's own sequences.
  const FORBIDDEN: [string, string][] = [
    ["OSC window title", "\u001b]0;"],
    ["OSC title via ST", "\u001b]2;"],
    ["OSC hyperlink", "\u001b]8;"],
    ["clear screen", "\u001b[2J"],
    ["hidden text", "\u001b[8m"],
    ["C1 CSI", "\u009b"],
    ["BEL", "\u0007"],
    ["DCS", "\u001bP"],
    ["APC", "\u001b_"],
    ["title text", "pwned"],
  ];

  function record(s: PtySession): () => string {
    let raw = "";
    s.pty.onData((d) => {
      raw += d;
    });
    return () => raw;
  }

  function expectSafe(raw: string) {
    for (const [name, seq] of FORBIDDEN) {
      const at = raw.indexOf(seq);
      expect
        .soft(at, `${name} reached the terminal: ${JSON.stringify(raw.slice(Math.max(0, at - 40), at + 40))}`)
        .toBe(-1);
    }
  }

  async function finish(s: PtySession) {
    // Decline the retry of missed questions if it is offered, then wait for the end.
    const done = s.exit;
    const offered = await Promise.race([
      s
        .waitFor("Retry the", 0, 8000)
        .then(() => true)
        .catch(() => false),
      done.then(() => false),
    ]);
    if (offered) {
      s.write("n");
      s.write(KEY.enter);
    }
    return done;
  }

  it("a choice session shows options, verdicts and answers without the deck's escape sequences", async () => {
    const s = spawnPty(["practice", ...DECK, "-s", "hostile", "-n", "4", "--order", "deck", "--seed", "1"], {
      configDir: tempDir("k8s-quiz-robust-"),
      cols: 100,
    });
    const raw = record(s);
    for (let i = 1; i <= 4; i++) {
      await goOnTo(s, `[${i}/4`);
      await s.waitFor("Your answer", s.text().lastIndexOf(`[${i}/4`));
      s.write(KEY.down);
      s.write(KEY.enter);
    }
    await goOnTo(s, "Score:");
    expect((await finish(s)).exitCode).toBe(0);
    expectSafe(raw());
  });

  it("a recall session shows key points and answers without the deck's escape sequences", async () => {
    const s = spawnPty(
      ["practice", ...DECK, "-s", "hostile", "-n", "2", "--order", "deck", "--mode", "recall", "--seed", "1"],
      {
        configDir: tempDir("k8s-quiz-robust-"),
        cols: 100,
      },
    );
    const raw = record(s);
    for (let i = 1; i <= 2; i++) {
      await s.waitFor(`[${i}/2`);
      await s.waitFor("Your answer", s.text().lastIndexOf(`[${i}/2`));
      s.write("nothing useful");
      s.write(KEY.enter);
      s.write(KEY.enter);
      await s.waitFor("Grade (suggested", s.text().lastIndexOf(`[${i}/2`));
      s.write(KEY.enter);
    }
    await s.waitFor("Score:");
    expect((await finish(s)).exitCode).toBe(0);
    expectSafe(raw());
  });
});
