import { describe, expect, it } from "vitest";
import { buildChoices } from "../../src/core/options.js";
import { seededRandom } from "../../src/core/random.js";
import {
  evaluate,
  type Given,
  type Move,
  type Outcome,
  OutOfAnswers,
  type Presented,
  present,
  runSession,
  type SessionIO,
  settle,
  TimeUp,
} from "../../src/core/session.js";
import type { Grade, KeyPoint, Question, QuizMeta } from "../../src/core/types.js";
import { Interrupted } from "../../src/errors.js";
import { makeQuestion } from "../helpers/questions.js";

const q = (number: number, section: string, answer: string, meta?: QuizMeta): Question =>
  makeQuestion({ number, section, answer, meta });

const POINTS: KeyPoint[] = [
  { label: "Raft", words: ["raft", "consensus"] },
  { label: "Watch", words: ["watch"] },
  { label: "Lease", words: ["lease"] },
  { label: "Snapshot", words: ["snapshot", "backup"] },
];

const ETCD = q(501, "internals", "Etcd is the **key-value store** of the cluster.", {
  correct: "A consistent key-value store",
  wrong: ["A log shipper", "A DNS cache", "A container runtime"],
  keyPoints: POINTS,
});
const BANK = [
  ETCD,
  q(502, "internals", "The scheduler binds pending pods to nodes."),
  q(503, "internals", "Controllers reconcile actual state toward desired state."),
  q(504, "networking", "Calico routes pod traffic with BGP."),
  q(505, "networking", "Cilium programs the datapath with eBPF."),
];

function choiceOf(p: Presented) {
  if (p.mode !== "choice") throw new Error("not a choice question");
  return p.choices;
}

describe("present", () => {
  it("choice: builds the options with the random source", () => {
    const p = present(ETCD, "choice", BANK, seededRandom(3));
    expect(p).toEqual({ mode: "choice", question: ETCD, choices: buildChoices(ETCD, BANK, seededRandom(3)) });
  });
  it("recall: carries the key points", () => {
    expect(present(ETCD, "recall", BANK, seededRandom(3))).toEqual({
      mode: "recall",
      question: ETCD,
      keyPoints: POINTS,
    });
  });
  it("recall without curated points derives them", () => {
    const bare = q(9, "internals", "Uses **Raft** and `etcdctl`.");
    const p = present(bare, "recall", BANK, seededRandom(3));
    expect(p.mode === "recall" && p.keyPoints.map((k) => k.label)).toEqual(["Raft", "etcdctl"]);
  });
  it("flash: the question alone", () => {
    expect(present(ETCD, "flash", BANK, seededRandom(3))).toEqual({ mode: "flash", question: ETCD });
  });
});

describe("evaluate", () => {
  const choice = present(ETCD, "choice", BANK, seededRandom(3));
  const right = choiceOf(choice).correct;
  const wrong = (right + 1) % 4;
  const recall = present(ETCD, "recall", BANK, seededRandom(3));
  const flash = present(ETCD, "flash", BANK, seededRandom(3));

  const cases: {
    name: string;
    p: Presented;
    given: Given;
    grade: Grade;
    score: number;
    correct: boolean;
    ratio?: number;
  }[] = [
    {
      name: "choice right",
      p: choice,
      given: { mode: "choice", choice: right, raw: "x" },
      grade: "good",
      score: 1,
      correct: true,
    },
    {
      name: "choice wrong",
      p: choice,
      given: { mode: "choice", choice: wrong, raw: "x" },
      grade: "again",
      score: 0,
      correct: false,
    },
    {
      name: "choice that named no option",
      p: choice,
      given: { mode: "choice", choice: null, raw: "e" },
      grade: "again",
      score: 0,
      correct: false,
    },
    {
      name: "recall covering all points",
      p: recall,
      given: { mode: "recall", text: "raft, a watch, a lease and a backup" },
      grade: "good",
      score: 1,
      correct: true,
      ratio: 1,
    },
    {
      name: "recall covering three of four",
      p: recall,
      given: { mode: "recall", text: "consensus, watch, lease" },
      grade: "good",
      score: 1,
      correct: true,
      ratio: 0.75,
    },
    {
      name: "recall covering half",
      p: recall,
      given: { mode: "recall", text: "Raft\nand a snapshot" },
      grade: "hard",
      score: 0.5,
      correct: false,
      ratio: 0.5,
    },
    {
      name: "recall covering one",
      p: recall,
      given: { mode: "recall", text: "it uses a lease" },
      grade: "again",
      score: 0,
      correct: false,
      ratio: 0.25,
    },
    {
      name: "recall empty",
      p: recall,
      given: { mode: "recall", text: "" },
      grade: "again",
      score: 0,
      correct: false,
      ratio: 0,
    },
    {
      name: "flash again",
      p: flash,
      given: { mode: "flash", grade: "again" },
      grade: "again",
      score: 0,
      correct: false,
    },
    {
      name: "flash hard",
      p: flash,
      given: { mode: "flash", grade: "hard" },
      grade: "hard",
      score: 0.5,
      correct: false,
    },
    {
      name: "flash good",
      p: flash,
      given: { mode: "flash", grade: "good" },
      grade: "good",
      score: 1,
      correct: true,
    },
    {
      name: "flash easy",
      p: flash,
      given: { mode: "flash", grade: "easy" },
      grade: "easy",
      score: 1,
      correct: true,
    },
  ];
  it.each(cases)("$name -> $grade ($score)", ({ p, given, grade, score, correct, ratio }) => {
    const o = evaluate(p, given);
    expect(o).toMatchObject({ presented: p, given, grade, score, correct });
    if (ratio === undefined) expect(o.coverage).toBeUndefined();
    else expect(o.coverage?.ratio).toBeCloseTo(ratio);
  });

  it("an answer of the wrong mode is a programming error", () => {
    expect(() => evaluate(flash, { mode: "recall", text: "x" })).toThrow(
      /mode recall given to a flash question/,
    );
  });
});

