import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configOf, runBin, tempDir } from "../helpers/bin.js";
import { goOnTo, KEY, spawnPtyPerTest } from "../helpers/pty.js";

// A session left running after its test (a failed wait) is ended through its own handle.
const spawnPty = spawnPtyPerTest();

// Plain `k8s-quiz`: a home screen in a terminal, the help without one.

const MENU = "What would you like to do?";
const ENTRIES = [
  "Practise by section",
  "Practise my weak topics",
  "Today's question",
  "Review what is due",
  "Mock exam",
  "Search questions",
  "Stats",
  "Quit",
];

/** Moves the menu's cursor from the first entry down to `name` and picks it. */
const pick = (s: ReturnType<typeof spawnPty>, name: string) => {
  for (let i = 0; i < ENTRIES.indexOf(name); i++) s.write(KEY.down);
  s.write(KEY.enter);
};

describe("the home screen in a pseudo-terminal", () => {
  it("shows every entry, what is due, the streak and today's question, and exits 0 on Quit", async () => {
    const s = spawnPty([], { configDir: tempDir() });
    await s.waitFor(MENU);
    await s.waitFor("Quit");
    for (const e of ENTRIES) expect(s.text()).toContain(e);
    expect(s.text()).toContain("nothing due now · streak 0 days · today's question waiting");
    pick(s, "Quit");
    const { exitCode } = await s.exit;
    expect(exitCode).toBe(0);
    expect(s.text()).not.toMatch(/^\s+at /m);
  });

  it("comes back after today's question, which it then shows as done", async () => {
    const dir = tempDir();
    const s = spawnPty([], { configDir: dir });
    await s.waitFor("Quit");
    pick(s, "Today's question");
    const after = s.text().length;
    await s.waitFor("What would you like to do? Today's question", after);
    await s.waitFor("[1/1", after);
    await s.waitFor("Your answer", after);
    // Answer whatever is first; the daily question then records the answer and the streak.
    s.write(KEY.enter);
    await goOnTo(s, "Streak: 1 day", after);
    await s.waitFor("Press any key for the home screen", after);
    const back = s.text().length;
    s.write(" ");
    await s.waitFor("streak 1 day · today's question done ✔", back);
    await s.waitFor("Quit", back);
    const config = configOf<{ history: unknown[]; streak: { current: number } }>(dir);
    expect(config.history).toHaveLength(1);
    expect(config.streak.current).toBe(1);

    // Today's question again: its result, not the question a second time.
    pick(s, "Today's question");
    const again = s.text().length;
    await s.waitFor("Today's question is done", again);
    await s.waitFor("Practise more from", again);
    s.write("n");
    s.write(KEY.enter);
    await s.waitFor("Press any key for the home screen", again);
    const home = s.text().length;
    s.write(" ");
    await s.waitFor("Quit", home);
    expect(configOf<{ history: unknown[] }>(dir).history).toHaveLength(1);
    pick(s, "Quit");
    expect((await s.exit).exitCode).toBe(0);
  });

  it("runs Search from the home screen and comes back", async () => {
    const s = spawnPty([], { configDir: tempDir() });
    await s.waitFor("Quit");
    pick(s, "Search questions");
    await s.waitFor("Search for");
    s.write("etcd raft");
    s.write(KEY.enter);
    await s.waitFor("Press any key for the home screen");
    expect(s.text()).toMatch(/\b50\d\b/);
    const back = s.text().length;
    s.write(" ");
    await s.waitFor("Quit", back);
    pick(s, "Quit");
    expect((await s.exit).exitCode).toBe(0);
  });

  it("exits 130 on Ctrl+C at the home screen, like everywhere else", async () => {
    const dir = tempDir();
    const s = spawnPty([], { configDir: dir });
    await s.waitFor("Quit");
    s.write(KEY.ctrlC);
    const { exitCode } = await s.exit;
    expect(exitCode).toBe(130);
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
