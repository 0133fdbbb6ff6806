import { parseDay } from "./dates.js";
import { GRADER_RULES, type GraderSettings } from "./grader-settings.js";
import { GRADES, type Grade, MODES, type Mode } from "./types.js";

export const SCHEMA_VERSION = 1;
export const HISTORY_LIMIT = 5000;

/** An FSRS card as stored: dates as epoch milliseconds so the file stays plain JSON. */
export interface StoredCard {
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review?: number;
}

export interface QuestionProgress {
  attempts: number;
  correct: number;
  lastAnswered: number;
  /** Score of the last answer: 1, 0.5 or 0. */
  lastResult: number;
  /** Scores of the last five answers, oldest first. */
  recent: number[];
  card?: StoredCard;
}

export interface HistoryEntry {
  id: string;
  at: number;
  score: number;
  grade: Grade;
  mode: Mode;
  section: string;
  topics: string[];
  /** Set when the answer moved the spaced-repetition schedule. */
  scheduled?: boolean;
}

export interface WeakTopic {
  accuracy: number;
  answers: number;
  lastSeen: number;
}

/** When a terminal session waits for a key after a choice answer's feedback. */
export const PAUSES = ["always", "after-miss", "never"] as const;
export type PauseSetting = (typeof PAUSES)[number];

export interface Settings {
  defaultMode: Mode;
  defaultCount: number;
  weakThreshold: number;
  newPerDay: number;
  /** The recall probability the scheduler aims for when a card comes due. */
  desiredRetention: number;
  /** YYYY-MM-DD of the exam the schedule works towards, or "" for none. */
  examDate: string;
  /** Absent in files from before it existed: DEFAULT_PAUSE. */
  pause?: PauseSetting;
}

/** How well a set of parameters predicted reviews it was not fitted on. */
export interface FitFigures {
  logLoss: number;
  rmse: number;
}

/**
 * The last `optimize` run, kept with the settings: the weights it kept (absent when the defaults did
 * better or too little history), when it ran, on how many reviews, and the held-out figures.
 */
export interface FittedParams {
  w?: number[];
  fittedAt: number;
  reviews: number;
  /** Whether that run's fit was kept (it beat the defaults on the held-out reviews). */
  kept?: boolean;
  defaults?: FitFigures;
  fitted?: FitFigures;
}

/**
 * A learner's own wording accepted for one key point of one question ("my answer was right"):
 * used as extra synonyms of that point from then on, for this learner only.
 */
export interface Phrasing {
  id: string;
  question: string;
  /** The key point's label, as the deck has it. */
  point: string;
  /** The learner's words, each used as a phrase that hits the point. */
  phrases: string[];
  at: number;
}

/**
 * An exam's typed answers held for review, as an older k8s-quiz kept them in config.json. They are
 * held in progress.db now (io/store), and one found here is moved there once.
 */
export interface PendingExam {
  startedAt: number;
  answers: { id: string; text: string; at: number }[];
}

export const DEFAULT_PAUSE: PauseSetting = "after-miss";

/**
 * Everything k8s-quiz keeps of a learner: answers, cards, streak, settings. Named Progress, not
 * State: ts-fsrs exports a State (a card's learning stage), and code that needs both read badly.
 */
export interface Progress {
  schemaVersion: number;
  questions: Record<string, QuestionProgress>;
  history: HistoryEntry[];
  weakTopics: Record<string, WeakTopic>;
  /** Answers before this moment no longer count towards weak topics (`weak --reset`). */
  weakResetAt?: number;
  streak: { current: number; longest: number; lastDay?: string };
  daily: { picks: Record<string, string>; hookShown?: string };
  settings: Settings;
  /** FSRS parameters fitted to this learner's reviews (`optimize`). */
  fsrs?: FittedParams;
  decks: DeckEntry[];
  /** Absent until the learner sets one (`config set grader llm`). */
  grader?: Partial<GraderSettings>;
  /** Absent until the learner accepts a first phrasing. */
  phrasings?: Phrasing[];
  pendingExam?: PendingExam;
  /** Questions flagged with `f` during a session, id to when (epoch ms); absent until one is. */
  flagged?: Record<string, number>;
}

/** A registered deck, as config.json keeps it. */
export interface DeckEntry {
  name: string;
  /** The deck file; for a URL deck, its cached copy. */
  path: string;
  /** Where a URL deck is fetched from by `deck update`. */
  url?: string;
  /** The validators of the cached copy, sent back so an unchanged deck is not downloaded again. */
  etag?: string;
  lastModified?: string;
  /**
   * Section slugs this deck was given because another deck had them first (basics -> team-b-basics),
   * fixed when it was added: removing the other deck must not move this one's progress to a new slug.
   */
  slugs?: Record<string, string>;
}

