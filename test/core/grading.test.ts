import { describe, expect, it } from "vitest";
import { deriveKeyPoints, keyPointsOf, scoreOf, scoreRecall, suggestGrade } from "../../src/core/grading.js";
import { GRADES, type Grade, type KeyPoint, type Question, type QuizMeta } from "../../src/core/types.js";
import { makeQuestion } from "../helpers/questions.js";

const q = (answer: string, meta?: QuizMeta): Question =>
  makeQuestion({ number: 501, prompt: "What does etcd do?", answer, line: 1, meta });

const kp = (label: string, ...words: string[]): KeyPoint => ({
  label,
  words: words.length ? words : [label],
});

describe("scoreOf", () => {
  const table: [Grade, number][] = [
    ["again", 0],
    ["hard", 0.5],
    ["good", 1],
    ["easy", 1],
  ];
  it.each(table)("%s scores %d", (grade, want) => {
    expect(scoreOf(grade)).toBe(want);
  });
  it("covers every grade", () => {
    expect(table.map(([g]) => g)).toEqual([...GRADES]);
  });
});

describe("scoreRecall: one key point", () => {
  const consensus = kp("Raft consensus", "consensus", "raft", "quorum");
  const cases: { name: string; text: string; hit: boolean }[] = [
    { name: "the word itself", text: "etcd reaches consensus among members", hit: true },
    { name: "case-insensitive", text: "It uses CONSENSUS.", hit: true },
    { name: "a listed synonym", text: "writes need a quorum of members", hit: true },
    { name: "another synonym", text: "It runs Raft.", hit: true },
    { name: "a one-letter typo", text: "it needs consensous first", hit: true },
    { name: "a two-letter typo in a long word", text: "it needs konsensos", hit: true },
    { name: "a typo in a synonym", text: "a quorom is needed", hit: true },
    { name: "absent", text: "it stores keys and values on disk", hit: false },
    { name: "empty answer", text: "", hit: false },
    { name: "too far from the word", text: "the census was taken", hit: false },
  ];
  it.each(cases)("$name -> hit=$hit", ({ text, hit }) => {
    const cov = scoreRecall(text, [consensus]);
    expect(cov.hit.length).toBe(hit ? 1 : 0);
    expect(cov.missed.length).toBe(hit ? 0 : 1);
    expect(cov.ratio).toBe(hit ? 1 : 0);
  });

  it.each([
    { text: "the apt repository", hit: false, why: "short words need an exact match" },
    { text: "the API server", hit: true, why: "exact short word" },
  ])("short key word 'api': $why", ({ text, hit }) => {
    expect(scoreRecall(text, [kp("API", "api")]).hit.length).toBe(hit ? 1 : 0);
  });

  it.each([
    { text: "a watch cache keeps it fast", hit: true },
    { text: "a watch cable keeps it fast", hit: false },
    { text: "a wetch cache keeps it fast", hit: true },
    { text: "a cache that we watch", hit: false },
  ])("a phrase needs its words in a run: $text", ({ text, hit }) => {
    expect(scoreRecall(text, [kp("watch cache")]).hit.length).toBe(hit ? 1 : 0);
  });

  // Swapped neighbours are the commonest typing slip: one typo, as in Damerau-Levenshtein.
  it.each([
    { text: "a qourum is needed", point: kp("quorum") },
    { text: "a wacth keeps it fast", point: kp("watch") },
    { text: "stored in etdc", point: kp("etcd") },
    { text: "uses a sidecra proxy", point: kp("sidecar") },
  ])("a transposition counts as one small typo: '$text'", ({ text, point }) => {
    expect(scoreRecall(text, [point]).hit).toEqual([point]);
  });

  it.each([
    { text: "write a draft", point: kp("raft") },
    { text: "craft beer", point: kp("raft") },
    { text: "a rat", point: kp("raft") },
    { text: "etc", point: kp("etcd") },
    { text: "ecd", point: kp("etcd") },
    { text: "the antiquorum", point: kp("quorum") },
  ])("a different word is no typo: '$text' misses $point.label", ({ text, point }) => {
    expect(scoreRecall(text, [point]).hit).toEqual([]);
  });

  it.each([
    { text: "rafts of replicas", point: kp("raft") },
    { text: "keys under /registry/pods", point: kp("/registry") },
    { text: "Raft-based", point: kp("raft") },
  ])("a key word at a word's start counts: '$text'", ({ text, point }) => {
    expect(scoreRecall(text, [point]).hit).toEqual([point]);
  });

  it("a dashed key word matches spaced words and the reverse", () => {
    expect(scoreRecall("kube proxy programs rules", [kp("kube-proxy")]).hit.length).toBe(1);
    expect(scoreRecall("uses a service-mesh", [kp("service mesh")]).hit.length).toBe(1);
  });

  it("a multi-line answer is scored as a whole", () => {
    expect(scoreRecall("first line\nsecond: consensus\nthird", [consensus]).ratio).toBe(1);
  });
});

