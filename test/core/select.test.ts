import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.js";
import { type Selection, selectQuestions, weakness } from "../../src/core/select.js";
import type { WeakTopic } from "../../src/core/state.js";
import type { Question, QuizMeta } from "../../src/core/types.js";
import { makeQuestion } from "../helpers/questions.js";

const q = (number: number, section: string, meta?: QuizMeta): Question =>
  makeQuestion({ number, section, meta, line: number * 10 });

// 12 questions over three sections, in deck order.
const BANK: Question[] = [
  q(1, "internals", { tags: ["etcd"] }),
  q(2, "internals", { tags: ["controllers"] }),
  q(3, "internals"),
  q(4, "internals", { tags: ["etcd"] }),
  q(5, "networking", { tags: ["cni"] }),
  q(6, "networking", { tags: ["dns"] }),
  q(7, "networking"),
  q(8, "networking", { tags: ["cni", "ebpf"] }),
  q(9, "service-mesh", { tags: ["istio"] }),
  q(10, "service-mesh"),
  q(11, "service-mesh", { tags: ["istio"] }),
  q(12, "service-mesh"),
];

const weak = (accuracy: number): WeakTopic => ({ accuracy, answers: 4, lastSeen: 0 });

const sel = (over: Partial<Selection>): Selection => ({
  sections: [],
  count: 100,
  order: "deck",
  weakFirst: false,
  weakTopics: {},
  random: seededRandom(1),
  ...over,
});

const ids = (qs: Question[]) => qs.map((x) => x.id);

describe("selectQuestions: section filter and count", () => {
  const cases: { name: string; over: Partial<Selection>; want: string[] }[] = [
    { name: "all sections when none named", over: {}, want: ids(BANK) },
    { name: "one section", over: { sections: ["networking"] }, want: ["5", "6", "7", "8"] },
    {
      name: "two sections keep deck order",
      over: { sections: ["service-mesh", "internals"] },
      want: ["1", "2", "3", "4", "9", "10", "11", "12"],
    },
    { name: "count cuts the list", over: { count: 3 }, want: ["1", "2", "3"] },
    { name: "count cuts after filtering", over: { sections: ["networking"], count: 2 }, want: ["5", "6"] },
    {
      name: "count above the pool gives the pool",
      over: { sections: ["internals"], count: 50 },
      want: ["1", "2", "3", "4"],
    },
    { name: "an unknown section gives nothing", over: { sections: ["storage"] }, want: [] },
  ];
  it.each(cases)("$name", ({ over, want }) => {
    expect(ids(selectQuestions(BANK, sel(over)))).toEqual(want);
  });

  it("does not modify the input bank", () => {
    const copy = [...BANK];
    selectQuestions(BANK, sel({ order: "random", random: seededRandom(3) }));
    expect(BANK).toEqual(copy);
  });
});

describe("selectQuestions: order", () => {
  it("deck order is the bank's order whatever the random source", () => {
    const a = selectQuestions(BANK, sel({ order: "deck", random: seededRandom(1) }));
    const b = selectQuestions(BANK, sel({ order: "deck", random: () => 0.999 }));
    expect(ids(a)).toEqual(ids(BANK));
    expect(ids(b)).toEqual(ids(BANK));
  });

  it.each([1, 2, 42, 2026])(
    "random order with seed %i is a permutation, the same for the same seed",
    (seed) => {
      const a = ids(selectQuestions(BANK, sel({ order: "random", random: seededRandom(seed) })));
      const b = ids(selectQuestions(BANK, sel({ order: "random", random: seededRandom(seed) })));
      expect(a).toEqual(b);
      expect([...a].sort()).toEqual([...ids(BANK)].sort());
      expect(a).not.toEqual(ids(BANK));
    },
  );

  it("different seeds give different orders", () => {
    const orders = new Set(
      [1, 2, 3, 4, 5].map((seed) =>
        ids(selectQuestions(BANK, sel({ order: "random", random: seededRandom(seed) }))).join(","),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it("random order with a count takes the first N of the shuffled pool", () => {
    const all = ids(selectQuestions(BANK, sel({ order: "random", random: seededRandom(9) })));
    const cut = ids(selectQuestions(BANK, sel({ order: "random", random: seededRandom(9), count: 4 })));
    expect(cut).toEqual(all.slice(0, 4));
  });
});

describe("weakness", () => {
  const topics = { etcd: weak(0.4), internals: weak(0.6), cni: weak(0.5), ebpf: weak(0.2) };
  it.each([
    { id: "1", want: 0.4, why: "lowest of tag etcd (0.4) and section internals (0.6)" },
    { id: "3", want: 0.6, why: "the section alone" },
    { id: "8", want: 0.2, why: "lowest of cni and ebpf" },
    { id: "9", want: undefined, why: "no weak topic" },
  ])("question $id: $why", ({ id, want }) => {
    const question = BANK.find((x) => x.id === id) as Question;
    expect(weakness(question, topics)).toBe(want);
  });
});

describe("selectQuestions: weak first", () => {
  const weakTopics = { etcd: weak(0.3), cni: weak(0.5), istio: weak(0.1) };

  it("puts weak-topic questions first, lowest accuracy first, then the rest in order", () => {
    const got = ids(selectQuestions(BANK, sel({ weakFirst: true, weakTopics })));
    expect(got).toEqual(["9", "11", "1", "4", "5", "8", "2", "3", "6", "7", "10", "12"]);
  });

  it("the count cuts after weak ones are moved up", () => {
    expect(ids(selectQuestions(BANK, sel({ weakFirst: true, weakTopics, count: 3 })))).toEqual([
      "9",
      "11",
      "1",
    ]);
  });

  it("respects the section filter", () => {
    const got = ids(selectQuestions(BANK, sel({ weakFirst: true, weakTopics, sections: ["networking"] })));
    expect(got).toEqual(["5", "8", "6", "7"]);
  });

  it("a weak section counts as a topic", () => {
    const got = ids(
      selectQuestions(
        BANK,
        sel({ weakFirst: true, weakTopics: { networking: weak(0.5), istio: weak(0.6) } }),
      ),
    );
    expect(got.slice(0, 6)).toEqual(["5", "6", "7", "8", "9", "11"]);
  });

  it("with random order, weak ones still come first by accuracy and the rest keep the shuffled order", () => {
    const shuffled = ids(selectQuestions(BANK, sel({ order: "random", random: seededRandom(5) })));
    const got = ids(
      selectQuestions(BANK, sel({ order: "random", random: seededRandom(5), weakFirst: true, weakTopics })),
    );
    expect(new Set(got.slice(0, 2))).toEqual(new Set(["9", "11"]));
    expect(new Set(got.slice(2, 4))).toEqual(new Set(["1", "4"]));
    expect(new Set(got.slice(4, 6))).toEqual(new Set(["5", "8"]));
    const weakIds = new Set(["1", "4", "5", "8", "9", "11"]);
    expect(got.slice(6)).toEqual(shuffled.filter((id) => !weakIds.has(id)));
  });

  it("without weak topics, weak first changes nothing", () => {
    expect(ids(selectQuestions(BANK, sel({ weakFirst: true })))).toEqual(ids(BANK));
  });
});
