import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import * as Y from "yaml";
import { answerLines } from "../../src/io/answers.js";
import { checkStreamable, readRegularFile, whyNot } from "../../src/io/files.js";
import { parseQuizDocument, QUIZ_BLOCK_LIMITS, YamlLimitError } from "../../src/io/yaml-limits.js";
import { tempDir } from "../helpers/bin.js";

// Issue 19, "What comes in": YAML, answer lines and files, each with a limit and one clear error.

const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: v`).join("\n");

describe("quiz block YAML within limits", () => {
  it("parses a real block", () => {
    const doc = parseQuizDocument(Y, "choices:\n  correct: a\n  wrong: [b, c, d]\ntags: [etcd]\n");
    expect(doc.errors).toEqual([]);
    expect(doc.toJS()).toEqual({ choices: { correct: "a", wrong: ["b", "c", "d"] }, tags: ["etcd"] });
  });

  it("refuses a block over the size limit before parsing it (200,000 keys)", () => {
    // The yaml library's own duplicate-key check took over ten minutes on this.
    expect(() => parseQuizDocument(Y, keys(200_000))).toThrow(/quiz block is larger than 16 KB/);
  }, 10_000);

  it("refuses more keys and items than the limit", () => {
    expect(() => parseQuizDocument(Y, keys(QUIZ_BLOCK_LIMITS.nodes + 1))).toThrow(
      /more than 500 keys and list items/,
    );
    const items = `tags: [${Array.from({ length: 600 }, (_, i) => `t${i}`).join(", ")}]`;
    expect(() => parseQuizDocument(Y, items)).toThrow(YamlLimitError);
    expect(parseQuizDocument(Y, keys(QUIZ_BLOCK_LIMITS.nodes)).errors).toEqual([]);
  });

  it("still finds a duplicate key, at its place, at any depth", () => {
    const text = "keyPoints:\n  a: [x]\n  b: [y]\n  a: [z]\n";
    try {
      parseQuizDocument(Y, text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(YamlLimitError);
      expect((e as Error).message).toBe('duplicate key "a"');
      expect((e as YamlLimitError).offset).toBe(text.lastIndexOf("a:"));
    }
  });

  it("leaves syntax errors to the caller, and aliases to toJS's own limit", () => {
    expect(parseQuizDocument(Y, "a: b: c").errors.length).toBeGreaterThan(0);
  });
});

describe("answer lines", () => {
  const lines = async (source: Readable, max?: number) => {
    const it = answerLines("-", source, max);
    const out: string[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) out.push(r.value);
    return out;
  };

  it("splits on LF and CRLF and keeps a last line without a newline", async () => {
    expect(await lines(Readable.from(["a\r\nb", "\nc"]))).toEqual(["a", "b", "c"]);
  });

  it("keeps a character split across chunks whole", async () => {
    const bytes = Buffer.from("é\n");
    expect(await lines(Readable.from([bytes.subarray(0, 1), bytes.subarray(1)]))).toEqual(["é"]);
  });

  it("ends an endless line with one clear error, without reading it all", async () => {
    let served = 0;
    // /dev/zero as a stream: it never ends; only the limit stops it.
    const zero = new Readable({
      read() {
        served += 65_536;
        this.push(Buffer.alloc(65_536, 0x30));
      },
    });
    await expect(lines(zero)).rejects.toThrow("answer 1 is longer than 100,000 characters");
    expect(served).toBeLessThan(1_000_000);
  });

  it("counts the line it failed on", async () => {
    await expect(lines(Readable.from(["ok\nfine\n", "x".repeat(20)]), 10)).rejects.toThrow(
      "answer 3 is longer than 10 characters",
    );
  });
});

describe("the guarded reader", () => {
  const dir = tempDir("k8s-quiz-files-");
  const fifo = join(dir, "fifo");
  execFileSync("mkfifo", [fifo]);
  const zero = join(dir, "zero.md");
  symlinkSync("/dev/zero", zero);
  const file = join(dir, "f.json");
  writeFileSync(file, "{}");
  const folder = join(dir, "folder");
  mkdirSync(folder);

  it("reads a regular file whole", () => {
    expect(readRegularFile(file).toString()).toBe("{}");
  });

  it.each([
    ["a FIFO (which would block for good)", fifo, "not a regular file"],
    ["a link to /dev/zero (which never ends)", zero, "not a regular file"],
    ["a folder", folder, "is a directory"],
    ["a missing file", join(dir, "none"), "no such file"],
  ])("refuses %s", (_, path, why) => {
    let error: unknown;
    try {
      readRegularFile(path);
    } catch (e) {
      error = e;
    }
    expect(whyNot(error)).toBe(why);
  });

  it("refuses a file over its size limit", () => {
    expect(() => readRegularFile(file, 1)).toThrow(expect.objectContaining({ code: "EFBIG" }));
  });

  it("lets answers come from a pipe, but not from a device", () => {
    expect(() => checkStreamable(fifo)).not.toThrow();
    expect(() => checkStreamable(file)).not.toThrow();
    expect(() => checkStreamable("/dev/zero")).toThrow(expect.objectContaining({ code: "ENOTREG" }));
  });
});
