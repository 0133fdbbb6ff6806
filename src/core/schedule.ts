import {
  type Card,
  createEmptyCard,
  forgetting_curve,
  fsrs,
  generatorParameters,
  Rating,
  State,
} from "ts-fsrs";
import { cappedDue, examPlan, type NewPace, newPace } from "./exam-date.js";
import type { Progress, StoredCard } from "./state.js";
import type { Grade, Question } from "./types.js";

/** What the scheduler is built from: the learner's fitted weights (ts-fsrs defaults when absent) and retention goal. */
export interface SchedulerParams {
  w?: readonly number[];
  retention?: number;
}

export const DEFAULT_RETENTION = 0.9;

const instances = new Map<string, ReturnType<typeof fsrs>>();
/**
 * Built on first use, as most commands never schedule anything, and kept per set of parameters
 * (one learner has one set, so this holds one or two). Fuzz off: the same answers on the same dates
 * always give the same schedule.
 */
let last: { w?: readonly number[]; retention: number; instance: ReturnType<typeof fsrs> } | undefined;
const scheduler = (p: SchedulerParams = {}) => {
  const retention = p.retention ?? DEFAULT_RETENTION;
  // The same weights array as last time (every question of one stats run): no key to build.
  if (last && last.w === p.w && last.retention === retention) return last.instance;
  const key = `${retention}|${p.w?.join(",") ?? ""}`;
  let instance = instances.get(key);
  if (!instance) {
    instance = fsrs(
      generatorParameters({
        enable_fuzz: false,
        request_retention: retention,
        ...(p.w ? { w: [...p.w] } : {}),
      }),
    );
    instances.set(key, instance);
  }
  last = { ...(p.w ? { w: p.w } : {}), retention, instance };
  return instance;
};

/** The scheduler parameters a state asks for: its fitted weights, if kept, and its desired retention. */
export function schedulerParams(state: Pick<Progress, "settings" | "fsrs">): SchedulerParams {
  return {
    retention: state.settings.desiredRetention,
    ...(state.fsrs?.w ? { w: state.fsrs.w } : {}),
  };
}

export const LEECH_LAPSES = 5;
export const MASTERED_RETRIEVABILITY = 0.9;

const RATING: Record<Grade, Rating.Again | Rating.Hard | Rating.Good | Rating.Easy> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

/**
 * The ts-fsrs card at `now`. A card last reviewed "after" now (an answer for a past `daily
 * --date`, a progress file from a machine whose clock ran ahead) counts as reviewed now:
 * ts-fsrs refuses a negative interval, and scheduling from the later time would freeze the card
 * until then.
 */
function toCard(stored: StoredCard | undefined, now: number): Card {
  if (!stored) return createEmptyCard(new Date(now));
  const { last_review, due, ...rest } = stored;
  return {
    ...rest,
    due: new Date(due),
    ...(last_review !== undefined ? { last_review: new Date(Math.min(last_review, now)) } : {}),
  } as Card;
}

function fromCard(card: Card): StoredCard {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.last_review ? { last_review: card.last_review.getTime() } : {}),
  };
}

/** The card after answering with `grade` at `now` (ts-fsrs). */
export function scheduleAnswer(
  stored: StoredCard | undefined,
  grade: Grade,
  now: number,
  p?: SchedulerParams,
): StoredCard {
  return fromCard(scheduler(p).next(toCard(stored, now), new Date(now), RATING[grade]).card);
}

/** Milliseconds until the card would be due again after `grade`, without changing it (ts-fsrs preview). */
export function previewInterval(
  stored: StoredCard | undefined,
  grade: Grade,
  now: number,
  p?: SchedulerParams,
): number {
  const preview = scheduler(p).repeat(toCard(stored, now), new Date(now));
  return preview[RATING[grade]].card.due.getTime() - now;
}

const DAY_MS = 86_400_000;

/** The weights a scheduler built from `w` would use (ts-fsrs migrates an older set), kept for the last `w`. */
let curve: { w?: readonly number[]; weights: readonly number[] } | undefined;
const curveWeights = (w?: readonly number[]): readonly number[] => {
  if (curve && curve.w === w) return curve.weights;
  const weights = generatorParameters({ enable_fuzz: false, ...(w ? { w: [...w] } : {}) }).w;
  curve = { ...(w ? { w } : {}), weights };
  return weights;
};

/**
 * Probability of recalling the card now; 0 for a card never reviewed. The same figure as ts-fsrs's
 * get_retrievability (whole days since the last review, no earlier than now, on the forgetting
 * curve of the scheduler's weights), from its own curve function: building a scheduler only to read
 * the curve cost `sections` with progress more than all its questions' curves together.
 */
export function retrievability(stored: StoredCard | undefined, now: number, p?: SchedulerParams): number {
  if (!stored?.reps || stored.state === State.New) return 0;
  // A card with no last review is ts-fsrs's to judge (it refuses one), as before.
  if (stored.last_review === undefined)
    return scheduler(p).get_retrievability(toCard(stored, now), new Date(now), false);
  const days = Math.max(Math.floor((now - Math.min(stored.last_review, now)) / DAY_MS), 0);
  return forgetting_curve(curveWeights(p?.w), days, +stored.stability.toFixed(8));
}

