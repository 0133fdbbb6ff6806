import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/io/store/store.js";
import { progressOf, type RunResult, startBin, tempDir } from "../helpers/bin.js";
import { loadDeck, loadSession } from "../helpers/load-deck.js";

// Issue 9: "Two scripted sessions of 100 answers each, started together, leave 200 recorded attempts."
// The bundled bank has 50 questions, so each process answers a generated deck of 100 in flash mode.

const COUNT = 100;

/** Runs the built bin with `input` on stdin, without waiting for it (spawnSync would run two one after the other). */
async function start(args: string[], configDir: string, input: string): Promise<RunResult> {
  const run = startBin(args, configDir);
  run.child.stdin.end(input);
  const { code } = await run.closed;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

interface Progress {
  attempts: number;
}

describe("two sessions at once against one config file", () => {
  it("two scripted sessions of 100 answers each leave 200 recorded attempts", async () => {
    const work = tempDir("k8s-quiz-robust-");
    const deck = loadDeck(work, COUNT);
    const configDir = join(work, "config");
    const args = (seed: number) =>
      ["practice", "--deck", deck, "--section", "load-test", "-n", String(COUNT), "--mode", "flash"].concat(
        "--seed",
        String(seed),
      );
    // Different seeds: the two sessions walk the deck in different orders and collide on the same questions.
    // Different grades: the history shows whose answer is whose.
    const [a, b] = await Promise.all([
      start(args(1), configDir, "good\n".repeat(COUNT)),
      start(args(2), configDir, "easy\n".repeat(COUNT)),
    ]);

    for (const r of [a, b]) {
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Score: ${COUNT}/${COUNT} (100%)`);
    }
    const config = progressOf(configDir);
    const progress = Object.entries(config.questions as Record<string, Progress>).filter(([id]) =>
      id.startsWith("load:"),
    );
    expect(config.history).toHaveLength(2 * COUNT);
    const grades: string[] = config.history.map((h: { grade: string }) => h.grade);
    expect(grades.filter((g) => g === "good")).toHaveLength(COUNT);
    expect(grades.filter((g) => g === "easy")).toHaveLength(COUNT);
    // The saves really interleaved, so the lock was exercised (one after the other would switch once).
    const switches = grades.filter((g, i) => i > 0 && g !== grades[i - 1]).length;
    expect(switches).toBeGreaterThan(1);
    expect(progress.reduce((n, [, p]) => n + p.attempts, 0)).toBe(2 * COUNT);
    // Every question was answered once by each process.
    expect(progress).toHaveLength(COUNT);
    expect(progress.every(([, p]) => p.attempts === 2)).toBe(true);
    // No lock or temporary file is left behind (the deck index cache is a folder of its own).
    const files = readdirSync(configDir).filter((f) => f !== "cache");
    expect(files).toContain("progress.db");
    expect(files.filter((f) => !/^(config\.json|progress\.db(-wal|-shm)?)$/.test(f))).toEqual([]);
    expect(readdirSync(join(configDir, "cache")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 30_000);

  it("three sessions at once on a file with existing progress keep it and add every answer", async () => {
    const work = tempDir("k8s-quiz-robust-");
    const deck = loadDeck(work, COUNT);
    const configDir = join(work, "config");
    const before = { attempts: 9, correct: 9, lastAnswered: 1, lastResult: 1, recent: [1, 1, 1, 1, 1] };
    mkdirSync(configDir, { recursive: true });
    writeFileSync(
      join(configDir, "config.json"),
      JSON.stringify({ schemaVersion: 1, questions: { "502": before } }),
    );
    const n = 30;
    const runs = await Promise.all(
      [1, 2, 3].map((seed) => start(loadSession(deck, seed, n), configDir, "hard\n".repeat(n))),
    );
    for (const r of runs) expect(r.code).toBe(0);
    const config = progressOf(configDir);
    expect(config.questions["502"]).toMatchObject({ attempts: 9, correct: 9 });
    expect(config.history).toHaveLength(3 * n);
    const attempts = Object.entries(config.questions as Record<string, Progress>)
      .filter(([id]) => id.startsWith("load:"))
      .reduce((sum, [, p]) => sum + p.attempts, 0);
    expect(attempts).toBe(3 * n);
  }, 30_000);
});

describe("eight sessions at once on a big progress database (issue 15)", () => {
  it("8 sessions of 50 answers with 30,000 questions in progress: 400/400 recorded, none unsaved", async () => {
    const work = tempDir("k8s-quiz-robust-");
    const deck = loadDeck(work, 50);
    const configDir = join(work, "config");
    // 30,000 questions already in progress, put in the way a user would: an import.
    const store = openStore(configDir, () => {});
    const log = Array.from({ length: 30_000 }, (_, i) => ({
      id: `old:${i}`,
      at: Date.UTC(2026, 0, 1) + i * 1000,
      score: 1,
      grade: "good" as const,
      mode: "flash" as const,
      section: "old",
      topics: ["old"],
      scheduled: true,
    }));
    await store.importProgress({ log, baselines: {} });
    const runs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        start(loadSession(deck, i + 1, 50), configDir, "good\n".repeat(50)),
      ),
    );
    for (const r of runs) {
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("Score: 50/50 (100%)");
    }
    const { questions, history } = progressOf(configDir);
    const load = Object.entries(questions as Record<string, Progress>).filter(([id]) =>
      id.startsWith("load:"),
    );
    expect(load.reduce((n, [, p]) => n + p.attempts, 0)).toBe(400);
    expect(history.filter((h) => String(h.id).startsWith("load:"))).toHaveLength(400);
    expect(Object.keys(questions)).toHaveLength(30_050);
  }, 180_000);
});
