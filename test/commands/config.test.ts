import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, configOf, fails, feed, ok, type RunResult, runBin, tempDir } from "../helpers/bin.js";

// `k8s-quiz config get|set|path|reset`, and the settings taking effect in the commands that read them.

interface Settings {
  defaultMode: string;
  defaultCount: number;
  weakThreshold: number;
  newPerDay: number;
  desiredRetention: number;
  examDate: string;
}
interface Config {
  questions: Record<string, unknown>;
  history: unknown[];
  settings: Settings;
}
interface SessionJson {
  session: { mode: string; count?: number; new?: number };
  questions: { id: string; mode: string; given: string; grade: string; score: number; expected: string }[];
  totals?: { asked: number; answered: number };
  weakTopics: { topic: string; accuracy: number }[];
}

/** The settings a reset writes; `pause` (issue 18) is shown at its default without being written. */
const STORED_DEFAULTS: Settings = {
  defaultMode: "choice",
  defaultCount: 10,
  weakThreshold: 0.7,
  newPerDay: 10,
  desiredRetention: 0.9,
  examDate: "",
};
const DEFAULTS = { ...STORED_DEFAULTS, pause: "after-miss" };
const KEYS = "defaultMode, defaultCount, weakThreshold, newPerDay, desiredRetention, examDate, pause";
const GRADER_KEYS = "grader, llm.url, llm.model, llm.keyEnv, llm.timeout";

const configFile = (dir: string) => join(dir, "config.json");
const rawConfig = (dir: string) =>
  existsSync(configFile(dir)) ? readFileSync(configFile(dir), "utf8") : null;

const session = (r: RunResult) => JSON.parse(ok(r)) as SessionJson;

beforeAll(() => {
  expect(existsSync(BIN), "run npm run build first").toBe(true);
});

describe("config get", () => {
  it("prints every setting, one `key = value` a line, and where recall answers go", () => {
    expect(ok(runBin(["config", "get"]))).toBe(
      "defaultMode = choice\ndefaultCount = 10\nweakThreshold = 0.7\nnewPerDay = 10\ndesiredRetention = 0.9\nexamDate = \npause = after-miss\ngrader = keypoints\nRecall answers stay on this machine: graded by key points, nothing is sent.\n",
    );
  });

  it("--json prints them as one object", () => {
    expect(JSON.parse(ok(runBin(["config", "get", "--json"])))).toEqual(DEFAULTS);
  });

  it("prints one setting's value, and --json types it", () => {
    const dir = tempDir();
    expect(ok(runBin(["config", "get", "defaultMode"], { configDir: dir }))).toBe("choice\n");
    expect(ok(runBin(["config", "get", "weakThreshold"], { configDir: dir }))).toBe("0.7\n");
    expect(ok(runBin(["config", "get", "defaultMode", "--json"], { configDir: dir }))).toBe('"choice"\n');
    expect(JSON.parse(ok(runBin(["config", "get", "defaultCount", "--json"], { configDir: dir })))).toBe(10);
  });

  it("accepts a key in another case or kebab-case", () => {
    expect(ok(runBin(["config", "get", "newperday"]))).toBe("10\n");
    expect(ok(runBin(["config", "get", "weak-threshold"]))).toBe("0.7\n");
  });

  it("refuses an unknown key with exit 2, a suggestion and the list of settings", () => {
    const err = fails(runBin(["config", "get", "weakThresold"]), 2);
    expect(err).toContain('unknown setting "weakThresold"');
    expect(err).toContain("did you mean weakThreshold?");
    expect(err).toContain(KEYS);
  });

  it("reads what config.json holds", () => {
    const dir = tempDir();
    ok(runBin(["config", "set", "defaultCount", "42"], { configDir: dir }));
    expect(JSON.parse(ok(runBin(["config", "get", "--json"], { configDir: dir })))).toEqual({
      ...DEFAULTS,
      defaultCount: 42,
    });
  });
});

