import { describe, expect, it } from "vitest";
import { parseGradesFile } from "../../src/core/grades-file.js";
import { scoreRecall } from "../../src/core/grading.js";
import { acceptPhrasings, phrasesFor, removePhrasing, withPhrasings } from "../../src/core/phrasings.js";
import { emptyState, reviveState } from "../../src/core/state.js";
import type { KeyPoint, Question } from "../../src/core/types.js";

const POINTS: KeyPoint[] = [
  { label: "etcd as single source of truth", words: ["etcd", "source of truth"] },
  { label: "Level-triggered reconciliation", words: ["reconcile", "level triggered"] },
];
const Q = { id: "501" } as Question;

describe("phrasesFor", () => {
  it("keeps the clauses that earned no point: the others earned the points that were hit", () => {
    expect(phrasesFor("etcd stores it all. The cluster nudges reality toward the ask!", POINTS)).toEqual([
      "the cluster nudges reality toward the ask",
    ]);
  });

  it("keeps the whole answer when it is one clause that hit nothing", () => {
    expect(phrasesFor("the cluster nudges reality", POINTS)).toEqual(["the cluster nudges reality"]);
  });

  it("never keeps a line or clause that scored for another point: nothing left, nothing offered", () => {
    // Every clause hit something: offering the whole answer would make "etcd" count for reconciling.
    expect(phrasesFor("etcd; reconcile", POINTS)).toEqual([]);
    expect(phrasesFor("etcd is the source of truth", POINTS)).toEqual([]);
    // A line that earned a point, then one that did not: only the second.
    expect(phrasesFor("etcd is the source of truth\nthe cluster nudges reality", POINTS)).toEqual([
      "the cluster nudges reality",
    ]);
  });

  it("keeps only the part of a clause that earned nothing, cut at its joining word", () => {
    const said = "etcd holds the truth and the cluster nudges reality toward it";
    expect(scoreRecall(said, POINTS).hit.map((k) => k.label)).toEqual(["etcd as single source of truth"]);
    const phrases = phrasesFor(said, POINTS);
    expect(phrases).toEqual(["the cluster nudges reality toward it"]);
    for (const p of phrases) expect(p).not.toContain("etcd");
  });

  it("gives each clause its own phrase, as a key phrase must sit within one clause", () => {
    expect(phrasesFor("the cluster nudges reality, it keeps trying forever", POINTS)).toEqual([
      "the cluster nudges reality",
      "it keeps trying forever",
    ]);
  });

  it("leaves out the words credited for a point even when another place also earned it", () => {
    // Both clauses say etcd; neither may stand for the missed point.
    expect(phrasesFor("etcd stores it. It is etcd that nudges reality", POINTS)).toEqual([]);
  });

  it("drops control characters and caps a long clause", () => {
    const [p] = phrasesFor(`a\u001b[31m b ${"word ".repeat(60)}`, POINTS);
    expect(p).not.toContain("\u001b");
    expect(p?.split(" ").length).toBeLessThanOrEqual(24);
  });
});

describe("accept, use and remove a phrasing", () => {
  it("adds one per missed point with small ids, never twice the same phrase", () => {
    let s = acceptPhrasings(emptyState(), "501", ["Level-triggered reconciliation"], ["nudges reality"], 5);
    s = acceptPhrasings(
      s,
      "501",
      ["Level-triggered reconciliation", "etcd as single source of truth"],
      ["nudges reality"],
      6,
    );
    expect(s.phrasings?.map((p) => [p.id, p.point, p.phrases])).toEqual([
      ["1", "Level-triggered reconciliation", ["nudges reality"]],
      ["2", "etcd as single source of truth", ["nudges reality"]],
    ]);
  });

  it("makes the phrase hit its point of its question only", () => {
    const s = acceptPhrasings(emptyState(), "501", ["Level-triggered reconciliation"], ["nudges reality"], 5);
    const mine = withPhrasings(Q, POINTS, s.phrasings);
    expect(scoreRecall("it nudges reality, I think", mine).hit.map((k) => k.label)).toEqual([
      "Level-triggered reconciliation",
    ]);
    expect(
      scoreRecall("it nudges reality", withPhrasings({ id: "502" } as Question, POINTS, s.phrasings)).hit,
    ).toEqual([]);
    // The deck's key points are left as they were.
    expect(POINTS[1]?.words).toEqual(["reconcile", "level triggered"]);
  });

  it("removes one by id; the field goes when the last one does", () => {
    const s = acceptPhrasings(emptyState(), "501", ["a", "b"], ["x y z"], 5);
    const one = removePhrasing(s, "1");
    expect(one.removed?.point).toBe("a");
    expect(one.state.phrasings?.map((p) => p.id)).toEqual(["2"]);
    expect(removePhrasing(one.state, "9").removed).toBeUndefined();
    expect(removePhrasing(one.state, "2").state.phrasings).toBeUndefined();
  });

  it("survives a round trip through the file, and bad entries are dropped one by one", () => {
    const s = acceptPhrasings(emptyState(), "501", ["a"], ["x y z"], 5);
    expect(reviveState(JSON.parse(JSON.stringify(s))).state.phrasings).toEqual(s.phrasings);
    const got = reviveState({
      ...s,
      phrasings: [
        ...(s.phrasings ?? []),
        { id: 2 },
        { id: "3", question: "q", point: "p", phrases: [], at: 1 },
      ],
    });
    expect(got.state.phrasings).toEqual(s.phrasings);
    expect(got.dropped).toEqual(["phrasings (some entries)"]);
  });
});

describe("state: grader settings and a pending exam", () => {
  it("keeps valid grader settings and drops the rest one by one", () => {
    const got = reviveState({
      grader: { grader: "llm", "llm.model": "m", "llm.keyEnv": "sk-123", "llm.timeout": 0 },
    });
    expect(got.state.grader).toEqual({ grader: "llm", "llm.model": "m" });
    expect(got.dropped).toEqual(["grader.llm.keyEnv", "grader.llm.timeout"]);
    expect(reviveState({}).state.grader).toBeUndefined();
  });

  it("keeps a pending exam's answers, and drops a malformed one", () => {
    const pendingExam = { startedAt: 1, answers: [{ id: "501", text: "etcd", at: 2 }, { id: 5 }] };
    expect(reviveState({ pendingExam }).state.pendingExam).toEqual({
      startedAt: 1,
      answers: [{ id: "501", text: "etcd", at: 2 }],
    });
    expect(reviveState({ pendingExam: "x" }).dropped).toEqual(["pendingExam"]);
  });
});

describe("parseGradesFile", () => {
  const asked = new Set(["508", "docker:3"]);
  it("reads `<id> <grade>` lines, names or 1-4, with comments and blank lines", () => {
    const r = parseGradesFile("\uFEFF# mine\r\n508 GOOD\r\n\r\ndocker:3 1 # no\n", asked);
    expect(r).toEqual({
      ok: true,
      grades: new Map([
        ["508", "good"],
        ["docker:3", "again"],
      ]),
    });
  });
  it.each([
    ["508 great", 1, /expected a question id and a grade/],
    ["\n508 good extra", 2, /expected/],
    ["777 good", 1, /question 777 is not in this exam/],
  ])("refuses %j at its line", (text, line, why) => {
    const r = parseGradesFile(text, asked);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.line).toBe(line);
      expect(r.why).toMatch(why);
    }
  });
});
