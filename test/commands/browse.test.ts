import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import stringWidth from "string-width";
import { beforeAll, describe, expect, it } from "vitest";
import type { Question } from "../../src/core/types.js";
import { loadBundled } from "../../src/io/bank.js";
import {
  BIN,
  DATA,
  ESC,
  fails,
  okPlain,
  outputLines,
  ROOT,
  type RunResult,
  runBin,
  tempDir,
} from "../helpers/bin.js";

const MY_DECK = "test/fixtures/decks/my-deck.md";
const BROKEN = "test/fixtures/decks/broken.md";
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const SLUGS = ["internals", "operators", "multi-cluster", "networking", "service-mesh"];

let bundled: Question[];
beforeAll(async () => {
  expect(existsSync(BIN), "run npm run build first").toBe(true);
  bundled = (await loadBundled(DATA)).flatMap((d) => d.questions);
});

/** A refused run as `fails` checks it, whose message is a plain refusal, not a crash report. */
function refused(r: RunResult, code: number): string {
  const err = fails(r, code);
  expect(err).not.toMatch(/bug|Error:/);
  return err;
}

const json = <T>(r: RunResult): T => JSON.parse(okPlain(r)) as T;

describe("sections", () => {
  it("prints a table of the 5 slugs with 10 questions each and their titles", () => {
    const out = okPlain(runBin(["sections"]));
    const rows = new Map<string, { count: number; rest: string }>();
    for (const line of outputLines(out)) {
      const m = /^([a-z-]+)(?: \([^)]*\))?\s+(\d+)\s+(.+)$/.exec(line);
      if (m?.[1] && SLUGS.includes(m[1])) rows.set(m[1], { count: Number(m[2]), rest: m[3] ?? "" });
    }
    expect([...rows.keys()]).toEqual(SLUGS);
    for (const r of rows.values()) expect(r.count).toBe(10);
    expect(rows.get("networking")?.rest).toBe("Advanced Networking Plugins");
    expect(out).not.toMatch(/mastery/i);
    for (const l of outputLines(out)) expect(stringWidth(l)).toBeLessThanOrEqual(80);
  });

  it("--json has a stable shape, with mastery null before any progress", () => {
    const data = json<{ sections: Record<string, unknown>[] }>(runBin(["sections", "--json"]));
    expect(Object.keys(data)).toEqual(["sections"]);
    expect(data.sections.map((s) => s.slug)).toEqual(SLUGS);
    for (const s of data.sections) {
      expect(Object.keys(s).sort()).toEqual(["aliases", "deck", "mastery", "questions", "slug", "title"]);
      expect(s).toMatchObject({ deck: "k8s", questions: 10, mastery: null });
      expect(typeof s.title).toBe("string");
      expect(Array.isArray(s.aliases)).toBe(true);
    }
    expect(data.sections[1]?.aliases).toContain("crds");
    expect(data.sections[4]?.aliases).toContain("ingress");
  });

  it("--deck adds a user deck's sections", () => {
    const data = json<{ sections: { slug: string; deck: string; questions: number }[] }>(
      runBin(["sections", "--json", "--deck", "k8s", "--deck", MY_DECK]),
    );
    expect(data.sections.slice(5)).toMatchObject([
      { slug: "docker-basics", deck: "my-deck", questions: 2 },
      { slug: "docker-networking", deck: "my-deck", questions: 1 },
    ]);
  });
});