/**
 * Mastered: graduated to review (past the learning steps) and at least 90% likely to be recalled now.
 * A card answered wrong a minute ago is still fresh in memory, but it is not mastered.
 */
export function isMastered(stored: StoredCard | undefined, now: number, p?: SchedulerParams): boolean {
  return (
    !!stored && stored.state === State.Review && retrievability(stored, now, p) >= MASTERED_RETRIEVABILITY
  );
}

export const isLeech = (stored: StoredCard | undefined): boolean => (stored?.lapses ?? 0) >= LEECH_LAPSES;

/** How many questions first entered the schedule in [dayStart, now]. */
export function newIntroduced(state: Progress, dayStart: number): number {
  return introducedSince(state, dayStart).size;
}

export interface DueQueue {
  /** Scheduled questions due now, most overdue first. */
  due: Question[];
  /** Never-scheduled questions allowed in today, within the new-per-day limit. */
  fresh: Question[];
  /** When the next scheduled card comes due, if any. */
  nextDue?: number;
  /** With an exam date ahead: the pace of new questions it needs, and whether today's limit allows it. */
  pace?: NewPace;
}

/** When a stored card comes due, with the exam date's cap (cards scheduled before it was set too). */
export function dueAt(card: StoredCard, id: string, state: Pick<Progress, "settings">): number {
  return cappedDue(card.due, card.last_review ?? card.due, id, examPlan(state.settings.examDate));
}

/** The review queue at `now`: due cards by how overdue they are, then new ones up to the day's allowance. */
export function reviewQueue(
  questions: readonly Question[],
  state: Progress,
  now: number,
  newAllowance: number,
): DueQueue {
  const due: { q: Question; at: number }[] = [];
  const fresh: Question[] = [];
  let nextDue: number | undefined;
  for (const q of questions) {
    const card = state.questions[q.id]?.card;
    if (!card) {
      fresh.push(q);
      continue;
    }
    const at = dueAt(card, q.id, state);
    if (at <= now) due.push({ q, at });
    else if (nextDue === undefined || at < nextDue) nextDue = at;
  }
  due.sort((a, b) => a.at - b.at);
  return {
    due: due.map((d) => d.q),
    fresh: fresh.slice(0, Math.max(0, newAllowance)),
    ...(nextDue !== undefined ? { nextDue } : {}),
  };
}

/**
 * What review says when it has nothing to ask: when the next review is, if any. `after` a session
 * it is nothing *else*; with nothing asked, nothing is due now.
 */
export function nothingDueLine(next: number | undefined, now: number, after: boolean): string {
  if (next === undefined) return after ? "Nothing else due." : "Nothing due.";
  return `Nothing ${after ? "else due" : "due now"}; next review ${humanInterval(next - now)}.`;
}

/** "in 3 h", "in 4 days": a short, human distance for a number of milliseconds. */
export function humanInterval(ms: number): string {
  const min = Math.round(ms / 60_000);
  // Under half a minute ahead is not "now": "Nothing due now; next review now." contradicted itself.
  if (min < 1) return ms > 0 ? "in under a minute" : "now";
  if (min < 60) return `in ${min} min`;
  const h = Math.round(min / 60);
  if (h < 24) return `in ${h} h`;
  const d = Math.round(h / 24);
  if (d < 60) return `in ${d} day${d === 1 ? "" : "s"}`;
  const mo = Math.round(d / 30);
  return mo < 24 ? `in ${mo} months` : `in ${Math.round(d / 365)} years`;
}

/**
 * The questions a review session asks: due ones, then new ones within today's allowance, cut to
 * `limit`. With an exam date ahead, the new ones are spread so that the whole selection is seen twice
 * before it: no more a day than that pace needs, and never more than `perDay`. `introduced`, the
 * questions that first entered the schedule since `dayStart`, comes from the store's one query when
 * the caller has it; otherwise it is worked out from the state's history.
 */
export function reviewQuestions(
  questions: readonly Question[],
  state: Progress,
  now: number,
  dayStart: number,
  perDay: number,
  limit = Number.POSITIVE_INFINITY,
  introducedToday?: ReadonlySet<string>,
): { questions: Question[]; queue: DueQueue } {
  const today = introducedToday ?? introducedSince(state, dayStart);
  const introduced = today.size;
  let allowance = perDay - introduced;
  const plan = examPlan(state.settings.examDate);
  let pace: NewPace | undefined;
  if (plan && plan.at > now) {
    const unseen = questions.filter((q) => !state.questions[q.id]?.card || today.has(q.id)).length;
    pace = newPace(unseen, new Date(now), plan, perDay);
    allowance = Math.min(perDay, pace.perDay) - introduced;
  }
  const queue = reviewQueue(questions, state, now, allowance);
  if (pace) queue.pace = pace;
  return { questions: [...queue.due, ...queue.fresh].slice(0, limit), queue };
}

/** Ids of the questions that first entered the schedule at or after `since`. */
function introducedSince(state: Progress, since: number): Set<string> {
  const first = new Map<string, number>();
  for (const h of state.history) if (h.scheduled && !first.has(h.id)) first.set(h.id, h.at);
  return new Set([...first].filter(([, at]) => at >= since).map(([id]) => id));
}
