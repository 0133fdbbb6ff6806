import { mkdirSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDeck } from "../../src/core/deck-parser.js";
import type { Question } from "../../src/core/types.js";
import { DeckError, Interrupted, UserError } from "../../src/errors.js";
import {
  BUNDLED_DECK,
  deckNameOf,
  loadBank,
  loadBundled,
  loadDeck,
  MAX_DECK_BYTES,
  mergeDecks,
  readDeckText,
  resolveMeta,
} from "../../src/io/decks/bank.js";
import { DATA, ROOT, tempDir } from "../helpers/bin.js";

const FIXTURES = join(ROOT, "test", "fixtures", "decks");
const md = (...lines: string[]) => lines.join("\n");

/** Writes `content` to a fresh temp file and returns its path. */
function deckFile(name: string, content: string | Buffer): string {
  const file = join(tempDir("k8s-quiz-bank-"), name);
  writeFileSync(file, content);
  return file;
}

/** The error a promise or function rejects with, so its type and message can both be checked. */
async function failure(fn: () => unknown): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected it to fail");
}

describe("loadBundled", () => {
  it("loads the 50 seed questions, 501 to 550, in order", async () => {
    const decks = await loadBundled(DATA);
    const questions = decks.flatMap((d) => d.questions);
    expect(questions).toHaveLength(50);
    expect(questions.map((q) => q.id)).toEqual(Array.from({ length: 50 }, (_, i) => String(501 + i)));
    expect(questions.map((q) => q.number)).toEqual(Array.from({ length: 50 }, (_, i) => 501 + i));
    for (const q of questions) expect(q.deck).toBe(BUNDLED_DECK);
  });

  it("has the five sections with their slugs, 10 questions each, in seed order", async () => {
    const decks = await loadBundled(DATA);
    const sections = decks.flatMap((d) => d.sections);
    expect(sections.map((s) => s.slug)).toEqual([
      "internals",
      "operators",
      "multi-cluster",
      "networking",
      "service-mesh",
    ]);
    expect(sections.map((s) => s.title)).toEqual([
      "Kubernetes Internals & Architecture",
      "CRDs & Operator Pattern",
      "Multi-Cluster & Federation",
      "Advanced Networking Plugins",
      "Ingress Controllers & Service Mesh",
    ]);
    const questions = decks.flatMap((d) => d.questions);
    sections.forEach((s, i) => {
      const inSection = questions.filter((q) => q.section === s.slug).map((q) => q.number);
      expect(inSection).toEqual(Array.from({ length: 10 }, (_, j) => 501 + i * 10 + j));
    });
  });

  it("gives operators the alias crds and service-mesh the alias ingress", async () => {
    const sections = (await loadBundled(DATA)).flatMap((d) => d.sections);
    expect(sections.find((s) => s.slug === "operators")?.aliases).toContain("crds");
    expect(sections.find((s) => s.slug === "service-mesh")?.aliases).toContain("ingress");
    const all = sections.flatMap((s) => [s.slug, ...s.aliases]);
    expect(new Set(all).size).toBe(all.length);
  });

  it("keeps every question's quiz block raw until asked", async () => {
    const questions = (await loadBundled(DATA)).flatMap((d) => d.questions);
    for (const q of questions) {
      expect(q.rawMeta?.text, q.id).toBeTruthy();
      expect(q.meta, q.id).toBeUndefined();
      expect(q.answer, q.id).not.toContain("<!--");
    }
  });

  it("merges into one bank without clashes", async () => {
    const bank = mergeDecks(await loadBundled(DATA));
    expect(bank.questions).toHaveLength(50);
    expect(bank.sections).toHaveLength(5);
  });
});

