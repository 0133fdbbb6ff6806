import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseDeck } from "../../src/core/deck-parser.js";
import { deriveKeyPoints, keyPointsOf } from "../../src/core/grading.js";
import { cleanOption, comparedTerms, dropEcho, swapTerms } from "../../src/core/option-text.js";
import { seededRandom } from "../../src/core/random.js";
import { present } from "../../src/core/session.js";
import { words } from "../../src/core/text.js";
import type { Question } from "../../src/core/types.js";
import { loadBundled } from "../../src/io/decks/bank.js";
import { DATA, ROOT } from "../helpers/bin.js";
import { makeQuestion } from "../helpers/questions.js";

// Choices and key points generated from decks with no quiz metadata: decks written the way people
// write interview notes (Docker, AWS, Linux), the user-deck fixtures, and the bundled bank with its
// curated options taken away.

const FIXTURES = [
  join(ROOT, "test", "fixtures", "interview-decks"),
  join(ROOT, "test", "fixtures", "user-decks"),
];
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Each deck's questions: choices are drawn from the deck itself, as a --deck run does. */
let decks: { name: string; questions: Question[] }[];
beforeAll(async () => {
  decks = [];
  for (const dir of FIXTURES)
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".md") && !x.startsWith("broken"))) {
      const d = parseDeck(readFileSync(join(dir, f), "utf8"), {
        file: f,
        deck: f.replace(/\.md$/, ""),
        prefixIds: true,
      });
      decks.push({ name: f, questions: d.questions });
    }
  // The bundled bank in the seed's own style, as if nobody had curated it.
  const bundled = (await loadBundled(DATA))
    .flatMap((d) => d.questions)
    .map((q) => ({ ...q, rawMeta: undefined, meta: {} }));
  decks.push({ name: "bundled, uncurated", questions: bundled as Question[] });
});

/** Words that say nothing of a topic, as a reader skimming the options would skip them. */
const FILLER = new Set(
  "the a an of to in on and or for with is are what how why does do you your it its be by as at from this that which when".split(
    " ",
  ),
);
const keywords = (t: string) => new Set(words(t).filter((w) => !FILLER.has(w)));

/** Whether the correct option alone shares the most words with the prompt: a reader would pick it unread. */
function givesAway(prompt: string, options: readonly string[], correct: number): boolean {
  const p = keywords(prompt);
  const shared = options.map((o) => [...keywords(o)].filter((w) => p.has(w)).length);
  const best = Math.max(...shared);
  return shared[correct] === best && shared.filter((n) => n === best).length === 1;
}