describe("scoreRecall: coverage", () => {
  const points = [
    kp("consensus", "consensus", "raft"),
    kp("watch"),
    kp("lease"),
    kp("snapshot", "snapshot", "backup"),
  ];
  const cases: { text: string; hit: string[]; ratio: number }[] = [
    { text: "", hit: [], ratio: 0 },
    { text: "raft", hit: ["consensus"], ratio: 0.25 },
    { text: "raft and a watch", hit: ["consensus", "watch"], ratio: 0.5 },
    { text: "raft, watch, and a lease", hit: ["consensus", "watch", "lease"], ratio: 0.75 },
    { text: "Raft; watchers; leases; a backup", hit: ["consensus", "watch", "lease", "snapshot"], ratio: 1 },
  ];
  it.each(cases)("'$text' covers $ratio", ({ text, hit, ratio }) => {
    const cov = scoreRecall(text, points);
    expect(cov.hit.map((p) => p.label)).toEqual(hit);
    expect(cov.missed.map((p) => p.label)).toEqual(
      points.map((p) => p.label).filter((l) => !hit.includes(l)),
    );
    expect(cov.ratio).toBeCloseTo(ratio);
  });

  it("no key points gives a zero ratio, not NaN", () => {
    expect(scoreRecall("anything", [])).toEqual({
      hit: [],
      missed: [],
      contradicted: [],
      ratio: 0,
      verdicts: [],
    });
  });
});

// Good is a recall with one detail at most left out; Hard a real part recalled; a contradicted point
// costs a hit and rules Good out (the README's "How a typed answer is graded").
describe("suggestGrade", () => {
  const pts = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => kp(`${prefix}${i}`));
  const cov = (hit: number, missed: number, contradicted = 0) => ({
    hit: pts(hit, "h"),
    missed: pts(missed, "m"),
    contradicted: pts(contradicted, "c"),
  });
  it.each([
    // [points, hit, contradicted, grade]
    [2, 2, 0, "good"],
    [2, 1, 0, "hard"],
    [2, 0, 0, "again"],
    [2, 1, 1, "again"],
    [3, 3, 0, "good"],
    [3, 2, 0, "good"],
    [3, 1, 0, "hard"],
    [3, 0, 0, "again"],
    [3, 2, 1, "hard"],
    [3, 1, 1, "again"],
    [4, 4, 0, "good"],
    [4, 3, 0, "good"],
    [4, 2, 0, "hard"],
    [4, 1, 0, "again"],
    [4, 3, 1, "hard"],
    [4, 2, 1, "again"],
    [5, 5, 0, "good"],
    [5, 4, 0, "good"],
    [5, 3, 0, "hard"],
    [5, 2, 0, "hard"],
    [5, 1, 0, "again"],
    [5, 4, 1, "hard"],
    [5, 2, 2, "again"],
    [1, 1, 0, "good"],
    [1, 0, 0, "again"],
    [0, 0, 0, "again"],
  ] as const)("%d points, %d hit, %d contradicted: %s", (n, hit, contradicted, grade) => {
    expect(suggestGrade(cov(hit, n - hit - contradicted, contradicted))).toBe(grade);
  });
});