describe("list", () => {
  const ids = (out: string) => [...out.matchAll(/^\s+(\S+)\s{2}\S/gm)].map((m) => m[1]);

  it("--section crds lists the operators section only", () => {
    const out = okPlain(runBin(["list", "--section", "crds"]));
    expect(out).toContain("CRDs & Operator Pattern");
    expect(ids(out)).toEqual(Array.from({ length: 10 }, (_, i) => String(511 + i)));
    expect(out).toContain("What is a Custom Resource Definition (CRD)?");
  });

  it("takes several sections, in the order given", () => {
    const out = okPlain(runBin(["list", "--section", "ingress", "-s", "Internals"]));
    const expected = [...bundled.filter((q) => q.number >= 541), ...bundled.filter((q) => q.number <= 510)];
    expect(ids(out)).toEqual(expected.map((q) => q.id));
  });

  it("--json lists all 50 questions with their ids, sections and prompts", () => {
    const data = json<{ questions: Record<string, unknown>[] }>(runBin(["list", "--json"]));
    expect(Object.keys(data)).toEqual(["questions"]);
    expect(data.questions).toEqual(
      bundled.map((q) => ({ id: q.id, number: q.number, deck: "k8s", section: q.section, prompt: q.prompt })),
    );
  });

  it("--section netwrk is a usage error that suggests networking", () => {
    const err = refused(runBin(["list", "--section", "netwrk"]), 2);
    expect(err).toContain("did you mean networking");
    for (const s of SLUGS) expect(err).toContain(s);
  });

  it("an ambiguous section is a usage error that names the candidates", () => {
    const err = refused(runBin(["list", "--deck", MY_DECK, "--section", "docker"]), 2);
    expect(err).toContain("ambiguous");
    expect(err).toContain("docker-basics");
    expect(err).toContain("docker-networking");
  });

  it("--deck adds the deck's questions with ids prefixed by its name", () => {
    const data = json<{ questions: { id: string; deck: string; section: string }[] }>(
      runBin(["list", "--json", "--deck", "k8s", "--deck", MY_DECK]),
    );
    expect(data.questions).toHaveLength(53);
    expect(data.questions.slice(50)).toMatchObject([
      { id: "my-deck:1", deck: "my-deck", section: "docker-basics" },
      { id: "my-deck:2", deck: "my-deck", section: "docker-basics" },
      { id: "my-deck:3", deck: "my-deck", section: "docker-networking" },
    ]);
    const out = okPlain(runBin(["list", "--deck", MY_DECK, "--section", "docker-networking"]));
    expect(ids(out)).toEqual(["my-deck:3"]);
  });

  it("a --deck with a question that has no answer lists the rest, naming the skipped line (issue 16)", () => {
    const r = runBin(["list", "--deck", BROKEN]);
    expect(r.code, r.stderr).toBe(0);
    // What the file gave heads the lines it could not use.
    expect(r.stderr).toBe(`${BROKEN}: 1 question\nwarning: ${BROKEN}:3: question 7 has no answer: skipped\n`);
    expect(r.stdout).toContain("broken:8");
    expect(r.stdout).not.toContain("broken:7");
  });

  it("a --deck with no questions at all exits 1 with file:line on stderr", () => {
    const err = refused(runBin(["list", "--deck", "test/fixtures/decks/no-questions.md"]), 1);
    expect(err).toMatch(/^k8s-quiz: test\/fixtures\/decks\/no-questions\.md:1: no questions found/);
  });

  it("a missing --deck exits 1 and says so", () => {
    const err = refused(runBin(["list", "--deck", "test/fixtures/decks/nope.md"]), 1);
    expect(err).toContain("test/fixtures/decks/nope.md");
    expect(err).toContain("no such file");
  });
});

describe("show", () => {
  it("502 prints the prompt and the answer as plain text within 80 columns", () => {
    const out = okPlain(runBin(["show", "502"]));
    expect(out).toContain("What is the role of etcd in Kubernetes?");
    expect(out).toContain("A distributed key-value store.");
    expect(out).toContain("Persists all cluster data (Pods, Secrets, ConfigMaps).");
    expect(out).toContain("Uses RAFT algorithm for consensus (Leader election).");
    expect(out).toContain("If Etcd is down, the API server is down, and the cluster is frozen.");
    expect(out).not.toContain("**");
    for (const l of outputLines(out)) expect(stringWidth(l), l).toBeLessThanOrEqual(80);
  });

  it.each(["505", "512", "546", "549"])(
    "%s (code blocks, numbered lists, notes) stays plain and within 80 columns",
    (id) => {
      const out = okPlain(runBin(["show", id]));
      const q = bundled.find((x) => x.id === id) as Question;
      expect(out).toContain(q.prompt);
      expect(out).not.toContain("**");
      expect(out).not.toContain("```");
      for (const l of outputLines(out)) expect(stringWidth(l), `${id}: ${l}`).toBeLessThanOrEqual(80);
    },
  );

  it("--no-color wins over FORCE_COLOR, which does colour the same output", () => {
    const coloured = runBin(["show", "502"], { env: { FORCE_COLOR: "1" } });
    expect(coloured.code).toBe(0);
    expect(coloured.stdout).toContain(ESC);
    const plain = okPlain(runBin(["show", "502", "--no-color"], { env: { FORCE_COLOR: "1" } }));
    expect(plain).toContain("Uses RAFT algorithm for consensus");
  });

  it("NO_COLOR keeps a sections table plain even under a colour-loving TERM", () => {
    okPlain(runBin(["sections"], { env: { NO_COLOR: "1", TERM: "xterm-256color" } }));
  });

  it("502 --json gives the raw Markdown answer and the metadata", () => {
    const data = json<Record<string, unknown>>(runBin(["show", "502", "--json"]));
    const q = bundled.find((x) => x.id === "502") as Question;
    expect(Object.keys(data).sort()).toEqual(
      [
        "answer",
        "deck",
        "difficulty",
        "id",
        "note",
        "number",
        "prompt",
        "section",
        "sectionTitle",
        "tags",
      ].sort(),
    );
    expect(data).toMatchObject({
      id: "502",
      number: 502,
      deck: "k8s",
      section: "internals",
      sectionTitle: "Kubernetes Internals & Architecture",
      prompt: q.prompt,
      answer: q.answer,
    });
    expect(data.tags).toContain("etcd");
    expect([1, 2, 3]).toContain(data.difficulty);
  });

  it("9999 exits 2 with one line on stderr and no stack", () => {
    const err = refused(runBin(["show", "9999"]), 2);
    expect(err).toContain("9999");
  });

  it("a user deck's question, by its prefixed id or its bare number", () => {
    const out = okPlain(runBin(["show", "my-deck:3", "--deck", MY_DECK]));
    expect(out).toContain("What is the default Docker network driver?");
    expect(out).toContain("bridge driver: containers on one host share a private bridge network.");
    expect(out).not.toContain("**");
    const byNumber = okPlain(runBin(["show", "3", "--deck", MY_DECK]));
    expect(byNumber).toBe(out);
  });
});

