import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, configOf, lines, ROOT, STACK, tempDir } from "../helpers/bin.js";

// Output that goes away: a reader that closes the pipe early, a disk that is full. A listing ends
// quietly; a session keeps every answer and its own exit code.

/** Runs `k8s-quiz <args> <redirect>` in bash; the exit code is k8s-quiz's, not the pipe's last command. */
function shell(args: string[], redirect: string, configDir: string) {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const r = spawnSync("bash", ["-c", `${quoted} ${redirect}; exit \${PIPESTATUS[0]}`], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, K8S_QUIZ_CONFIG_DIR: configDir, NO_COLOR: "1" },
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function answersFile(n: number): string {
  const file = join(tempDir(), "answers.txt");
  writeFileSync(file, "a\n".repeat(n));
  return file;
}

const session = (answers: string) => [
  ...["practice", "-s", "networking", "-n", "10", "--seed", "4", "--answers", answers],
];

describe("a reader that closes the pipe early", () => {
  it("ends a listing quietly with 0", () => {
    const r = shell(["list"], "| head -1", tempDir());
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Kubernetes Internals & Architecture (internals)\n");
    expect(r.stderr).toBe("");
  });

  it("still saves every answer of a session, and keeps its exit code", () => {
    const dir = tempDir();
    const r = shell([...session(answersFile(10)), "--fail-under", "100"], "| head -1", dir);
    // All "a": not every answer is right, so --fail-under 100 is missed.
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(STACK);
    expect(configOf(dir).history).toHaveLength(10);
    expect(existsSync(join(dir, "config.json.lock"))).toBe(false);
  });
});

describe.skipIf(!existsSync("/dev/full"))("a full disk (/dev/full)", () => {
  it("is one line on stderr and exit 1 for a command's output", () => {
    const r = shell(["sections"], "> /dev/full", tempDir());
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("k8s-quiz: cannot write the output: no space left on the device (ENOSPC)\n");
  });

  it("loses no answer of a session, which then ends with 1", () => {
    const dir = tempDir();
    const r = shell(session(answersFile(3)), "> /dev/full", dir);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK);
    expect(lines(r.stderr)).toEqual([
      "k8s-quiz: cannot write the output: no space left on the device (ENOSPC)",
    ]);
    expect(configOf(dir).history).toHaveLength(3);
  });
});
