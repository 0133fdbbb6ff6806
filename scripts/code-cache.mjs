// Makes the V8 code caches that src/boot.ts hands to V8 at start-up: dist/cache/<name>.<build>.v8
// for dist/cli.cjs and every dist/vendor/*.cjs. Run by scripts/build.mjs after bundling, in a
// process of its own.
//
// A cache made right after compiling holds only the top-level code; the functions V8 compiles
// lazily while a command runs are what most of the time goes to. So this runs the common
// read-only commands first (against a throw-away config folder, output discarded) and only then
// asks each script for its cache, which then holds everything those runs compiled.

import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const require = createRequire(import.meta.url);
const { createLoader, cachePathFor, sealCache } = require("../dist/boot.cjs");

const configDir = mkdtempSync(join(tmpdir(), "k8s-quiz-code-cache-"));
// A user deck: the first run parses it and writes its index, the second reads the index.
const deck = join(configDir, "warm-up.md");
writeFileSync(deck, "## Warm-up\n\n### 1. What is a warm-up?\n\nA run before the measured ones.\n");

const WARM_UPS = [
  ["--help"],
  ["sections"],
  ["list"],
  ["show", "502", "--no-color"],
  ["daily", "--reveal"],
  ["daily", "--hook"],
  ["search", "dns"],
  ["stats"],
  ["weak"],
  ["list", "--deck", deck],
  ["list", "--deck", deck],
];

try {
  const loader = createLoader(DIST, false);
  const cli = loader.load(join(DIST, "cli.cjs"));
  const env = { ...process.env, K8S_QUIZ_CONFIG_DIR: configDir, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  for (const argv of WARM_UPS) {
    const code = await cli.run(cli.realDeps(env), [process.execPath, "k8s-quiz", ...argv]);
    if (code !== 0) throw new Error(`k8s-quiz ${argv.join(" ")} exited with ${code}`);
  }
  // The vendor files the runs above didn't need: their top level at least.
  for (const name of readdirSync(join(DIST, "vendor"))) {
    if (name.endsWith(".cjs")) loader.load(join(DIST, "vendor", name));
  }
  mkdirSync(join(DIST, "cache"), { recursive: true });
  for (const [file, { script, id }] of loader.compiled) {
    // Named after the id of the very source this script was compiled from.
    if (!id) throw new Error(`${file} has no build id in its first line`);
    const path = cachePathFor(DIST, file, id);
    // Whole or not at all: write aside, then rename.
    writeFileSync(`${path}.${process.pid}.tmp`, sealCache(script.createCachedData()));
    renameSync(`${path}.${process.pid}.tmp`, path);
  }
} finally {
  rmSync(configDir, { recursive: true, force: true });
}
