// Start-up benchmark for k8s-quiz. Run with `npm run bench` (which builds first), or
// `node scripts/bench.mjs [--node PATH] [--runs N] [--warmup N] [--json] [--filter TEXT]` against an
// existing dist/.
//
// What is measured, and against what:
// - Node 24 by default (the primary target): this Node when it is 24, else ~/.node24's; --node PATH
//   measures any other binary. Every child, the baseline included, runs on that one binary.
// - A clean environment: each child gets only PATH, HOME, the locale and TERM (bench-lib.mjs says
//   which and why). NODE_EXTRA_CA_CERTS, NODE_OPTIONS and every other variable that changes Node's
//   own start-up are dropped, and the header names those that were set. On these machines
//   NODE_EXTRA_CA_CERTS alone triples a bare Node 20 start, which would flatter every ratio.
// - Every case is a ratio to a bare `node -e 0` measured in the same run (the pseudo-terminal cases
//   to `node -e 0` in a pseudo-terminal), except peak RSS (MiB) and the 10,000-question deck, which
//   is a ratio to the bundled `list`. Runs are interleaved round-robin (one run of every case per
//   round), so a machine that gets busier part-way through affects baseline and cases alike. The
//   first --warmup rounds are discarded; the table shows the median, min and max of the rest.
// - Config dirs: each case gets ONE prepared (initially empty) K8S_QUIZ_CONFIG_DIR reused for all
//   its runs, so the warm-up does the first-use work (config, Node's compile cache, the day's pick)
//   and the measured runs see the steady state: `daily --hook` in a terminal then takes the "already
//   shown today" path that every shell but the day's first takes. Keep --warmup >= 1.
// - The installed copy: `npm pack` of this checkout, `npm install -g` into a temporary prefix, and
//   `sections` run from there, as a user who installed the package runs it.
//
// Exit status: 0 when every case meets its target, 1 when any misses, 2 when the bench itself
// fails (a child exits non-zero or prints the wrong thing).

import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { cleanEnv, installCopy, judge, pickNode, startupVariables } from "./bench-lib.mjs";
import { generateDeck } from "./gen-deck.mjs";
import { makeProgressDir } from "./gen-progress.mjs";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const BIN = join(ROOT, "bin", "k8s-quiz.js");
let NODE = process.execPath;
const DECK_SIZE = 10_000;
const RATIO_TARGET = 1.3;
const HOOK_RATIO_TARGET = 1.15;
const PROMPT_RATIO_TARGET = 1.6;
const DECK_RATIO_TARGET = 1.3;
const RSS_TARGET_MIB = 60;
const PTY_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------------------------------------
// Options

const USAGE = `usage: node scripts/bench.mjs [options]

  --node PATH     the Node binary to measure (default: Node 24, this one or ~/.node24's)
  --runs N        measured runs per case (default 15; at least 10 for figures you report)
  --warmup N      discarded warm-up runs per case (default 3; keep >= 1, see the header comment)
  --budget S      seconds one case may take in total before its runs are cut (default 15);
                  only a case far over its target is this slow, and the table shows its run count
  --filter TEXT   only the cases whose name contains TEXT (the node -e 0 baseline always runs)
  --rss METHOD    how to read peak RSS: "time" (/usr/bin/time -f %M, default when present)
                  or "preload" (a -r preload printing process.resourceUsage().maxRSS)
  --json          print the results as JSON instead of a table
  -h, --help      show this help
`;

