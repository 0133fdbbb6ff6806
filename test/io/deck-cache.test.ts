import { readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDeck } from "../../src/io/decks/bank.js";
import { contentHash } from "../../src/io/decks/content-hash.js";
import { DeckCache } from "../../src/io/decks/deck-cache.js";
import { loadAnswers } from "../../src/io/decks/indexed.js";
import { runBin, tempDir } from "../helpers/bin.js";

const DECK = `## Docker Basics

### 1. What is an image?
A read-only template with the layers of a container's filesystem.

### 2. What is a container?
- A running instance of an image.
- Isolated with **namespaces** and limited with cgroups.

<!-- quiz
tags: [architecture]
-->
`;

function setup() {
  const dir = tempDir();
  const file = join(dir, "docker.md");
  writeFileSync(file, DECK);
  return { dir, file, cache: new DeckCache(join(dir, "cache")) };
}

const indexFile = (dir: string) => {
  const files = readdirSync(join(dir, "cache"));
  expect(files).toHaveLength(1);
  return join(dir, "cache", files[0] as string);
};

/** An index file: the CRC-32 of the rest, a line of JSON, then the prompts, one per line. */
const readIndex = (dir: string) => {
  const [crc = "", header = "", ...prompts] = readFileSync(indexFile(dir), "utf8").split("\n");
  return { crc, header: JSON.parse(header), prompts };
};

/** The index's body (all but its CRC line). */
const bodyOf = (dir: string) => readFileSync(indexFile(dir), "utf8").replace(/^[^\n]*\n/, "");

/** An index with a body of one's own and the right hash for it: as if k8s-quiz had written it. */
const seal = (body: string) => `${contentHash(Buffer.from(body)).toString(16)}\n${body}`;