describe("config set", () => {
  const VALID: [keyof Settings, string, string | number][] = [
    ["defaultMode", "recall", "recall"],
    ["defaultMode", "flash", "flash"],
    ["defaultMode", "choice", "choice"],
    ["defaultCount", "1", 1],
    ["defaultCount", "1000", 1000],
    ["defaultCount", "25", 25],
    ["weakThreshold", "1", 1],
    ["weakThreshold", "0.55", 0.55],
    ["newPerDay", "0", 0],
    ["newPerDay", "1000", 1000],
    ["newPerDay", "3", 3],
  ];

  it.each(["defaultMode", "defaultCount", "weakThreshold", "newPerDay"] as const)(
    "stores each valid %s in config.json's settings, typed",
    (key) => {
      const dir = tempDir();
      for (const [k, raw, value] of VALID.filter(([k]) => k === key)) {
        expect(ok(runBin(["config", "set", k, raw], { configDir: dir }))).toBe(`${k} = ${value}\n`);
        const settings = configOf<Config>(dir).settings;
        expect(settings[k]).toBe(value);
        // Only that key changed.
        expect(settings).toEqual({ ...STORED_DEFAULTS, [k]: value });
        expect(ok(runBin(["config", "get", k], { configDir: dir }))).toBe(`${value}\n`);
      }
    },
  );

  it("keeps progress when it writes a setting", () => {
    const dir = tempDir();
    ok(runBin(["practice", "-s", "internals", "-n", "1", "--seed", "1"], { configDir: dir, input: "a\n" }));
    const before = configOf<Config>(dir);
    expect(Object.keys(before.questions)).toHaveLength(1);
    ok(runBin(["config", "set", "newPerDay", "4"], { configDir: dir }));
    const after = configOf<Config>(dir);
    expect(after.questions).toEqual(before.questions);
    expect(after.history).toEqual(before.history);
  });

  it("re-judges the weak topics at once when weakThreshold changes", () => {
    const dir = tempDir();
    // Two of four networking answers right: 50%, weak at 0.7.
    const args = ["practice", "-s", "networking", "-n", "4", "--seed", "2", "--json"];
    const probe = session(runBin([...args, "--dry-run"], { input: feed(["a", "a", "a", "a"]) }));
    const wrong = (e: string) => String.fromCharCode(((e.charCodeAt(0) - 97 + 1) % 4) + 97);
    const answers = probe.questions.map((q, i) => (i < 2 ? q.expected : wrong(q.expected)));
    ok(runBin(args, { configDir: dir, input: feed(answers) }));
    const weak = () => JSON.parse(ok(runBin(["weak", "--json"], { configDir: dir }))).weakTopics;
    expect(weak().map((w: { topic: string }) => w.topic)).toContain("networking");
    ok(runBin(["config", "set", "weakThreshold", "0.3"], { configDir: dir }));
    expect(weak()).toEqual([]);
    ok(runBin(["config", "reset", "--yes"], { configDir: dir }));
    expect(weak().map((w: { topic: string }) => w.topic)).toContain("networking");
  });

  const INVALID: [string, string, string][] = [
    ["weakThreshold", "2", "weakThreshold must be a fraction above 0 and at most 1, such as 0.7"],
    ["weakThreshold", "0", "weakThreshold must be a fraction above 0 and at most 1"],
    ["defaultCount", "0", "defaultCount must be a whole number from 1 to 1000"],
    ["defaultCount", "abc", "defaultCount must be a whole number from 1 to 1000"],
    ["defaultCount", "2.5", "defaultCount must be a whole number from 1 to 1000"],
    ["defaultCount", "0x10", "defaultCount must be a whole number from 1 to 1000"],
    ["defaultCount", "1e2", "defaultCount must be a whole number from 1 to 1000"],
    ["weakThreshold", "0x1", "weakThreshold must be a fraction above 0 and at most 1"],
    ["defaultCount", "", "defaultCount must be a whole number from 1 to 1000"],
    ["defaultMode", "bogus", "defaultMode must be choice, recall or flash"],
    ["newPerDay", "-1", "newPerDay must be a whole number from 0 to 1000"],
    ["newPerDay", "1001", "newPerDay must be a whole number from 0 to 1000"],
  ];

  it.each(INVALID)("refuses %s %j with exit 2, naming what it accepts", (key, raw, message) => {
    const dir = tempDir();
    ok(runBin(["config", "set", "defaultCount", "7"], { configDir: dir }));
    const before = rawConfig(dir);
    const err = fails(runBin(["config", "set", key, raw], { configDir: dir }), 2);
    expect(err).toContain(message);
    expect(err).toContain(`got "${raw}"`);
    expect(rawConfig(dir)).toBe(before);
  });

  it("refuses an unknown key with exit 2 and suggests the nearest", () => {
    const dir = tempDir();
    const err = fails(runBin(["config", "set", "weakThresold", "0.5"], { configDir: dir }), 2);
    expect(err).toBe(
      `k8s-quiz: unknown setting "weakThresold" (did you mean weakThreshold?); settings: ${KEYS}, ${GRADER_KEYS}\n`,
    );
    expect(rawConfig(dir) === null || configOf<Config>(dir).settings.weakThreshold === 0.7).toBe(true);
  });

  it("suggests the setting a word of the name belongs to", () => {
    const err = fails(runBin(["config", "set", "retention", "0.85"], { configDir: tempDir() }), 2);
    expect(err).toContain('unknown setting "retention" (did you mean desiredRetention?)');
  });

  it("refuses a missing value with exit 2", () => {
    fails(runBin(["config", "set", "defaultCount"]), 2);
  });
});

