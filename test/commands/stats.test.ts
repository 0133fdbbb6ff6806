import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import stringWidth from "string-width";
import { beforeAll, describe, expect, it } from "vitest";
import type { Progress } from "../../src/core/state.js";
import type { Stats } from "../../src/core/stats.js";
import { BIN, ESC, ok, outputLines, ROOT, runBin, tempDir } from "../helpers/bin.js";
import { clearOfMidnight, MIDNIGHT_TIMEOUT } from "../helpers/clock.js";

const FIXTURE = join(ROOT, "test", "fixtures", "stats-config.json");

beforeAll(() => {
  expect(existsSync(BIN), "run npm run build first").toBe(true);
});

/** A config dir holding the fixture as its progress file. */
function fixtureDir(): string {
  const dir = tempDir();
  copyFileSync(FIXTURE, join(dir, "config.json"));
  return dir;
}

const DAY = 86_400_000;

/**
 * The fixture with its answers moved by whole weeks so that its "today" (Wednesday 2025-03-12) becomes
 * last week's Wednesday: every answer is then in the past and inside the grid, on the same weekdays,
 * whatever the real date. The grid's oldest column drops off, taking the 2024-12-23 answer with it.
 */
function recentDir(): string {
  const state = JSON.parse(readFileSync(FIXTURE, "utf8")) as Progress;
  const today = new Date();
  const monday =
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) -
    ((today.getUTCDay() + 6) % 7) * DAY;
  const shift = monday - 5 * DAY - Date.UTC(2025, 2, 12);
  for (const h of state.history) h.at += shift;
  const dir = tempDir();
  writeFileSync(join(dir, "config.json"), JSON.stringify(state));
  return dir;
}

