// Every help fits the width it is given: COLUMNS for a pipe, as `ls` and `man` read it.
import { describe, expect, it } from "vitest";
import { okPlain, runBin } from "../helpers/bin.js";

const COMMANDS = [
  [],
  ["practice"],
  ["search"],
  ["show"],
  ["config"],
  ["config", "set"],
  ["config", "get"],
  ["progress"],
  ["progress", "import"],
  ["progress", "export"],
  ["deck", "add"],
  ["deck", "update"],
  ["completion"],
];

describe("help at 40 columns", () => {
  it.each(COMMANDS.map((c) => [c.join(" ") || "k8s-quiz", c]))(
    "%s --help: no line wider than 40",
    (_name, cmd) => {
      const help = okPlain(runBin([...cmd, "--help"], { env: { COLUMNS: "40" } }));
      const wide = help.split("\n").filter((l) => [...l].length > 40);
      expect(wide).toEqual([]);
      // The usage is all there, its second line under the first's text.
      expect(help).toMatch(/^Usage: k8s-quiz/);
    },
  );
});
