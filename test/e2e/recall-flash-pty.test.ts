import { describe, expect, it } from "vitest";
import { configOf, tempDir } from "../helpers/bin.js";
import { declineRetryAndExit, KEY, spawnPtyPerTest } from "../helpers/pty.js";

// A session left running after its test (a failed wait) is ended through its own handle.
const spawnPty = spawnPtyPerTest();

// Recall and flash sessions in a real pseudo-terminal: typed answers, the grade prompt, the retry offer.

interface Config {
  history: { id: string; mode: string; grade: string; score: number }[];
}

const finish = declineRetryAndExit;

describe("recall in a pseudo-terminal", () => {
  it("scores two typed lines, shows the points and the answer, and saves the suggested grade", async () => {
    const dir = tempDir();
    // --seed 1 asks 508, "How does Kubernetes handle clock drift across nodes?" (3 key points).
    const s = spawnPty(["practice", "-s", "internals", "-n", "1", "--seed", "1", "--mode", "recall"], {
      configDir: dir,
    });
    await s.waitFor("Your answer");
    expect(s.text()).toContain("#508");
    s.write("run ntp on every node");
    s.write(KEY.enter);
    await s.waitFor("(Enter on an empty line to finish)");
    s.write("or tls certificates look expired");
    s.write(KEY.enter);
    // Entered lines are listed above the input line once Enter takes them.
    await s.waitFor(/look expired\r?\n/);
    s.write(KEY.enter);

    await s.waitFor(/Key points: \d+\/\d+/);
    await s.waitFor("Reference answer:");
    await s.waitFor(/Grade \(suggested: (again|hard|good|easy)\)/);
    const screen = s.text();
    const [, hit, total] = /Key points: (\d+)\/(\d+)/.exec(screen) ?? [];
    expect(Number(total)).toBe(3);
    expect(Number(hit)).toBe(2);
    expect(screen).toContain("✔ Run NTP on all nodes");
    expect(screen).toContain("✘ Nodes may go NotReady");
    const suggested = /Grade \(suggested: (\w+)\)/.exec(screen)?.[1];
    // Two points of three is Good: not the first choice, so Enter proves it was preselected.
    expect(suggested).toBe("good");
    const prompt = screen.slice(screen.lastIndexOf("Grade (suggested"));
    // One key grades; Enter takes the suggested grade, and the prompt says so.
    expect(prompt).toMatch(/1\/a Again.*2\/h Hard.*3\/g Good.*4\/e Easy/s);
    expect(prompt).toMatch(/Enter:\s+Good/);
    expect(prompt.indexOf("Reference answer:")).toBe(-1);
    expect(screen.indexOf("Reference answer:")).toBeLessThan(screen.lastIndexOf("Grade (suggested"));

    const before = s.text().length;
    s.write(KEY.enter);
    expect(await finish(s, before)).toBe(0);
    const [entry] = configOf<Config>(dir).history;
    expect(entry).toMatchObject({ id: "508", mode: "recall", grade: suggested });
  });
});

describe("flash in a pseudo-terminal", () => {
  it("reveals the answer on Enter and saves Easy given with one key", async () => {
    const dir = tempDir();
    const s = spawnPty(["practice", "-s", "networking", "-n", "1", "--seed", "3", "--mode", "flash"], {
      configDir: dir,
    });
    await s.waitFor("press Enter to see it");
    expect(s.text()).not.toContain("Reference answer:");
    s.write(KEY.enter);
    await s.waitFor("Reference answer:");
    await s.waitFor("How well did you know it?");
    await s.waitFor("4/e Easy", s.text().lastIndexOf("How well did you know it?"));
    const before = s.text().length;
    // No Enter: the key is the grade.
    s.write("e");
    expect(await finish(s, before)).toBe(0);
    const history = configOf<Config>(dir).history;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ mode: "flash", grade: "easy", score: 1 });
  });
});

describe("the retry offer", () => {
  it("ends with 130 on Ctrl+C, the missed answer already saved", async () => {
    const dir = tempDir();
    const s = spawnPty(["practice", "-s", "internals", "-n", "1", "--seed", "2", "--mode", "recall"], {
      configDir: dir,
    });
    await s.waitFor("Your answer");
    s.write(KEY.enter);
    await s.waitFor("Grade (suggested: again)");
    s.write(KEY.enter);
    await s.waitFor("Retry the one you missed?");
    s.write(KEY.ctrlC);
    const { exitCode } = await s.exit;
    expect(exitCode).toBe(130);
    expect(s.text()).not.toMatch(/^\s+at /m);
    expect(configOf<Config>(dir).history).toHaveLength(1);
  });

  it("asks the missed question again when accepted", async () => {
    const dir = tempDir();
    const s = spawnPty(["practice", "-s", "internals", "-n", "1", "--seed", "2", "--mode", "recall"], {
      configDir: dir,
    });
    await s.waitFor("Your answer");
    const id = /\[1\/1 [^\]]*\] · #(\d+)/.exec(s.text())?.[1];
    expect(id).toBeDefined();
    // An empty answer is "I don't know": Again, a miss.
    s.write(KEY.enter);
    await s.waitFor("Grade (suggested: again)");
    s.write(KEY.enter);
    await s.waitFor("Retry the one you missed?");
    const offer = s.text().length;
    s.write("y");
    s.write(KEY.enter);
    await s.waitFor(`] · #${id}`, offer);
    const retry = s.text().indexOf(`] · #${id}`, offer);
    await s.waitFor("Your answer", retry);
    s.write(KEY.enter);
    await s.waitFor("Grade (suggested: again)", retry);
    s.write(KEY.enter);
    await s.waitFor("Score:", retry);
    const { exitCode } = await s.exit;
    expect(exitCode).toBe(0);
    // One retry only: no second offer.
    expect(s.text().slice(retry)).not.toContain("Retry the");
    expect(configOf<Config>(dir).history.map((h) => h.id)).toEqual([id, id]);
  });
});
