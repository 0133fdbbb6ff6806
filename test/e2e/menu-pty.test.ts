import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configOf, runBin, tempDir } from "../helpers/bin.js";
import { KEY, spawnPtyPerTest } from "../helpers/pty.js";

// A session left running after its test (a failed wait) is ended through its own handle.
const spawnPty = spawnPtyPerTest();

// Plain `k8s-quiz`: a menu in a terminal, the help without one.

const MENU = "What would you like to do?";
const ENTRIES = [
  "Practise by section",
  "Practise my weak topics",
  "Today's question",
  "Review what is due",
  "Stats",
  "Quit",
];

/** Moves the menu's cursor from the first entry down to `name` and picks it. */
const pick = (s: ReturnType<typeof spawnPty>, name: string) => {
  for (let i = 0; i < ENTRIES.indexOf(name); i++) s.write(KEY.down);
  s.write(KEY.enter);
};

describe("the menu in a pseudo-terminal", () => {
  it("shows every entry and exits 0 on Quit", async () => {
    const s = spawnPty([], { configDir: tempDir() });
    await s.waitFor(MENU);
    await s.waitFor("Quit");
    for (const e of ENTRIES) expect(s.text()).toContain(e);
    pick(s, "Quit");
    const { exitCode } = await s.exit;
    expect(exitCode).toBe(0);
    expect(s.text()).not.toMatch(/^\s+at /m);
  });

  it("leads into the daily question from Today's question", async () => {
    const dir = tempDir();
    const s = spawnPty([], { configDir: dir });
    await s.waitFor("Quit");
    pick(s, "Today's question");
    const after = s.text().length;
    await s.waitFor("What would you like to do? Today's question", after);
    await s.waitFor("Question 1/1", after);
    await s.waitFor("Your answer", after);
    // Answer whatever is first; the daily question then records the answer and the streak.
    s.write(KEY.enter);
    await s.waitFor("Streak: 1 day", after);
    const { exitCode } = await s.exit;
    expect(exitCode).toBe(0);
    const config = configOf<{ history: unknown[]; streak: { current: number } }>(dir);
    expect(config.history).toHaveLength(1);
    expect(config.streak.current).toBe(1);
  });

  it("leaves cleanly on Ctrl+C at the menu", async () => {
    const dir = tempDir();
    const s = spawnPty([], { configDir: dir });
    await s.waitFor("Quit");
    s.write(KEY.ctrlC);
    const { exitCode } = await s.exit;
    // menuCommand treats Ctrl+C at the menu as leaving it: 0 (130 would be defensible too).
    expect([0, 130]).toContain(exitCode);
    expect(exitCode).toBe(0);
    expect(s.text()).not.toMatch(/^\s+at /m);
    expect(s.text()).not.toMatch(/Error|bug/);
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });
});

describe("plain k8s-quiz without a terminal", () => {
  it("prints the help and exits 0", () => {
    const r = runBin([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: k8s-quiz [options] [command]");
    expect(r.stdout).toContain("practice");
    expect(r.stdout).not.toContain(MENU);
    expect(r.stderr).toBe("");
  });
});
