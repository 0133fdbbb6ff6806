import { describe, expect, it } from "vitest";
import { configOf, okPlain, runBin, tempDir } from "../helpers/bin.js";
import { declineRetryAndExit, KEY, spawnPtyPerTest } from "../helpers/pty.js";

// "My answer was right" in a real pseudo-terminal with the built bin: a recall grade raised above the
// suggested one, the one-key offer (no Enter), and the phrasing listed by `k8s-quiz phrasings`.

const spawnPty = spawnPtyPerTest();
const RECALL = ["practice", "-s", "internals", "-n", "1", "--order", "deck", "--mode", "recall"];
const MINE = "the cluster nudges what runs toward what you asked for";

describe("keeping a phrasing in a pseudo-terminal", () => {
  it("offers it in one key after a raised grade, and lists it afterwards", async () => {
    const dir = tempDir();
    const s = spawnPty(RECALL, { configDir: dir });
    await s.waitFor("Your answer");
    s.write(`etcd stores everything. ${MINE}`);
    s.write(KEY.enter);
    await s.waitFor("(Enter on an empty line to finish)");
    s.write(KEY.enter);
    await s.waitFor("Grade (suggested: again)");
    // Again -> Good, by its one key.
    s.write("g");
    await s.waitFor("keep this phrasing? (y/N, one key)");
    expect(s.text()).toContain(`"${MINE}"`);
    const before = s.text().length;
    s.write("y");
    await s.waitFor("Kept.", before);
    expect(await declineRetryAndExit(s, before)).toBe(0);

    const config = configOf(dir);
    expect(config.history[0]).toMatchObject({ id: "501", grade: "good" });
    expect(config.phrasings.length).toBeGreaterThan(0);
    const listed = okPlain(runBin(["phrasings"], { configDir: dir }));
    expect(listed).toMatch(/^1\s+501\s+/m);
    expect(listed).toContain("the cluster nudges");
  }, 30_000);

  it("offers nothing when the suggested grade is taken", async () => {
    const dir = tempDir();
    const s = spawnPty(RECALL, { configDir: dir });
    await s.waitFor("Your answer");
    s.write(MINE);
    s.write(KEY.enter);
    await s.waitFor("(Enter on an empty line to finish)");
    s.write(KEY.enter);
    await s.waitFor("Grade (suggested: again)");
    const before = s.text().length;
    s.write(KEY.enter);
    expect(await declineRetryAndExit(s, before)).toBe(0);
    expect(s.text()).not.toContain("keep this phrasing?");
    expect(configOf(dir).phrasings).toBeUndefined();
  }, 30_000);

  it("Ctrl+C at the offer keeps the raised grade on screen, not the suggested one, and says so", async () => {
    const dir = tempDir();
    const s = spawnPty(RECALL, { configDir: dir });
    await s.waitFor("Your answer");
    s.write(MINE);
    s.write(KEY.enter);
    await s.waitFor("(Enter on an empty line to finish)");
    s.write(KEY.enter);
    await s.waitFor("Grade (suggested: again)");
    s.write("g");
    await s.waitFor("keep this phrasing? (y/N, one key)");
    s.write(KEY.ctrlC);
    expect((await s.exit).exitCode).toBe(130);
    expect(s.text()).toContain("Saved with your grade, Good; the phrasing was not kept.");
    expect(s.text()).not.toContain("suggested grade, Again");
    const config = configOf(dir);
    expect(config.history).toMatchObject([{ id: "501", grade: "good", score: 1 }]);
    expect(config.phrasings).toBeUndefined();
  }, 30_000);
});
