// A big progress database for the bench and for trying things by hand: 30,000 questions with
// 100,000 answers logged, made the way a user would, by `k8s-quiz progress import` of an export.
//
//   node scripts/gen-progress.mjs DIR [--questions N] [--answers N]
//
// DIR becomes a K8S_QUIZ_CONFIG_DIR holding config.json and progress.db. Needs a built dist/.

import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const BIN = join(ROOT, "bin", "k8s-quiz.js");
const GRADES = ["again", "hard", "good", "easy"];
const SECTIONS = ["internals", "operators", "multi-cluster", "networking", "service-mesh"];

/** A version-2 progress export: `answers` answers spread over `questions` questions and the last year. */
export function progressExport({ questions = 30_000, answers = 100_000, now = Date.now() } = {}) {
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const start = now - 365 * 86_400_000;
  const log = [];
  for (let i = 0; i < answers; i++) {
    // Every question at least once; the rest at random. The bundled ids (501...) are among them.
    const q = i < questions ? i : Math.floor(rand() * questions);
    const id = q < 50 ? String(501 + q) : `big:${q}`;
    const section = SECTIONS[q % SECTIONS.length];
    const grade = GRADES[Math.floor(rand() * 4)];
    log.push({
      id,
      at: Math.floor(start + (i / answers) * (now - start - 3_600_000)),
      score: grade === "again" ? 0 : 1,
      grade,
      mode: "flash",
      section,
      topics: [section, `t${q % 40}`],
      scheduled: true,
    });
  }
  return { format: "k8s-quiz-progress", version: 2, exportedAt: new Date(now).toISOString(), log };
}

/**
 * Fills `dir` with that progress through the built bin, run by `node` in `env` (K8S_QUIZ_CONFIG_DIR
 * is set to `dir` either way); returns how long the import took (ms).
 */
export function makeProgressDir(dir, opts = {}, { node = process.execPath, env = process.env } = {}) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "..", `progress-export-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(progressExport(opts)));
  const t0 = process.hrtime.bigint();
  const r = spawnSync(node, [BIN, "progress", "import", file], {
    env: { ...env, K8S_QUIZ_CONFIG_DIR: dir },
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  rmSync(file, { force: true });
  if (r.status !== 0) throw new Error(`progress import failed (${r.status}): ${r.stderr}`);
  return ms;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [dir, ...rest] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write("usage: node scripts/gen-progress.mjs DIR [--questions N] [--answers N]\n");
    process.exit(2);
  }
  const opt = (name, dflt) => {
    const i = rest.indexOf(name);
    return i >= 0 ? Number(rest[i + 1]) : dflt;
  };
  const ms = makeProgressDir(dir, {
    questions: opt("--questions", 30_000),
    answers: opt("--answers", 100_000),
  });
  process.stdout.write(`${dir}: imported in ${Math.round(ms)} ms\n`);
}