describe("config path", () => {
  it("prints <configDir>/config.json", () => {
    const dir = tempDir();
    expect(ok(runBin(["config", "path"], { configDir: dir }))).toBe(`${join(dir, "config.json")}\n`);
  });

  it("is where `config set` writes", () => {
    const dir = tempDir();
    ok(runBin(["config", "set", "defaultMode", "recall"], { configDir: dir }));
    const path = ok(runBin(["config", "path"], { configDir: dir })).trim();
    expect(JSON.parse(readFileSync(path, "utf8")).settings.defaultMode).toBe("recall");
  });
});

describe("config reset", () => {
  it("without --yes and no terminal exits 2 and changes nothing", () => {
    const dir = tempDir();
    ok(runBin(["config", "set", "defaultCount", "3"], { configDir: dir }));
    const before = rawConfig(dir);
    const err = fails(runBin(["config", "reset"], { configDir: dir }), 2);
    expect(err).toContain("--yes");
    expect(rawConfig(dir)).toBe(before);
  });

  it("--yes restores every default and keeps progress", () => {
    const dir = tempDir();
    ok(runBin(["practice", "-s", "internals", "-n", "1", "--seed", "1"], { configDir: dir, input: "a\n" }));
    for (const [k, v] of [
      ["defaultMode", "flash"],
      ["defaultCount", "3"],
      ["weakThreshold", "0.5"],
      ["newPerDay", "0"],
    ])
      ok(runBin(["config", "set", k as string, v as string], { configDir: dir }));
    const before = configOf<Config>(dir);
    expect(before.settings).toEqual({
      defaultMode: "flash",
      defaultCount: 3,
      weakThreshold: 0.5,
      newPerDay: 0,
      desiredRetention: 0.9,
      examDate: "",
    });

    expect(ok(runBin(["config", "reset", "--yes"], { configDir: dir }))).toBe(
      "Settings reset to their defaults.\n",
    );
    const after = configOf<Config>(dir);
    expect(after.settings).toEqual(STORED_DEFAULTS);
    expect(after.questions).toEqual(before.questions);
    expect(after.history).toEqual(before.history);
    expect(JSON.parse(ok(runBin(["config", "get", "--json"], { configDir: dir })))).toEqual(DEFAULTS);
  });
});

