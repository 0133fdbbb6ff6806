import { cpSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeBankCache } from "../../scripts/build/write-bank.js";
import { contentHash, readBankCache } from "../../src/io/bank-cache.js";
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

  it("hashes every byte, word-aligned or not", () => {
    const bytes = Buffer.from("What is a Pod? 🔹 the smallest deployable unit.");
    const h = contentHash(bytes);
    expect(contentHash(new Uint8Array(bytes))).toBe(h);
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    expect(contentHash(shifted)).toBe(h);
    for (let i = 0; i < bytes.length; i++) {
      const other = Buffer.from(bytes);
      other[i] = (other[i] as number) ^ 1;
      expect(contentHash(other)).not.toBe(h);
    }
    expect(contentHash(Buffer.from("ab"))).not.toBe(contentHash(Buffer.from("ab\0")));
  });
});