describe("search", () => {
  it("etcd raft: 502 first, every hit has both words, with its matching line", () => {
    const out = okPlain(runBin(["search", "etcd", "raft"]));
    const results = [...out.matchAll(/^(\d+) {2}(.*)$/gm)].map((m) => m[1]);
    expect(results[0]).toBe("502");
    expect(outputLines(out)[0]).toBe("502  What is the role of etcd in Kubernetes?");
    const expected = bundled.filter((q) =>
      ["etcd", "raft"].every((w) => `${q.prompt}\n${q.answer}`.toLowerCase().includes(w)),
    );
    expect(new Set(results)).toEqual(new Set(expected.map((q) => q.id)));
    // 501 matches only in its answer, so its matching line follows, indented: the one line that
    // has both words, not the first that has etcd.
    expect(out).toMatch(
      /^501 {2}How does Kubernetes maintain consistency across distributed components\?\n {6}Etcd: The single source of truth \(Strong consistency, Raft protocol\)\.$/m,
    );
  });

  it("--json has a stable shape", () => {
    const data = json<{ query: string[]; results: Record<string, unknown>[] }>(
      runBin(["search", "--json", "etcd", "raft"]),
    );
    expect(Object.keys(data)).toEqual(["query", "results"]);
    expect(data.query).toEqual(["etcd", "raft"]);
    expect(data.results[0]).toMatchObject({
      id: "502",
      section: "internals",
      prompt: "What is the role of etcd in Kubernetes?",
    });
    for (const r of data.results) {
      expect(Object.keys(r).sort()).toEqual(["id", "line", "prompt", "score", "section"]);
      expect(String(r.line).toLowerCase()).toMatch(/etcd|raft/);
    }
  });

  it("finds a user deck's question", () => {
    const data = json<{ results: { id: string }[] }>(
      runBin(["search", "--json", "bridge", "driver", "--deck", MY_DECK]),
    );
    expect(data.results.map((r) => r.id)).toEqual(["my-deck:3"]);
  });

  it("says so when nothing matches", () => {
    expect(okPlain(runBin(["search", "zzqxv"]))).toContain("No question contains all of: zzqxv");
  });
});

describe("deck text cannot reach the terminal raw", () => {
  it("strips escape sequences from a hostile deck in list, show and search", () => {
    const dir = tempDir();
    const file = join(dir, "evil.md");
    writeFileSync(
      file,
      [
        `# Evil${ESC}]0;pwned\x07 Section`,
        `### 1. Retitle${ESC}]0;pwned\x07 the terminal?`,
        `Clear${ESC}[2J the screen${ESC}[8m and hide${ESC}[28m text.\x07`,
      ].join("\n"),
    );
    for (const args of [
      ["list", "--deck", file],
      ["sections", "--deck", file],
      ["show", "evil:1", "--deck", file],
      ["search", "retitle", "--deck", file],
      ["search", "screen", "--deck", file],
    ]) {
      const r = runBin(args);
      expect(r.code, args.join(" ")).toBe(0);
      for (const bad of [ESC, "\x07", "\x9b"]) expect(r.stdout, args.join(" ")).not.toContain(bad);
      expect(r.stdout, args.join(" ")).toMatch(/Retitle the terminal\?|Evil Section/);
    }
  });
});

describe("the command line", () => {
  it.each([
    [["bogus"], "bogus"],
    [["list", "--bogus"], "--bogus"],
    [["show"], "id"],
    [["search", "--limit", "abc", "etcd"], "abc"],
    [["search", "--limit", "0", "etcd"], "0"],
  ])("%j is a usage error (exit 2)", (args, mention) => {
    const r = runBin(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(mention);
    expect(r.stderr).not.toContain("    at ");
  });

  it("--help exits 0 with examples and the browse commands", () => {
    const out = okPlain(runBin(["--help"]));
    expect(out).toContain("Examples:");
    for (const c of ["sections", "list", "show", "search"])
      expect(out).toMatch(new RegExp(`^  ${c}\\b`, "m"));
  });

  it.each(["sections", "list", "show", "search"])("%s --help exits 0 with examples", (cmd) => {
    const out = okPlain(runBin([cmd, "--help"]));
    expect(out).toContain(`Usage: k8s-quiz ${cmd}`);
    expect(out).toContain("Examples:");
    expect(out).toContain(`$ k8s-quiz ${cmd}`);
  });

  it("--version prints the package version", () => {
    expect(okPlain(runBin(["--version"])).trim()).toBe(VERSION);
  });
});
