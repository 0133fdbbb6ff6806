import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ExamReport } from "../../src/core/exam.js";
import { configOf, feed, runBin, tempDir } from "../helpers/bin.js";

// `k8s-quiz exam` with no terminal: recall answers piped on stdin, no feedback until the report card.

interface ExamJson {
  session: { command: string; minutes: number; seed: number | null };
  report: ExamReport;
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
  it("prints {session, report} with --json", () => {
    const dir = tempDir();
    const r = runBin([...EXAM, "--json"], { configDir: dir, input: feed(MIXED) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout) as ExamJson;
    expect(Object.keys(doc).sort()).toEqual(["report", "session"]);
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
      ].sort(),
    );
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
    // The report card comes after the last question, and nothing graded comes before it.
    const card = out.indexOf("Report card: 1/3 (33.3%)");
    expect(card).toBeGreaterThan(out.indexOf("[3/3]"));
    expect(out.slice(0, card)).not.toMatch(/missed|grade|correct/i);
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
