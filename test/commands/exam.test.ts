import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ExamReport } from "../../src/core/exam.js";
import { configOf, feed, runBin, tempDir } from "../helpers/bin.js";

// `k8s-quiz exam` with no terminal: recall answers piped on stdin, no feedback until the report card.

interface ExamJson {
  session: { command: string; minutes: number; seed: number | null };
  questions: {
    id: string;
    mode: string;
    given: string;
    expected: string;
    grade: string;
    score: number;
    keyPoints: { hit: string[]; missed: string[]; contradicted: string[] };
    secondsUsed: number;
  }[];
  report: ExamReport & { secondsUsed: number };
}

interface Config {
  history: { id: string; mode: string; score: number; grade: string; section: string }[];
  questions: Record<string, { attempts: number }>;
}

// `--seed 1 -s internals -n 3` asks 508 (clock drift), 509 (eventual consistency), 504 (informers).
const EXAM = ["exam", "-n", "3", "--seed", "1", "-s", "internals"];
const IDS = ["508", "509", "504"];
const FULL_508 =
  "run ntp or chrony on all nodes; tls certificate notbefore/notafter; nodes go notready; etcd";
// A wrong answer that still names the reconcile loop: it denies the retrying (a partial answer that
// hits one point of three would be Hard now, a pass).
const WRONG_509 = "a failed reconcile loop is dropped and never retried";
const POOR = "no idea";
/** One full answer, one wrong, one blank-ish: 1/3. */
const MIXED = [FULL_508, WRONG_509, POOR];