describe("generated choices over realistic decks", () => {
  it("never a blank or single option: such a question is asked as a flash card", () => {
    let choice = 0;
    for (const d of decks)
      for (const q of d.questions)
        for (const seed of SEEDS) {
          const p = present(q, "choice", d.questions, seededRandom(seed));
          if (p.mode !== "choice") {
            expect(p.mode).toBe("flash");
            continue;
          }
          choice++;
          expect(p.choices.options.length, q.prompt).toBeGreaterThanOrEqual(2);
          for (const o of p.choices.options) expect(o.trim(), q.prompt).not.toBe("");
          expect(p.choices.options[p.choices.correct]).toBeDefined();
        }
    expect(choice).toBeGreaterThan(1000);
  });

  it("options carry no Markdown marks and no unmatched quote or bracket", () => {
    for (const d of decks)
      for (const q of d.questions) {
        const p = present(q, "choice", d.questions, seededRandom(3));
        if (p.mode !== "choice") continue;
        for (const o of p.choices.options) {
          expect(o, q.prompt).not.toMatch(/\*\*|`|^#|^>|\|/);
          expect((o.match(/"/g) ?? []).length % 2, o).toBe(0);
          for (const [open, close] of ["()", "[]", "“”"])
            expect(o.split(open as string).length - o.split(close as string).length, o).toBe(0);
        }
      }
  });

  it("the correct option alone shares the most words with the prompt in at most 30% of questions", () => {
    const rates: string[] = [];
    let given = 0;
    let total = 0;
    for (const d of decks) {
      let g = 0;
      let n = 0;
      for (const q of d.questions)
        for (const seed of SEEDS) {
          const p = present(q, "choice", d.questions, seededRandom(seed));
          if (p.mode !== "choice") continue;
          n++;
          if (givesAway(q.prompt, p.choices.options, p.choices.correct)) g++;
        }
      given += g;
      total += n;
      rates.push(`${d.name}: ${g}/${n}`);
    }
    expect(total).toBeGreaterThan(1000);
    expect(given / total, rates.join(", ")).toBeLessThanOrEqual(0.3);
    // Each realistic deck on its own too, not only the total.
    for (const d of decks.filter((x) => x.name.includes("interview") || x.name.startsWith("bundled"))) {
      const line = rates.find((r) => r.startsWith(d.name)) ?? "";
      const [g, n] = (line.split(": ")[1] ?? "0/1").split("/").map(Number);
      expect((g ?? 0) / (n ?? 1), line).toBeLessThanOrEqual(0.3);
    }
  });
});

describe("option text", () => {
  it.each([
    ['The **bridge** driver: "default', "The bridge driver: default"],
    ["Uses `kubectl apply` (declarative", "Uses kubectl apply declarative"],
    ["| Container | VM |", "Container, VM"],
    ["## Heading text here", "Heading text here"],
    ["> quoted advice", "quoted advice"],
    ["It's the node's “agent", "It's the node's agent"],
    ["_emphasis_ but snake_case stays", "emphasis but snake_case stays"],
    ["<b>bold</b> html", "bold html"],
    // A placeholder in angle brackets is no tag: the command keeps its argument.
    ["Run `kubectl logs <pod-name>`", "Run kubectl logs <pod-name>"],
    ["`kubectl exec -it <pod> -- sh` opens a shell", "kubectl exec -it <pod> -- sh opens a shell"],
    ["A generic `List<T>` in Java", "A generic List<T> in Java"],
    [
      "`export <var-name>=value` and `git checkout <b-name>`",
      "export <var-name>=value and git checkout <b-name>",
    ],
    ['<a href="https://x">link</a> and <br/> breaks', "link and breaks"],
    ["**", ""],
    ["a 'quoted' word", "a 'quoted' word"],
  ])("cleanOption(%j) = %j", (raw, want) => {
    expect(cleanOption(raw)).toBe(want);
  });

  it.each([
    [
      "Docker is an open-source platform to run containers.",
      "What is Docker?",
      "An open-source platform to run containers.",
    ],
    [
      "A Docker image is a read-only template of layers.",
      "What is a Docker image?",
      "A read-only template of layers.",
    ],
    [
      "Amazon S3 is object storage with high durability.",
      "What is S3?",
      "Object storage with high durability.",
    ],
    // Not the question's own subject: kept.
    [
      "Etcd is the store of the cluster state.",
      "What does the API server write to?",
      "Etcd is the store of the cluster state.",
    ],
    // A comparison's subject is its point: kept.
    [
      "EBS is block storage for one instance.",
      "What is the difference between EBS and EFS?",
      "EBS is block storage for one instance.",
    ],
  ])("dropEcho(%j, %j)", (option, prompt, want) => {
    expect(dropEcho(option, prompt)).toBe(want);
  });

  it.each([
    ["What is the difference between a hard link and a soft link?", ["hard link", "soft link"]],
    ["What is the difference between grep, sed and awk?", ["grep", "sed", "awk"]],
    ["What is the difference between a public and a private subnet?", ["public subnet", "private subnet"]],
    ["Deployment vs StatefulSet?", ["Deployment", "StatefulSet"]],
    ["How is a Service different from an Ingress?", ["Service", "Ingress"]],
    ["What is a Pod?", []],
  ])("comparedTerms(%j)", (prompt, want) => {
    expect(comparedTerms(prompt)).toEqual(want);
  });

  it("swapTerms trades the compared things' places, and refuses a mere reordering", () => {
    expect(
      swapTerms("A bind mount maps a host path; a volume is managed by Docker.", ["volume", "bind mount"]),
    ).toBe("A volume maps a host path; a bind mount is managed by Docker.");
    expect(swapTerms("EBS is block storage.", ["EBS", "EFS"])).toBe("EFS is block storage.");
    expect(swapTerms("grep, sed, awk", ["grep", "sed", "awk"])).toBeUndefined();
    expect(swapTerms("Nothing in common.", ["EBS", "EFS"])).toBeUndefined();
  });
});

const LABELS =
  /^(key features|features|why used|why|fix|note|example|examples|answer|summary|steps|solution|pros|cons|advantages|benefits|best practice|definition|explanation|usage|use case|purpose|syntax)$/i;
/** Code rather than a concept: flags, assignments, pipes, calls, paths of several parts, three words or more of code. */
const CODE = /(^|\s)--?\w|[=|;{}<>$]|\w\(|\)$|^\/\S*\//;

describe("generated key points", () => {
  it("are concepts: never a label, never a code fragment, never a long cut-off phrase", () => {
    for (const d of decks)
      for (const q of d.questions)
        for (const k of keyPointsOf(q)) {
          expect(k.label, q.prompt).not.toMatch(LABELS);
          expect(k.label, q.prompt).not.toMatch(CODE);
          expect(words(k.label).length, q.prompt).toBeLessThanOrEqual(6);
        }
  });

  it("skip headings like **Key Features:** and labels like Why used: and Fix:", () => {
    const answer = [
      "Docker runs **containers**.",
      "",
      "**Key Features:**",
      "- Lightweight",
      "- **Why used:** repeatable builds",
      "- Fix: restart the daemon",
      "Run `docker run -p 8080:80 nginx` or `kubectl get pods -o wide`.",
    ].join("\n");
    const labels = deriveKeyPoints(answer).map((k) => k.label);
    expect(labels).toContain("containers");
    for (const bad of [
      "Key Features",
      "Why used",
      "Fix",
      "docker run -p 8080:80 nginx",
      "kubectl get pods -o wide",
    ])
      expect(labels).not.toContain(bad);
  });

  it("keep dotted names whole", () => {
    const labels = deriveKeyPoints(
      "Guard it with `sync.Mutex`; export it through `module.exports`. See **os.path**.",
    ).map((k) => k.label);
    expect(labels).toEqual(expect.arrayContaining(["sync.Mutex", "module.exports", "os.path"]));
  });

  it("a question with nothing to grade against is asked as a flash card in recall mode, never scored 0/0", () => {
    const bare = makeQuestion({ number: 1, answer: "It stays Pending until a node fits." });
    expect(keyPointsOf(bare)).toEqual([]);
    expect(present(bare, "recall", [bare], seededRandom(1)).mode).toBe("flash");
    const rich = makeQuestion({ number: 2, answer: "It uses **Raft** for consensus." });
    expect(present(rich, "recall", [rich], seededRandom(1)).mode).toBe("recall");
  });
});
