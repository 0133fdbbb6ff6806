import { describe, expect, it } from "vitest";
import { buildChoices, clash } from "../../src/core/options.js";
import { seededRandom } from "../../src/core/random.js";
import { summarize } from "../../src/core/summarize.js";
import type { Question, QuizMeta } from "../../src/core/types.js";
import { makeQuestion } from "../helpers/questions.js";

const q = (number: number, section: string, answer: string, meta?: QuizMeta): Question =>
  makeQuestion({ number, section, answer, meta });

const NET = [
  q(1, "networking", "Calico routes pod traffic with BGP between nodes."),
  q(2, "networking", "Cilium programs the datapath with eBPF in the kernel."),
  q(3, "networking", "Flannel builds a simple VXLAN overlay network."),
  q(4, "networking", "Weave encrypts traffic between peers by default."),
  q(5, "networking", "Multus attaches several network interfaces to one pod."),
];
const INT = [
  q(11, "internals", "Etcd stores the whole cluster state with Raft consensus."),
  q(12, "internals", "The scheduler binds pending pods to suitable nodes."),
  q(13, "internals", "Controllers reconcile the actual state toward the desired state."),
];
const POOL = [...NET, ...INT];

const CURATED = q(20, "internals", "Etcd keeps state.", {
  correct: "A consistent key-value store for all cluster state",
  wrong: ["A cache in front of the API server", "A log shipper for node events", "A DNS server for services"],
});

const seeds = [1, 2, 3, 7, 42, 99, 1234];

describe("buildChoices: the shape", () => {
  const cases: { name: string; question: Question }[] = [
    { name: "generated", question: NET[0] as Question },
    { name: "curated", question: CURATED },
  ];
  for (const { name, question } of cases) {
    it.each(seeds)(`${name}: four distinct options, exactly one correct (seed %i)`, (seed) => {
      const set = buildChoices(question, POOL, seededRandom(seed));
      const expected = question.meta?.correct ?? summarize(question.answer);
      expect(set.options).toHaveLength(4);
      expect(set.options[set.correct]).toBe(expected);
      expect(set.options.filter((o) => o === expected)).toHaveLength(1);
      expect(new Set(set.options.map((o) => o.toLowerCase())).size).toBe(4);
      for (let i = 0; i < 4; i++)
        for (let j = i + 1; j < 4; j++)
          expect(clash(set.options[i] as string, set.options[j] as string)).toBe(false);
    });
  }
});

describe("buildChoices: curated options", () => {
  it("uses exactly the curated correct and wrong options", () => {
    const set = buildChoices(CURATED, POOL, seededRandom(5));
    expect([...set.options].sort()).toEqual(
      [CURATED.meta?.correct, ...(CURATED.meta?.wrong ?? [])].sort() as string[],
    );
    expect(set.options[set.correct]).toBe(CURATED.meta?.correct);
  });

  it("fills in from the pool when fewer than three curated distractors are usable", () => {
    const partial = q(21, "internals", "x", {
      correct: "A consistent key-value store",
      // One clashes with the correct option (substring), one repeats another: only one is usable.
      wrong: ["key-value store", "A cache for the API server", "a cache  for the API server"],
    });
    const set = buildChoices(partial, POOL, seededRandom(1));
    expect(set.options).toHaveLength(4);
    expect(set.options).toContain("A cache for the API server");
    expect(set.options).not.toContain("key-value store");
    const generated = set.options.filter(
      (o) => o !== "A consistent key-value store" && o !== "A cache for the API server",
    );
    const internalSummaries = INT.map((x) => summarize(x.answer));
    for (const g of generated) expect(internalSummaries).toContain(g);
  });

  it("fills in from the same deck before another deck's answers", () => {
    // A user deck whose section has one other question: the third and fourth options come from
    // its other section, not from the Kubernetes bank beside it.
    const docker = (number: number, section: string, answer: string) =>
      makeQuestion({ number, section, answer, deck: "docker", id: `docker:${number}` });
    const mine = [
      docker(1, "docker-networking", "A bridge network joins containers on one host."),
      docker(2, "docker-networking", "An overlay network spans several Docker hosts."),
      docker(3, "docker-images", "An image is a read-only stack of layers."),
      docker(4, "docker-images", "A tag names one version of an image."),
    ];
    for (const seed of seeds) {
      const set = buildChoices(mine[0] as Question, [...POOL, ...mine], seededRandom(seed));
      const dockerSummaries = mine.map((x) => summarize(x.answer));
      expect(set.options.filter((o) => dockerSummaries.includes(o))).toHaveLength(4);
    }
  });

  it("the correct index follows the shuffle across seeds", () => {
    const positions = new Set(seeds.map((s) => buildChoices(CURATED, POOL, seededRandom(s)).correct));
    expect(positions.size).toBeGreaterThan(1);
  });
});

