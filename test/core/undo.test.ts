import { describe, expect, it } from "vitest";
import { applyOutcome } from "../../src/core/apply.js";
import { seededRandom } from "../../src/core/random.js";
import { evaluate, present } from "../../src/core/session.js";
import { emptyState } from "../../src/core/state.js";
import { revertAnswer, toggleFlag, undoPoint } from "../../src/core/undo.js";
import { makeQuestion } from "../helpers/questions.js";

const A = makeQuestion({ number: 1, section: "internals", answer: "etcd" });
const B = makeQuestion({ number: 2, section: "internals", answer: "raft" });
const answer = (state: ReturnType<typeof emptyState>, q: typeof A, grade: "good" | "again", at: number) => {
  const o = evaluate(present(q, "flash", [A, B], seededRandom(1)), { mode: "flash", grade });
  const u = undoPoint(state, q, at);
  return {
    state: applyOutcome(state, o, {
      now: at,
      day: new Date(at).toISOString().slice(0, 10),
      cram: false,
    }),
    u,
  };
};

describe("revertAnswer", () => {
  it("takes the last answer back: counters, card, history entry, streak and weak topics as before", () => {
    const day1 = Date.UTC(2026, 10, 1, 9);
    let s = emptyState();
    ({ state: s } = answer(s, A, "again", day1));
    ({ state: s } = answer(s, B, "again", day1 + 1000));
    const before = structuredClone(s);
    const r = answer(s, A, "good", day1 + 86_400_000);
    expect(r.state.questions[A.id]?.attempts).toBe(2);
    const back = revertAnswer(r.state, r.u);
    expect(back.questions).toEqual(before.questions);
    expect(back.history).toEqual(before.history);
    expect(back.streak).toEqual(before.streak);
    expect(back.weakTopics).toEqual(before.weakTopics);
  });

  it("forgets a question answered for the first time", () => {
    const r = answer(emptyState(), A, "good", 1000);
    const back = revertAnswer(r.state, r.u);
    expect(back.questions[A.id]).toBeUndefined();
    expect(back.history).toEqual([]);
    expect(back.streak).toEqual({ current: 0, longest: 0 });
  });
});

describe("toggleFlag", () => {
  it("flags, then unflags", () => {
    const on = toggleFlag(emptyState(), "501", 7);
    expect(on).toMatchObject({ flagged: true, state: { flagged: { "501": 7 } } });
    const off = toggleFlag(on.state, "501", 8);
    expect(off.flagged).toBe(false);
    expect(off.state.flagged).toEqual({});
  });
});