describe("exam, scripted", () => {
  it("prints {session, questions, report} with --json", () => {
    const dir = tempDir();
    const r = runBin([...EXAM, "--json"], { configDir: dir, input: feed(MIXED) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout) as ExamJson;
    // Issue 18: each typed answer, the reference, the key points and the time are in the document too.
    expect(Object.keys(doc).sort()).toEqual(["questions", "report", "session"]);
    expect(doc.session).toEqual({ command: "exam", minutes: 20, seed: 1 });
    expect(Object.keys(doc.report).sort()).toEqual(
      [
        "asked",
        "answered",
        "score",
        "percent",
        "timeUp",
        "bySection",
        "missedKeyPoints",
        "unanswered",
        "weakestTopics",
        "secondsUsed",
      ].sort(),
    );
    expect(doc.questions.map((q) => [q.id, q.mode, q.grade])).toEqual([
      ["508", "recall", "good"],
      ["509", "recall", "again"],
      ["504", "recall", "again"],
    ]);
    expect(doc.questions.map((q) => q.given)).toEqual(MIXED);
    expect(doc.questions[0]?.expected).toMatch(/^Kubernetes \(specifically Etcd and Certificates\)/);
    expect(doc.questions[0]?.keyPoints.hit).toContain("Run NTP on all nodes");
    // The wrong answer denies the retrying: contradicted, not merely missed.
    expect(doc.questions[1]?.keyPoints).toEqual({
      hit: [],
      missed: ["No instant-update guarantee", "State eventually converges"],
      contradicted: ["Reconcile loop keeps retrying"],
    });
    // Each answer's time runs from the one before it, so together they fit in the time used.
    for (const q of doc.questions) expect(q.secondsUsed).toBeGreaterThanOrEqual(0);
    const sum = doc.questions.reduce((n, q) => n + q.secondsUsed, 0);
    expect(sum).toBeLessThanOrEqual(doc.report.secondsUsed + 0.05 * doc.questions.length);
    const { report } = doc;
    expect(report).toMatchObject({ asked: 3, answered: 3, score: 1, percent: 33.3, timeUp: false });
    expect(report.bySection).toEqual([{ section: "internals", score: 1, total: 3, percent: 33.3 }]);
    expect(report.unanswered).toEqual([]);
    expect(report.missedKeyPoints.map((m) => m.id)).toEqual(["509", "504"]);
    expect(report.missedKeyPoints[0]?.missed).toEqual([
      "No instant-update guarantee",
      "State eventually converges",
    ]);
    expect(report.missedKeyPoints[1]?.missed).toHaveLength(4);
    for (const t of report.weakestTopics) {
      expect(t.percent).toBeLessThan(100);
      expect(t.percent).toBe(Math.round((t.score / t.total) * 1000) / 10);
    }
    expect(report.weakestTopics.map((t) => t.topic)).toEqual(["controllers", "architecture", "internals"]);
  });

  it("gives no per-question feedback in text mode, only the report card at the end", () => {
    const dir = tempDir();
    const r = runBin(EXAM, { configDir: dir, input: feed(MIXED) });
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain("no feedback until the end");
    for (const [i, id] of IDS.entries()) expect(out).toContain(`[${i + 1}/3] #${id} (internals)`);
    // The reference answers come with the report card (issue 18), never before it.
    expect(out.slice(0, out.indexOf("Report card:"))).not.toContain("Reference answer");
    expect(out).not.toMatch(/^> /m);
    expect(out).not.toMatch(/key points \d+\/\d+/);
    // The report card comes after the last question and its review (issue 17), and nothing graded
    // comes before the review.
    const review = out.indexOf("Review: your answers, before anything is saved");
    const card = out.indexOf("Report card: 1/3 (33.3%)");
    expect(review).toBeGreaterThan(out.indexOf("[3/3]"));
    expect(card).toBeGreaterThan(review);
    expect(out.slice(0, review)).not.toMatch(/missed|grade|correct/i);
    expect(out).toContain("Kubernetes Internals & Architecture: 1/3 (33.3%)");
    expect(out).toContain("Key points you missed:");
    expect(out).toContain("    - State eventually converges");
    expect(out).toMatch(/Weakest topics: controllers \(0%\)/);
    expect(out).not.toContain("\x1b");
    // Each typed answer, its key points and the reference, and the time used.
    expect(out).toMatch(/^Time used: \d+:\d\d of 20 minutes$/m);
    const after = out.slice(card);
    expect(after.match(/^Your answer:$/gm)).toHaveLength(3);
    expect(after.match(/^Reference answer:$/gm)).toHaveLength(3);
    expect(after).toContain("  ✘ State eventually converges");
  });

  it("shows a contradicted key point on the report card and in --report, not only as missed", () => {
    const dir = tempDir();
    const file = join(dir, "out.md");
    const r = runBin([...EXAM, "--report", file], { configDir: dir, input: feed(MIXED) });
    expect(r.code).toBe(0);
    const card = r.stdout.slice(r.stdout.indexOf("Report card:"));
    expect(card).toContain("  ✘ Reconcile loop keeps retrying (your answer says otherwise)");
    expect(readFileSync(file, "utf8")).toMatch(/^Key points contradicted: Reconcile loop keeps retrying$/m);
  });

  it("writes the report card as Markdown with --report", () => {
    const dir = tempDir();
    const file = join(dir, "out.md");
    const r = runBin([...EXAM, "--report", file], { configDir: dir, input: feed(MIXED) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Report saved to ${file}`);
    const md = readFileSync(file, "utf8");
    expect(md).toMatch(/^# Mock interview report \(\d{4}-\d\d-\d\d\)$/m);
    expect(md).toContain("**Score: 1/3 (33.3%)**");
    expect(md).toContain("## By section");
    // Each typed answer, the key points hit and missed, the reference, and the time used.
    expect(md).toMatch(/^Time used: \d+:\d\d of 20 minutes$/m);
    expect(md).toContain("## Your answers");
    expect(md.match(/^Your answer:$/gm)).toHaveLength(3);
    expect(md.match(/^Reference answer:$/gm)).toHaveLength(3);
    expect(md).toMatch(/^Key points missed: .*State eventually converges/m);
    expect(md).toContain(
      "| Section | Score | % |\n|---|---|---|\n| Kubernetes Internals & Architecture | 1/3 | 33.3% |",
    );
    expect(md).toContain("## Key points missed");
    expect(md).toContain(
      "- **509** How does Kubernetes achieve eventual consistency?\n  - No instant-update guarantee\n  - State eventually converges",
    );
    expect(md).toContain("## Weakest topics\n\n- controllers: 0% (0/2)");
  });

  it.each([
    ["in a missing folder", (dir: string) => join(dir, "no", "such", "out.md"), "no such directory"],
    ["that is a folder", (dir: string) => dir, "is a directory"],
  ])("refuses a --report %s before asking anything, exit 1", (_name, path, why) => {
    const dir = tempDir();
    const r = runBin([...EXAM, "--report", path(dir)], { configDir: dir, input: feed(MIXED) });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`k8s-quiz: cannot write ${path(dir)}: ${why}\n`);
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });

  it("puts one table row per section in the Markdown report", () => {
    const dir = tempDir();
    const file = join(dir, "all.md");
    const r = runBin(["exam", "-n", "10", "--seed", "4", "--report", file, "--json"], {
      configDir: dir,
      input: feed(Array(10).fill(POOR)),
    });
    expect(r.code).toBe(0);
    const { report } = JSON.parse(r.stdout) as ExamJson;
    expect(report.bySection.length).toBeGreaterThan(1);
    const rows = readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => /^\| (?!Section|-)/.test(l));
    expect(rows).toHaveLength(report.bySection.length);
    expect(report.bySection.reduce((n, s) => n + s.total, 0)).toBe(10);
  });

  it("lists the unanswered and counts them as missed when the answers run out", () => {
    const dir = tempDir();
    const file = join(dir, "short.md");
    const r = runBin([...EXAM, "--json", "--report", file], { configDir: dir, input: feed([FULL_508]) });
    expect(r.code).toBe(0);
    const { report } = JSON.parse(r.stdout) as ExamJson;
    expect(report).toMatchObject({ asked: 3, answered: 1, score: 1, percent: 33.3 });
    expect(report.unanswered.map((u) => u.id)).toEqual(["509", "504"]);
    expect(report.unanswered[0]?.prompt).toBe("How does Kubernetes achieve eventual consistency?");
    expect(report.bySection).toEqual([{ section: "internals", score: 1, total: 3, percent: 33.3 }]);
    const md = readFileSync(file, "utf8");
    expect(md).toContain("**Score: 1/3 (33.3%)**");
    expect(md).toContain(
      "## Unanswered\n\n- **509** How does Kubernetes achieve eventual consistency?\n- **504**",
    );
    // Only the answered question reaches the config file.
    expect(configOf<Config>(dir).history.map((h) => h.id)).toEqual(["508"]);
  });

  it("says on the text report card that unanswered questions counted as missed", () => {
    const r = runBin(EXAM, { configDir: tempDir(), input: feed([FULL_508]) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Report card: 1/3 (33.3%)");
    // The JSON and Markdown reports list them; the text card should at least say so (as it does when time is up).
    expect(r.stdout).toMatch(/2 .*unanswered/i);
  });

  it("exits 3 under --fail-under when the score is below it", () => {
    const dir = tempDir();
    const poor = runBin([...EXAM, "--fail-under", "50"], { configDir: dir, input: feed([POOR, POOR, POOR]) });
    expect(poor.code).toBe(3);
    expect(poor.stdout).toContain("Report card: 0/3 (0%)");
    expect(poor.stderr).not.toMatch(/^\s+at /m);

    const short = runBin([...EXAM, "--fail-under", "50"], { configDir: tempDir(), input: feed([FULL_508]) });
    expect(short.code).toBe(3);

    const good = runBin([...EXAM, "--fail-under", "50"], {
      configDir: tempDir(),
      input: feed([
        FULL_508,
        "changes are not instant; controllers retry the reconcile loop; state eventually converges",
        "watch instead of polling, local in-memory cache, listers/indexer, event handlers, reduces api server load",
      ]),
    });
    expect(good.stdout).toContain("Report card: 3/3 (100%)");
    expect(good.code).toBe(0);
  });

  it("saves every answer to the config file as recall history", () => {
    const dir = tempDir();
    runBin(EXAM, { configDir: dir, input: feed(MIXED) });
    const config = configOf<Config>(dir);
    expect(config.history.map((h) => [h.id, h.mode, h.section])).toEqual(
      IDS.map((id) => [id, "recall", "internals"]),
    );
    expect(config.history.map((h) => h.score)).toEqual([1, 0, 0]);
    for (const id of IDS) expect(config.questions[id]?.attempts).toBe(1);
  });
});

describe("exam review, scripted (issue 17)", () => {
  const grades = (dir: string, text: string) => {
    const file = join(dir, "grades.txt");
    writeFileSync(file, text);
    return file;
  };

  it("shows each answer, its reference, key points and suggested grade before the card, and saves the suggestions", () => {
    const dir = tempDir();
    const r = runBin(EXAM, { configDir: dir, input: feed(MIXED) });
    expect(r.code).toBe(0);
    const review = r.stdout.slice(r.stdout.indexOf("Review: your answers, before anything is saved"));
    expect(review).toContain(
      `[2/3] #509 How does Kubernetes achieve eventual consistency?\n  Your answer:\n    ${WRONG_509}\n  Reference:\n    The system doesn't guarantee instant updates.`,
    );
    expect(review).toContain("✘ Reconcile loop keeps retrying (your answer says otherwise)");
    expect(review).toMatch(/✘ State eventually converges/);
    expect(review).toMatch(/✔ Run NTP on all nodes/);
    expect(review).toMatch(/Suggested grade: good[\s\S]*Suggested grade: again[\s\S]*Suggested grade: again/);
    expect(review).toContain("Grades saved as suggested (--grades FILE sets others).");
    expect(review.indexOf("Report card")).toBeGreaterThan(review.indexOf("Suggested grade"));
  });

  it("--grades FILE changes the grades it names; the rest keep the suggestion", () => {
    const dir = tempDir();
    const file = grades(dir, "# my verdicts\n509 good\n\n504 2  # partly\n");
    const r = runBin([...EXAM, "--grades", file, "--json"], { configDir: dir, input: feed(MIXED) });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).report).toMatchObject({ score: 2.5, percent: 83.3 });
    expect(configOf<Config>(dir).history.map((h) => [h.id, h.grade])).toEqual([
      ["508", "good"],
      ["509", "good"],
      ["504", "hard"],
    ]);
  });

  const SHAPE = "expected a question id and a grade (again, hard, good, easy or 1-4)";
  it.each([
    ["999 good\n", 1, "question 999 is not in this exam"],
    ["508 good\n509 great\n", 2, SHAPE],
    ["508\n", 1, SHAPE],
  ])("refuses a bad --grades file before the exam, with file:line (%j)", (text, line, why) => {
    const dir = tempDir();
    const file = grades(dir, text);
    const r = runBin([...EXAM, "--grades", file], { configDir: dir, input: feed(MIXED) });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`k8s-quiz: ${file}:${line}: ${why}\n`);
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });

  it("refuses a --grades file that cannot be read, in one line", () => {
    const dir = tempDir();
    const r = runBin([...EXAM, "--grades", join(dir, "nope.txt")], { configDir: dir, input: feed(MIXED) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^k8s-quiz: cannot read grades from .*nope\.txt: .+\n$/);
  });

  it("keeps an exam's answers aside until the review, and --dry-run saves none", () => {
    const dir = tempDir();
    const r = runBin([...EXAM, "--dry-run"], { configDir: dir, input: feed(MIXED) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Review: your answers");
    // The review says what happened: nothing saved, not "Grades saved".
    expect(r.stdout).toContain(
      "Grades as suggested (--grades FILE sets others); a dry run saves none of them.",
    );
    expect(r.stdout).not.toContain("Grades saved");
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });
});

describe("an exam left unreviewed (issue 17)", () => {
  const leftover = (answers: { id: string; text: string; at: number }[]) => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "config.json"),
      JSON.stringify({ schemaVersion: 1, pendingExam: { startedAt: Date.UTC(2026, 0, 2, 3, 4), answers } }),
    );
    return dir;
  };

  it("is saved with its suggested grades before a scripted --json exam, stdout still one document", () => {
    const dir = leftover([{ id: "508", text: FULL_508, at: Date.UTC(2026, 0, 2, 3, 5) }]);
    const r = runBin([...EXAM, "--json"], { configDir: dir, input: feed(MIXED) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "The exam of 2026-01-02 03:04 UTC was not reviewed: its 1 answer first.\nSaved the 1 answer of that exam.\n",
    );
    expect(JSON.parse(r.stdout).report.asked).toBe(3);
    const config = configOf<Config & { pendingExam?: unknown }>(dir);
    expect(config.history.map((h) => h.id)).toEqual(["508", ...IDS]);
    // The leftover answer keeps the moment it was given.
    expect((config.history[0] as unknown as { at: number }).at).toBe(Date.UTC(2026, 0, 2, 3, 5));
    expect(config.pendingExam).toBeUndefined();
  });

  it("is dropped quietly when none of its questions is in the bank any more", () => {
    const dir = leftover([{ id: "gone:1", text: "x", at: 1 }]);
    const r = runBin([...EXAM, "--json"], { configDir: dir, input: feed(MIXED) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const config = configOf<Config & { pendingExam?: unknown }>(dir);
    expect(config.history.map((h) => h.id)).toEqual(IDS);
    expect(config.pendingExam).toBeUndefined();
  });
});
