import { describe, expect, it } from "vitest";
import { configOf, tempDir } from "../helpers/bin.js";
import { KEY, spawnPtyPerTest } from "../helpers/pty.js";

// A session left running after its test (a failed wait) is ended through its own handle.
const spawnPty = spawnPtyPerTest();

// A mock interview in a real pseudo-terminal whose time runs out: --minutes 0.1 is six seconds.

interface Config {
  history: { id: string; mode: string }[];
}

describe("exam in a pseudo-terminal", () => {
  it("reports after the time runs out, counting the unanswered as missed", async () => {
    const dir = tempDir();
    const s = spawnPty(["exam", "-n", "3", "--minutes", "0.1", "--seed", "2", "-s", "networking"], {
      configDir: dir,
    });
    await s.waitFor("Your answer");
    // One clock, in the status line; it counts down while the question waits.
    expect(s.text()).toMatch(/\[1\/3 · \d+:\d\d left\]/);
    expect(s.text()).not.toMatch(/Your answer · \d/);
    const shown = Number(/\[1\/3 · 0:0(\d) left\]/.exec(s.text())?.[1]);
    expect(shown).toBeGreaterThanOrEqual(2);
    await s.waitFor(`[1/3 · 0:0${shown - 1} left]`);
    s.write("cni plugins wire pod networking");
    s.write(KEY.enter);
    // The hint loses its "empty for I don't know" once a line is in.
    await s.waitFor("(Enter on an empty line to finish)");
    s.write(KEY.enter);
    await s.waitFor("[2/3");
    const second = s.text().indexOf("[2/3");
    expect(s.text().slice(second)).toMatch(/^\[2\/3 · \d+:\d\d left\]/);
    // No feedback between questions in an exam.
    expect(s.text().slice(0, second)).not.toContain("Reference answer");
    expect(s.text().slice(0, second)).not.toMatch(/Key points: \d/);

    // Now wait, without answering, for the clock to run out.
    await s.waitFor("Time is up", second, 12_000);
    const { exitCode } = await s.exit;
    const screen = s.text();
    expect(exitCode).toBe(0);
    expect(screen).toContain("Time is up: 2 unanswered questions count as missed.");
    expect(screen).toMatch(/Report card: [\d.]+\/3 \([\d.]+%\)/);
    // The reference comes with the report card, after it: for the one answered question.
    expect(screen.slice(0, screen.indexOf("Report card:"))).not.toContain("Reference answer");
    expect(screen.slice(screen.indexOf("Report card:")).match(/Reference answer:/g)).toHaveLength(1);
    expect(screen).toMatch(/Time used: 0:0\d of 0\.1 minutes/);
    expect(screen).not.toContain("[3/3");
    // The last frame of the clock reads 0:00.
    expect(screen).toContain("0:00 left");
    expect(screen).not.toMatch(/^\s+at /m);

    const history = configOf<Config>(dir).history;
    expect(history).toHaveLength(1);
    expect(history[0]?.mode).toBe("recall");
  }, 25_000);

  it("scores what was typed for the question on screen when the time runs out", async () => {
    const dir = tempDir();
    const s = spawnPty(["exam", "-n", "2", "--minutes", "0.05", "--seed", "2", "-s", "networking"], {
      configDir: dir,
    });
    await s.waitFor("Your answer");
    // A line entered and a second one still being typed: both are the answer.
    s.write("cni plugins wire pod networking");
    s.write(KEY.enter);
    await s.waitFor("(Enter on an empty line to finish)");
    s.write("via veth pairs");
    await s.waitFor("Time is up", 0, 10_000);
    expect((await s.exit).exitCode).toBe(0);
    expect(s.text()).toContain("Time is up: 1 unanswered question counts as missed.");
    const history = configOf<Config>(dir).history;
    expect(history).toHaveLength(1);
    expect(history[0]?.mode).toBe("recall");
  }, 20_000);
});
