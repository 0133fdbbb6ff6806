import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localDay } from "../../src/core/dates.js";
import { hookStampFile } from "../../src/io/paths.js";
import { FdWriter, isTerminal } from "../../src/io/terminal/fd-writer.js";
import { CACHE_ROOM, compileCacheDir, hookHasNothingToShow, roomForCache } from "../../src/start.js";
import { BIN, ROOT, tempDir } from "../helpers/bin.js";
import { clearOfMidnight, MIDNIGHT_TIMEOUT } from "../helpers/clock.js";

const NOON = new Date(2026, 11, 1, 12);

describe("daily --hook decided before the CLI loads", () => {
  const configDir = () => {
    const dir = tempDir();
    return { dir, env: { K8S_QUIZ_CONFIG_DIR: dir } };
  };
  const tty = () => true;

  it("has nothing to show once today's stamp is there, and only for the bare hook", () => {
    const { dir, env } = configDir();
    expect(hookHasNothingToShow(["daily", "--hook"], env, tty, NOON)).toBe(false);
    writeFileSync(hookStampFile(dir), `${localDay(NOON)}\n`);
    expect(hookHasNothingToShow(["daily", "--hook"], env, tty, NOON)).toBe(true);
    // Another day, another flag, another command: the CLI decides.
    expect(hookHasNothingToShow(["daily", "--hook"], env, tty, new Date(2026, 11, 2, 12))).toBe(false);
    expect(hookHasNothingToShow(["daily", "--hook", "--date", "2026-12-01"], env, tty, NOON)).toBe(false);
    expect(hookHasNothingToShow(["daily"], env, tty, NOON)).toBe(false);
  });

  it("has nothing to show into a pipe or a file, stamp or not", () => {
    const { env } = configDir();
    expect(hookHasNothingToShow(["daily", "--hook"], env, () => false, NOON)).toBe(true);
  });

  it(
    "is written by the hook that showed today's question, in a real terminal",
    async () => {
      await clearOfMidnight();
      const { spawnPty } = await import("../helpers/pty.js");
      const { dir } = configDir();
      const first = spawnPty(["daily", "--hook"], { configDir: dir });
      expect((await first.exit).exitCode).toBe(0);
      expect(first.text()).toContain("question of the day");
      expect(readFileSync(hookStampFile(dir), "utf8").trim()).toBe(localDay(new Date()));
      // The next shell of the day: silent, and the CLI bundle is never loaded (it would log the
      // compile cache being read; the stamp alone decides).
      const again = spawnPty(["daily", "--hook"], {
        configDir: dir,
        env: { NODE_DEBUG_NATIVE: "COMPILE_CACHE" },
      });
      expect((await again.exit).exitCode).toBe(0);
      expect(again.text().replace(/\s/g, "")).toBe("");
    },
    MIDNIGHT_TIMEOUT,
  );
});

