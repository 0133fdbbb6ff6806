import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { okPlain, runBin, tempDir } from "../helpers/bin.js";
import { clearOfMidnight, MIDNIGHT_TIMEOUT } from "../helpers/clock.js";

// `stats`, `review` and `weak` tell the same story (issue 18).

/** A config dir whose only card is question 502's, due at `due`. */
function withCard(due: number, extra: Record<string, unknown> = {}): string {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  const now = Date.now();
  const card = {
    due,
    stability: 1,
    difficulty: 5,
    elapsed_days: 0,
    scheduled_days: 0,
    learning_steps: 0,
    reps: 1,
    lapses: 0,
    state: 1,
    last_review: now - 60_000,
  };
  writeFileSync(
    join(dir, "config.json"),
    JSON.stringify({
      schemaVersion: 1,
      questions: {
        "502": { attempts: 1, correct: 1, lastAnswered: now - 60_000, lastResult: 1, recent: [1], card },
      },
      history: [
        {
          id: "502",
          at: now - 60_000,
          score: 1,
          grade: "good",
          mode: "choice",
          section: "internals",
          topics: ["internals"],
          scheduled: true,
        },
      ],
      ...extra,
    }),
  );
  return dir;
}

describe("stats and review agree on what is due", () => {
  it(
    "a card due later today is 'due later today (1)' with its time, and review says nothing is due now",
    async () => {
      // Two minutes before midnight, there is no "later today" left to set a card due in.
      await clearOfMidnight(2 * 60_000);
      const now = new Date();
      const endOfDay = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime() - 1;
      const due = Math.min(Date.now() + 5 * 60_000, endOfDay - 1000);
      const dir = withCard(due);
      const at = new Date(due);
      const hhmm = `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
      const stats = okPlain(runBin(["stats"], { configDir: dir }));
      expect(stats).toMatch(
        new RegExp(`^Due today\\s+nothing now · due later today \\(1\\), next at ${hhmm}$`, "m"),
      );
      const review = okPlain(runBin(["review", "--new", "0"], { configDir: dir }));
      expect(review).toMatch(/^Nothing due now; next review in (\d+ min|under a minute)\.$/m);
    },
    MIDNIGHT_TIMEOUT + 60_000,
  );

  it("a card due now is counted the same in both", () => {
    const dir = withCard(Date.now() - 1000);
    expect(okPlain(runBin(["stats"], { configDir: dir }))).toMatch(/^Due today\s+1: k8s-quiz review$/m);
    const doc = JSON.parse(
      okPlain(runBin(["review", "--new", "0", "--json"], { configDir: dir, input: "a\n" })),
    );
    expect(doc.session.due).toBe(1);
  });
});

describe("weak", () => {
  it("never prints a topic with no questions under it", () => {
    const dir = withCard(Date.now() + 86_400_000, {
      weakTopics: {
        "gone-deck-topic": { accuracy: 0.2, answers: 5, lastSeen: Date.now() },
        internals: { accuracy: 0.5, answers: 2, lastSeen: Date.now() },
      },
    });
    const out = okPlain(runBin(["weak"], { configDir: dir }));
    expect(out).not.toContain("gone-deck-topic");
    // internals' one answered question was right last time: it is listed under its topic.
    expect(out).toMatch(/^internals {2}50% over the last 2 answers\n {2}502 /m);
  });
});
