import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { progressOf, runBin, startBin, tempDir } from "../helpers/bin.js";
import { loadDeck } from "../helpers/load-deck.js";

// Issue 17: an exam's reviewed grades and the letting go of its held answers are one transaction.
// Killed with SIGKILL around that commit, the exam is either wholly saved or wholly still held, and
// the next exam saves what was held once: no answer twice, none lost.

const N = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("SIGKILL around an exam's commit", () => {
  it("leaves all its answers saved or all still held, and the next exam saves them exactly once", async () => {
    const work = tempDir("k8s-quiz-exam-kill-");
    const deck = loadDeck(work, N);
    const exam = (seed: number, n: number) => [
      "exam",
      "--deck",
      deck,
      "-s",
      "load-test",
      "-n",
      String(n),
      "--minutes",
      "60",
      "--seed",
      String(seed),
    ];
    // Delays after the last line before the commit: on this project's 2-core machine the first
    // ones land before the commit ends and the last ones after it, so both sides are exercised.
    for (const [round, delay] of [0, 2, 5, 10, 20].entries()) {
      const configDir = join(work, `config-${round}`);
      const run = startBin(exam(round + 1, N), configDir);
      run.child.stdin.on("error", () => {});
      run.child.stdin.end(`${Array.from({ length: N }, (_, i) => `term${i + 1}`).join("\n")}\n`);
      // The line printed just before the commit starts.
      while (!run.stdout().includes("Grades saved as suggested")) {
        if (run.child.exitCode !== null) break;
        await sleep(1);
      }
      await sleep(delay);
      run.child.kill("SIGKILL");
      await run.closed;

      const p = progressOf(configDir);
      const held = p.pendingExam?.answers.length ?? 0;
      // All or nothing, whichever side of the commit the kill fell on.
      expect([held, p.history.length].sort((a, b) => a - b)).toEqual([0, N]);

      // The next exam saves a leftover once, and never one that was saved already.
      const next = runBin(exam(99, 1), { configDir, input: "term1\n" });
      expect(next.code).toBe(0);
      const after = progressOf(configDir);
      expect(after.pendingExam).toBeUndefined();
      expect(after.history).toHaveLength(N + 1);
      const moments = after.history.map((h: { id: string; at: number }) => `${h.id}@${h.at}`);
      expect(new Set(moments).size).toBe(moments.length);
    }
  }, 120_000);
});
