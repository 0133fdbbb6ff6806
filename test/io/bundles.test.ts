import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FLAGS } from "../../src/flags.js";
import { bundleFor, DAILY_VALUE_FLAGS, READ_COMMANDS } from "../../src/start.js";
import { BIN, DATA, ROOT, tempDir } from "../helpers/bin.js";
import { clearOfMidnight, MIDNIGHT_TIMEOUT } from "../helpers/clock.js";

// dist/cli-read.cjs is the CLI without its sessions and the commands that change progress or decks
// (scripts/build.mjs); src/start.ts sends it only the command lines it can run whole.

describe("which bundle a command line runs in", () => {
  it.each([
    [["--version"], "cli-read.cjs"],
    [["-V"], "cli-read.cjs"],
    [["--help"], "cli-read.cjs"],
    [["-h", "practice"], "cli-read.cjs"],
    [["sections"], "cli-read.cjs"],
    [["--no-color", "sections", "--json"], "cli-read.cjs"],
    [["list", "-s", "networking"], "cli-read.cjs"],
    [["show", "502"], "cli-read.cjs"],
    [["search", "etcd", "raft"], "cli-read.cjs"],
    [["stats", "--json"], "cli-read.cjs"],
    [["weak", "--reset", "--yes"], "cli-read.cjs"],
    [["daily", "--reveal"], "cli-read.cjs"],
    [["daily", "--json", "--reveal", "--date", "2026-01-02"], "cli-read.cjs"],
    [["daily", "--mode", "recall", "--reveal"], "cli-read.cjs"],
    [["daily", "--deck=x.md", "--reveal"], "cli-read.cjs"],
    [["daily", "--hook"], "cli-read.cjs"],
    // A session, or a command that changes progress or decks.
    [[], "cli.cjs"],
    [["--no-color"], "cli.cjs"],
    [["daily"], "cli.cjs"],
    [["daily", "--json"], "cli.cjs"],
    [["practice", "-s", "networking"], "cli.cjs"],
    [["review"], "cli.cjs"],
    [["deck", "add", "x.md"], "cli.cjs"],
    [["progress", "import", "x.json"], "cli.cjs"],
    [["help", "sections"], "cli.cjs"],
    [["sectons"], "cli.cjs"],
    // "--reveal" there is a value, not the flag: daily asks its question.
    [["daily", "--deck", "--reveal"], "cli.cjs"],
    [["daily", "--answers", "--hook"], "cli.cjs"],
    // Unusual lines go to the whole CLI, which runs every line.
    [["--", "sections"], "cli.cjs"],
    [["daily", "--", "--reveal"], "cli.cjs"],
    [["--bogus", "sections"], "cli.cjs"],
  ])("%j runs in %s", (args, bundle) => {
    expect(bundleFor(args)).toBe(bundle);
  });

  it("knows every flag of daily that takes a value, and every command it sends is one", () => {
    const valued = Object.values(FLAGS.daily)
      .filter((f) => f.flags.includes("<"))
      .flatMap((f) => f.flags.split(/[ ,]+/).filter((w) => w.startsWith("-")));
    expect([...DAILY_VALUE_FLAGS].sort()).toEqual(valued.sort());
    for (const command of READ_COMMANDS) expect(Object.keys(FLAGS)).toContain(command);
  });
});

describe("the read bundle runs what it is sent as the whole CLI does", () => {
  // Which of dist/'s bundles the process loaded, from a preload that lists them at exit.
  const preload = join(tempDir(), "bundles.cjs");
  writeFileSync(
    preload,
    `process.on("exit", () => require("node:fs").writeFileSync(process.env.BUNDLES_OUT,
      Object.keys(require.cache).filter((f) => /[\\\\/]dist[\\\\/]cli[^\\\\/]*\\.cjs$/.test(f))
        .map((f) => require("node:path").basename(f)).sort().join(" ")));\n`,
  );
  // The whole CLI, run without start.ts: what every line gave before there were two bundles.
  const whole = join(tempDir(), "whole.cjs");
  writeFileSync(whole, `require(${JSON.stringify(join(ROOT, "dist", "cli.cjs"))}).main();\n`);

  const configDir = tempDir();
  const deck = join(tempDir(), "deck.md");
  writeFileSync(deck, readFileSync(join(DATA, "04-networking.md")));
  const run = (entry: string[], args: string[]) => {
    const out = join(tempDir(), "loaded");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      K8S_QUIZ_CONFIG_DIR: configDir,
      BUNDLES_OUT: out,
      COLUMNS: "90",
    };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const r = spawnSync(process.execPath, ["-r", preload, ...entry, ...args], {
      cwd: ROOT,
      env,
      encoding: "utf8",
      timeout: 30_000,
    });
    let loaded = "";
    try {
      loaded = readFileSync(out, "utf8");
    } catch {}
    return { stdout: r.stdout, stderr: r.stderr, code: r.status, loaded };
  };

  beforeAll(() => {
    // Progress for stats and weak to show: a scripted practice, with wrong answers among the right.
    const r = spawnSync(
      process.execPath,
      [BIN, "practice", "-s", "networking", "-n", "6", "--seed", "3", "--mode", "recall", "--answers", "-"],
      {
        env: { ...process.env, K8S_QUIZ_CONFIG_DIR: configDir },
        input: "pods get IPs from the CNI plugin\nno idea\n\nservices balance traffic\nidk\nkube-proxy\n",
        encoding: "utf8",
      },
    );
    expect(r.stderr).not.toMatch(/unexpected error/);
  });

  const lines: string[][] = [
    ["--version"],
    ["--help"],
    ["-h"],
    ["--no-color", "sections"],
    ["sections", "--json"],
    ["sections", "--help"],
    ["sections", "--bogus"],
    ["list"],
    ["list", "-s", "networking", "--json"],
    ["list", "--deck", "{deck}"],
    ["show", "502"],
    ["show", "599"],
    ["show", "503", "--json"],
    ["search", "etcd"],
    ["search", "pod", "--limit", "2", "--json"],
    ["stats"],
    ["stats", "--json"],
    ["weak"],
    ["weak", "--json"],
    ["daily", "--reveal"],
    ["daily", "--reveal", "--json"],
    ["daily", "--mode", "recall", "--reveal", "--date", "2026-01-02"],
    ["daily", "--reveal", "--deck", "{deck}"],
    ["daily", "--hook"],
    ["daily", "--hook", "--json"],
    ["weak", "--reset"],
    ["weak", "--reset", "--yes"],
  ];
  it.each(lines)(
    "%j",
    async (...line) => {
      await clearOfMidnight();
      const args = line.map((a) => (a === "{deck}" ? deck : a));
      const read = run([BIN], args);
      const full = run([whole], args);
      // The bare hook into a pipe is answered by start.ts itself, before any bundle.
      expect(read.loaded).toBe(args.join(" ") === "daily --hook" ? "" : "cli-read.cjs");
      expect(read.stderr).not.toMatch(/not in dist\/cli-read\.cjs|unexpected error/);
      expect({ ...read, loaded: "" }).toEqual({ ...full, loaded: "" });
    },
    MIDNIGHT_TIMEOUT,
  );

  it("sends a session to the whole CLI", () => {
    const r = run([BIN], ["daily", "--dry-run", "--answers", "-"]);
    expect(r.loaded).toBe("cli.cjs");
    expect(r.stdout).toMatch(/#\d+/);
  });
});