describe("readDeckText and loadDeck: what no deck can be", () => {
  const notUtf8: { name: string; bytes: Buffer; line: number }[] = [
    {
      name: "a bad byte on line 4",
      bytes: Buffer.from("## S\n\n### 1. Q\nbad \xff byte\n", "latin1"),
      line: 4,
    },
    { name: "a bad byte on line 1", bytes: Buffer.from("\xff## S\n### 1. Q\nA\n", "latin1"), line: 1 },
    {
      name: "CRLF, bad on line 3",
      bytes: Buffer.concat([
        Buffer.from("## S\r\n### 1. Q\r\n"),
        Buffer.from([0xc3, 0x28]),
        Buffer.from("\r\n"),
      ]),
      line: 3,
    },
    {
      name: "a sequence cut short at the end of the file",
      bytes: Buffer.concat([Buffer.from("### 1. Q\nA\n"), Buffer.from([0xe2, 0x82])]),
      line: 3,
    },
    {
      name: "valid multibyte text before the bad byte on its line",
      bytes: Buffer.concat([Buffer.from("### 1. Q\ncafé 🔹 "), Buffer.from([0xff]), Buffer.from("\nok\n")]),
      line: 2,
    },
    {
      name: "a Latin-1 file",
      bytes: Buffer.from("## Notes\n\n## Café\n### 1. Qué?\nSí.\n", "latin1"),
      line: 3,
    },
  ];

  it.each(notUtf8)("is not UTF-8: $name", async ({ bytes, line }) => {
    const file = deckFile("bad.md", bytes);
    const e = await failure(() => loadDeck(file, "bad", true));
    expect(e).toBeInstanceOf(DeckError);
    expect(e.message).toBe(`${file}:${line}: deck is not valid UTF-8 text`);
  });

  it("names UTF-16 when a file with its byte-order mark does not decode as it (an odd byte count)", async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("### 1. Q\nA.\n", "utf16le"),
      Buffer.from([0x41]),
    ]);
    const file = deckFile("odd16.md", bytes);
    const e = await failure(() => loadDeck(file, "odd16", true));
    expect(e).toBeInstanceOf(DeckError);
    expect(e.message).toBe(
      `${file}:1: deck starts with a UTF-16 byte-order mark but is not valid UTF-16 text`,
    );
  });

  it("refuses a deck over 20 MB before parsing it", async () => {
    const file = deckFile("huge.md", "");
    truncateSync(file, MAX_DECK_BYTES + 1);
    expect(MAX_DECK_BYTES).toBe(20 * 1024 * 1024);
    const e = await failure(() => loadDeck(file, "huge", true));
    expect(e).toBeInstanceOf(DeckError);
    expect(e.message).toBe(`${file}:1: deck is larger than 20 MB`);
  });

  it("accepts a deck of exactly 20 MB", async () => {
    const head = "### 1. What?\n";
    const row = `${"a".repeat(1023)}\n`;
    const rows = Math.floor((MAX_DECK_BYTES - head.length) / row.length);
    const tail = "b".repeat(MAX_DECK_BYTES - head.length - rows * row.length);
    const file = deckFile("big.md", head + row.repeat(rows) + tail);
    const deck = await loadDeck(file, "big", true);
    expect(deck.questions.map((q) => q.id)).toEqual(["big:1"]);
  });

  it("says a missing file is missing, as a user error without a line", async () => {
    const file = join(tempDir(), "nope.md");
    const e = await failure(() => loadDeck(file, "nope", true));
    expect(e).toBeInstanceOf(UserError);
    expect(e).not.toBeInstanceOf(DeckError);
    expect(e.message).toBe(`${file}: cannot read deck: no such file`);
  });

  it("says a directory is a directory", async () => {
    const dir = join(tempDir(), "deck.md");
    mkdirSync(dir);
    const e = await failure(() => readDeckText(dir));
    expect(e.message).toBe(`${dir}: cannot read deck: is a directory`);
  });

  it("reports parse errors with the file's own path", async () => {
    const file = deckFile("empty.md", "## Notes\n\nNo questions here.\n");
    const e = await failure(() => loadDeck(file, "empty", true));
    expect(e).toBeInstanceOf(DeckError);
    expect(e.message).toMatch(new RegExp(`^${file.replace(/[.\\/]/g, "\\$&")}:1: no questions found`));
  });

  it("loads a deck with a question that has no answer, reporting that line (issue 16)", async () => {
    const file = join(FIXTURES, "broken.md");
    const d = await loadDeck(file, "broken", true);
    expect(d.questions.map((q) => q.id)).toEqual(["broken:8"]);
    expect(d.problems).toEqual([{ line: 3, message: "question 7 has no answer: skipped", skipped: true }]);
  });

  it("reads a section's slug and aliases from its quiz block", async () => {
    const file = deckFile(
      "s.md",
      md(
        "## Container Basics",
        "",
        "<!-- quiz",
        "slug: Basics",
        "aliases: [Intro, start]",
        "-->",
        "",
        "### 1. Q?",
        "A.",
      ),
    );
    const deck = await loadDeck(file, "s", true);
    expect(deck.sections.map((s) => ({ slug: s.slug, aliases: s.aliases }))).toEqual([
      { slug: "basics", aliases: ["intro", "start"] },
    ]);
    expect(deck.questions[0]?.section).toBe("basics");
  });

  it("names the line of a broken section block", async () => {
    const file = deckFile(
      "s.md",
      md(
        "## Basics",
        "",
        "<!-- quiz",
        "slug: basics",
        "aliases: [a]",
        "oops: a: b",
        "-->",
        "### 1. Q?",
        "A.",
      ),
    );
    const e = await failure(() => loadDeck(file, "s", true));
    expect(e).toBeInstanceOf(DeckError);
    expect(e.message).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:6: quiz block is not valid YAML`),
    );
  });
});

describe("deckNameOf", () => {
  it.each([
    ["/home/me/My Docker.md", "my-docker"],
    ["decks/cka_notes.v2.md", "cka-notes-v2"],
    ["my-deck.md", "my-deck"],
    ["🔹.md", "deck"],
  ])("%s -> %s", (file, name) => {
    expect(deckNameOf(file)).toBe(name);
  });
});

describe("mergeDecks", () => {
  const deck = (name: string, prefixIds: boolean, text: string) =>
    parseDeck(text, { file: `${name}.md`, deck: name, prefixIds });

  it("rejects an id used twice across decks, naming both places", () => {
    const a = deck("a", false, md("# One", "### 7. Seven?", "Yes."));
    const b = deck("b", false, md("# Two", "### 6. Six?", "Yes.", "### 7. Seven again?", "Yes."));
    const e = (() => {
      try {
        mergeDecks([a, b]);
      } catch (err) {
        return err as Error;
      }
    })();
    expect(e).toBeInstanceOf(DeckError);
    expect(e?.message).toBe("b.md:4: question 7 is also in a.md:2");
  });

  it("rejects the bundled bank loaded twice", async () => {
    const decks = [...(await loadBundled(DATA)), ...(await loadBundled(DATA))];
    expect(() => mergeDecks(decks)).toThrow(/question 501 is also in .*01-internals\.md:\d+$/);
  });

  it("keeps prefixed ids of different decks apart", () => {
    const a = deck("a", true, md("# One", "### 7. Seven?", "Yes."));
    const b = deck("b", true, md("# Two", "### 7. Seven?", "Yes."));
    expect(mergeDecks([a, b]).questions.map((q) => q.id)).toEqual(["a:7", "b:7"]);
  });

  it("still checks prefixed decks one id at a time when two of them have the same name", () => {
    // Two files called notes.md in different folders, both given on the command line.
    const a = { ...deck("notes", true, md("# One", "### 7. Seven?", "Yes.")), file: "x/notes.md" };
    const b = deck("notes", true, md("# Two", "### 6. Six?", "Yes.", "### 7. Seven?", "Yes."));
    expect(() => mergeDecks([a, b])).toThrow("notes.md:4: question notes:7 is also in notes.md:2");
  });

  it("keeps every question of a prefixed deck in order, after an unprefixed one", async () => {
    const bundled = await loadBundled(DATA);
    const big = deck(
      "big",
      true,
      md("# Only", ...Array.from({ length: 300 }, (_, i) => [`### ${i + 1}. Q${i + 1}?`, "A."]).flat()),
    );
    const bank = mergeDecks([...bundled, big]);
    expect(bank.questions).toHaveLength(350);
    expect(bank.questions.slice(50).map((q) => q.id)).toEqual(big.questions.map((q) => q.id));
    expect(bank.questions[349]?.id).toBe("big:300");
  });

  it("tells apart a later deck's section whose slug is taken, and moves its questions along", () => {
    const a = deck("a", true, md("# Basics", "### 1. A?", "a"));
    const b = deck("b", true, md("# Basics", "### 1. B?", "b", "# Extra", "### 2. C?", "c"));
    const bank = mergeDecks([a, b]);
    expect(bank.sections.map((s) => s.slug)).toEqual(["basics", "b-basics", "extra"]);
    expect(bank.questions.map((q) => [q.id, q.section])).toEqual([
      ["a:1", "basics"],
      ["b:1", "b-basics"],
      ["b:2", "extra"],
    ]);
  });
});