function parseArgs(argv) {
  const opts = { node: "", runs: 15, warmup: 3, budgetMs: 15_000, filter: "", rss: "", json: false };
  const int = (name, v, min) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) usage(`${name} needs an integer >= ${min}, got ${v ?? "nothing"}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline;
    if (a.startsWith("--") && a.includes("="))
      [a, inline] = [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)];
    const value = () => inline ?? argv[++i];
    if (a === "--node") opts.node = value() ?? usage("--node needs a path");
    else if (a === "--runs") opts.runs = int(a, value(), 1);
    else if (a === "--warmup") opts.warmup = int(a, value(), 0);
    else if (a === "--budget") opts.budgetMs = int(a, value(), 1) * 1000;
    else if (a === "--filter") opts.filter = value() ?? usage("--filter needs a value");
    else if (a === "--rss") {
      opts.rss = value();
      if (opts.rss !== "time" && opts.rss !== "preload")
        usage(`--rss is "time" or "preload", got ${opts.rss}`);
    } else if (a === "--json") opts.json = true;
    else if (a === "-h" || a === "--help") {
      process.stdout.write(USAGE);
      process.exit(0);
    } else usage(`unknown option ${a}`);
  }
  return opts;
}

function usage(message) {
  process.stderr.write(`bench: ${message}\n\n${USAGE}`);
  process.exit(2);
}

class BenchError extends Error {}

// ---------------------------------------------------------------------------------------------
// Running one child

const { env: baseEnv, dropped } = cleanEnv(process.env);

function envFor(configDir) {
  return { ...baseEnv, K8S_QUIZ_CONFIG_DIR: configDir };
}

const ms = (ns) => Number(ns) / 1e6;

/** Runs a command to completion with its output piped; returns wall ms, stdout and stderr. */
function runSync(args, configDir, { command = NODE, input } = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(command, args, {
    cwd: ROOT,
    env: envFor(configDir),
    // `input`: a scripted session's answers on stdin.
    ...(input !== undefined ? { input } : { stdio: ["ignore", "pipe", "pipe"] }),
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
  const t1 = process.hrtime.bigint();
  if (r.error) throw new BenchError(`${command} ${args.join(" ")}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new BenchError(
      `${[command, ...args].join(" ")} exited with ${r.status ?? r.signal}\n${tail(r.stderr)}` +
        "\n(if dist/ is being rebuilt, re-run the bench)",
    );
  }
  return { ms: ms(t1 - t0), stdout: r.stdout, stderr: r.stderr };
}

function tail(text, lines = 15) {
  return String(text ?? "")
    .trimEnd()
    .split("\n")
    .slice(-lines)
    .map((l) => `    ${l}`)
    .join("\n");
}

const stripAnsi = stripVTControlCharacters;

/**
 * Spawns a command in a pseudo-terminal. With `until`, the time is taken when the (ANSI-stripped)
 * output first contains that text, and the child is then killed; without it, when the child exits.
 * With `reply` as well ({ afterMs, keys, until }), once `until` is on screen it waits `afterMs`,
 * types `keys`, and times from the keys until `reply.until` appears: how long an answer takes to
 * come back to someone who read the question for that long.
 * Either way the child has exited before this resolves, so runs never overlap.
 */
function runPty(pty, args, configDir, { until, reply } = {}) {
  return new Promise((resolve, reject) => {
    let out = "";
    let hitAt;
    let timer;
    let t0 = process.hrtime.bigint();
    const child = pty.spawn(NODE, args, {
      name: "xterm-256color",
      cols: 100,
      rows: 30,
      cwd: ROOT,
      env: { ...envFor(configDir), TERM: "xterm-256color" },
    });
    let waitFor = until;
    child.onData((data) => {
      if (hitAt !== undefined) return;
      out += data;
      if (!waitFor || !stripAnsi(out).includes(waitFor)) return;
      if (reply && waitFor === until) {
        // The prompt is on screen: read it for a while, then answer and time the response.
        waitFor = undefined;
        setTimeout(() => {
          out = "";
          waitFor = reply.until;
          t0 = process.hrtime.bigint();
          child.write(reply.keys);
        }, reply.afterMs);
        return;
      }
      hitAt = process.hrtime.bigint();
      try {
        child.kill();
      } catch {}
    });
    child.onExit(({ exitCode, signal }) => {
      const exitAt = process.hrtime.bigint();
      clearTimeout(timer);
      if (until) {
        if (hitAt === undefined) {
          reject(
            new BenchError(
              `${args.join(" ")} (pty) exited with ${exitCode}/${signal} before printing "${waitFor ?? until}":\n${tail(stripAnsi(out))}` +
                "\n(if dist/ is being rebuilt, re-run the bench)",
            ),
          );
        } else resolve({ ms: ms(hitAt - t0), stdout: stripAnsi(out) });
      } else if (exitCode !== 0) {
        reject(new BenchError(`${args.join(" ")} (pty) exited with ${exitCode}:\n${tail(stripAnsi(out))}`));
      } else resolve({ ms: ms(exitAt - t0), stdout: stripAnsi(out) });
    });
    timer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch {}
    }, PTY_TIMEOUT_MS);
  });
}

