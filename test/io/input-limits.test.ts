import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import * as J from "js-yaml";
import { describe, expect, it } from "vitest";
import { answerLines } from "../../src/io/answers.js";
import { blockLine, QuizYamlError, readQuizYaml } from "../../src/io/decks/quiz-yaml.js";
import { checkStreamable, readRegularFile, whyNot } from "../../src/io/files.js";
import { QUIZ_BLOCK_LIMITS, YamlLimitError } from "../../src/io/yaml-limits.js";
import { tempDir } from "../helpers/bin.js";

// Issue 19, "What comes in": YAML, answer lines and files, each with a limit and one clear error.

const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: v`).join("\n");

describe("quiz block YAML within limits", () => {
  const read = (text: string) => readQuizYaml(J, text);

  it("parses a real block", () => {
    expect(read("choices:\n  correct: a\n  wrong: [b, c, d]\ntags: [etcd]\n").data).toEqual({
      choices: { correct: "a", wrong: ["b", "c", "d"] },
      tags: ["etcd"],
    });
  });

  it("refuses a block over the size limit before parsing it (200,000 keys)", () => {
    // The yaml library's own duplicate-key check took over ten minutes on this.
    expect(() => read(keys(200_000))).toThrow(/quiz block is larger than 16 KB/);
  }, 10_000);

  it("refuses more keys and items than the limit", () => {
    expect(() => read(keys(QUIZ_BLOCK_LIMITS.nodes + 1))).toThrow(/more than 500 keys and list items/);
    const items = `tags: [${Array.from({ length: 600 }, (_, i) => `t${i}`).join(", ")}]`;
    expect(() => read(items)).toThrow(YamlLimitError);
    expect(read(keys(QUIZ_BLOCK_LIMITS.nodes)).data).toHaveProperty("k499", "v");
  });

  it("still finds a duplicate key, at its place, at any depth", () => {
    const text = "keyPoints:\n  a: [x]\n  b: [y]\n  a: [z]\n";
    try {
      read(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(YamlLimitError);
      expect((e as Error).message).toBe('duplicate key "a"');
      expect((e as YamlLimitError).offset).toBe(text.lastIndexOf("a:"));
    }
  });

  it("names a quoted duplicate key as written", () => {
    expect(() => read('"a b": 1\nc: 2\n"a b": 3\n')).toThrow('duplicate key "a b"');
  });

  it("refuses a syntax error with its place", () => {
    const text = "choices:\n  correct: a\ntags: architecture: security\n";
    try {
      read(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(QuizYamlError);
      expect(blockLine({ text, line: 10 }, (e as QuizYamlError).offset)).toBe(13);
    }
  });

  it.each([
    ["a custom tag", "x: !!js/function 'function () {}'\n"],
    ["a tag of its own", "x: !mine value\n"],
    ["a timestamp, which the core schema has not", "x: !!timestamp 2024-01-01\n"],
    ["two documents", "a: 1\n---\nb: 2\n"],
    ["an alias to nothing", "a: *nowhere\n"],
  ])("refuses %s", (_, text) => {
    expect(() => read(text)).toThrow(QuizYamlError);
  });

  it("reads what the core schema reads, and no more", () => {
    // YAML 1.1's yes and dates stay strings, as they did with the yaml library.
    expect(read("a: yes\nb: 2024-01-01\nc: 0x1F\nd: ~\ne: 1.5\n").data).toEqual({
      a: "yes",
      b: "2024-01-01",
      c: 31,
      d: null,
      e: 1.5,
    });
    expect(read("# nothing but a comment\n").data).toBeNull();
  });

  it("keeps a few aliases, and refuses an expansion bomb and a block inside itself", () => {
    expect(read("a: &w [x, y]\nb: *w\n").data).toEqual({ a: ["x", "y"], b: ["x", "y"] });
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 7; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(", ")}]`,
      );
    }
    expect(() => read(levels.join("\n"))).toThrow(/Excessive alias count/);
    expect(() => read("a: &x [*x]\n")).toThrow(/Excessive alias count/);
  });

  it("takes a collection as a key, as the yaml library did, without failing the block", () => {
    expect(read("? [a, b]\n: c\ntags: [etcd]\n").data).toEqual({ '["a","b"]': "c", tags: ["etcd"] });
  });

  it("puts a value on its line, a missing one on its parent's", () => {
    const text = "choices:\n  correct: a\n  wrong:\n    - b\n    - c\nkeyPoints:\n  Storage: [disk]\n";
    const block = read(text);
    const line = (path: (string | number)[]) => blockLine({ text, line: 0 }, block.offsetOf(path));
    expect(line(["choices", "wrong", 1])).toBe(5);
    expect(line(["keyPoints", "Storage"])).toBe(7);
    expect(line(["keyPoints", "Missing"])).toBe(7);
    expect(line(["choices", "correct"])).toBe(2);
  });

  it("reads densely keyed legal blocks one after another (300 of 490 keys and items)", () => {
    // Not a timing assertion: the test's own timeout is the bound, generous for a shared machine.
    const block = `keyPoints:\n${Array.from({ length: 245 }, (_, i) => `  k${i}: [w${i}]`).join("\n")}\n`;
    for (let i = 0; i < 300; i++) expect(read(block).data).toHaveProperty("keyPoints.k244");
  }, 20_000);
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