describe("the deck index cache", () => {
  it("writes an index on the first load and gives the same questions from it after", async () => {
    const { dir, file, cache } = setup();
    const parsed = await loadDeck(file, "docker", true, cache);
    const { crc, header, prompts } = readIndex(dir);
    expect(prompts).toEqual(["What is an image?", "What is a container?"]);
    expect(crc).toBe(contentHash(Buffer.from(bodyOf(dir))).toString(16));
    // Sections by position in the index's section list.
    expect(header.questions.sections).toEqual(
      parsed.questions.map((q) => parsed.sections.findIndex((s) => s.slug === q.section)),
    );
    const cached = await loadDeck(file, "docker", true, cache);
    expect(cached.sections).toEqual(parsed.sections);
    expect(cached.questions.map((q) => [q.id, q.section, q.prompt, q.line, q.rawMeta])).toEqual(
      parsed.questions.map((q) => [q.id, q.section, q.prompt, q.line, q.rawMeta]),
    );
    // Answers are not in the index: they come from the deck file, when they are loaded.
    expect(loadAnswers(cached.questions).map((q) => q.answer)).toEqual(parsed.questions.map((q) => q.answer));
  });

  it("reads the index, not the file, while the file is unchanged", async () => {
    const { dir, file, cache } = setup();
    await loadDeck(file, "docker", true, cache);
    const body = bodyOf(dir).replace("\nWhat is an image?", "\nWhat is an image (from the index)?");
    writeFileSync(indexFile(dir), seal(body));
    const cached = await loadDeck(file, "docker", true, cache);
    expect(cached.questions[0]?.prompt).toBe("What is an image (from the index)?");
  });

  it("parses the deck instead of trusting an index that fails its checksum", async () => {
    const { dir, file, cache } = setup();
    await loadDeck(file, "docker", true, cache);
    const good = readFileSync(indexFile(dir), "utf8");
    for (const bad of [
      // One changed byte in the header: the section of question 1 now points elsewhere.
      good.replace('"sections":[0,', '"sections":[1,'),
      good.replace("What is an image?", "What is an imagf?"),
      seal('{"version":6,"sections":null}\n'),
    ]) {
      expect(bad).not.toBe(good);
      writeFileSync(indexFile(dir), bad);
      const deck = await loadDeck(file, "docker", true, cache);
      expect(deck.questions.map((q) => [q.id, q.section, q.prompt])).toEqual([
        ["docker:1", "docker-basics", "What is an image?"],
        ["docker:2", "docker-basics", "What is a container?"],
      ]);
    }
  });

  it("does not use an index another reader made: an upgrade re-reads each deck once", async () => {
    const { dir, file, cache } = setup();
    await loadDeck(file, "docker", true, cache);
    const { header } = readIndex(dir);
    const body = bodyOf(dir).replace("\nWhat is an image?", "\nWhat is an image (an old reading)?");
    for (const version of [8, "9-0123456789abcdef", `${header.version}x`]) {
      writeFileSync(
        indexFile(dir),
        seal(body.replace(JSON.stringify(header.version), JSON.stringify(version))),
      );
      const deck = await loadDeck(file, "docker", true, cache);
      expect(deck.questions[0]?.prompt).toBe("What is an image?");
      expect(readIndex(dir).header.version).toBe(header.version);
    }
  });

  it("parses the file again once it changes, and rewrites the index", async () => {
    const { dir, file, cache } = setup();
    await loadDeck(file, "docker", true, cache);
    writeFileSync(file, DECK.replace("What is an image?", "What is an OCI image?"));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const fresh = await loadDeck(file, "docker", true, cache);
    expect(fresh.questions[0]?.prompt).toBe("What is an OCI image?");
    expect(readIndex(dir).prompts[0]).toBe("What is an OCI image?");
  });

  it("ignores an index it cannot read, and one written for another deck name", async () => {
    const { dir, file, cache } = setup();
    await loadDeck(file, "docker", true, cache);
    const good = readFileSync(indexFile(dir), "utf8");
    for (const bad of [
      "{ not json",
      seal(`{ not json\n${bodyOf(dir).split("\n").slice(1).join("\n")}`),
      good.split("\n")[0] ?? "",
      `${good}\nan extra prompt`,
    ]) {
      writeFileSync(indexFile(dir), bad);
      const deck = await loadDeck(file, "docker", true, cache);
      expect(deck.questions.map((q) => q.prompt)).toEqual(["What is an image?", "What is a container?"]);
    }
    const renamed = await loadDeck(file, "containers", true, cache);
    expect(renamed.questions[0]?.id).toBe("containers:1");
  });

  it("still loads the deck when the cache folder cannot be written", async () => {
    const { dir, file } = setup();
    const cache = new DeckCache(join(file, "not-a-dir"));
    const deck = await loadDeck(file, "docker", true, cache);
    expect(deck.questions).toHaveLength(2);
    expect(readdirSync(dir)).toEqual(["docker.md"]);
  });
});

describe("the built CLI's deck index", () => {
  it("carries the build's reader hash, and an index of another reader is read again", () => {
    const configDir = tempDir();
    const file = join(tempDir(), "docker.md");
    writeFileSync(file, DECK);
    const list = () => runBin(["list", "--deck", file, "--json"], { configDir });
    expect(list().code).toBe(0);
    const cacheDir = join(configDir, "cache");
    const [name] = readdirSync(cacheDir).filter((f) => f.endsWith(".index"));
    const path = join(cacheDir, name as string);
    const [, header = "", ...prompts] = readFileSync(path, "utf8").split("\n");
    const version = JSON.parse(header).version as string;
    expect(version).toMatch(/^9-[0-9a-f]{16}$/);
    // The same index as another build's reader would have left it, with a prompt of its reading.
    const other = [header.replace(JSON.stringify(version), '"9-0000000000000000"'), ...prompts]
      .join("\n")
      .replace("What is an image?", "What is an image (another reader)?");
    writeFileSync(path, seal(other));
    const r = list();
    expect(JSON.parse(r.stdout).questions.map((q: { prompt: string }) => q.prompt)).toEqual([
      "What is an image?",
      "What is a container?",
    ]);
    expect(JSON.parse(readFileSync(path, "utf8").split("\n")[1] ?? "").version).toBe(version);
  });
});
