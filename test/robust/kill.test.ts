import { execFileSync } from "node:child_process";
import {
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { progressOf, type Running, STACK, startBin, tempDir } from "../helpers/bin.js";
import { loadDeck, loadSession } from "../helpers/load-deck.js";

// Issue 9, "Killed at any moment": SIGINT / SIGTERM print the summary, save and exit 130 / 143;
// SIGKILL loses at most the answer in flight and never leaves a half-written file.

const COUNT = 100;

/** The built bin, started and not waited for. */
function start(args: string[], configDir: string): Running {
  const run = startBin(args, configDir);
  // A killed process leaves the pipe closed under a pending write: that is expected here.
  run.child.stdin.on("error", () => {});
  return run;
}

/** A new folder with the load deck in it, and the config folder to use beside it. */
function freshWork() {
  const work = tempDir("k8s-quiz-robust-");
  return { work, deck: loadDeck(work, COUNT), configDir: join(work, "config") };
}

/** The signals that stop a session, and the exit code each gives. */
const SIGNALS = [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Verdict lines of the scripted transcript: printed when an answer is graded, just before it is saved. */
const confirmed = (stdout: string) => (stdout.match(/^> grade \w+$/gm) ?? []).length;

function loadAttempts(configDir: string): number {
  // The property under test: whatever moment the process died at, the database opens and reads.
  const state = progressOf(configDir) as { questions: Record<string, { attempts: number }> };
  return Object.entries(state.questions)
    .filter(([id]) => id.startsWith("load:"))
    .reduce((n, [, p]) => n + p.attempts, 0);
}

/** Progress that makes each save write about half a megabyte, so a kill often lands mid-write. */
function bulkyState() {
  const questions: Record<string, unknown> = {};
  const history: unknown[] = [];
  for (let i = 0; i < 3000; i++) {
    questions[`bulk:${i}`] = { attempts: 1, correct: 1, lastAnswered: i, lastResult: 1, recent: [1] };
    history.push({
      id: `bulk:${i}`,
      at: i,
      score: 1,
      grade: "good",
      mode: "flash",
      section: "bulk",
      topics: ["bulk"],
    });
  }
  return { schemaVersion: 1, questions, history };
}

describe("SIGKILL at any moment", () => {
  it("kill -9 in a loop during saves: the file always parses and at most the answer in flight is lost", async () => {
    const work = tempDir("k8s-quiz-robust-");
    // Long enough that no session can finish before its kill: answers come no faster than one per
    // 4 ms, so 400 of them take at least 1.6 s, and the kill lands at most 0.4 s in. With 100, a quiet
    // machine (SQLite saves are quick) sometimes answered them all first, and nothing was killed.
    const LONG = 400;
    const deck = loadDeck(work, LONG);
    const configDir = join(work, "config");
    mkdirSync(configDir);
    writeFileSync(join(configDir, "config.json"), JSON.stringify(bulkyState()));
    let recorded = loadAttempts(configDir);
    let killedWithAnswersSaved = 0;

    // Issue 15 asks for 50 kills.
    for (let i = 0; i < 50; i++) {
      const run = start(loadSession(deck, i, LONG), configDir);
      // A slow script: one answer every few milliseconds, so saves are going on when the kill lands.
      const feed = setInterval(() => run.child.stdin.write("good\n"), 4);
      // Count the delay from the first question, so a slow start-up on a busy machine doesn't eat it.
      const deadline = Date.now() + 10_000;
      while (!run.stdout().includes("[1/") && Date.now() < deadline) await sleep(2);
      await sleep(20 + ((i * 131) % 381));
      run.child.kill("SIGKILL");
      clearInterval(feed);
      const { signal } = await run.closed;
      expect(signal).toBe("SIGKILL");

      const now = loadAttempts(configDir);
      const saved = now - recorded;
      const told = confirmed(run.stdout());
      // Each verdict line comes just before its save, so the one in flight may be missing, no more.
      expect(saved, `iteration ${i}: ${told} answers graded, ${saved} saved`).toBeGreaterThanOrEqual(
        told - 1,
      );
      expect(saved).toBeLessThanOrEqual(told);
      if (saved > 0) killedWithAnswersSaved++;
      recorded = now;
      // A process killed while holding the save lock leaves it behind; it goes stale after a few seconds.
      // Remove it so the next iteration stresses writes rather than waiting that out (tested below).
      rmSync(join(configDir, "config.json.lock"), { recursive: true, force: true });
    }
    // The loop really killed sessions that were saving, not only ones still starting up.
    expect(killedWithAnswersSaved).toBeGreaterThanOrEqual(3);
    // No full-size temporary copies are left behind by the kills.
    expect(readdirSync(configDir).filter((f) => f.includes(".tmp-") || f.includes(".new-"))).toEqual([]);
    const state = progressOf(configDir);
    // The bulk progress written before the loop is intact.
    expect(Object.keys(state.questions).filter((k) => k.startsWith("bulk:"))).toHaveLength(3000);
  }, 120_000);

  it("a save lock left behind by a killed process does not lose the next session's answers", async () => {
    const { deck, configDir } = freshWork();
    mkdirSync(configDir);
    // What proper-lockfile leaves when its holder dies mid-save: the lock directory next to the file.
    mkdirSync(join(configDir, "config.json.lock"));
    const run = start(loadSession(deck, 1, 3), configDir);
    run.child.stdin.end("good\ngood\ngood\n");
    const { code } = await run.closed;
    expect(run.stderr()).not.toMatch(STACK);
    expect(code).toBe(0);
    expect(loadAttempts(configDir)).toBe(3);
  }, 20_000);
});

describe("SIGINT and SIGTERM to a scripted session", () => {
  it.each(SIGNALS)("%s: prints the summary, keeps every answer and exits %i", async (signal, exitCode) => {
    const { deck, configDir } = freshWork();
    const run = start(loadSession(deck, 1, 10), configDir);
    // Three answers, then the script goes quiet with stdin still open: the session waits for the 4th.
    run.child.stdin.write("good\nhard\ngood\n");
    const deadline = Date.now() + 10_000;
    while (!run.stdout().includes("[4/10]") && Date.now() < deadline) await sleep(10);
    expect(confirmed(run.stdout())).toBe(3);
    // Let the third answer's save finish before the signal arrives.
    await sleep(100);
    run.child.kill(signal);
    const { code } = await run.closed;

    expect(code).toBe(exitCode);
    expect(run.stderr()).not.toMatch(STACK);
    expect(run.stdout()).toMatch(/Score: 2\.5\/3 \([\d.]+%\) \(stopped early\)/);
    expect(run.stdout()).toMatch(/^3 answers saved\.$/m);
    const state = progressOf(configDir);
    expect(state.history).toHaveLength(3);
    expect(loadAttempts(configDir)).toBe(3);
  });

  it.each(SIGNALS)(
    "%s with --answers a FIFO whose writer stays open: it still exits",
    async (signal, exitCode) => {
      // Read through fs, the FIFO's pending read held one of libuv's threads, and Node's exit waited
      // for it: the process lived on until the writer closed (src/io/script/answers.ts).
      const { work, deck, configDir } = freshWork();
      const fifo = join(work, "answers.fifo");
      execFileSync("mkfifo", [fifo]);
      const run = start([...loadSession(deck, 3, 10), "--answers", fifo], configDir);
      // Opened for writing once the session has it open for reading (until then: ENXIO).
      let writer = -1;
      for (const deadline = Date.now() + 10_000; writer < 0 && Date.now() < deadline; ) {
        try {
          writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
        } catch {
          await sleep(20);
        }
      }
      expect(writer).toBeGreaterThanOrEqual(0);
      try {
        writeSync(writer, "good\n");
        const deadline = Date.now() + 10_000;
        while (!run.stdout().includes("[2/10]") && Date.now() < deadline) await sleep(10);
        await sleep(100);
        run.child.kill(signal);
        // The writer is still open: the session must end without it closing.
        const { code } = await run.closed;
        expect(code).toBe(exitCode);
        expect(loadAttempts(configDir)).toBe(1);
      } finally {
        closeSync(writer);
      }
    },
  );

  it.each(SIGNALS)(
    "%s in the middle of a run of saves: the summary, and every answer it counts is saved",
    async (signal, exitCode) => {
      const { deck, configDir } = freshWork();
      const run = start(loadSession(deck, 2, COUNT), configDir);
      // Answers arrive faster than they are saved, so the signal lands while a save is under way.
      run.child.stdin.write("good\n".repeat(COUNT / 2));
      const deadline = Date.now() + 10_000;
      while (confirmed(run.stdout()) < 10 && Date.now() < deadline) await sleep(5);
      run.child.kill(signal);
      const { code } = await run.closed;
      expect(code).toBe(exitCode);
      expect(run.stderr()).not.toMatch(STACK);
      expect(run.stdout()).toMatch(/\(stopped early\)/);
      const answered = Number(/Score: [\d.]+\/(\d+)/.exec(run.stdout())?.[1]);
      expect(answered).toBeGreaterThanOrEqual(10);
      // Every answer the summary counts is in the file, and the summary says they are saved.
      expect(loadAttempts(configDir)).toBe(answered);
      expect(run.stdout()).toContain(`${answered} answers saved.`);
    },
  );
});