describe("settings take effect", () => {
  it("defaultCount 3: practice asks 3 questions", () => {
    const dir = tempDir();
    ok(runBin(["config", "set", "defaultCount", "3"], { configDir: dir }));
    const j = session(
      runBin(["practice", "-s", "internals", "--seed", "1", "--json"], {
        configDir: dir,
        input: feed(Array(10).fill("a")),
      }),
    );
    expect(j.questions).toHaveLength(3);
    expect(j.totals).toMatchObject({ asked: 3, answered: 3 });
    expect(Object.keys(configOf<Config>(dir).questions)).toHaveLength(3);
    // --count still wins over the setting.
    const two = session(
      runBin(["practice", "-s", "internals", "-n", "2", "--seed", "1", "--json", "--dry-run"], {
        configDir: dir,
        input: feed(Array(10).fill("a")),
      }),
    );
    expect(two.questions).toHaveLength(2);
  });

  it("defaultMode flash: practice expects flash grades", () => {
    const dir = tempDir();
    ok(runBin(["config", "set", "defaultMode", "flash"], { configDir: dir }));
    const j = session(
      runBin(["practice", "-s", "internals", "-n", "3", "--seed", "1", "--json"], {
        configDir: dir,
        input: feed(["good", "again", "easy"]),
      }),
    );
    expect(j.session.mode).toBe("flash");
    expect(j.questions.map((q) => [q.mode, q.grade, q.score])).toEqual([
      ["flash", "good", 1],
      ["flash", "again", 0],
      ["flash", "easy", 1],
    ]);
    // A choice letter is no flash grade: it counts as wrong, with a warning.
    const r = runBin(["practice", "-s", "internals", "-n", "1", "--seed", "1", "--json", "--dry-run"], {
      configDir: dir,
      input: "a\n",
    });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toBe("");
    expect((JSON.parse(r.stdout) as SessionJson).questions[0]).toMatchObject({ mode: "flash", score: 0 });
    // --mode still wins over the setting.
    const choice = session(
      runBin(
        ["practice", "-s", "internals", "-n", "1", "--seed", "1", "--mode", "choice", "--json", "--dry-run"],
        {
          configDir: dir,
          input: "a\n",
        },
      ),
    );
    expect(choice.session.mode).toBe("choice");
  });

  it("weakThreshold: 50% accuracy is weak under 0.7 and not under 0.4", () => {
    const args = ["practice", "-s", "internals", "-n", "2", "--seed", "1", "--json"];
    const probe = session(runBin([...args, "--dry-run"], { input: feed(["a", "a"]) }));
    const right = probe.questions[0]?.expected ?? "a";
    const wrong = (probe.questions[1]?.expected ?? "a") === "a" ? "b" : "a";

    const strict = tempDir();
    const weak = session(runBin(args, { configDir: strict, input: feed([right, wrong]) }));
    expect(weak.questions.map((q) => q.score)).toEqual([1, 0]);
    expect(weak.weakTopics.map((w) => w.topic)).toContain("internals");

    const lenient = tempDir();
    ok(runBin(["config", "set", "weakThreshold", "0.4"], { configDir: lenient }));
    const fine = session(runBin(args, { configDir: lenient, input: feed([right, wrong]) }));
    expect(fine.questions.map((q) => q.score)).toEqual([1, 0]);
    expect(fine.weakTopics.map((w) => w.topic)).not.toContain("internals");
    const listed = JSON.parse(ok(runBin(["weak", "--json"], { configDir: lenient }))) as {
      threshold: number;
      weakTopics: { topic: string }[];
    };
    expect(listed.threshold).toBe(0.4);
    expect(listed.weakTopics.map((w) => w.topic)).not.toContain("internals");
  });

  it("newPerDay 2: review brings in 2 new questions", () => {
    const dir = tempDir();
    ok(runBin(["config", "set", "newPerDay", "2"], { configDir: dir }));
    const j = session(
      runBin(["review", "--seed", "1", "--json"], { configDir: dir, input: feed(Array(10).fill("a")) }),
    );
    expect(j.session.new).toBe(2);
    expect(j.questions).toHaveLength(2);
  });
});