// ---------------------------------------------------------------------------------------------
// Cases

/**
 * A case: `run(dir)` does one run and returns { ms, stdout, value? }. `check(result, index)` may
 * throw on the first run to catch a bench that measures the wrong thing. `kind` says how the row
 * is judged: "ratio" (median / baseline median), "delta" (difference of medians with another case)
 * or "rss" (peak memory, MiB). `info` rows have no target; `noRatio` ones no ratio either.
 */
function defineCases({ pty, bigDeck, rssMethod, preload, installed }) {
  const k8s = (...args) => [BIN, ...args];
  const expect = (text, what) => (r) => {
    if (!r.stdout.includes(text)) throw new BenchError(`${what}: output lacks "${text}":\n${tail(r.stdout)}`);
  };
  const ratio = (name, target, args, check, extra = {}) => ({
    name,
    kind: "ratio",
    target,
    run: (d) => runSync(args, d),
    check,
    ...extra,
  });
  const cases = [
    { name: "node -e 0", baseline: true, run: (d) => runSync(["-e", "0"], d) },
    ratio("k8s-quiz --help", RATIO_TARGET, k8s("--help"), expect("Usage:", "--help")),
    ratio("sections", RATIO_TARGET, k8s("sections"), expect("networking", "sections")),
    ratio("show 502 --no-color", RATIO_TARGET, k8s("show", "502", "--no-color"), (r) => {
      expect("#502", "show 502")(r);
      if (r.stdout.includes("\x1b[")) throw new BenchError("show 502 --no-color printed escape codes");
    }),
    ratio("daily --reveal", RATIO_TARGET, k8s("daily", "--reveal"), expect("#", "daily --reveal")),
    // Piped: the path a shell hook takes inside a pipe or a script. It prints nothing there by design.
    ratio("daily --hook (piped)", HOOK_RATIO_TARGET, k8s("daily", "--hook"), (r) => {
      if (r.stdout.trim()) throw new BenchError(`daily --hook printed into a pipe:\n${tail(r.stdout)}`);
    }),
  ];
  if (installed) {
    cases.push(
      ratio(
        "sections (installed copy)",
        RATIO_TARGET,
        [installed, "sections"],
        expect("networking", "installed"),
      ),
    );
  }
  if (pty) {
    cases.push(
      {
        // The pseudo-terminal cases' own baseline: a bare node spawned in a pty, spawn to exit.
        name: "node -e 0 (pty)",
        info: true,
        run: (d) => runPty(pty, ["-e", "0"], d),
      },
      {
        // The first run (a warm-up) shows the hook and records the day; the measured runs take the
        // "already shown today" path, the one every new shell of the day takes. Spawn to exit.
        name: "daily --hook, already shown (pty)",
        kind: "ratio",
        against: "node -e 0 (pty)",
        target: HOOK_RATIO_TARGET,
        run: (d) => runPty(pty, k8s("daily", "--hook"), d),
        check: (r, i) => {
          if (i === 0 && !r.stdout.includes("question of the day"))
            throw new BenchError(`daily --hook in a pty did not show the question:\n${tail(r.stdout)}`);
          if (i > 0 && r.stdout.trim()) warn(`daily --hook printed again on run ${i + 1} of the same day`);
        },
      },
      {
        name: "practice: first prompt (pty)",
        kind: "ratio",
        against: "node -e 0 (pty)",
        target: PROMPT_RATIO_TARGET,
        run: (d) => runPty(pty, k8s("practice", "--section", "networking"), d, { until: "Your answer" }),
      },
      {
        // The renderer loads while the first question waits: after half a second of reading,
        // Enter should bring the verdict and the rendered answer back at once. Not judged.
        name: "practice: answer shown (pty)",
        info: true,
        noRatio: true,
        run: (d) =>
          runPty(pty, k8s("practice", "--section", "networking"), d, {
            until: "Your answer",
            reply: { afterMs: 500, keys: "\r", until: "Reference answer" },
          }),
      },
      {
        // What a user at a terminal sees: the answer rendered in colour, spawn to exit. Not judged.
        name: "show 502, colour (pty)",
        info: true,
        against: "node -e 0 (pty)",
        run: (d) => runPty(pty, k8s("show", "502"), d),
        check: expect("A distributed key-value store", "show 502 (pty)"),
      },
    );
  }
  cases.push(
    {
      name: "list (bundled only)",
      info: true,
      run: (d) => runSync(k8s("list"), d),
      check: expect("502", "list"),
    },
    {
      name: `list --deck big.md (${DECK_SIZE / 1000}k)`,
      kind: "ratio",
      against: "list (bundled only)",
      target: DECK_RATIO_TARGET,
      run: (d) => runSync(k8s("list", "--deck", bigDeck), d),
      check: (r, i) => {
        expect("big:1 ", "list --deck big.md")(r);
        if (i === 0 && !r.stdout.includes(`big:${DECK_SIZE} `))
          throw new BenchError(`list --deck big.md did not list all ${DECK_SIZE} questions`);
      },
    },
    {
      name: "peak RSS of sections",
      kind: "rss",
      target: RSS_TARGET_MIB,
      run: (d) => {
        if (rssMethod === "time") {
          const r = runSync(["-f", "%M", NODE, BIN, "sections"], d, { command: "/usr/bin/time" });
          const kib = Number(r.stderr.trim().split("\n").pop());
          if (!Number.isFinite(kib) || kib <= 0)
            throw new BenchError(`/usr/bin/time printed no RSS:\n${tail(r.stderr)}`);
          return { ...r, value: kib / 1024 };
        }
        const r = runSync(["-r", preload, BIN, "sections"], d);
        const m = /__MAXRSS__ (\d+)/.exec(r.stderr);
        if (!m) throw new BenchError(`the RSS preload printed nothing:\n${tail(r.stderr)}`);
        return { ...r, value: Number(m[1]) / 1024 };
      },
      check: expect("networking", "sections (RSS)"),
    },
  );
  cases.push(...progressDbCases(k8s, expect));
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Progress in SQLite (issue 15): a database of 30,000 questions and 100,000 logged answers, made
// once by scripts/gen-progress.mjs (through `progress import`) and copied into each case's dir.

const BIG_PROGRESS = { questions: 30_000, answers: 100_000 };
const SAVE_TARGET_MS = 5;
const SECTIONS_BIG_RATIO = 1.1;
const SAVE_ANSWERS = 21;

function progressDbCases(k8s, expect) {
  const session = (n) => {
    const args = k8s("practice", "-n", String(n), "--mode", "flash", "--seed", "7");
    return (d) => runSync(args, d, { input: "good\n".repeat(n) });
  };
  return [
    {
      name: "sections (no progress)",
      info: true,
      run: (d) => runSync(k8s("sections"), d),
      check: expect("networking", "sections"),
    },
    {
      // Judged against the same command with no progress at all: reading progress must not cost.
      name: "sections (100k answers)",
      kind: "ratio",
      against: "sections (no progress)",
      target: SECTIONS_BIG_RATIO,
      bigProgress: true,
      run: (d) => runSync(k8s("sections"), d),
      check: expect("MASTERY", "sections with progress"),
    },
    {
      name: "stats (100k answers)",
      kind: "ratio",
      target: RATIO_TARGET,
      bigProgress: true,
      run: (d) => runSync(k8s("stats"), d),
      check: expect("Answered", "stats"),
    },
    {
      name: "practice, 1 answer (100k answers)",
      info: true,
      bigProgress: true,
      run: session(1),
      check: expect("Score: 1/1", "practice -n 1"),
    },
    {
      // The cost of one saved answer: the difference of the two sessions' medians, per extra answer.
      name: `practice, ${SAVE_ANSWERS} answers (100k answers): per saved answer`,
      kind: "delta",
      against: "practice, 1 answer (100k answers)",
      per: SAVE_ANSWERS - 1,
      target: SAVE_TARGET_MS,
      bigProgress: true,
      run: session(SAVE_ANSWERS),
      check: expect(`Score: ${SAVE_ANSWERS}/${SAVE_ANSWERS}`, `practice -n ${SAVE_ANSWERS}`),
    },
  ];
}

/** The big progress, made once per bench run, copied into a case's dir. */
let bigProgressTemplate;
function prepareBigProgress(work, dir) {
  if (!bigProgressTemplate) {
    bigProgressTemplate = join(work, "big-progress");
    progress("bench: generating 30k questions / 100k answers of progress (progress import)...\n");
    const took = makeProgressDir(bigProgressTemplate, BIG_PROGRESS, {
      node: NODE,
      env: envFor(bigProgressTemplate),
    });
    progress(`bench: progress import of ${BIG_PROGRESS.answers} answers took ${Math.round(took)} ms\n`);
    // A learner's database after their first `stats`: the calibration replay is kept in it from then
    // on and moved on with each answer, so the cases measure that steady state (and each saved answer
    // pays for moving it on), not the one-time replay after an import.
    runSync([BIN, "stats"], bigProgressTemplate);
  }
  // The progress only: the template's cache folder (compile cache) belongs to its own runs.
  for (const f of readdirSync(bigProgressTemplate))
    if (f === "config.json" || f.startsWith("progress.db"))
      copyFileSync(join(bigProgressTemplate, f), join(dir, f));
}

// ---------------------------------------------------------------------------------------------
// Main

// Progress goes to stderr on one line that is rewritten; `open` says whether that line is pending.
let open = false;
function warn(message) {
  process.stderr.write(`${open ? "\n" : ""}bench: warning: ${message}\n`);
  open = false;
}
function progress(message) {
  process.stderr.write(message);
  open = !message.endsWith("\n");
}

/**
 * Runs one case once. Other work may rebuild dist/ while the bench runs (the build empties it
 * first), so a run that fails because a dist/ module is missing is retried a few times after a
 * pause instead of ending the bench; the failed attempt's time is discarded.
 */
async function runWithRetry(c, attempts = 4) {
  for (let i = 1; ; i++) {
    try {
      return await c.run(c.dir);
    } catch (e) {
      const rebuilding = /ERR_MODULE_NOT_FOUND|Cannot find module[^\n]*\/dist\//.test(String(e?.message));
      if (!(e instanceof BenchError) || !rebuilding || i >= attempts) throw e;
      warn(`"${c.name}" failed while dist/ looked mid-rebuild; retrying in 3 s`);
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  try {
    NODE = pickNode({ flag: opts.node });
  } catch (e) {
    throw new BenchError(e.message);
  }
  const nodeVersion = String(spawnSync(NODE, ["-p", "process.version"], { encoding: "utf8" }).stdout).trim();
  if (opts.runs < 10) warn(`--runs ${opts.runs} is below the 10 runs the issue asks for`);
  if (!existsSync(join(ROOT, "dist", "cli.cjs"))) {
    throw new BenchError("dist/cli.cjs is missing: run `npm run build` first (npm run bench does)");
  }

  const work = mkdtempSync(join(tmpdir(), "k8s-quiz-bench-"));
  const cleanup = () => rmSync(work, { recursive: true, force: true });
  process.on("exit", cleanup);
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));

  const bigDeck = join(work, "big.md");
  writeFileSync(bigDeck, generateDeck(DECK_SIZE));

  const rssMethod = opts.rss || (existsSync("/usr/bin/time") ? "time" : "preload");
  const preload = join(work, "rss-preload.cjs");
  writeFileSync(
    preload,
    "process.on('exit', () => { process.stderr.write('\\n__MAXRSS__ ' + process.resourceUsage().maxRSS + '\\n'); });\n",
  );

  let pty;
  try {
    const mod = await import("@lydell/node-pty");
    pty = mod.default ?? mod;
  } catch (e) {
    warn(`@lydell/node-pty did not load (${e.message}); the pseudo-terminal cases are skipped`);
  }

  let installed;
  if (!opts.filter || "sections (installed copy)".includes(opts.filter)) {
    progress("bench: packing and installing a copy into a temporary prefix\n");
    try {
      installed = join(
        installCopy(ROOT, join(work, "installed"), { node: NODE, env: process.env }).packageDir,
        "bin",
        "k8s-quiz.js",
      );
    } catch (e) {
      throw new BenchError(`the installed-copy case could not be set up: ${e.message}`);
    }
  }

  let cases = defineCases({ pty, bigDeck, rssMethod, preload, installed });
  if (opts.filter) {
    const keep = (c) => c.baseline || c.name.includes(opts.filter);
    const kept = cases.filter(keep);
    // A delta case needs the case it is measured against.
    for (const c of kept)
      if (c.against && !kept.some((k) => k.name === c.against))
        kept.push(cases.find((k) => k.name === c.against));
    cases = cases.filter((c) => kept.includes(c));
  }
  cases.forEach((c, i) => {
    c.dir = join(work, `config-${i}`);
    mkdirSync(c.dir);
    if (c.bigProgress) prepareBigProgress(work, c.dir);
    c.samples = [];
    c.values = [];
    c.done = 0;
    c.total = opts.warmup + opts.runs;
    c.warmup = opts.warmup;
  });

  const started = process.hrtime.bigint();
  progress(
    `bench: ${cases.length} cases, ${opts.warmup} warm-up + ${opts.runs} measured runs each, interleaved; node ${nodeVersion} (${NODE}), ${cpus().length} CPUs\n` +
      `bench: clean environment: children get only ${Object.keys(baseEnv).sort().join(", ")}` +
      (startupVariables(dropped).length
        ? `; removed, as they change Node's start-up or the output: ${startupVariables(dropped).join(", ")}\n`
        : "\n"),
  );
  const rounds = opts.warmup + opts.runs;
  for (let round = 0; round < rounds; round++) {
    // Round-by-round progress only on a terminal; a log gets the start and end lines.
    if (process.stderr.isTTY)
      progress(
        `${open ? "\r" : ""}bench: round ${round + 1}/${rounds}${round < opts.warmup ? " (warm-up)" : ""}   `,
      );
    for (const c of cases) {
      if (c.done >= c.total) continue;
      const r = await runWithRetry(c);
      c.check?.(r, c.done);
      if (c.done === 0) {
        // Keep a pathologically slow case from eating the whole run: only a case far over its
        // target gets here, so fewer runs do not change its verdict. The table shows its run count.
        if (r.ms * c.total > opts.budgetMs) {
          const runs = Math.max(1, Math.min(opts.runs, Math.floor((opts.budgetMs - r.ms) / r.ms)));
          c.warmup = 1;
          c.total = 1 + runs;
          progress(
            `${open ? "\n" : ""}bench: "${c.name}" took ${(r.ms / 1000).toFixed(1)} s; measuring it ${runs} time(s) only\n`,
          );
        }
      }
      if (c.done >= c.warmup) {
        c.samples.push(r.ms);
        if (r.value !== undefined) c.values.push(r.value);
      }
      c.done++;
    }
  }
  const elapsed = ms(process.hrtime.bigint() - started) / 1000;
  progress(`${open ? "\r" : ""}bench: done in ${elapsed.toFixed(1)} s${" ".repeat(20)}\n`);

  const results = judge(cases);
  const summary = {
    node: nodeVersion,
    nodePath: NODE,
    removedVariables: startupVariables(dropped),
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus().length,
    runs: opts.runs,
    warmup: opts.warmup,
    rssMethod,
    deckQuestions: DECK_SIZE,
    seconds: Number(elapsed.toFixed(1)),
    ok: results.every((r) => r.ok !== false),
    cases: results,
  };
  if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else printTable(summary);
  return summary.ok ? 0 : 1;
}

/** A baseline's name in the target column: "of pty", "of list". */
const short = (name) =>
  name.includes("pty") ? "of pty" : name.startsWith("list") ? "of list" : `of ${name}`;

function printTable(summary) {
  const head = ["case", "median ms", "min", "max", "ratio", "target", "n", "ok"];
  const rows = summary.cases.map((r) => {
    let cells;
    if (r.deltaMs !== undefined) {
      const d = r.deltaMs;
      cells = [
        r.medianMs.toFixed(1),
        r.minMs.toFixed(1),
        r.maxMs.toFixed(1),
        `${d >= 0 ? "+" : ""}${d.toFixed(1)} ms`,
        `≤ +${r.target.maxDeltaMs} ms`,
      ];
    } else if (r.medianMiB !== undefined) {
      // Peak memory: these value columns are MiB, not ms.
      cells = [
        `${r.medianMiB.toFixed(1)} MiB`,
        r.minMiB.toFixed(1),
        r.maxMiB.toFixed(1),
        `${r.medianMiB.toFixed(1)} MiB`,
        `≤ ${r.target.maxMiB} MiB`,
      ];
    } else {
      const target = r.target
        ? `≤ ${r.target.maxRatio.toFixed(2)}×${r.against && r.against !== "node -e 0" ? ` ${short(r.against)}` : ""}`
        : r.name === "node -e 0"
          ? "baseline"
          : "(info)";
      cells = [
        r.medianMs.toFixed(1),
        r.minMs.toFixed(1),
        r.maxMs.toFixed(1),
        r.ratio === null ? "-" : `${r.ratio.toFixed(2)}×`,
        target,
      ];
    }
    return [r.name, ...cells, String(r.runs), r.ok === null ? "" : r.ok ? "ok" : "MISS"];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  const out = [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  out.push(
    "",
    `removed from the children's environment: ${summary.removedVariables.join(", ") || "nothing that changes start-up was set"}`,
    `node ${summary.node}, ${summary.platform}, ${summary.cpus} CPUs; median of ${summary.runs} runs after ${summary.warmup} warm-up, interleaved; ` +
      `ratio = median / median of node -e 0 (pty rows: of node -e 0 in a pty; big.md: of the bundled list); big.md = ${summary.deckQuestions} generated questions; RSS via ${summary.rssMethod === "time" ? "/usr/bin/time -f %M" : "a maxRSS preload"}.`,
  );
  const misses = summary.cases.filter((r) => r.ok === false);
  if (misses.length) {
    out.push("", `${misses.length} case(s) miss their target:`);
    for (const r of misses) {
      if (r.medianMiB !== undefined) out.push(`  ${r.name}: ${r.medianMiB} MiB, over ${r.target.maxMiB} MiB`);
      else if (r.deltaMs !== undefined)
        out.push(
          `  ${r.name}: ${r.deltaMs} ms each, ${r.overMs} ms over the ${r.target.maxDeltaMs} ms budget`,
        );
      else
        out.push(
          `  ${r.name}: ${r.ratio.toFixed(2)}× (${r.medianMs} ms), ${r.overMs} ms over the ${r.target.maxRatio}× budget`,
        );
    }
  } else out.push("", "All cases meet their targets.");
  process.stdout.write(`${out.join("\n")}\n`);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`\nbench: ${e instanceof BenchError ? e.message : (e?.stack ?? e)}\n`);
    process.exit(2);
  },
);