// The bin runs on the real clock, long after every date in the fixture (its last answer is 2025-03-12 and
// its last due date 2025-04-19), so only figures that no longer move with time are checked here; the
// figures at a fixed moment are checked in test/core/stats.test.ts.
describe("k8s-quiz stats", () => {
  it("draws every section within 80 columns and without escape codes when not a terminal", () => {
    const out = ok(runBin(["stats"], { configDir: fixtureDir() }));
    expect(out).not.toContain(ESC);
    for (const line of outputLines(out)) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    for (const heading of [
      "Mastery by section",
      "Weak topics",
      "Leeches",
      "Due in the next 7 days",
      "Last 12 weeks",
    ]) {
      expect(out).toContain(heading);
    }
    expect(out).toMatch(/^Answered\s+43 answers$/m);
    expect(out).toMatch(/^Seen\s+9 of 50 questions$/m);
    expect(out).toMatch(/^Accuracy\s+44.2% fully correct$/m); // 19 of 43
    expect(out).toMatch(/^Streak\s+0 days \(longest 5\)$/m); // the fixture's 3-day streak has lapsed
    expect(out).toMatch(/^Due today\s+8: k8s-quiz review$/m); // every scheduled card in the loaded decks
    expect(out).toMatch(/^ {2}531\s+7x\s+What is CNI in Kubernetes\?$/m);
    expect(out).toMatch(/^ {2}511\s+5x\s+What is a Custom Resource Definition \(CRD\)\?$/m);
    expect(out).toMatch(/^ {2}cni\s+40%/m);
    // The week ahead: today, then the next six days by weekday and date (on a Monday, no line starts "Mon").
    const week = outputLines(out.slice(out.indexOf("Due in the next 7 days"))).slice(1, 8);
    expect(week[0]).toMatch(/^Today\s/);
    const days = week.slice(1).map((l) => l.match(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d\s/)?.[1]);
    expect(new Set(days).size, week.join("\n")).toBe(6);
    expect(days).not.toContain(undefined);
  });

  it(
    "draws the activity grid with every shade and a legend, within 80 columns",
    async () => {
      // The fixture is moved to this week in UTC, and read back in UTC: both on the same side of midnight.
      await clearOfMidnight(30_000, "UTC");
      const dir = recentDir();
      const out = ok(runBin(["stats"], { configDir: dir, env: { TZ: "UTC", NO_COLOR: "1" } }));
      expect(out).not.toContain(ESC);
      for (const line of outputLines(out)) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
      expect(out).toContain("Last 12 weeks: 30 answers");
      const grid = out.slice(out.indexOf("Last 12 weeks"));
      for (const shade of ["░", "▒", "▓", "█"]) expect(grid).toContain(shade);
      expect(grid).toMatch(/░ 1-2\s+▒ 3-4\s+▓ 5-6\s+█ 7-8\s+answers a day/);

      const stats = JSON.parse(
        ok(runBin(["stats", "--json"], { configDir: dir, env: { TZ: "UTC" } })),
      ) as Stats;
      const counts = stats.heatmap.weeks.map((w) => w.counts);
      expect(counts[1]).toEqual([2, 0, 0, 0, 0, 0, 0]); // fixture week of 01-06
      expect(counts[5]).toEqual([1, 2, 3, 4, 8, 0, 0]); // fixture week of 02-03
      expect(counts[10]).toEqual([3, 2, 5, 0, 0, 0, 0]); // fixture week of 03-10, now wholly past
      expect(stats.heatmap).toMatchObject({ max: 8, total: 30 });
    },
    MIDNIGHT_TIMEOUT,
  );

  it("keeps NO_COLOR output free of escape codes even when colour is forced elsewhere", () => {
    const plain = ok(runBin(["stats"], { configDir: fixtureDir(), env: { NO_COLOR: "1" } }));
    expect(plain).not.toContain(ESC);
    expect(plain).toMatch(/[░▒▓█]/);
    const coloured = ok(runBin(["stats"], { configDir: fixtureDir(), env: { FORCE_COLOR: "1" } }));
    expect(coloured).toContain(ESC);
    for (const line of outputLines(coloured)) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
  });

  it("says how to start, not empty charts, when there are no answers yet", () => {
    const out = ok(runBin(["stats"], { configDir: tempDir() }));
    expect(out).toContain("No answers yet. Start with: k8s-quiz practice --section networking");
    expect(out).not.toContain("Mastery");
    expect(out).not.toContain("Last 12 weeks");
  });

  it("--json prints the documented shape", () => {
    const stats = JSON.parse(ok(runBin(["stats", "--json"], { configDir: fixtureDir() }))) as Stats;
    expect(Object.keys(stats)).toEqual([
      "today",
      "totals",
      "mastery",
      "weakTopics",
      "leeches",
      "forecast",
      "heatmap",
      "calibration",
      "readiness",
      "scheduler",
    ]);
    expect(stats.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(stats.totals).toEqual({
      answered: 43,
      questionsSeen: 9, // docker:3 is recorded, but its deck is not loaded
      questionsTotal: 50,
      accuracy: 19 / 43,
      currentStreak: 0,
      longestStreak: 5,
      dueToday: 8,
    });
    expect(stats.mastery.map((m) => m.section)).toEqual([
      "internals",
      "operators",
      "multi-cluster",
      "networking",
      "service-mesh",
    ]);
    expect(stats.mastery.every((m) => m.total === 10 && m.mastered === 0 && m.ratio === 0)).toBe(true);
    expect(stats.weakTopics.map((w) => w.topic)).toEqual(["cni", "networking", "crds"]);
    expect(stats.leeches).toEqual([
      { id: "531", prompt: "What is CNI in Kubernetes?", lapses: 7 },
      { id: "511", prompt: "What is a Custom Resource Definition (CRD)?", lapses: 5 },
    ]);
    expect(stats.forecast).toHaveLength(7);
    expect(stats.forecast[0]).toEqual({ day: stats.today, due: 8 });
    expect(stats.forecast.slice(1).every((f) => f.due === 0 && /^\d{4}-\d{2}-\d{2}$/.test(f.day))).toBe(true);
    expect(stats.heatmap.weeks).toHaveLength(12);
    for (const w of stats.heatmap.weeks) {
      expect(w.counts).toHaveLength(7);
      expect(new Date(`${w.start}T00:00:00Z`).getUTCDay()).toBe(1); // weeks start on Monday
    }
    expect(stats.heatmap.total).toBe(0); // the fixture's answers are all more than 12 weeks old
  });

  it("--json with no answers still prints the whole shape", () => {
    const stats = JSON.parse(ok(runBin(["stats", "--json"], { configDir: tempDir() }))) as Stats;
    expect(stats.totals.answered).toBe(0);
    expect(stats.totals.accuracy).toBeNull();
    expect(stats.heatmap.weeks).toHaveLength(12);
    expect(stats.forecast).toHaveLength(7);
  });
});
