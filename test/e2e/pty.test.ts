import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configOf, tempDir } from "../helpers/bin.js";
import { declineRetryAndExit, goOnTo, KEY, spawnPty } from "../helpers/pty.js";

describe("the built binary in a real pseudo-terminal", () => {
  it("runs a 3-question session with arrow keys and Enter", async () => {
    const dir = tempDir();
    const s = spawnPty(["practice", "--section", "internals", "--count", "3", "--seed", "5"], {
      configDir: dir,
    });
    for (let i = 1; i <= 3; i++) {
      await s.waitFor(`[${i}/3`);
      await s.waitFor("Your answer", s.text().lastIndexOf(`[${i}/3`));
      const from = s.text().length;
      s.write(KEY.down);
      s.write(KEY.down);
      s.write(KEY.enter);
      await goOnTo(s, i < 3 ? `[${i + 1}/3` : "Score:", from);
    }
    const config = configOf(dir);
    expect(config.history).toHaveLength(3);
    // Two downs from the first option always lands on c: the answered line shows it, with its text.
    expect(s.text().match(/Your answer: c\) \w/g)).toHaveLength(3);
    expect(await declineRetryAndExit(s)).toBe(0);
    expect(s.text()).toMatch(/Score: \d(\.5)?\/3/);
  });

  it("saves the first answer and exits 130 on Ctrl+C at the second question", async () => {
    const dir = tempDir();
    const s = spawnPty(["practice", "-s", "networking", "-n", "3", "--seed", "2"], { configDir: dir });
    await s.waitFor("Your answer");
    s.write(KEY.enter);
    await goOnTo(s, "[2/3");
    await s.waitFor("Your answer", s.text().indexOf("[2/3"));
    s.write(KEY.ctrlC);
    const { exitCode } = await s.exit;
    expect(exitCode).toBe(130);
    expect(s.text()).toContain("(stopped early)");
    // It says that the answer given is kept.
    expect(s.text()).toMatch(/^1 answer saved\.\s*$/m);
    expect(s.text()).not.toMatch(/^\s+at /m);
    const config = configOf(dir);
    expect(config.history).toHaveLength(1);
    expect(Object.values(config.questions)).toHaveLength(1);
  });

  it("with --json and stdout redirected, prompts on the terminal and writes only JSON to the file", async () => {
    const dir = tempDir();
    const file = join(dir, "out.json");
    const s = spawnPty(["practice", "-s", "mesh", "-n", "1", "--seed", "3", "--json"], {
      configDir: dir,
      stdoutTo: file,
    });
    await s.waitFor("a–d or 1–4 to pick, Enter to answer");
    s.write("2");
    s.write(KEY.enter);
    expect(await declineRetryAndExit(s)).toBe(0);
    const doc = JSON.parse(readFileSync(file, "utf8"));
    expect(doc.questions).toHaveLength(1);
    expect(doc.questions[0].given).toBe("b");
    expect(configOf(dir).history).toHaveLength(1);
  });

  it("shows every option whole in a narrow terminal, continuation lines under the option's text", async () => {
    // At 50 columns the four options of #510 take 14 lines: more than a fixed page of 12.
    const s = spawnPty(["practice", "-s", "internals", "-n", "1", "--seed", "3"], {
      configDir: tempDir(),
      cols: 50,
    });
    await s.waitFor("Enter to answer");
    const screen = s.text();
    expect(screen).toContain("#510");
    expect(screen).toContain("permanently as an audit record");
    expect(screen).toMatch(/^ {2}d\) It blocks hard deletion: the object is\r?\n {5}hidden/m);
    s.pty.kill();
  });

  it("show in colour at 50 columns: a wrapped list item and the note keep their indent", async () => {
    const s = spawnPty(["show", "543"], { configDir: tempDir(), cols: 50 });
    expect((await s.exit).exitCode).toBe(0);
    const lines = s.text().split(/\r?\n/);
    const item = lines.findIndex((l) => l.startsWith("  * Features: mTLS, Retries, Circuit Breaking,"));
    expect(item).toBeGreaterThan(0);
    expect(lines[item + 1]).toBe("    Canary Splitting, Tracing.");
    const note = lines.findIndex((l) => l.startsWith("Note: Since Istio 1.24"));
    expect(lines[note + 1]).toMatch(/^ {6}\S/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(50);
  });

  it.each([
    ["FORCE_COLOR=0", { FORCE_COLOR: "0" }, false],
    ["NO_COLOR=1", { NO_COLOR: "1" }, false],
    ["nothing set", {}, true],
  ])("show in a terminal with %s: colour %s", async (_name, env, coloured) => {
    const s = spawnPty(["show", "502"], { configDir: tempDir(), env });
    let raw = "";
    s.pty.onData((d) => {
      raw += d;
    });
    expect((await s.exit).exitCode).toBe(0);
    expect(raw).toContain("etcd");
    expect(raw.includes("\u001b[")).toBe(coloured);
  });

  it("show in colour at 50 columns: a wrapped block quote keeps its indent", async () => {
    const dir = tempDir();
    const deck = join(dir, "quote.md");
    writeFileSync(
      deck,
      "## Q\n\n### 1. Quote?\n\n> This is a long quoted line that will certainly need to wrap around at fifty columns wide.\n",
    );
    const s = spawnPty(["show", "quote:1", "--deck", deck], { configDir: dir, cols: 50 });
    expect((await s.exit).exitCode).toBe(0);
    const lines = s.text().split(/\r?\n/);
    const first = lines.findIndex((l) => l.startsWith("  This is a long quoted line"));
    expect(first).toBeGreaterThan(0);
    expect(lines[first + 1]).toMatch(/^ {2}\S/);
  });

  it("lays the next question out for a terminal resized mid-session", async () => {
    const s = spawnPty(["practice", "-s", "internals", "-n", "2", "--seed", "3"], {
      configDir: tempDir(),
      cols: 100,
    });
    await s.waitFor("Your answer");
    s.pty.resize(50, 40);
    s.write(KEY.enter);
    await goOnTo(s, "[2/2");
    await s.waitFor("Enter to answer", s.text().indexOf("[2/2"));
    const second = s.text().slice(s.text().indexOf("[2/2")).split(/\r?\n/);
    const options = second.filter((l) => /^[❯ ] [a-d]\) /.test(l));
    expect(options).toHaveLength(4);
    for (const l of second) expect(l.length).toBeLessThanOrEqual(50);
    s.pty.kill();
  });

  it("saves what was answered and exits 143 on SIGTERM", async () => {
    const dir = tempDir();
    const s = spawnPty(["practice", "-s", "operators", "-n", "3", "--seed", "9"], { configDir: dir });
    await s.waitFor("Your answer");
    s.write(KEY.enter);
    await goOnTo(s, "[2/3");
    await s.waitFor("Your answer", s.text().indexOf("[2/3"));
    s.pty.kill("SIGTERM");
    const { exitCode } = await s.exit;
    expect(exitCode).toBe(143);
    expect(configOf(dir).history).toHaveLength(1);
  });

  it("shows the daily hook once a day, and only to a terminal", async () => {
    const dir = tempDir();
    const first = spawnPty(["daily", "--hook", "--date", "2026-11-25"], { configDir: dir });
    expect((await first.exit).exitCode).toBe(0);
    expect(first.text()).toContain("question of the day");
    expect(first.text()).toContain("k8s-quiz daily");
    const lines = first.text().trim().split(/\r?\n/);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(existsSync(join(dir, "config.json"))).toBe(true);

    const again = spawnPty(["daily", "--hook", "--date", "2026-11-25"], { configDir: dir });
    expect((await again.exit).exitCode).toBe(0);
    expect(again.text().trim()).toBe("");

    const nextDay = spawnPty(["daily", "--hook", "--date", "2026-11-26"], { configDir: dir });
    expect((await nextDay.exit).exitCode).toBe(0);
    expect(nextDay.text()).toContain("question of the day");
  });
});
