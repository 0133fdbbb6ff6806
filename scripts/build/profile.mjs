// The build's sample runs: the built CLI run the way people start it most, under V8's coverage,
// to learn which functions the start-up path calls (scripts/build/eager.mjs marks those eager).
//
// Each run gets its own empty folders (no one's real progress, no compile cache), a fixed seed and
// width. What they choose only decides which functions are compiled early: it can make a run
// slower or faster, never different. A scripted run that fails fails the build (it is the built
// CLI, failing); the pseudo-terminal one, which depends on the machine, only warns.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The commands, in order: the scripted practice leaves answers behind for stats and sections. */
export const SAMPLE_RUNS = [
  ["--version"],
  ["--help"],
  ["sections"],
  ["list"],
  ["show", "502", "--no-color"],
  ["daily", "--reveal"],
  ["search", "etcd"],
  // A deck of one's own, twice: parsed and indexed the first time, read from its index after.
  ["list", "--deck", "{deck}"],
  ["list", "--deck", "{deck}"],
  ["practice", "-s", "networking", "-n", "3", "--seed", "1", "--answers", "{answers}"],
  ["review", "--limit", "2", "--seed", "1", "--dry-run", "--answers", "{answers}"],
  ["stats"],
  ["sections"],
];

/**
 * Runs the CLI at `root` for each sample (and, when @lydell/node-pty loads, up to the first
 * prompt of a practice session in a pseudo-terminal) and returns the coverage V8 recorded.
 */
export async function sampleCoverage(root, { node = process.execPath } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), "k8s-quiz-profile-"));
  try {
    const coverageDir = join(tmp, "coverage");
    const home = join(tmp, "home");
    mkdirSync(home);
    const answers = join(tmp, "answers.txt");
    writeFileSync(answers, "a\nb\nc\nd\n");
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: home,
      LANG: "C.UTF-8",
      COLUMNS: "100",
      TZ: "UTC",
      // No K8S_QUIZ_CONFIG_DIR: the folders are found as a user's are, from HOME (XDG), so the
      // functions that find them are among those marked.
      NODE_V8_COVERAGE: coverageDir,
      NODE_DISABLE_COMPILE_CACHE: "1",
    };
    const bin = join(root, "bin", "k8s-quiz.js");
    // A deck file of one's own: a copy of a bundled one, so that ids and sections are real.
    const deck = join(tmp, "deck.md");
    writeFileSync(deck, readFileSync(join(root, "data", "04-networking.md")));
    for (const sample of SAMPLE_RUNS) {
      const args = sample.map((a) => (a === "{answers}" ? answers : a === "{deck}" ? deck : a));
      const r = spawnSync(node, [bin, ...args], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      if (r.status !== 0) {
        throw new Error(
          `sample run \`k8s-quiz ${args.join(" ")}\` exited with ${r.status ?? r.signal}:\n${r.stderr}`,
        );
      }
    }
    try {
      await firstPrompt(node, bin, { ...env, TERM: "xterm-256color" });
    } catch (e) {
      // Only the prompts' speed depends on it: a warning, not a failed install.
      console.warn(`build: ${e.message}`);
    }
    return readdirSync(coverageDir).map((f) => JSON.parse(readFileSync(join(coverageDir, f), "utf8")));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A practice session in a pseudo-terminal, up to its first prompt, then Ctrl+C. */
async function firstPrompt(node, bin, env) {
  let pty;
  try {
    const mod = await import("@lydell/node-pty");
    pty = mod.default ?? mod;
  } catch {
    // Without it the prompts' functions are compiled lazily: slower to the first prompt, no more.
    console.warn("build: @lydell/node-pty did not load; the prompt's code is not marked eager");
    return;
  }
  await new Promise((resolve, reject) => {
    let out = "";
    let sent = false;
    const child = pty.spawn(node, [bin, "practice", "-s", "networking", "--seed", "1"], {
      name: "xterm-256color",
      cols: 100,
      rows: 30,
      env,
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the sample practice in a pseudo-terminal showed no prompt:\n${out.slice(-500)}`));
    }, 15_000);
    child.onData((data) => {
      out += data;
      // A key press first, so that the prompt's key handling runs too; then Ctrl+C ends it.
      if (!sent && out.includes("Your answer")) {
        sent = true;
        child.write("\x1b[B");
        setTimeout(() => child.write("\x03"), 100);
      }
    });
    child.onExit(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
