import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configOf, ESC, fails, feed, ok, okPlain, runBin, tempDir } from "../helpers/bin.js";

// `k8s-quiz phrasings [--json] [--remove ID]`: the built bin, no terminal; and an accepted phrasing
// taking effect in a scripted recall session.

/** A config dir holding `phrasings` as a learner's earlier sessions would have left them. */
function withPhrasings(phrasings: unknown[]): string {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "config.json"), JSON.stringify({ schemaVersion: 1, phrasings }));
  return dir;
}

const AT = Date.UTC(2026, 0, 2, 3, 4, 5);
const TWO = [
  {
    id: "1",
    question: "509",
    point: "State eventually converges",
    phrases: ["it all settles down after a while"],
    at: AT,
  },
  {
    id: "2",
    question: "501",
    point: "Strong consistency via Raft",
    phrases: ["the scribe ledger is law"],
    at: AT,
  },
];

describe("phrasings", () => {
  it("--help says what it does, with an example", () => {
    const out = okPlain(runBin(["phrasings", "--help"]));
    expect(out).toMatch(/Usage: k8s-quiz phrasings \[options\]/);
    expect(out).toContain("--remove <id>");
    expect(out).toContain("--json");
    expect(out).toMatch(/Examples?:[\s\S]*k8s-quiz phrasings --remove 3/);
  });

  it("says there are none yet, and --json gives an empty list", () => {
    const dir = tempDir();
    expect(okPlain(runBin(["phrasings"], { configDir: dir }))).toMatch(/^No accepted phrasings yet\./);
    expect(JSON.parse(ok(runBin(["phrasings", "--json"], { configDir: dir })))).toEqual({ phrasings: [] });
  });

  it("lists them as a table with their ids, plain when not a terminal", () => {
    const out = okPlain(runBin(["phrasings"], { configDir: withPhrasings(TWO) }));
    expect(out).toMatch(/^ID\s+QUESTION\s+KEY POINT\s+YOUR WORDS/);
    expect(out).toMatch(/^1\s+509\s+State eventually converges\s+"it all settles down after a while"/m);
    expect(out).toMatch(/^2\s+501\s+/m);
    expect(out).toContain("k8s-quiz phrasings --remove ID");
    for (const line of out.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("--json gives every field, the time as ISO", () => {
    const doc = JSON.parse(ok(runBin(["phrasings", "--json"], { configDir: withPhrasings(TWO) })));
    expect(doc.phrasings).toEqual(TWO.map((p) => ({ ...p, at: new Date(AT).toISOString() })));
  });

  it("--remove forgets one and keeps the rest; an unknown id is one line and exit 1", () => {
    const dir = withPhrasings(TWO);
    expect(okPlain(runBin(["phrasings", "--remove", "1"], { configDir: dir }))).toBe(
      'Removed phrasing 1: question 509, "State eventually converges".\n',
    );
    expect(configOf(dir).phrasings.map((p: { id: string }) => p.id)).toEqual(["2"]);
    expect(fails(runBin(["phrasings", "--remove", "1"], { configDir: dir }), 1)).toBe(
      "k8s-quiz: no accepted phrasing 1; ids: 2\n",
    );
    expect(
      JSON.parse(ok(runBin(["phrasings", "--remove", "2", "--json"], { configDir: dir }))).removed,
    ).toMatchObject({
      id: "2",
      question: "501",
    });
    expect(configOf(dir).phrasings).toBeUndefined();
  });

  it("never prints a stored phrasing's escape codes", () => {
    const dir = withPhrasings([{ ...TWO[0], phrases: [`evil ${ESC}[31mred`] }]);
    expect(okPlain(runBin(["phrasings"], { configDir: dir }))).not.toContain(ESC);
  });

  it("drops a malformed stored entry with one warning, and keeps the good ones", () => {
    const dir = withPhrasings([TWO[0], { id: 3, question: "x" }]);
    const r = runBin(["phrasings", "--json"], { configDir: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/ignored invalid fields: phrasings \(some entries\)/);
    expect(JSON.parse(r.stdout).phrasings).toHaveLength(1);
  });
});

describe("an accepted phrasing in grading", () => {
  const RECALL = ["practice", "-s", "internals", "-n", "1", "--order", "deck", "-m", "recall", "--json"];

  it("hits its key point for that learner only", () => {
    const points = JSON.parse(
      ok(runBin([...RECALL], { configDir: tempDir(), input: feed(["the scribe ledger is law"]) })),
    ).questions[0].keyPoints;
    expect(points.missed).toContain("Strong consistency via Raft");

    const dir = withPhrasings(TWO);
    const mine = JSON.parse(ok(runBin(RECALL, { configDir: dir, input: feed(["the scribe ledger is law"]) })))
      .questions[0].keyPoints;
    expect(mine.hit).toEqual(["Strong consistency via Raft"]);
    // The phrasing of another question's point counts nowhere else.
    expect(readFileSync(join(dir, "config.json"), "utf8")).toContain("it all settles down after a while");
    const other = JSON.parse(
      ok(runBin(RECALL, { configDir: dir, input: feed(["it all settles down after a while"]) })),
    ).questions[0].keyPoints;
    expect(other.hit).toEqual([]);
  });
});