describe("resolveMeta", () => {
  const text = md(
    "## Basics", // 1
    "### 1. What is etcd?", // 2
    "A key-value store.", // 3
    "<!-- quiz", // 4
    "choices:", // 5
    "  correct: A consistent key-value store", // 6
    "  wrong: [A cache, A queue, A scheduler]", // 7
    "keyPoints:", // 8
    "  Key-value: [key-value, kv]", // 9
    "  Raft: raft", // 10
    "tags: [etcd, Architecture]", // 11
    "note: Still true.", // 12
    "difficulty: 2", // 13
    "-->", // 14
    "### 2. What is a lease?", // 15
    "A lock with a timeout.", // 16
    "<!-- quiz", // 17
    "tags: [etcd]", // 18
    "difficulty: 1", // 19
    "note: a: b", // 20
    "-->", // 21
    "### 3. What is a watch?", // 22
    "A stream of changes.", // 23
    "### 4. What is a list?", // 24
    "A snapshot.", // 25
    "<!-- quiz", // 26
    "tags: [etcd]", // 27
    "", // 28
    "note: a: b", // 29
    "-->", // 30
  );
  const fresh = () => parseDeck(text, { file: "m.md", deck: "m", prefixIds: false }).questions;
  const byId = (qs: Question[], id: string) => qs.find((q) => q.id === id) as Question;

  it("fills in meta from each question's block", async () => {
    const qs = fresh();
    const warnings: string[] = [];
    await resolveMeta(qs, (l) => warnings.push(l));
    expect(byId(qs, "1").meta).toEqual({
      correct: "A consistent key-value store",
      wrong: ["A cache", "A queue", "A scheduler"],
      keyPoints: [
        { label: "Key-value", words: ["key-value", "kv"] },
        { label: "Raft", words: ["raft"] },
      ],
      tags: ["etcd", "architecture"],
      note: "Still true.",
      difficulty: 2,
    });
    expect(byId(qs, "3").meta).toBeUndefined();
  });

  it("turns a broken YAML block into one warning with its file and line, not a throw", async () => {
    const qs = fresh();
    const warnings: string[] = [];
    await expect(resolveMeta(qs, (l) => warnings.push(l))).resolves.toBeUndefined();
    expect(byId(qs, "2").meta).toEqual({});
    expect(byId(qs, "1").meta?.difficulty).toBe(2);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^warning: m\.md:20: quiz block is not valid YAML: .+ \(block ignored\)$/);
    expect(warnings.every((w) => !w.includes("\n"))).toBe(true);
  });

  it("names the right line when the broken block has a blank line in it", async () => {
    const qs = fresh();
    const warnings: string[] = [];
    await resolveMeta(qs, (l) => warnings.push(l));
    expect(byId(qs, "4").meta).toEqual({});
    expect(warnings[1]).toMatch(/^warning: m\.md:29: quiz block is not valid YAML/);
  });

  // Issue 19: a 20 MB deck's blocks take seconds, and a session listening for Ctrl+C must not wait them out.
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ])("stops at %s, parsing no further block", async (reason, code) => {
    const qs = fresh();
    const stop = new AbortController();
    stop.abort(reason);
    const e = await resolveMeta(qs, () => {}, stop.signal).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Interrupted);
    expect((e as Interrupted).exitCode).toBe(code);
    expect(qs.filter((q) => q.meta)).toEqual([]);
  });

  it("leaves questions alone that already have meta", async () => {
    const qs = fresh();
    const q1 = byId(qs, "1");
    q1.meta = { note: "kept" };
    await resolveMeta([q1], () => {});
    expect(q1.meta).toEqual({ note: "kept" });
  });

  it("resolves the bundled bank with no warnings", async () => {
    const qs = (await loadBundled(DATA)).flatMap((d) => d.questions);
    const warnings: string[] = [];
    await resolveMeta(qs, (l) => warnings.push(l));
    expect(warnings).toEqual([]);
    for (const q of qs) expect(q.meta?.correct, q.id).toBeTruthy();
  });
});