describe("Node's compile cache", () => {
  it("lives in the user's cache folder, or where NODE_COMPILE_CACHE says", () => {
    expect(compileCacheDir({ K8S_QUIZ_CONFIG_DIR: "/tmp/k" })).toBe("/tmp/k/cache/compile");
    expect(compileCacheDir({ K8S_QUIZ_CONFIG_DIR: "/tmp/k", NODE_COMPILE_CACHE: "/tmp/cc" })).toBe("/tmp/cc");
  });

  it("is left off on a disk with less than CACHE_ROOM free, asking the nearest folder that exists", () => {
    const asked: string[] = [];
    const disk = (free: number) => (path: string) => {
      asked.push(path);
      if (path !== "/home/u") throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
      return { bavail: free / 4096, bsize: 4096 } as import("node:fs").StatsFs;
    };
    expect(roomForCache("/home/u/.cache/k8s-quiz/compile", disk(CACHE_ROOM))).toBe(true);
    expect(asked).toEqual([
      "/home/u/.cache/k8s-quiz/compile",
      "/home/u/.cache/k8s-quiz",
      "/home/u/.cache",
      "/home/u",
    ]);
    expect(roomForCache("/home/u", disk(CACHE_ROOM - 4096))).toBe(false);
    // Nothing exists, or the disk can't be asked: no cache, rather than a guess.
    expect(roomForCache("/nowhere/at/all", disk(CACHE_ROOM))).toBe(false);
    const denied = () => {
      throw Object.assign(new Error("EACCES"), { code: "EACCES" });
    };
    expect(roomForCache("/home/u", denied)).toBe(false);
    expect(roomForCache(tempDir())).toBe(true);
  });

  it("is written under the cache folder, never inside the package, and reused by the next run", () => {
    const dir = tempDir();
    const env = { PATH: process.env.PATH, HOME: dir, K8S_QUIZ_CONFIG_DIR: dir };
    // One command of each bundle: the read-only one and the whole CLI (src/start.ts, bundleFor).
    const run = (command: string) =>
      spawnSync(process.execPath, [BIN, ...command.split(" ")], {
        encoding: "utf8",
        env: { ...env, NODE_DEBUG_NATIVE: "COMPILE_CACHE" },
      });
    expect(run("sections").status).toBe(0);
    expect(run("deck list").status).toBe(0);
    const cache = join(dir, "cache", "compile");
    expect(existsSync(cache)).toBe(true);
    expect(readdirSync(join(ROOT, "dist")).some((f) => f.includes("cache"))).toBe(false);
    const second = run("sections");
    expect(second.status).toBe(0);
    expect(second.stderr).toMatch(/dist\/cli-read\.cjs was accepted/);
    const whole = run("deck list");
    expect(whole.status).toBe(0);
    expect(whole.stderr).toMatch(/dist\/cli\.cjs was accepted/);
  });

  it("does without it where the cache folder cannot be made: the command still works", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "cache"), { recursive: true });
    const r = spawnSync(process.execPath, [BIN, "sections"], {
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        K8S_QUIZ_CONFIG_DIR: dir,
        NODE_COMPILE_CACHE: "/etc/passwd/not-a-folder",
      },
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("networking");
  });
});

describe("output to a pipe or a file without Node's stream layer", () => {
  it("writes everything, in order, and tells a terminal from a file", () => {
    const file = join(tempDir(), "out.txt");
    writeFileSync(file, "");
    const fd = openSync(file, "w");
    const w = new FdWriter(fd);
    const big = "x".repeat(200_000);
    w.write("one\n");
    w.write(Buffer.from("two\n"));
    w.write(big);
    closeSync(fd);
    expect(readFileSync(file, "utf8")).toBe(`one\ntwo\n${big}`);
    expect(isTerminal(fd)).toBe(false);
    expect(w.isTTY).toBe(false);
  });

  it("emits a failed write once as 'error' and drops the rest", async () => {
    const w = new FdWriter(openSync("/dev/full", "w"));
    const errors: NodeJS.ErrnoException[] = [];
    w.on("error", (e) => errors.push(e));
    w.write("a");
    w.write("b");
    await new Promise((r) => setTimeout(r, 10));
    expect(errors.map((e) => e.code)).toEqual(["ENOSPC"]);
  });

  it("ends quietly with 0 when the reader of a pipe stops early", () => {
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" list | head -1`], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, K8S_QUIZ_CONFIG_DIR: tempDir() },
    });
    expect(r.stdout.split("\n")[0]).toContain("Kubernetes Internals");
    expect(r.stderr).toBe("");
  });
});

describe("an unsupported Node", () => {
  it("is told in one line which Node it needs", async () => {
    const { supportedNode } = await import("../../src/start.js");
    expect(["20.20.2", "22.12.0", "21.7.3"].map(supportedNode)).toEqual([false, false, false]);
    expect(["22.13.0", "22.23.5", "24.22.3", "26.0.0"].map(supportedNode)).toEqual([true, true, true, true]);
  });
});
