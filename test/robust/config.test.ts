import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configOf, lines, runBin, STACK, tempDir } from "../helpers/bin.js";

// Issue 9, "The config file": a file that cannot be read is moved aside by the first save, with one warning, a field of the
// wrong type is dropped on its own, and an unwritable folder gets one warning while the session runs on.

const answerOne = ["practice", "-s", "internals", "-n", "1", "--seed", "1"];

const asideFiles = (dir: string) => readdirSync(dir).filter((f) => f.startsWith("config.json.corrupt-"));

function withConfig(contents: string | Buffer): string {
  const dir = tempDir("k8s-quiz-robust-");
  writeFileSync(join(dir, "config.json"), contents);
  return dir;
}

describe("a config file that cannot be read", () => {
  const unreadable: [string, string | Buffer][] = [
    ["invalid JSON", '{"schemaVersion": 1, "questions": {'],
    ["an empty file", ""],
    ["binary garbage", Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80, 0x1b, 0x5b])],
    ["a file from a newer k8s-quiz", JSON.stringify({ schemaVersion: 99, questions: {}, future: true })],
  ];

  it.each(unreadable)("%s: moved aside with one warning, and the session starts fresh", (_name, bytes) => {
    const dir = withConfig(bytes);
    const r = runBin(answerOne, { configDir: dir, input: "a\n" });

    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Score: [01]\/1/);
    const aside = asideFiles(dir);
    expect(aside).toHaveLength(1);
    const asidePath = join(dir, aside[0] as string);
    expect(readFileSync(asidePath)).toEqual(Buffer.from(bytes));
    const warnings = lines(r.stderr);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(asidePath);
    expect(r.stderr).not.toMatch(STACK);
    // Fresh: only the one answer just given.
    const config = configOf(dir);
    expect(config.schemaVersion).toBe(1);
    expect(config.history).toHaveLength(1);
  });

  it("a read-only command warns once, succeeds and moves nothing; the next save moves it aside", () => {
    const dir = withConfig("{not json");
    for (const command of [["stats"], ["sections"], ["weak"]]) {
      const r = runBin(command, { configDir: dir });
      expect(r.code).toBe(0);
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toContain(
        "is not valid JSON; its settings are not used, and a save moves it aside to",
      );
      expect(r.stderr).not.toMatch(STACK);
      // Issue 15: read-only commands never move anything aside.
      expect(asideFiles(dir)).toHaveLength(0);
      expect(readFileSync(join(dir, "config.json"), "utf8")).toBe("{not json");
    }
    // The first command that saves moves it, under the name its one warning gave.
    const saved = runBin(answerOne, { configDir: dir, input: "a\n" });
    expect(saved.code).toBe(0);
    const [aside] = asideFiles(dir);
    expect(lines(saved.stderr)).toHaveLength(1);
    expect(saved.stderr).toContain(join(dir, aside as string));
    expect(readFileSync(join(dir, aside as string), "utf8")).toBe("{not json");
    // After that, nothing is wrong: no warning, nothing more moved.
    const again = runBin(["stats"], { configDir: dir });
    expect(again.stderr).toBe("");
    expect(asideFiles(dir)).toHaveLength(1);
  });

  it("a JSON document that is not an object keeps its bytes: never silently overwritten", () => {
    const bytes = '[{"attempts": 4}, "months of progress"]';
    const dir = withConfig(bytes);
    const r = runBin(answerOne, { configDir: dir, input: "a\n" });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(STACK);
    expect(lines(r.stderr)).toHaveLength(1);
    // Whatever the file held, it must still exist somewhere after the save replaced config.json.
    const kept = asideFiles(dir).map((f) => readFileSync(join(dir, f), "utf8"));
    expect(kept).toContain(bytes);
    expect(configOf(dir).history).toHaveLength(1);
  });
});

