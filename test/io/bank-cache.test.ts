import { cpSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeBankCache } from "../../scripts/build/write-bank.js";
import { loadBundledDecks, resolveMeta } from "../../src/io/decks/bank.js";
import { quizFileOf, readBankCache, sourceFileOf } from "../../src/io/decks/bank-cache.js";
import { DATA, tempDir } from "../helpers/bin.js";

/** The bundled decks copied to `dir/data`, with a bank cache built from them. */
async function builtCopy(dir: string) {
  const data = join(dir, "data");
  cpSync(DATA, data, { recursive: true });
  const cache = join(dir, "bank.json");
  await writeBankCache(data, cache);
  return { data, cache };
}

describe("the build's copy of the bundled bank", () => {
  it("is used while the decks' content is unchanged, whatever their modification times", async () => {
    const { data, cache } = await builtCopy(tempDir());
    expect(readBankCache(data, cache)?.flatMap((d) => d.questions)).toHaveLength(50);
    // npm resets every file's time on install; a checkout's times change with every git checkout.
    const past = new Date(2001, 0, 1);
    utimesSync(join(data, "04-networking.md"), past, past);
    expect(readBankCache(data, cache)?.flatMap((d) => d.questions)).toHaveLength(50);
  });

  it("is not used once a deck's content changes, even at the same size and time", async () => {
    const { data, cache } = await builtCopy(tempDir());
    const file = join(data, "04-networking.md");
    const before = readFileSync(file, "utf8");
    const when = new Date(2020, 5, 1);
    utimesSync(file, when, when);
    await writeBankCache(data, cache);
    // One letter swapped for another: same size, same time, other content.
    writeFileSync(file, before.replace("What is CNI in Kubernetes?", "What is CNI in Kubernetez?"));
    utimesSync(file, when, when);
    expect(readBankCache(data, cache)).toBeUndefined();
  });

  it("is trusted unchecked in an installed copy, which an install replaces whole", async () => {
    const root = join(tempDir(), "node_modules", "k8s-quiz");
    mkdirSync(root, { recursive: true });
    const { data, cache } = await builtCopy(root);
    writeFileSync(join(data, "04-networking.md"), "edited");
    expect(readBankCache(data, cache)?.flatMap((d) => d.questions)).toHaveLength(50);
  });

  it("is not used when any byte of any deck differs, or a deck is added or removed", async () => {
    const { data, cache } = await builtCopy(tempDir());
    for (const name of ["01-internals.md", "05-service-mesh.md"]) {
      const file = join(data, name);
      const bytes = readFileSync(file);
      for (const at of [0, bytes.length >> 1, bytes.length - 1]) {
        const other = Buffer.from(bytes);
        other[at] = (other[at] as number) ^ 1;
        writeFileSync(file, other);
        expect(readBankCache(data, cache)).toBeUndefined();
      }
      writeFileSync(file, bytes);
      expect(readBankCache(data, cache)).toBeDefined();
    }
    writeFileSync(join(data, "06-extra.md"), "");
    expect(readBankCache(data, cache)).toBeUndefined();
    rmSync(join(data, "06-extra.md"));
    rmSync(join(data, "02-operators.md"));
    expect(readBankCache(data, cache)).toBeUndefined();
  });

  it("is not used without the copy of the bytes it was built from", async () => {
    const { data, cache } = await builtCopy(tempDir());
    rmSync(sourceFileOf(cache));
    expect(readBankCache(data, cache)).toBeUndefined();
  });

  it("keeps the curated options and key points apart, and a quiz gets them as the decks give them", async () => {
    const { data, cache } = await builtCopy(tempDir());
    const parsed = (await loadBundledDecks(data)).flatMap((d) => d.questions);
    await resolveMeta(parsed, () => {});
    const cached = readBankCache(data, cache)?.flatMap((d) => d.questions) ?? [];
    expect(cached).toHaveLength(50);
    // Read without them: listing and counting never parse the options and key points.
    expect(cached.every((q) => q.meta?.keyPoints === undefined && q.meta?.correct === undefined)).toBe(true);
    expect(cached.filter((q) => q.meta?.tags?.length).length).toBe(
      parsed.filter((q) => q.meta?.tags?.length).length,
    );
    // Asked for only the rest (show, daily --reveal), they stay unread.
    await resolveMeta(cached, () => {}, undefined, { quiz: false });
    expect(cached.some((q) => q.meta?.keyPoints)).toBe(false);
    const warnings: string[] = [];
    await resolveMeta(cached, (l) => warnings.push(l));
    expect(warnings).toEqual([]);
    for (const [i, q] of cached.entries()) {
      expect(q.meta).toEqual(parsed[i]?.meta);
      expect(q.quizFile).toBeUndefined();
    }
    expect(parsed.filter((q) => q.meta?.keyPoints?.length).length).toBeGreaterThan(40);
  });

  it("quizzes with generated options when the file of them is gone, with one warning", async () => {
    const { data, cache } = await builtCopy(tempDir());
    rmSync(quizFileOf(cache));
    const cached = readBankCache(data, cache)?.flatMap((d) => d.questions) ?? [];
    const warnings: string[] = [];
    await resolveMeta(cached, (l) => warnings.push(l));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /bank-quiz\.json: cannot read the bundled questions' options and key points \(no such file\)/,
    );
    expect(cached.some((q) => q.meta?.keyPoints)).toBe(false);
    expect(cached.every((q) => q.quizFile === undefined)).toBe(true);
  });
});
