// Writes a synthetic collection of interview decks in the many Markdown styles people use (issue 16),
// to time `deck check` over a large collection:
//
//   node scripts/gen-collection.mjs [files=1000] [out-dir=/tmp/k8s-quiz-collection]
//   k8s-quiz deck check /tmp/k8s-quiz-collection/*.md
//
// Sized like the public collection the issue measured (about 24 questions and 20 KB a file), with
// its defects sprinkled in: fences closed with text after them, unclosed fences, repeated numbers,
// questions with no answer, and a few files with no questions at all. Deterministic for a count.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const count = Number(process.argv[2] ?? 1000);
const dir = process.argv[3] ?? "/tmp/k8s-quiz-collection";

let seed = 16;
const rand = () => {
  // mulberry32: small, and the same bytes for the same count everywhere.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (a) => a[Math.floor(rand() * a.length)];

const TOPICS = [
  "Kubernetes",
  "Docker",
  "AWS",
  "Linux",
  "Networking",
  "Go",
  "Python",
  "SQL",
  "Terraform",
  "Git",
];
const NOUNS = [
  "pod",
  "container",
  "volume",
  "service",
  "load balancer",
  "process",
  "goroutine",
  "index",
  "module",
  "branch",
];
const STEMS = ["What is a", "How does a", "Why would you use a", "When does a", "How do you debug a"];
const PROSE = [
  "It is the unit the system schedules and restarts when it fails.",
  "- Keeps the desired state.\n- Reconciles in a loop.\n  - Level-triggered, not edge-triggered.",
  "Use it when the workload needs **stable identity** and `ordered` start-up.",
  "1. Check the events.\n2. Read the logs.\n3. Describe the object.",
  "> Interviewers look for the trade-off, not the definition.",
  "| Option | When |\n|---|---|\n| A | small |\n| B | large |",
];
const CODE = [
  "```bash\nkubectl get pods -A\n```",
  "```yaml\nkind: Pod\nspec:\n  containers: []\n```",
  "```go\nfor {}\n```",
];

function answer(defects) {
  const parts = [];
  const n = 3 + Math.floor(rand() * 5);
  for (let i = 0; i < n; i++) parts.push(pick(PROSE));
  if (rand() < 0.4) {
    let code = pick(CODE);
    if (defects && rand() < 0.1) code = `${code}"`; // closed, with text after the fence
    if (defects && rand() < 0.03) code = code.slice(0, code.lastIndexOf("\n")); // never closed
    parts.push(code);
  }
  return parts.join("\n\n");
}

const STYLES = {
  seed: (q, i) => `### Question ${i}: ${q}\n\n**Answer:**\n${answer(true)}\n\n---\n`,
  dotted: (q, i) => `### ${i}. ${q}\n\n${answer(true)}\n`,
  boldNumbered: (q, i) => `**Q${i}: ${q}**\n\n${answer(true)}\n`,
  boldLabels: (q) => `**Q:** ${q}\n\n**A:** ${answer(true)}\n`,
  levels: (q, i) =>
    `${pick(["#", "##", "####"])} ${pick(["", "Question ", "Q"])}${i}${pick([".", ":"])} ${q}\n\n${answer(true)}\n`,
  decorated: (q, i) => `### ${pick(["**", "🔹 ", "✅ "])}${i}. ${q}\n\n${answer(true)}\n`,
  unnumbered: (q) => `### ${q}\n\n${answer(true)}\n`,
  list: (q, i) => `${i}.  **${q}**\n\n${answer(false).replace(/^/gm, "    ")}\n`,
  topic: (q, i) => `### ${i}. Topic ${i}\n\n**Q:** ${q}\n\n**A:** ${answer(true)}\n`,
};

mkdirSync(dir, { recursive: true });
let questions = 0;
let bytes = 0;
for (let f = 0; f < count; f++) {
  const style = pick(Object.keys(STYLES));
  const out = [`# ${pick(TOPICS)} interview questions (${f * 25 + 1}–${f * 25 + 25})`, ""];
  if (rand() < 0.03) {
    out.push("A README with links and no questions.", "", "- [Kubernetes](k8s.md)");
  } else {
    const n = 10 + Math.floor(rand() * 30);
    for (let i = 1; i <= n; i++) {
      if (i % 10 === 1) out.push(`## ${pick(TOPICS)} part ${Math.ceil(i / 10)}`, "");
      const num = rand() < 0.02 ? Math.max(1, i - 1) : i; // a repeated number now and then
      const q = `${pick(STEMS)} ${pick(NOUNS)} (${f}/${i})?`;
      if (style !== "list" && rand() < 0.02)
        out.push(`### ${num}. ${q}`, ""); // no answer
      else out.push(STYLES[style](q, num));
      questions++;
    }
    if (rand() < 0.2) {
      out.push("| Question | Answer |", "|---|---|");
      for (let i = 0; i < 5; i++)
        out.push(`| What is ${pick(NOUNS)} ${i}? | ${pick(PROSE).split("\n")[0]} |`);
      questions += 5;
    }
  }
  const text = `${out.join("\n")}\n`;
  bytes += Buffer.byteLength(text);
  writeFileSync(join(dir, `${String(f).padStart(4, "0")}-${style}.md`), text);
}
console.log(`${count} files, ${questions} questions written, ${(bytes / 1e6).toFixed(1)} MB in ${dir}`);
