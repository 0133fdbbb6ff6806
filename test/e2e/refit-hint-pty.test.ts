import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/bin.js";
import { KEY, spawnPtyPerTest } from "../helpers/pty.js";
import { simulateLearner } from "../helpers/simulated-learner.js";

const spawnPty = spawnPtyPerTest();

/** A config dir whose log has `times` as many reviews as the last fit was made on. */
function fittedDir(times: number): { dir: string; reviews: number } {
  const state = simulateLearner({ seed: 5, days: 30, end: Date.now(), questions: 40, newPerDay: 4 });
  const reviews = state.history.length;
  const fsrs = { fittedAt: Date.now() - 86_400_000, reviews: Math.floor(reviews / times), kept: false };
  const dir = tempDir();
  writeFileSync(join(dir, "config.json"), JSON.stringify({ ...state, fsrs }));
  return { dir, reviews };
}

describe("the home screen's re-fit reminder", () => {
  it("says so above the menu once the log has doubled since the last fit", async () => {
    const { dir, reviews } = fittedDir(2);
    const s = spawnPty([], { configDir: dir });
    await s.waitFor("Quit");
    expect(s.text()).toContain("Your review log has doubled since the last fit");
    expect(s.text()).toContain(`${reviews} reviews`);
    expect(s.text().indexOf("doubled")).toBeLessThan(s.text().indexOf("What would you like to do?"));
    // Quit is the last of the home screen's eight entries.
    for (let i = 0; i < 7; i++) s.write(KEY.down);
    s.write(KEY.enter);
    expect((await s.exit).exitCode).toBe(0);
  });

  it("says nothing before that", async () => {
    const { dir } = fittedDir(1.5);
    const s = spawnPty([], { configDir: dir });
    await s.waitFor("Quit");
    expect(s.text()).not.toContain("optimize");
    // Quit is the last of the home screen's eight entries.
    for (let i = 0; i < 7; i++) s.write(KEY.down);
    s.write(KEY.enter);
    expect((await s.exit).exitCode).toBe(0);
  });
});