/** What each setting accepts; a stored value outside it is dropped, and `config set` refuses it. */
export const SETTING_RULES: {
  [K in keyof Settings]-?: { describe: string; accepts: (v: unknown) => boolean };
} = {
  defaultMode: { describe: "choice, recall or flash", accepts: (v) => MODES.includes(v as Mode) },
  defaultCount: {
    describe: "a whole number from 1 to 1000",
    accepts: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 1000,
  },
  weakThreshold: {
    describe: "a fraction above 0 and at most 1, such as 0.7",
    accepts: (v) => typeof v === "number" && v > 0 && v <= 1,
  },
  newPerDay: {
    describe: "a whole number from 0 to 1000",
    accepts: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1000,
  },
  // Below 0.7 the forgetting it plans for defeats the purpose; above 0.97 the reviews pile up.
  desiredRetention: {
    describe: "a fraction from 0.7 to 0.97, such as 0.9",
    accepts: (v) => typeof v === "number" && v >= 0.7 && v <= 0.97,
  },
  examDate: {
    describe: 'a date as YYYY-MM-DD, or "" for none',
    accepts: (v) => v === "" || (typeof v === "string" && parseDay(v) !== undefined),
  },
  pause: {
    describe: "always, after-miss or never",
    accepts: (v) => PAUSES.includes(v as PauseSetting),
  },
};

export const DEFAULT_SETTINGS: Settings = {
  defaultMode: "choice",
  defaultCount: 10,
  weakThreshold: 0.7,
  newPerDay: 10,
  desiredRetention: 0.9,
  examDate: "",
};