describe("settle", () => {
  const recall = present(ETCD, "recall", BANK, seededRandom(3));
  const halfway = evaluate(recall, { mode: "recall", text: "raft and backup" });
  const choice = present(ETCD, "choice", BANK, seededRandom(3));
  const wrongChoice = evaluate(choice, {
    mode: "choice",
    choice: (choiceOf(choice).correct + 1) % 4,
    raw: "b",
  });
  const rightChoice = evaluate(choice, { mode: "choice", choice: choiceOf(choice).correct, raw: "a" });

  it.each<{ name: string; o: Outcome; to: Grade; grade: Grade; score: number; correct: boolean }>([
    {
      name: "recall: confirming keeps the suggestion",
      o: halfway,
      to: "hard",
      grade: "hard",
      score: 0.5,
      correct: false,
    },
    { name: "recall: raising to good", o: halfway, to: "good", grade: "good", score: 1, correct: true },
    { name: "recall: raising to easy", o: halfway, to: "easy", grade: "easy", score: 1, correct: true },
    { name: "recall: lowering to again", o: halfway, to: "again", grade: "again", score: 0, correct: false },
    {
      name: "choice: a wrong answer stays again",
      o: wrongChoice,
      to: "easy",
      grade: "again",
      score: 0,
      correct: false,
    },
    {
      name: "choice: a right answer stays good",
      o: rightChoice,
      to: "again",
      grade: "good",
      score: 1,
      correct: true,
    },
  ])("$name", ({ o, to, grade, score, correct }) => {
    expect(settle(o, to)).toMatchObject({ grade, score, correct });
  });

  it("keeps the coverage when the grade changes", () => {
    expect(settle(halfway, "good").coverage).toEqual(halfway.coverage);
  });
});

/** A SessionIO double: canned answers and grades, and a log of every call in order. */
function scripted(
  answers: (Given | Move | Error)[],
  grades: (Grade | Error | undefined)[] = [],
): SessionIO & { log: string[]; saved: Outcome[] } {
  const log: string[] = [];
  const saved: Outcome[] = [];
  let a = 0;
  let r = 0;
  return {
    log,
    saved,
    async ask(p, pos) {
      log.push(`ask ${p.question.id} ${pos.index + 1}/${pos.total}`);
      const next = answers[a++];
      if (next === undefined) throw new OutOfAnswers();
      if (next instanceof Error) throw next;
      return next;
    },
    async review(o) {
      log.push(`review ${o.presented.question.id}`);
      const g = grades[r++];
      if (g instanceof Error) throw g;
      return g ?? o.grade;
    },
    async save(o) {
      log.push(`save ${o.presented.question.id} ${o.grade}`);
      saved.push(o);
    },
  };
}

