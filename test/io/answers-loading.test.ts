import { readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDeck } from "../../src/core/deck-parser.js";
import { pinSlugs } from "../../src/core/section-slugs.js";
import type { Deck } from "../../src/core/types.js";
import { DeckError, UserError } from "../../src/errors.js";
import { loadDeck, mergeDecks } from "../../src/io/bank.js";
import { DeckCache } from "../../src/io/deck-cache.js";
import { loadAnswers } from "../../src/io/decks/indexed.js";
import { openBank } from "../../src/io/decks/open-bank.js";
import { DATA, runBin, tempDir } from "../helpers/bin.js";
import { terminalDeps } from "../helpers/deps.js";

// Answers are loaded in one explicit step at the edge (loadAnswers), never by reading a property:
// a deck read from its index has none until then, and the step reads the deck through the guarded
// reader, once per file, and says in one line when the file is no longer the one indexed.

const DECK = `## Basics

### 1. What is an image?
A read-only template.

### 2. What is a container?
A running instance of an image.
`;

/** Whole milliseconds, so a file's time can be set back exactly after it is rewritten. */
const WHEN = new Date("2026-01-05T10:00:00Z");

function indexed() {
  const dir = tempDir("k8s-quiz-answers-");
  const file = join(dir, "docker.md");
  writeFileSync(file, DECK);
  utimesSync(file, WHEN, WHEN);
  const cache = new DeckCache(join(dir, "cache"));
  return { dir, file, cache };
}

/** The deck as a later run reads it: from the index written by an earlier one. */
async function fromIndex(file: string, cache: DeckCache): Promise<Deck> {
  await loadDeck(file, "docker", true, cache);
  const deck = cache.read(file, "docker", true);
  if (!deck) throw new Error("expected the index to be used");
  return deck;
}

function failure(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected it to fail");
}

describe("loadAnswers", () => {
  it("gives the indexed questions their answers as plain data, and leaves the rest as they are", async () => {
    const { file, cache } = indexed();
    const deck = await fromIndex(file, cache);
    const plain = parseDeck(DECK, { file: "other.md", deck: "other", prefixIds: true }).questions;
    const loaded = loadAnswers([...deck.questions, ...plain]);
    expect(loaded.map((q) => [q.id, q.answer])).toEqual([
      ["docker:1", "A read-only template."],
      ["docker:2", "A running instance of an image."],
      ["other:1", "A read-only template."],
      ["other:2", "A running instance of an image."],
    ]);
    expect(loaded.slice(2)).toEqual(plain);
    expect(loaded[2]).toBe(plain[0]);
    // Plain objects: a copy, a spread or JSON keeps every field.
    expect(JSON.parse(JSON.stringify(loaded[0]))).toEqual({
      id: "docker:1",
      number: 1,
      deck: "docker",
      section: "basics",
      prompt: "What is an image?",
      answer: "A read-only template.",
      file,
      line: 3,
    });
  });

  it("reads no file behind a property: an indexed question's answer before loading is a bug, said", async () => {
    const { file, cache } = indexed();
    const deck = await fromIndex(file, cache);
    const e = failure(() => deck.questions[0]?.answer);
    expect(e).not.toBeInstanceOf(UserError);
    expect(e.message).toContain("were not loaded");
  });

  it("says in one line that a deck changed between its index and its answers", async () => {
    const { file, cache } = indexed();
    const deck = await fromIndex(file, cache);
    writeFileSync(file, DECK.replace("A read-only template.", "A template, read-only."));
    const e = failure(() => loadAnswers(deck.questions));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe(`${file}: the deck changed while it was being read; run the command again`);
  });

  it("says in one line that a deck went away between its index and its answers", async () => {
    const { file, cache } = indexed();
    const deck = await fromIndex(file, cache);
    rmSync(file);
    const e = failure(() => loadAnswers(deck.questions));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe(`${file}: the deck is gone since it was read`);
  });

  it("reads the answers through the guarded deck reader (UTF-8 checked)", async () => {
    const { file, cache } = indexed();
    const deck = await fromIndex(file, cache);
    // Same size and time as the indexed file, so only the reader's own checks can notice.
    const bytes = Buffer.from(DECK);
    bytes[bytes.indexOf("template")] = 0xff;
    writeFileSync(file, bytes);
    utimesSync(file, WHEN, WHEN);
    expect(statSync(file).size).toBe(Buffer.byteLength(DECK));
    const e = failure(() => loadAnswers(deck.questions));
    expect(e).toBeInstanceOf(DeckError);
    expect(e.message).toBe(`${file}:4: deck is not valid UTF-8 text`);
  });

  it("reads each deck file once, however many of its questions are loaded", async () => {
    const { file, cache } = indexed();
    const deck = await fromIndex(file, cache);
    const first = loadAnswers(deck.questions.slice(0, 1));
    rmSync(file);
    // Loaded already: the copies need no file.
    expect(loadAnswers(first)).toEqual(first);
  });
});