export function emptyState(): Progress {
  return {
    schemaVersion: SCHEMA_VERSION,
    questions: {},
    history: [],
    weakTopics: {},
    streak: { current: 0, longest: 0 },
    daily: { picks: {} },
    settings: { ...DEFAULT_SETTINGS },
    decks: [],
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === "string";

const CARD_COUNTS = ["elapsed_days", "scheduled_days", "learning_steps", "reps", "lapses"] as const;

/**
 * A stored FSRS card whose every field ts-fsrs can use, or undefined. A card with a negative
 * stability, an unknown state or a text field crashed every session that asked its question.
 */
export function cleanCard(v: unknown): StoredCard | undefined {
  if (!isObj(v) || !isNum(v.due) || !isNum(v.stability) || !isNum(v.difficulty)) return undefined;
  if (!Number.isInteger(v.state) || (v.state as number) < 0 || (v.state as number) > 3) return undefined;
  if (v.stability < 0 || (v.stability === 0 && v.state !== 0) || v.difficulty < 0 || v.difficulty > 10)
    return undefined;
  if (!CARD_COUNTS.every((k) => isNum(v[k]) && (v[k] as number) >= 0)) return undefined;
  // Dates a Date can hold: 1e300 gave "Next review in NaN years" and nulls in the file.
  const isTime = (t: unknown) => isNum(t) && Math.abs(t) <= 8.64e15;
  if (!isTime(v.due) || (v.last_review !== undefined && !isTime(v.last_review))) return undefined;
  const card: StoredCard = {
    due: v.due,
    stability: v.stability,
    difficulty: v.difficulty,
    elapsed_days: v.elapsed_days as number,
    scheduled_days: v.scheduled_days as number,
    learning_steps: v.learning_steps as number,
    reps: v.reps as number,
    lapses: v.lapses as number,
    state: v.state as number,
  };
  if (isNum(v.last_review)) card.last_review = v.last_review;
  return card;
}

function cleanProgress(v: unknown, onBadCard: () => void = () => {}): QuestionProgress | undefined {
  if (!isObj(v) || !isNum(v.attempts) || !isNum(v.correct) || !isNum(v.lastAnswered)) return undefined;
  const recent = Array.isArray(v.recent) ? v.recent.filter(isNum).slice(-5) : [];
  const p: QuestionProgress = {
    attempts: v.attempts,
    correct: v.correct,
    lastAnswered: v.lastAnswered,
    lastResult: isNum(v.lastResult) ? v.lastResult : (recent.at(-1) ?? 0),
    recent,
  };
  if (v.card !== undefined) {
    const card = cleanCard(v.card);
    if (card) p.card = card;
    else onBadCard();
  }
  return p;
}

/** The FSRS-6 weight count that both ts-fsrs 5 and the optimizer use. */
export const FSRS_WEIGHTS = 21;

function cleanFitted(v: unknown): FittedParams | undefined {
  if (!isObj(v) || !isNum(v.fittedAt) || !isNum(v.reviews)) return undefined;
  const figures = (f: unknown): FitFigures | undefined =>
    isObj(f) && isNum(f.logLoss) && isNum(f.rmse) ? { logLoss: f.logLoss, rmse: f.rmse } : undefined;
  const out: FittedParams = { fittedAt: v.fittedAt, reviews: v.reviews };
  if (typeof v.kept === "boolean") out.kept = v.kept;
  if (v.w !== undefined) {
    // A weight list of another length or with a non-number would make ts-fsrs throw at every answer.
    if (!Array.isArray(v.w) || v.w.length !== FSRS_WEIGHTS || !v.w.every(isNum)) return undefined;
    out.w = v.w;
  }
  const d = figures(v.defaults);
  const f = figures(v.fitted);
  if (d) out.defaults = d;
  if (f) out.fitted = f;
  return out;
}

/** A history entry with every field of the right type, or undefined. */
export function cleanHistory(v: unknown): HistoryEntry | undefined {
  if (!isObj(v) || !isStr(v.id) || !isNum(v.at) || !isNum(v.score)) return undefined;
  if (!GRADES.includes(v.grade as Grade) || !MODES.includes(v.mode as Mode)) return undefined;
  return {
    id: v.id,
    at: v.at,
    score: v.score,
    grade: v.grade as Grade,
    mode: v.mode as Mode,
    section: isStr(v.section) ? v.section : "",
    topics: Array.isArray(v.topics) ? v.topics.filter(isStr) : [],
    ...(v.scheduled === true ? { scheduled: true } : {}),
  };
}

function cleanPhrasing(v: unknown): Phrasing | undefined {
  if (!isObj(v) || !isStr(v.id) || !isStr(v.question) || !isStr(v.point) || !isNum(v.at)) return undefined;
  if (!Array.isArray(v.phrases)) return undefined;
  const phrases = v.phrases.filter((x): x is string => isStr(x) && x.trim() !== "");
  return phrases.length ? { id: v.id, question: v.question, point: v.point, phrases, at: v.at } : undefined;
}

function cleanPending(v: unknown): PendingExam | undefined {
  if (!isObj(v) || !isNum(v.startedAt) || !Array.isArray(v.answers)) return undefined;
  const answers = v.answers.filter(
    (a): a is PendingExam["answers"][number] => isObj(a) && isStr(a.id) && isStr(a.text) && isNum(a.at),
  );
  return { startedAt: v.startedAt, answers: answers.map(({ id, text, at }) => ({ id, text, at })) };
}

function cleanRecord<T>(
  v: unknown,
  clean: (x: unknown, key: string) => T | undefined,
  dropped: string[],
  name: string,
) {
  const out: Record<string, T> = {};
  if (v === undefined) return out;
  if (!isObj(v)) {
    dropped.push(name);
    return out;
  }
  for (const [k, x] of Object.entries(v)) {
    const c = clean(x, k);
    if (c === undefined) dropped.push(`${name}.${k}`);
    else out[k] = c;
  }
  return out;
}

/**
 * Steps from each old schema version to the next. A file is brought up to date one step at a time
 * before it is read, so a step only ever needs to know the version right before it.
 */
export const MIGRATIONS: Record<number, (raw: Obj) => Obj> = {
  // Version 0: files from before the schema was versioned, where weak topics were a plain list of
  // names. They are rebuilt from the answer history at the next answer, so the list is dropped.
  0: (raw) => ({ ...raw, weakTopics: isObj(raw.weakTopics) ? raw.weakTopics : {}, schemaVersion: 1 }),
};

/** Applies the migrations from the file's version (0 when it has none) up to SCHEMA_VERSION. */
export function migrate(raw: Obj): Obj {
  let out = raw;
  for (let v = isNum(out.schemaVersion) ? out.schemaVersion : 0; v < SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) break;
    out = step(out);
  }
  return out;
}

/**
 * Reads whatever is in the config file into a Progress: fields of the wrong type are dropped one by one
 * (and named in `dropped`), never the whole file. Returns `newer` for a file written by a later version.
 */
export function reviveState(input: unknown): { state: Progress; dropped: string[]; newer: boolean } {
  const state = emptyState();
  const dropped: string[] = [];
  if (!isObj(input)) return { state, dropped: input === undefined ? [] : ["(root)"], newer: false };
  if (isNum(input.schemaVersion) && input.schemaVersion > SCHEMA_VERSION)
    return { state, dropped, newer: true };
  const raw = migrate(input);

  // A bad card is dropped on its own: the answers counted for the question stay.
  state.questions = cleanRecord(
    raw.questions,
    (x, id) => cleanProgress(x, () => dropped.push(`questions.${id}.card`)),
    dropped,
    "questions",
  );
  if (Array.isArray(raw.history)) {
    const h = raw.history.map(cleanHistory);
    if (h.some((x) => !x)) dropped.push("history (some entries)");
    state.history = h.filter((x): x is HistoryEntry => !!x).slice(-HISTORY_LIMIT);
  } else if (raw.history !== undefined) dropped.push("history");
  state.weakTopics = cleanRecord(
    raw.weakTopics,
    // Only the three numbers, each checked: an imported topic's extra or text fields reached `weak`
    // raw, and a lastSeen past Date's range crashed `weak --json`.
    (x) =>
      isObj(x) &&
      isNum(x.accuracy) &&
      isNum(x.answers) &&
      isNum(x.lastSeen) &&
      Math.abs(x.lastSeen) <= 8.64e15
        ? { accuracy: x.accuracy, answers: x.answers, lastSeen: x.lastSeen }
        : undefined,
    dropped,
    "weakTopics",
  );
  if (isNum(raw.weakResetAt)) state.weakResetAt = raw.weakResetAt;
  if (isObj(raw.streak) && isNum(raw.streak.current) && isNum(raw.streak.longest)) {
    state.streak = { current: raw.streak.current, longest: raw.streak.longest };
    if (isStr(raw.streak.lastDay)) state.streak.lastDay = raw.streak.lastDay;
  } else if (raw.streak !== undefined) dropped.push("streak");
  if (isObj(raw.daily)) {
    state.daily.picks = cleanRecord(
      raw.daily.picks,
      (x) => (isStr(x) ? x : undefined),
      dropped,
      "daily.picks",
    );
    if (isStr(raw.daily.hookShown)) state.daily.hookShown = raw.daily.hookShown;
  } else if (raw.daily !== undefined) dropped.push("daily");
  if (isObj(raw.settings)) {
    const s = raw.settings;
    for (const key of Object.keys(SETTING_RULES) as (keyof Settings)[]) {
      if (s[key] === undefined) continue;
      if (SETTING_RULES[key].accepts(s[key]))
        (state.settings as unknown as Record<string, unknown>)[key] = s[key];
      else dropped.push(`settings.${key}`);
    }
  } else if (raw.settings !== undefined) dropped.push("settings");
  if (raw.fsrs !== undefined) {
    const fitted = cleanFitted(raw.fsrs);
    if (fitted) state.fsrs = fitted;
    else dropped.push("fsrs");
  }
  if (Array.isArray(raw.decks)) {
    state.decks = raw.decks.flatMap((d, i) => {
      const entry = cleanDeckEntry(d);
      // Said, like any other field dropped: the next save leaves the entry out for good.
      if (!entry) dropped.push(`decks[${i}]`);
      return entry ? [entry] : [];
    });
  } else if (raw.decks !== undefined) dropped.push("decks");
  if (isObj(raw.grader)) {
    const g: Record<string, unknown> = {};
    for (const key of Object.keys(GRADER_RULES) as (keyof GraderSettings)[]) {
      const v = raw.grader[key];
      if (v === undefined) continue;
      if (GRADER_RULES[key].accepts(v)) g[key] = v;
      else dropped.push(`grader.${key}`);
    }
    if (Object.keys(g).length) state.grader = g as Partial<GraderSettings>;
  } else if (raw.grader !== undefined) dropped.push("grader");
  if (Array.isArray(raw.phrasings)) {
    const p = raw.phrasings.map(cleanPhrasing);
    if (p.some((x) => !x)) dropped.push("phrasings (some entries)");
    const kept = p.filter((x): x is Phrasing => !!x);
    if (kept.length) state.phrasings = kept;
  } else if (raw.phrasings !== undefined) dropped.push("phrasings");
  if (raw.pendingExam !== undefined) {
    const pending = cleanPending(raw.pendingExam);
    if (pending) state.pendingExam = pending;
    else dropped.push("pendingExam");
  }
  if (raw.flagged !== undefined)
    state.flagged = cleanRecord(raw.flagged, (x) => (isNum(x) ? x : undefined), dropped, "flagged");
  return { state, dropped, newer: false };
}

/** A registered deck's entry with only the fields of the right type; undefined without a name and path. */
export function cleanDeckEntry(d: unknown): DeckEntry | undefined {
  if (!isObj(d) || !isStr(d.name) || !isStr(d.path)) return undefined;
  const entry: DeckEntry = { name: d.name, path: d.path };
  if (isStr(d.url)) entry.url = d.url;
  if (isStr(d.etag)) entry.etag = d.etag;
  if (isStr(d.lastModified)) entry.lastModified = d.lastModified;
  if (isObj(d.slugs)) {
    const slugs = Object.entries(d.slugs).filter((e): e is [string, string] => isStr(e[1]));
    if (slugs.length) entry.slugs = Object.fromEntries(slugs);
  }
  return entry;
}