describe("loadBank", () => {
  it("adds --deck files with prefixed ids after the bundled bank named k8s", async () => {
    const bank = await loadBank({
      dataDir: DATA,
      registered: [],
      extra: ["k8s", join(FIXTURES, "my-deck.md")],
      warn: () => {},
    });
    expect(bank.questions).toHaveLength(53);
    expect(bank.questions.slice(50).map((q) => [q.id, q.section])).toEqual([
      ["my-deck:1", "docker-basics"],
      ["my-deck:2", "docker-basics"],
      ["my-deck:3", "docker-networking"],
    ]);
    expect(bank.sections.map((s) => s.slug).slice(5)).toEqual(["docker-basics", "docker-networking"]);
  });

  it("warns about a registered deck that is gone and loads the rest", async () => {
    const warnings: string[] = [];
    const gone = join(tempDir(), "gone.md");
    const bank = await loadBank({
      dataDir: DATA,
      registered: [
        { name: "gone", path: gone },
        { name: "docker", path: join(FIXTURES, "my-deck.md") },
      ],
      extra: [],
      warn: (l) => warnings.push(l),
    });
    expect(warnings).toEqual([`warning: skipping deck "gone": ${gone}: cannot read deck: no such file`]);
    expect(bank.questions.slice(50).map((q) => q.id)).toEqual(["docker:1", "docker:2", "docker:3"]);
  });

  it("loads a --deck file around its defect and warns with its file:line (issue 16)", async () => {
    const file = join(FIXTURES, "broken.md");
    const warnings: string[] = [];
    const bank = await loadBank({
      dataDir: DATA,
      registered: [],
      extra: [file],
      warn: (l) => warnings.push(l),
    });
    // --deck narrows the run to that deck (issue 16): its one usable question, no bundled ones.
    expect(bank.questions.map((q) => q.id)).toEqual(["broken:8"]);
    // What the file gave heads the lines it could not use (issue 16, never silent).
    expect(warnings).toEqual([
      `${file}: 1 question`,
      `warning: ${file}:3: question 7 has no answer: skipped`,
    ]);
  });

  it("fails on a --deck file with no questions at all", async () => {
    const file = deckFile("none.md", "# Notes\n");
    const e = await failure(() => loadBank({ dataDir: DATA, registered: [], extra: [file], warn: () => {} }));
    expect(e).toBeInstanceOf(DeckError);
    expect(e.message).toMatch(/none\.md:1: no questions found/);
  });
});