describe("runSession", () => {
  const three = BANK.slice(0, 3);
  const flash = (grade: Grade): Given => ({ mode: "flash", grade });

  it("asks every question, and saves each answer before asking the next", async () => {
    const io = scripted([flash("good"), flash("again"), flash("hard")]);
    const result = await runSession(three, "flash", BANK, seededRandom(1), io);
    expect(io.log).toEqual([
      "ask 501 1/3",
      "review 501",
      "save 501 good",
      "ask 502 2/3",
      "review 502",
      "save 502 again",
      "ask 503 3/3",
      "review 503",
      "save 503 hard",
    ]);
    expect(result.outcomes.map((o) => o.score)).toEqual([1, 0, 0.5]);
    expect(result.unanswered).toEqual([]);
    expect(result.interrupted).toBeUndefined();
    expect(result.outOfAnswers).toBeUndefined();
    expect(io.saved).toEqual(result.outcomes);
  });

  it("saves the grade the user settled on", async () => {
    const io = scripted([{ mode: "recall", text: "raft and backup" }], ["easy"]);
    const result = await runSession([ETCD], "recall", BANK, seededRandom(1), io);
    expect(io.saved.map((o) => [o.grade, o.score])).toEqual([["easy", 1]]);
    expect(result.outcomes[0]?.coverage?.ratio).toBe(0.5);
  });

  it("the same seed presents the same choices", async () => {
    const seen: Presented[][] = [[], []];
    for (const run of [0, 1]) {
      const io = scripted([0, 1, 2].map((c) => ({ mode: "choice", choice: c, raw: String(c) }) as Given));
      const ask = io.ask;
      io.ask = (p, pos) => {
        seen[run]?.push(p);
        return ask(p, pos);
      };
      await runSession(three, "choice", BANK, seededRandom(42), io);
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]).toHaveLength(3);
  });

  it("stops on Interrupted from ask, with what was answered and what was not", async () => {
    const stop = new Interrupted();
    const io = scripted([flash("good"), stop]);
    const result = await runSession(three, "flash", BANK, seededRandom(1), io);
    expect(result.outcomes.map((o) => o.presented.question.id)).toEqual(["501"]);
    expect(result.unanswered.map((x) => x.id)).toEqual(["502", "503"]);
    expect(result.interrupted).toBe(stop);
    expect(io.log).toEqual(["ask 501 1/3", "review 501", "save 501 good", "ask 502 2/3"]);
  });

  it("TimeUp with what was typed scores and saves it, unreviewed, and stops there", async () => {
    const io = scripted([flash("good"), new TimeUp({ mode: "flash", grade: "hard" })]);
    const result = await runSession(three, "flash", BANK, seededRandom(1), io);
    expect(result.timeUp).toBe(true);
    expect(result.outcomes.map((o) => [o.presented.question.id, o.grade])).toEqual([
      ["501", "good"],
      ["502", "hard"],
    ]);
    expect(result.unanswered.map((x) => x.id)).toEqual(["503"]);
    expect(io.log).toEqual(["ask 501 1/3", "review 501", "save 501 good", "ask 502 2/3", "save 502 hard"]);
  });

  it("TimeUp with nothing typed leaves the question unanswered", async () => {
    const result = await runSession(three, "flash", BANK, seededRandom(1), scripted([new TimeUp()]));
    expect(result).toMatchObject({ outcomes: [], timeUp: true });
    expect(result.unanswered).toEqual(three);
  });

  it("Interrupted (SIGTERM) on the first question answers nothing", async () => {
    const stop = new Interrupted(143);
    const result = await runSession(three, "flash", BANK, seededRandom(1), scripted([stop]));
    expect(result.outcomes).toEqual([]);
    expect(result.unanswered).toEqual(three);
    expect(result.interrupted?.exitCode).toBe(143);
  });

  it("Interrupted while settling the grade still saves the answer, with the suggested grade", async () => {
    const io = scripted(
      [
        { mode: "recall", text: "raft, watch and lease" },
        { mode: "recall", text: "nothing" },
      ],
      [new Interrupted()],
    );
    const result = await runSession([ETCD, BANK[1] as Question], "recall", BANK, seededRandom(1), io);
    expect(io.log).toEqual(["ask 501 1/2", "review 501", "save 501 good"]);
    expect(io.saved.map((o) => [o.grade, o.score])).toEqual([["good", 1]]);
    expect(result.outcomes).toEqual(io.saved);
    expect(result.unanswered.map((x) => x.id)).toEqual(["502"]);
    expect(result.interrupted).toBeInstanceOf(Interrupted);
  });

  it("running out of answers ends cleanly with the partial results", async () => {
    const io = scripted([flash("good"), flash("easy")]);
    const result = await runSession(three, "flash", BANK, seededRandom(1), io);
    expect(result.outOfAnswers).toBe(true);
    expect(result.interrupted).toBeUndefined();
    expect(result.outcomes.map((o) => o.grade)).toEqual(["good", "easy"]);
    expect(result.unanswered.map((x) => x.id)).toEqual(["503"]);
    expect(io.saved).toHaveLength(2);
  });

  it("any other error is not swallowed", async () => {
    const io = scripted([flash("good"), new TypeError("boom")]);
    await expect(runSession(three, "flash", BANK, seededRandom(1), io)).rejects.toThrow("boom");
    expect(io.saved).toHaveLength(1);
  });

  it("waits for an asynchronous save before asking again", async () => {
    const log: string[] = [];
    const io: SessionIO = {
      ask: async (p) => {
        log.push(`ask ${p.question.id}`);
        return flash("good");
      },
      review: async (o) => o.grade,
      save: async (o) => {
        await new Promise((r) => setTimeout(r, 5));
        log.push(`saved ${o.presented.question.id}`);
      },
    };
    await runSession(three, "flash", BANK, seededRandom(1), io);
    expect(log).toEqual(["ask 501", "saved 501", "ask 502", "saved 502", "ask 503", "saved 503"]);
  });

  it("an empty session asks nothing", async () => {
    const io = scripted([]);
    expect(await runSession([], "choice", BANK, seededRandom(1), io)).toEqual({
      outcomes: [],
      unanswered: [],
    });
    expect(io.log).toEqual([]);
  });
});

