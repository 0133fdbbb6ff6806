import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FdWriter } from "../../src/io/terminal/fd-writer.js";
import { tempDir } from "../helpers/bin.js";

describe("FdWriter", () => {
  it("writes text as UTF-8, whatever its characters and however long, byte for byte", () => {
    const file = join(tempDir(), "out.txt");
    const fd = openSync(file, "w");
    const chunks = [
      "plain ASCII\n",
      "Latin-1: caf\u00e9 \u00a0\n",
      "cut with an ellipsis\u2026 and a wide \u6f22\u5b57 and an emoji \u{1f680}\n",
      // Past the size that is encoded into a buffer of three bytes a character.
      `${"\u2026abc".repeat(300_000)}\n`,
      "",
    ];
    const w = new FdWriter(fd);
    for (const c of chunks) w.write(c);
    w.write(Buffer.from("bytes as they are\n"));
    closeSync(fd);
    expect(readFileSync(file)).toEqual(Buffer.from(`${chunks.join("")}bytes as they are\n`, "utf8"));
  });
});
