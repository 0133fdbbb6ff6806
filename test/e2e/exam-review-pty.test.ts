import { describe, expect, it } from "vitest";
import { configOf, runBin, tempDir } from "../helpers/bin.js";
import { KEY, spawnPtyPerTest } from "../helpers/pty.js";

// Issue 17: the exam's review in a real pseudo-terminal, built bin: every answer with its reference,
// key points and suggested grade before anything is saved; a grade changed; Ctrl+C keeps the answers.

const spawnPty = spawnPtyPerTest();
const EXAM = ["exam", "-n", "2", "--minutes", "10", "--seed", "1", "-s", "internals"];
const FULL_508 =
  "run ntp or chrony on all nodes; tls certificate notbefore/notafter; nodes go notready; etcd";

interface Config {
  history: { id: string; grade: string; score: number }[];
  pendingExam?: { answers: { id: string; text: string }[] };
}

async function answerBoth(s: ReturnType<typeof spawnPty>) {
  await s.waitFor("Your answer");
  s.write(FULL_508);
  s.write(KEY.enter);
  await s.waitFor("(Enter on an empty line to finish)");
  s.write(KEY.enter);
  await s.waitFor("[2/2");
  const from = s.text().indexOf("[2/2");
  await s.waitFor("Your answer", from);
  s.write("it gets there in the end");
  s.write(KEY.enter);
  await s.waitFor("(Enter on an empty line to finish)", from);
  s.write(KEY.enter);
  await s.waitFor("Change a grade, or save them", from);
}

describe("exam review in a pseudo-terminal", () => {
  it("reviews, takes a lowered grade, and only then saves and prints the report card", async () => {
    const dir = tempDir();
    const s = spawnPty(EXAM, { configDir: dir });
    await answerBoth(s);
    const review = s.text().slice(s.text().indexOf("Review: your answers"));
    expect(review).toContain("#508 How does Kubernetes handle clock drift across nodes?");
    expect(review).toMatch(/Your answer:\s+run ntp or chrony/);
    expect(review).toMatch(/Reference:\s+Kubernetes \(specifically Etcd and Certificates\)/);
    expect(review).toMatch(/✔ Run NTP on all nodes/);
    expect(review).toMatch(/Suggested grade: good/);
    expect(review).toMatch(/✘ /);
    expect(s.text()).not.toContain("Report card");
    expect(configOf<Config>(dir).history).toEqual([]);

    // 508 (first in the list after "Save"): Good down to Hard. A lowered grade offers nothing.
    s.write(KEY.down);
    s.write(KEY.enter);
    await s.waitFor("Grade for #508");
    s.write(KEY.up);
    s.write(KEY.enter);
    await s.waitFor("(suggested good)");
    expect(s.text()).not.toContain("keep this phrasing?");
    s.write(KEY.enter);
    await s.waitFor("Report card");
    expect((await s.exit).exitCode).toBe(0);
    expect(s.text()).toContain("Report card: 0.5/2 (25%)");
    const config = configOf<Config>(dir);
    expect(config.history.map((h) => [h.id, h.grade])).toEqual([
      ["508", "hard"],
      ["509", "again"],
    ]);
    expect(config.pendingExam).toBeUndefined();
  }, 30_000);

  it("keeps the answers on Ctrl+C in the review; the next exam reviews and saves them first", async () => {
    const dir = tempDir();
    const s = spawnPty(EXAM, { configDir: dir });
    await answerBoth(s);
    s.write(KEY.ctrlC);
    expect((await s.exit).exitCode).toBe(130);
    expect(s.text()).toContain(
      "Your 2 answers are kept: the next k8s-quiz exam reviews and saves them first.",
    );
    const kept = configOf<Config>(dir);
    expect(kept.history).toEqual([]);
    expect(kept.pendingExam?.answers.map((a) => a.id)).toEqual(["508", "509"]);

    // A scripted exam takes the suggested grades of the leftover, then runs its own.
    const r = runBin(["exam", "-n", "1", "--seed", "3", "-s", "mesh"], {
      configDir: dir,
      input: "no idea\n",
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /The exam of \d{4}-\d\d-\d\d \d\d:\d\d UTC was not reviewed: its 2 answers first\./,
    );
    expect(r.stdout).toContain("Saved the 2 answers of that exam.");
    const after = configOf<Config>(dir);
    expect(after.history.slice(0, 2).map((h) => [h.id, h.grade])).toEqual([
      ["508", "good"],
      ["509", "again"],
    ]);
    expect(after.history).toHaveLength(3);
    expect(after.pendingExam).toBeUndefined();
  }, 30_000);

  it("keeps the answers given so far on Ctrl+C during the exam, saving none of them yet", async () => {
    const dir = tempDir();
    const s = spawnPty(EXAM, { configDir: dir });
    await s.waitFor("Your answer");
    s.write(FULL_508);
    s.write(KEY.enter);
    await s.waitFor("(Enter on an empty line to finish)");
    s.write(KEY.enter);
    await s.waitFor("[2/2");
    s.write(KEY.ctrlC);
    expect((await s.exit).exitCode).toBe(130);
    expect(s.text()).toContain("Your 1 answer is kept: the next k8s-quiz exam reviews and saves it first.");
    expect(s.text()).not.toContain("Report card");
    const config = configOf<Config>(dir);
    expect(config.history).toEqual([]);
    expect(config.pendingExam?.answers).toEqual([expect.objectContaining({ id: "508", text: FULL_508 })]);
  }, 30_000);
});