describe("deriveKeyPoints", () => {
  const labels = (answer: string, max?: number) => deriveKeyPoints(answer, max).map((p) => p.label);

  it.each([
    {
      name: "bold terms",
      answer: "It is a **key-value store** using **Raft**.",
      want: ["key-value store", "Raft"],
    },
    {
      name: "code spans",
      answer: "Run `etcdctl snapshot` or `kubectl get`.",
      want: ["etcdctl snapshot", "kubectl get"],
    },
    {
      name: "list heads: the text before a colon",
      answer: "- Consistency: every read sees the last write\n- Watch support: clients stream changes",
      want: ["Consistency", "Watch support"],
    },
    {
      name: "list heads: the first four words",
      answer: "1. Stores all cluster state durably on disk\n2. Serves reads quickly",
      want: ["Stores all cluster state", "Serves reads quickly"],
    },
    {
      name: "bold first, then code, then list heads",
      answer: "Uses `raft`.\n- Leader election: one leader\n\n**Quorum** matters.",
      want: ["Quorum", "raft", "Leader election"],
    },
    {
      name: "no repeats, case-insensitively",
      answer: "**Raft** is key.\n- **Raft**: consensus\n- raft: again",
      want: ["Raft"],
    },
    {
      name: "nothing from code fences",
      answer: "**Etcd** stores state.\n```yaml\nkind: Pod\n# **NotBold**\n- item: x\n```\nDone.",
      want: ["Etcd"],
    },
    { name: "stop words alone are skipped", answer: "- The\n- Of the\n- **Pods**", want: ["Pods"] },
    { name: "plain prose gives nothing", answer: "Etcd stores cluster state.", want: [] },
  ])("$name", ({ answer, want }) => {
    expect(labels(answer)).toEqual(want);
  });

  it("stops at max (5 by default)", () => {
    const answer = "**a1** **b2** **c3** **d4** **e5** **f6** **g7**";
    expect(labels(answer)).toEqual(["a1", "b2", "c3", "d4", "e5"]);
    expect(labels(answer, 2)).toEqual(["a1", "b2"]);
  });

  it("a derived point's words are its lower-cased label, so the label itself scores as hit", () => {
    const points = deriveKeyPoints("Uses **Raft Consensus** and `etcdctl`.");
    expect(points).toEqual([
      { label: "Raft Consensus", words: ["raft consensus"] },
      { label: "etcdctl", words: ["etcdctl"] },
    ]);
    expect(scoreRecall("raft consensus via etcdctl", points).ratio).toBe(1);
  });
});

describe("keyPointsOf", () => {
  const answer = "Uses **Raft** and `etcdctl`.";
  it("prefers curated key points", () => {
    const curated = [kp("Consensus", "consensus", "raft")];
    expect(keyPointsOf(q(answer, { keyPoints: curated }))).toEqual(curated);
  });
  it("derives them when the question has none", () => {
    expect(keyPointsOf(q(answer)).map((p) => p.label)).toEqual(["Raft", "etcdctl"]);
  });
  it("derives them when the curated list is empty", () => {
    expect(keyPointsOf(q(answer, { keyPoints: [] })).map((p) => p.label)).toEqual(["Raft", "etcdctl"]);
  });
});

describe("key phrases that only repeat the question", () => {
  const crd = makeQuestion({
    number: 511,
    prompt: "What is a Custom Resource Definition (CRD)?",
    answer: "Extends the Kubernetes API.",
    line: 1,
    meta: {
      keyPoints: [
        kp("Extends the Kubernetes API", "extends the api", "custom resource", "new kind", "!compiled"),
        kp("Needs a controller", "needs a controller", "inert"),
      ],
    },
  });

  it("give no credit: an answer that names the question's subject and nothing more fails", () => {
    const points = keyPointsOf(crd);
    expect(points[0]?.words).toEqual(["extends the api", "new kind", "!compiled"]);
    for (const echo of ["A CRD.", "A CRD is a kind of pizza.", "It's a custom resource definition."]) {
      const c = scoreRecall(echo, points);
      expect(c.hit, echo).toEqual([]);
      expect(suggestGrade(c), echo).toBe("again");
    }
    const right = scoreRecall(
      "A CRD extends the API with a new kind; it is inert until a controller acts.",
      points,
    );
    expect(suggestGrade(right)).toBe("good");
  });

  it("keep one word of the question, a misconception, and a point with nothing else to hit", () => {
    const watch = makeQuestion({
      number: 518,
      prompt: "How do you watch for changes in custom resources?",
      answer: "Using the WATCH API.",
      line: 1,
      meta: {
        keyPoints: [kp("WATCH API", "watch", "streaming"), kp("Custom resources", "custom resources")],
      },
    });
    const [api, only] = keyPointsOf(watch);
    expect(api?.words).toEqual(["watch", "streaming"]);
    expect(only?.words).toEqual(["custom resources"]);
    expect(keyPointsOf(crd)[0]?.words).toContain("!compiled");
  });
});

describe("a denial and the clause after 'and'", () => {
  const cache = kp("Local cache", "local cache", "caching");
  it("'instead of polling and keep a local cache' keeps the cache: no list item, a clause of its own", () => {
    const c = scoreRecall("Informers open a watch instead of polling and keep a local cache.", [cache]);
    expect(c.hit).toEqual([cache]);
    expect(c.contradicted).toEqual([]);
  });
  it("'instead of polling and caching' still denies both: items of one list", () => {
    const c = scoreRecall("It reads the API server each time instead of polling and caching.", [cache]);
    expect(c.contradicted).toEqual([cache]);
  });
});
