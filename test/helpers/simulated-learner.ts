import { recordAnswer } from "../../src/core/progress.js";
import { seededRandom } from "../../src/core/random.js";
import { type SchedulerParams, scheduleAnswer } from "../../src/core/schedule.js";
import { emptyState, type Progress } from "../../src/core/state.js";
import type { Grade, Question } from "../../src/core/types.js";

/**
 * A seeded simulated learner, for tests of the optimizer, calibration and readiness: a progress
 * state built by the app's own scheduler and answer recording, over `days` days ending at `end`,
 * from a learner whose memory follows a known curve unlike FSRS's defaults.
 *
 * The learner's true forgetting curve is exponential, R = 0.9^(t / S), with a true stability S in
 * days for each question: it starts at `firstStability` (well below the default parameters' guess,
 * so the defaults schedule too far apart and predict recall too high), grows by `growth` on each
 * recall and falls to `lapseFactor` of itself on each lapse. Each day at 09:00 the learner
 * reviews every due card, then `newPerDay` new ones, and repeats the pass for cards that came due
 * again within a quarter of an hour (FSRS's learning steps).
 */
export interface LearnerOptions {
  seed: number;
  days: number;
  /** The last simulated day is the one that holds this moment. */
  end: number;
  questions: number;
  newPerDay: number;
  firstStability?: number;
  growth?: number;
  lapseFactor?: number;
  /** How the app schedules while the learner studies (the defaults unless given). */
  params?: SchedulerParams;
}

const DAY = 86_400_000;

export function simulateLearner(opts: LearnerOptions): Progress {
  const random = seededRandom(opts.seed);
  const first = opts.firstStability ?? 0.4;
  const growth = opts.growth ?? 2.2;
  const lapse = opts.lapseFactor ?? 0.35;
  const questions: Question[] = Array.from({ length: opts.questions }, (_, i) => ({
    id: `sim-${i + 1}`,
    number: i + 1,
    deck: "sim",
    section: ["internals", "networking", "operators"][i % 3] as string,
    prompt: `Simulated question ${i + 1}`,
    answer: "",
    file: "sim.md",
    line: 1,
  }));
  const truth = new Map<string, { s: number; last: number }>();
  let state = emptyState();
  const endDay = new Date(opts.end);
  const answer = (q: Question, at: number) => {
    const known = truth.get(q.id);
    let grade: Grade;
    if (!known) {
      // First sight: a third already know it.
      grade = random() < 1 / 3 ? "good" : "again";
      truth.set(q.id, { s: first, last: at });
    } else {
      const elapsed = (at - known.last) / DAY;
      const recalled = random() < 0.9 ** (elapsed / known.s);
      const u = random();
      grade = recalled ? (u < 0.1 ? "hard" : u > 0.9 ? "easy" : "good") : "again";
      // Only reviews a day or more apart build lasting memory.
      if (elapsed >= 0.5) known.s = recalled ? known.s * growth : Math.max(0.2, known.s * lapse);
      known.last = at;
    }
    const card = scheduleAnswer(state.questions[q.id]?.card, grade, at, opts.params);
    const day = new Date(at).toISOString().slice(0, 10);
    state = recordAnswer(
      state,
      { question: q, score: grade === "again" ? 0 : 1, grade, mode: "flash", card },
      at,
      day,
    );
  };
  let introduced = 0;
  for (let d = opts.days - 1; d >= 0; d--) {
    let t = new Date(endDay.getFullYear(), endDay.getMonth(), endDay.getDate() - d, 9).getTime();
    for (let pass = 0; pass < 6; pass++) {
      const due = questions.filter((q) => {
        const c = state.questions[q.id]?.card;
        return c && c.due <= t;
      });
      if (pass === 0) {
        const fresh = questions.slice(introduced, introduced + opts.newPerDay);
        introduced += fresh.length;
        due.push(...fresh);
      }
      if (!due.length) break;
      for (const q of due) {
        answer(q, t);
        t += 20_000;
      }
      const next = Math.min(...questions.map((q) => state.questions[q.id]?.card?.due ?? Infinity));
      if (next - t > 15 * 60_000) break;
      t = Math.max(t, next);
    }
  }
  return state;
}