describe("a config file saved by another editor", () => {
  it.each([
    [
      "with a UTF-8 byte-order mark (Windows Notepad)",
      Buffer.from('\uFEFF{"settings":{"defaultCount":4}}', "utf8"),
    ],
    ["as UTF-16 with its byte-order mark", Buffer.from('\uFEFF{"settings":{"defaultCount":4}}', "utf16le")],
  ])("%s is read as it is, with no warning", (_name, bytes) => {
    const dir = withConfig(bytes);
    const r = runBin(["config", "get", "defaultCount"], { configDir: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe("4");
    expect(r.stderr).toBe("");
  });
});

describe("fields of the wrong type", () => {
  const good = {
    attempts: 4,
    correct: 3,
    lastAnswered: 1_700_000_000_000,
    lastResult: 1,
    recent: [1, 1, 0, 1],
  };
  const history = (id: string, at: number) => ({
    id,
    at,
    score: 1,
    grade: "good",
    mode: "choice",
    section: "internals",
    topics: ["internals"],
  });

  it("drops only the bad fields; the rest survives a new answer", () => {
    const dir = withConfig(
      JSON.stringify({
        schemaVersion: 1,
        questions: { "501": "oops", "502": good, "503": { ...good, attempts: 7 } },
        history: [history("502", 1), { id: 502, at: "yesterday" }, history("503", 2)],
        weakTopics: { etcd: { accuracy: 0.5, answers: 4, lastSeen: 1 }, dns: "weak" },
        streak: "x",
        daily: { picks: { "2026-01-01": "502" } },
        settings: { defaultCount: "ten", weakThreshold: 0.5 },
        decks: [],
      }),
    );
    // Deck order: 501 then 502, so 502 gets a new attempt on top of the four it had.
    const r = runBin(["practice", "-s", "internals", "-n", "2", "--order", "deck", "--seed", "1"], {
      configDir: dir,
      input: "a\nb\n",
    });

    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(STACK);
    const warnings = lines(r.stderr);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/questions\.501/);
    expect(warnings[0]).toMatch(/streak/);
    expect(asideFiles(dir)).toHaveLength(0);

    const config = configOf(dir);
    expect(config.questions["502"].attempts).toBe(5);
    expect(config.questions["502"].correct).toBeGreaterThanOrEqual(3);
    expect(config.questions["503"].attempts).toBe(7);
    expect(config.questions["501"].attempts).toBe(1);
    expect(config.history.map((h: { id: string }) => h.id).slice(0, 2)).toEqual(["502", "503"]);
    expect(config.history).toHaveLength(4);
    expect(config.daily.picks["2026-01-01"]).toBe("502");
    expect(config.settings.weakThreshold).toBe(0.5);
    expect(config.settings.defaultCount).toBe(10);
    expect(typeof config.streak.current).toBe("number");
  });

  it("a registered deck entry that is not one is named among the ignored fields; the others stay", () => {
    const dir = withConfig(
      JSON.stringify({
        schemaVersion: 1,
        decks: [{ path: 5 }, { name: "mine", path: "/x.md", prefixIds: true }],
      }),
    );
    const r = runBin(["deck", "list", "--json"], { configDir: dir });
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/decks\[0\]/)]);
    expect(r.stdout).toContain('"mine"');
  });

  it("a read-only command with a bad field warns once and shows the rest", () => {
    const dir = withConfig(JSON.stringify({ schemaVersion: 1, questions: { "502": good }, streak: "x" }));
    const r = runBin(["stats", "--json"], { configDir: dir });
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).not.toMatch(STACK);
    // 502's four attempts are still counted.
    expect(JSON.parse(r.stdout).totals).toMatchObject({ answered: 4, questionsSeen: 1 });
  });
});

describe("a config folder that cannot be written", () => {
  // Tests may run as root, which ignores permission bits: use failures that hold for root too.
  const notSaved = /not being saved/;

  function check(r: ReturnType<typeof runBin>) {
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Score: \d(\.5)?\/2/);
    const warnings = lines(r.stderr);
    expect(warnings).toEqual([expect.stringMatching(notSaved)]);
  }

  it("a folder under a regular file (ENOTDIR): one warning, the session still runs", () => {
    const file = join(tempDir("k8s-quiz-robust-"), "not-a-dir");
    writeFileSync(file, "I am a file\n");
    check(
      runBin(["practice", "-s", "internals", "-n", "2", "--seed", "3"], {
        configDir: join(file, "sub"),
        input: "a\nb\n",
      }),
    );
  });

  it("config.json is a directory (EISDIR): one warning, the session still runs", () => {
    const dir = tempDir("k8s-quiz-robust-");
    mkdirSync(join(dir, "config.json"));
    check(
      runBin(["practice", "-s", "internals", "-n", "2", "--seed", "3"], { configDir: dir, input: "a\nb\n" }),
    );
  });

  it("config.json is a FIFO: one warning at once, never a read that blocks", () => {
    const dir = tempDir("k8s-quiz-robust-");
    execFileSync("mkfifo", [join(dir, "config.json")]);
    check(
      runBin(["practice", "-s", "internals", "-n", "2", "--seed", "3"], { configDir: dir, input: "a\nb\n" }),
    );
    const stats = runBin(["stats"], { configDir: dir });
    expect(stats.code).toBe(0);
    expect(lines(stats.stderr)).toEqual([expect.stringMatching(/cannot read .*config\.json \(ENOTREG\)/)]);
  });

  // Their one job is the change: saying it was made, or exit 0, would be untrue.
  it.each([
    [["config", "set", "defaultCount", "5"]],
    [["config", "reset", "--yes"]],
    [["weak", "--reset", "--yes"]],
  ])("%j fails with one line and exit 1", (args) => {
    const file = join(tempDir("k8s-quiz-robust-"), "not-a-dir");
    writeFileSync(file, "I am a file\n");
    const r = runBin(args, { configDir: join(file, "sub") });
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stdout).toBe("");
    expect(r.code).toBe(1);
    expect(lines(r.stderr).at(-1)).toMatch(/^k8s-quiz: cannot save to .*config\.json \(ENOTDIR\)$/);
  });
});