describe("openBank: the bank as every command gets it", () => {
  const place = (dir: string, file: string) => ({
    dataDir: DATA,
    cacheDir: join(dir, "cache"),
    registered: [{ name: "docker", path: file }],
    warn: () => {},
  });

  it("loads the answers of indexed decks unless the command says it shows none", async () => {
    const { dir, file } = indexed();
    await openBank(place(dir, file), [], { answers: false }); // writes the index
    const listing = await openBank(place(dir, file), [], { answers: false });
    const docker = listing.questions.filter((q) => q.deck === "docker");
    expect(docker.map((q) => q.prompt)).toEqual(["What is an image?", "What is a container?"]);
    expect(() => docker[0]?.answer).toThrow("were not loaded");
    const full = await openBank(place(dir, file));
    expect(full.questions.filter((q) => q.deck === "docker").map((q) => q.answer)).toEqual([
      "A read-only template.",
      "A running instance of an image.",
    ]);
  });
});

describe("merging and pinning leave the loaded decks as they were", () => {
  const deck = (name: string, text: string) =>
    parseDeck(text, { file: `${name}.md`, deck: name, prefixIds: true });
  const snapshot = (d: Deck) => JSON.parse(JSON.stringify(d));

  it("mergeDecks tells a later deck's section apart in a copy", () => {
    const a = deck("a", "# Basics\n### 1. A?\na\n");
    const b = deck("b", "# Basics\n### 1. B?\nb\n");
    const before = snapshot(b);
    const bank = mergeDecks([a, b]);
    expect(bank.sections.map((s) => [s.slug, s.aliases])).toEqual([
      ["basics", []],
      ["b-basics", ["basics"]],
    ]);
    expect(bank.questions.map((q) => [q.id, q.section, q.answer])).toEqual([
      ["a:1", "basics", "a"],
      ["b:1", "b-basics", "b"],
    ]);
    expect(snapshot(b)).toEqual(before);
    // Merging the same decks again gives the same bank: nothing was carried over from the first.
    expect(mergeDecks([a, b])).toEqual(bank);
  });

  it("pinSlugs renames an indexed deck's sections in a copy that keeps its columns", async () => {
    const { file, cache } = indexed();
    const d = await fromIndex(file, cache);
    const pinned = pinSlugs(d, { basics: "docker-basics" });
    expect(d.sections[0]?.slug).toBe("basics");
    expect(d.questions.map((q) => q.section)).toEqual(["basics", "basics"]);
    expect(pinned.sections[0]).toMatchObject({ slug: "docker-basics", aliases: ["basics"] });
    expect(pinned.questions.map((q) => [q.id, q.number, q.line, q.section])).toEqual([
      ["docker:1", 1, 3, "docker-basics"],
      ["docker:2", 2, 6, "docker-basics"],
    ]);
    expect(loadAnswers(pinned.questions).map((q) => [q.section, q.answer])).toEqual([
      ["docker-basics", "A read-only template."],
      ["docker-basics", "A running instance of an image."],
    ]);
  });
});

describe("the built bin", () => {
  it("lists a deck from its index without reading its answers; show then says in one line what is wrong", () => {
    const { dir, file } = indexed();
    const configDir = join(dir, "config");
    expect(runBin(["list", "--deck", file], { configDir }).code).toBe(0);
    // The deck broken behind the index's back (same size, same time): listing never reads it.
    const bytes = Buffer.from(DECK);
    bytes[bytes.indexOf("template")] = 0xff;
    writeFileSync(file, bytes);
    utimesSync(file, WHEN, WHEN);
    const list = runBin(["list", "--deck", file], { configDir });
    expect(list.stderr).toBe("");
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("What is a container?");
    const show = runBin(["show", "docker:2", "--deck", file], { configDir });
    expect(show.stdout).toBe("");
    expect(show.stderr).toBe(`k8s-quiz: ${file}:4: deck is not valid UTF-8 text\n`);
    expect(show.code).toBe(1);
  });
});

describe("the test helpers' bank", () => {
  it("is assembled by the CLI's function: registered decks from their index, answers loaded", async () => {
    const { dir, file } = indexed();
    const deps = terminalDeps({ configDir: join(dir, "config"), context: {} });
    await deps.store().update((s) => ({ ...s, decks: [...s.decks, { name: "docker", path: file }] }));
    await deps.bank([], { answers: false }); // the first run writes the index
    expect(readdirSync(deps.cacheDir).some((f) => f.startsWith("deck-docker"))).toBe(true);
    const bank = await deps.bank();
    expect(bank.questions.filter((q) => q.deck === "docker").map((q) => [q.id, q.answer])).toEqual([
      ["docker:1", "A read-only template."],
      ["docker:2", "A running instance of an image."],
    ]);
    const listing = await deps.bank([], { answers: false });
    expect(() => listing.questions.find((q) => q.deck === "docker")?.answer).toThrow("were not loaded");
  });
});