describe("runSession: skip, undo and the pause", () => {
  const three = BANK.slice(0, 3);
  const flash = (grade: Grade): Given => ({ mode: "flash", grade });
  const withUndo = (io: ReturnType<typeof scripted>, pauses: ("next" | "undo")[] = []) => {
    const unsaved: string[] = [];
    let p = 0;
    return Object.assign(io, {
      unsaved,
      async unsave(o: Outcome) {
        io.log.push(`unsave ${o.presented.question.id}`);
        unsaved.push(o.presented.question.id);
      },
      async pause(o: Outcome) {
        io.log.push(`pause ${o.presented.question.id}`);
        return pauses[p++] ?? "next";
      },
    });
  };

  it("asks a skipped question again at the end, once; skipped again, it is left unanswered", async () => {
    const io = scripted([{ move: "skip" }, flash("good"), flash("good"), { move: "skip" }]);
    const result = await runSession(three, "flash", BANK, seededRandom(1), io);
    expect(io.log.filter((l) => l.startsWith("ask"))).toEqual([
      "ask 501 1/3",
      "ask 502 2/4",
      "ask 503 3/4",
      "ask 501 4/4",
    ]);
    expect(result.outcomes.map((o) => o.presented.question.id)).toEqual(["502", "503"]);
    expect(result.unanswered.map((q) => q.id)).toEqual(["501"]);
  });

  it("undo at a question takes the last answer back, asks it again with the same options, then goes on", async () => {
    const io = withUndo(
      scripted([
        { mode: "choice", choice: 0, raw: "a" },
        { move: "undo" },
        { mode: "choice", choice: 1, raw: "b" },
        { mode: "choice", choice: 2, raw: "c" },
      ]),
    );
    const seen: Presented[] = [];
    const ask = io.ask;
    io.ask = async (p, pos) => {
      seen.push(p);
      return ask(p, pos);
    };
    const result = await runSession(BANK.slice(0, 2), "choice", BANK, seededRandom(3), io);
    expect(io.log.filter((l) => /^(ask|save|unsave)/.test(l))).toEqual(
      [
        "ask 501 1/2",
        "save 501 again",
        "ask 502 2/2",
        "unsave 501",
        "ask 501 3/4",
        `save 501 ${result.outcomes[0]?.grade}`,
        "ask 502 4/4",
        `save 502 ${result.outcomes[1]?.grade}`,
      ].filter((l) => !l.endsWith("undefined")),
    );
    // The same presentation: the user is correcting that answer, the letters mean what they meant.
    expect(seen[2]).toBe(seen[0]);
    expect(result.outcomes.map((o) => o.presented.question.id)).toEqual(["501", "502"]);
    expect(result.outcomes[0]?.given).toMatchObject({ choice: 1 });
  });

  it("undo at the pause takes the answer just saved back and asks it next", async () => {
    const io = withUndo(scripted([flash("again"), flash("good"), flash("good")]), ["undo"]);
    const result = await runSession(BANK.slice(0, 2), "flash", BANK, seededRandom(1), io);
    expect(io.log.filter((l) => /^(ask|save|unsave|pause)/.test(l))).toEqual([
      "ask 501 1/2",
      "save 501 again",
      "pause 501",
      "unsave 501",
      "ask 501 2/3",
      "save 501 good",
      "pause 501",
      "ask 502 3/3",
      "save 502 good",
      "pause 502",
    ]);
    expect(result.outcomes.map((o) => o.grade)).toEqual(["good", "good"]);
  });

  it("undo with nothing to take back asks the same question again", async () => {
    const io = withUndo(scripted([{ move: "undo" }, flash("good")]));
    const result = await runSession([ETCD], "flash", BANK, seededRandom(1), io);
    expect(io.unsaved).toEqual([]);
    expect(result.outcomes).toHaveLength(1);
  });
});
