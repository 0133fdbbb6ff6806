import { startOfDay } from "../core/dates.js";
import { examPlan } from "../core/exam-date.js";
import { DEFAULT_GRADER, GRADER_RULES, type GraderSettings, graderOf } from "../core/grader-settings.js";
import { withSettings } from "../core/progress.js";
import {
  DEFAULT_PAUSE,
  DEFAULT_SETTINGS,
  type Progress,
  SETTING_RULES,
  type Settings,
} from "../core/state.js";
import { nearest } from "../core/text.js";
import type { Deps } from "../deps.js";
import { UsageError } from "../errors.js";
import { whereAnswersGo } from "../io/grader/judge.js";
import { completionsUrl } from "../io/grader/llm.js";

const KEYS = Object.keys(SETTING_RULES) as (keyof Settings)[];
/** Who grades recall answers: kept apart from the settings, listed only once the learner sets one. */
const GRADER_KEYS = Object.keys(GRADER_RULES) as (keyof GraderSettings)[];
type Key = keyof Settings | keyof GraderSettings;
const isGraderKey = (k: Key): k is keyof GraderSettings => (GRADER_KEYS as string[]).includes(k);

const RULES = { ...SETTING_RULES, ...GRADER_RULES };
const DEFAULTS = { ...DEFAULT_SETTINGS, ...DEFAULT_GRADER };
const currentValue = (s: Progress, settings: Settings, k: Key) =>
  isGraderKey(k) ? graderOf(s)[k] : settings[k];

function keyOf(name: string): Key {
  const wanted = name.toLowerCase().replace(/[-_]/g, "");
  const key = [...KEYS, ...GRADER_KEYS].find((k) => k.toLowerCase() === wanted);
  if (key) return key;
  const all = [...KEYS, ...GRADER_KEYS];
  // A word of the name is enough when it names one setting: "retention" is desiredRetention.
  const containing = wanted ? all.filter((k) => k.toLowerCase().includes(wanted)) : [];
  const guess = containing.length === 1 ? containing[0] : nearest(name, all);
  throw new UsageError(
    `unknown setting "${name}"${guess ? ` (did you mean ${guess}?)` : ""}; settings: ${all.join(", ")}`,
  );
}

/** `k8s-quiz config get [key]`. */
export async function configGetCommand(
  deps: Deps,
  name: string | undefined,
  opts: { json?: boolean },
): Promise<void> {
  const state = deps.store().read();
  // A setting newer than the file is shown at its default.
  const settings: Settings = { pause: DEFAULT_PAUSE, ...state.settings };
  const out = deps.output();
  if (name !== undefined) {
    const key = keyOf(name);
    const value = currentValue(state, settings, key);
    out.out(opts.json ? JSON.stringify(value) : String(value));
    return;
  }
  // Where recall answers go is said on every `config get`, a fresh one too: "nothing is sent" is
  // worth knowing before anyone asks. The model's own keys (llm.*) are listed once a grader is set,
  // so they don't bury the settings most people change.
  const grader = graderOf(state);
  const shown: Partial<GraderSettings> = state.grader ? grader : { grader: grader.grader };
  // The JSON keeps its shape until a grader is set (scripts compare it with the settings); after,
  // `answersGoTo` is the one URL recall answers are sent to, or null when they stay here.
  if (opts.json)
    out.json(
      state.grader
        ? {
            ...settings,
            ...grader,
            answersGoTo: grader.grader === "llm" ? completionsUrl(grader["llm.url"]) : null,
          }
        : settings,
    );
  else {
    for (const k of KEYS) out.out(`${k} = ${settings[k]}`);
    for (const k of GRADER_KEYS) if (k in shown) out.out(`${k} = ${shown[k]}`);
    out.out(whereAnswersGo(grader));
  }
}

/** `k8s-quiz config set <key> <value>`: validated against the setting's rule. */
export async function configSetCommand(deps: Deps, name: string, raw: string): Promise<void> {
  const key = keyOf(name);
  // Plain decimals only: Number() would also take "0x10", "1e2" and " 7", which no flag accepts.
  const value: unknown =
    typeof DEFAULTS[key] === "number" && /^-?(\d+\.?\d*|\.\d+)$/.test(raw) ? Number(raw) : raw;
  if (!RULES[key].accepts(value)) {
    throw new UsageError(`${key} must be ${RULES[key].describe}, got "${raw}"`);
  }
  // An exam already behind us would plan nothing; said now rather than ignored later.
  const exam = key === "examDate" ? examPlan(value as string) : undefined;
  if (exam && exam.at < startOfDay(deps.now()))
    throw new UsageError(`examDate ${exam.date} has passed; give a date from today on, or "" for none`);
  const next = await deps
    .store()
    .update(
      (s) =>
        isGraderKey(key)
          ? { ...s, grader: { ...s.grader, [key]: value } }
          : withSettings(s, { ...s.settings, [key]: value }),
      { required: true },
    );
  deps.output().out(`${key} = ${value}`);
  if (isGraderKey(key)) deps.output().out(whereAnswersGo(graderOf(next)));
}

/** `k8s-quiz config path`: where progress and settings live. */
export async function configPathCommand(deps: Deps): Promise<void> {
  deps.output().out(deps.store().path);
}

/** `k8s-quiz config reset`: settings back to their defaults (progress is kept). */
export async function configResetCommand(deps: Deps, opts: { yes?: boolean }): Promise<void> {
  if (!opts.yes) {
    if (!deps.isTTY) throw new UsageError("config reset needs --yes when not run in a terminal");
    const ok = await (await deps.prompter()).confirm(
      "Reset all settings to their defaults? Progress is kept.",
      false,
    );
    if (!ok) {
      deps.output().out("Nothing changed.");
      return;
    }
  }
  // The grader too: after a reset no answer is sent anywhere.
  await deps.store().update(
    (s) => {
      const { grader: _, ...rest } = withSettings(s, { ...DEFAULT_SETTINGS });
      return rest;
    },
    { required: true },
  );
  deps.output().out("Settings reset to their defaults.");
}
