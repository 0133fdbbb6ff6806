import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, configOf, fails, okPlain, outputLines, runBin, tempDir } from "../helpers/bin.js";
import { clearOfMidnight, MIDNIGHT_TIMEOUT } from "../helpers/clock.js";

// `k8s-quiz daily`: the question of the day, its streak driven by --date, and the silent shell hook.

const SLUGS = ["internals", "operators", "multi-cluster", "networking", "service-mesh"];

interface Reveal {
  date: string;
  id: string;
  section: string;
  prompt: string;
  answer: string;
  note: string | null;
  streak: number;
}

interface DailySession {
  session: {
    command: string;
    date: string;
    id: string;
    mode: string;
    streak: { current: number; longest: number };
    outOfAnswers: boolean;
  };
  questions: { id: string; given: string; expected: string; correct: boolean }[];
  totals: { asked: number; answered: number };
}

interface Config {
  streak: { current: number; longest: number; lastDay: string };
  daily: { picks: Record<string, string> };
  history: { id: string; mode: string }[];
}

/** Today as the CLI sees it: the local calendar day. */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The calendar days from `first`, `n` of them, as YYYY-MM-DD. */
function days(first: string, n: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/** Answers the question of `day` (choice "a", right or wrong: any answer keeps a streak). */
function answerDay(dir: string, day: string): DailySession {
  const r = runBin(["daily", "--date", day, "--json"], { configDir: dir, input: "a\n" });
  const j = JSON.parse(okPlain(r)) as DailySession;
  expect(j.session).toMatchObject({ command: "daily", date: day, outOfAnswers: false });
  expect(j.totals.answered).toBe(1);
  return j;
}

beforeAll(() => {
  expect(existsSync(BIN), "run npm run build first").toBe(true);
});

describe("daily --reveal", () => {
  it(
    "shows the same question and answer all day, without asking",
    async () => {
      await clearOfMidnight();
      const dir = tempDir();
      const first = okPlain(runBin(["daily", "--reveal"], { configDir: dir }));
      const second = okPlain(runBin(["daily", "--reveal"], { configDir: dir }));
      expect(second).toBe(first);
      expect(outputLines(first)[0]).toMatch(/^#5\d\d · \S/);

      const j = JSON.parse(okPlain(runBin(["daily", "--reveal", "--json"], { configDir: dir }))) as Reveal;
      expect(Object.keys(j).sort()).toEqual(["answer", "date", "id", "note", "prompt", "section", "streak"]);
      expect(j.date).toBe(today());
      expect(outputLines(first)[0]).toMatch(new RegExp(`^#${j.id} · `));
      expect(first).toContain(j.prompt);
      expect(SLUGS).toContain(j.section);
      expect(j.answer.length).toBeGreaterThan(20);
      expect(j.note === null || typeof j.note === "string").toBe(true);
      expect(j.streak).toBe(0);
    },
    MIDNIGHT_TIMEOUT,
  );

  it("--date reveals another day's question, and the day after gets a different one", () => {
    const dir = tempDir();
    const reveal = (day: string) =>
      JSON.parse(
        okPlain(runBin(["daily", "--reveal", "--json", "--date", day], { configDir: dir })),
      ) as Reveal;
    const a = reveal("2026-11-20");
    const b = reveal("2026-11-21");
    expect(a.date).toBe("2026-11-20");
    expect(b.date).toBe("2026-11-21");
    expect(b.id).not.toBe(a.id);
    // The pick is kept: asking for the 20th again gives the same question.
    expect(reveal("2026-11-20").id).toBe(a.id);
  });
});

describe("daily --date with answers", () => {
  it("never asks the same question two days running, and the streak counts each day", () => {
    const dir = tempDir();
    const run = days("2026-11-20", 10).map((day) => answerDay(dir, day));
    const ids = run.map((j) => j.session.id);
    for (let i = 1; i < ids.length; i++) expect(ids[i], `day ${i + 1} repeats day ${i}`).not.toBe(ids[i - 1]);
    expect(run.map((j) => j.session.streak.current)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // The question asked is the day's pick, and the answer is recorded against it.
    for (const j of run) expect(j.questions.map((q) => q.id)).toEqual([j.session.id]);
    const config = configOf<Config>(dir);
    expect(config.streak).toEqual({ current: 10, longest: 10, lastDay: "2026-11-29" });
    expect(config.history).toHaveLength(10);
    expect(config.daily.picks["2026-11-25"]).toBe(ids[5]);
  });

  it("keeps the streak over consecutive days, once per day, and resets it after a gap", () => {
    const dir = tempDir();
    expect(answerDay(dir, "2026-11-01").session.streak).toEqual({ current: 1, longest: 1 });
    expect(answerDay(dir, "2026-11-02").session.streak).toEqual({ current: 2, longest: 2 });
    const third = runBin(["daily", "--date", "2026-11-03"], { configDir: dir, input: "a\n" });
    expect(okPlain(third)).toContain("Streak: 3 days (longest 3 days).");
    expect(configOf<Config>(dir).streak).toEqual({ current: 3, longest: 3, lastDay: "2026-11-03" });

    // Again the same day: today's answer is shown, not asked a second time (issue 18), and the
    // streak does not count twice.
    const r = runBin(["daily", "--date", "2026-11-03", "--json"], { configDir: dir, input: "a\n" });
    const again = JSON.parse(okPlain(r));
    expect(again.session).toMatchObject({ alreadyDone: true, streak: { current: 3, longest: 3 } });
    expect(again.session.id).toBe(configOf<Config>(dir).daily.picks["2026-11-03"]);
    expect(configOf<Config>(dir).streak).toEqual({ current: 3, longest: 3, lastDay: "2026-11-03" });

    // 2026-11-04 is skipped.
    expect(answerDay(dir, "2026-11-05").session.streak).toEqual({ current: 1, longest: 3 });
    expect(configOf<Config>(dir).streak).toEqual({ current: 1, longest: 3, lastDay: "2026-11-05" });
  });

  it.each(["2026-02-30", "20261120", "2026-13-01", "tomorrow"])("refuses --date %s with exit 2", (day) => {
    const dir = tempDir();
    const err = fails(runBin(["daily", "--date", day], { configDir: dir, input: "a\n" }), 2);
    expect(err).toContain(day);
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });
});

describe("daily with no answer given", () => {
  it("shows the streak without telling you to come back tomorrow", () => {
    const out = okPlain(runBin(["daily", "--date", "2026-11-12"], { configDir: tempDir(), input: "" }));
    expect(out).toContain("No questions answered.");
    expect(outputLines(out).at(-1)).toBe("Streak: 0 days (longest 0 days).");
  });
});

describe("daily's options", () => {
  it("come in the same order all day without --seed, so a script knows the letters", () => {
    const options = () => {
      const r = runBin(["daily", "--date", "2026-11-12", "--json"], { configDir: tempDir(), input: "a\n" });
      return JSON.parse(okPlain(r)).questions[0].options;
    };
    const first = options();
    expect(first).toHaveLength(4);
    for (let i = 0; i < 4; i++) expect(options()).toEqual(first);
  });
});

describe("daily --date and the schedule", () => {
  /** The local calendar day `n` days from now. */
  const fromToday = (n: number) => {
    const d = new Date(Date.now() + n * 86_400_000);
    const pad = (x: number) => String(x).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  };

  it("refuses to answer a day still to come, but reveals it", () => {
    const dir = tempDir();
    const ahead = fromToday(4);
    const err = fails(runBin(["daily", "--date", ahead], { configDir: dir, input: "a\n" }), 2);
    expect(err).toBe(
      `k8s-quiz: --date ${ahead} is in the future: answer it on the day, or see it now with --reveal (or --dry-run)\n`,
    );
    expect(existsSync(join(dir, "config.json"))).toBe(false);
    const shown = JSON.parse(
      okPlain(runBin(["daily", "--reveal", "--json", "--date", ahead], { configDir: dir })),
    );
    expect(shown.date).toBe(ahead);
    expect(
      JSON.parse(
        okPlain(runBin(["daily", "--date", ahead, "--dry-run", "--json"], { configDir: dir, input: "a\n" })),
      ).totals.answered,
    ).toBe(1);
  });

  it("answering a past day's question already reviewed today keeps it schedulable", () => {
    const dir = tempDir();
    const past = "2026-11-10";
    const { id, section } = JSON.parse(
      okPlain(runBin(["daily", "--reveal", "--json", "--date", past], { configDir: dir })),
    );
    const all = ["practice", "-s", section, "-n", "10", "--order", "deck", "--json"];
    const a10 = "a\n".repeat(10);
    const today1 = JSON.parse(okPlain(runBin(all, { configDir: dir, input: a10 })));
    expect(today1.questions.map((x: { id: string }) => x.id)).toContain(id);
    expect(answerDay(dir, past).session.id).toBe(id);
    // Scheduled as reviewed on that day, at noon: no negative interval, no crash.
    expect(configOf(dir).questions[id].card.last_review).toBe(new Date(2026, 10, 10, 12).getTime());
    expect(configOf(dir).questions[id].card.reps).toBe(2);
    const again = JSON.parse(okPlain(runBin(all, { configDir: dir, input: a10 })));
    expect(again.totals.answered).toBe(10);
  });
});

describe("daily --hook without a terminal", () => {
  it("prints nothing, saves nothing and exits 0", () => {
    const dir = tempDir();
    const r = runBin(["daily", "--hook"], { configDir: dir });
    expect(r).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });

  it("stays silent with exit 0 even when the config file is corrupt", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "config.json"), "{ this is not json");
    const r = runBin(["daily", "--hook"], { configDir: dir });
    expect(r).toEqual({ stdout: "", stderr: "", code: 0 });
    const odd = runBin(["daily", "--hook", "--date", "2026-02-30"], { configDir: dir });
    expect(odd).toEqual({ stdout: "", stderr: "", code: 0 });
  });
});