describe("buildChoices: generated options", () => {
  it.each(seeds)("distractors come from the same section first (seed %i)", (seed) => {
    const target = INT[0] as Question;
    const set = buildChoices(target, POOL, seededRandom(seed));
    const wrong = set.options.filter((_, i) => i !== set.correct);
    // Internals has exactly two other questions: both are used, the third comes from elsewhere.
    expect(wrong).toEqual(expect.arrayContaining(INT.slice(1).map((x) => summarize(x.answer))));
    expect(wrong.filter((w) => NET.map((x) => summarize(x.answer)).includes(w))).toHaveLength(1);
  });

  it.each(seeds)("with enough in the section, all distractors are from it (seed %i)", (seed) => {
    const target = NET[2] as Question;
    const set = buildChoices(target, POOL, seededRandom(seed));
    const netSummaries = NET.filter((x) => x !== target).map((x) => summarize(x.answer));
    for (const [i, o] of set.options.entries()) if (i !== set.correct) expect(netSummaries).toContain(o);
  });

  it("never offers the question's own answer twice, even when another answer summarizes the same", () => {
    const twin = q(30, "networking", "Calico routes pod traffic with BGP between nodes. Also more.");
    for (const seed of seeds) {
      const set = buildChoices(NET[0] as Question, [...NET, twin], seededRandom(seed));
      expect(set.options.filter((o) => o === summarize((NET[0] as Question).answer))).toHaveLength(1);
      expect(set.options).toHaveLength(4);
    }
  });

  it("skips a distractor that contains another option", () => {
    const a = q(40, "s", "Pods are scheduled onto nodes.");
    const b = q(41, "s", "Pods are scheduled onto nodes. By the scheduler.");
    const c = q(42, "s", "Pods are scheduled onto nodes by the scheduler using filters.");
    const d = q(43, "s", "Services give pods a stable virtual IP.");
    const e = q(44, "s", "Ingress routes HTTP traffic into the cluster.");
    const f = q(45, "s", "Volumes keep data beyond a container restart.");
    for (const seed of seeds) {
      const set = buildChoices(d, [a, b, c, d, e, f], seededRandom(seed));
      for (let i = 0; i < set.options.length; i++)
        for (let j = i + 1; j < set.options.length; j++)
          expect(clash(set.options[i] as string, set.options[j] as string)).toBe(false);
    }
  });

  it("is deterministic for a seed", () => {
    for (const seed of seeds) {
      expect(buildChoices(NET[1] as Question, POOL, seededRandom(seed))).toEqual(
        buildChoices(NET[1] as Question, POOL, seededRandom(seed)),
      );
    }
  });

  it("different seeds can give different option orders", () => {
    const orders = new Set(
      seeds.map((s) => buildChoices(NET[1] as Question, POOL, seededRandom(s)).options.join("|")),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it("offers fewer options, never a duplicate, when the pool is too small", () => {
    const set = buildChoices(NET[0] as Question, NET.slice(0, 2), seededRandom(1));
    expect(set.options).toHaveLength(2);
    expect(set.options[set.correct]).toBe(summarize((NET[0] as Question).answer));
  });
});

describe("clash", () => {
  it.each([
    { a: "Raft consensus", b: "raft  consensus", want: true },
    { a: "A key-value store", b: "key-value store", want: true },
    { a: "store", b: "A key-value store for state", want: true },
    { a: "A key-value store", b: "A message queue", want: false },
    { a: "Uses BGP", b: "Uses VXLAN", want: false },
  ])("'$a' vs '$b' -> $want", ({ a, b, want }) => {
    expect(clash(a, b)).toBe(want);
    expect(clash(b, a)).toBe(want);
  });
});
