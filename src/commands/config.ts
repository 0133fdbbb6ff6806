import { startOfDay } from "../core/dates.js";
import { examPlan } from "../core/exam-date.js";
import { withSettings } from "../core/progress.js";
import { DEFAULT_PAUSE, DEFAULT_SETTINGS, SETTING_RULES, type Settings } from "../core/state.js";
import { nearest } from "../core/text.js";
import type { Deps } from "../deps.js";
import { UsageError } from "../errors.js";

const KEYS = Object.keys(SETTING_RULES) as (keyof Settings)[];

function keyOf(name: string): keyof Settings {
  const key = KEYS.find((k) => k.toLowerCase() === name.toLowerCase().replace(/[-_]/g, ""));
  if (key) return key;
  const guess = nearest(name, KEYS);
  throw new UsageError(
    `unknown setting "${name}"${guess ? ` (did you mean ${guess}?)` : ""}; settings: ${KEYS.join(", ")}`,
  );
}

/** `k8s-quiz config get [key]`. */
export async function configGetCommand(
  deps: Deps,
  name: string | undefined,
  opts: { json?: boolean },
): Promise<void> {
  // A setting newer than the file is shown at its default.
  const settings: Settings = { pause: DEFAULT_PAUSE, ...deps.store().read().settings };
  const out = deps.output();
  if (name !== undefined) {
    const key = keyOf(name);
    out.out(opts.json ? JSON.stringify(settings[key]) : String(settings[key]));
    return;
  }
  if (opts.json) out.json(settings);
  else for (const k of KEYS) out.out(`${k} = ${settings[k]}`);
}

/** `k8s-quiz config set <key> <value>`: validated against the setting's rule. */
export async function configSetCommand(deps: Deps, name: string, raw: string): Promise<void> {
  const key = keyOf(name);
  // Plain decimals only: Number() would also take "0x10", "1e2" and " 7", which no flag accepts.
  const value: unknown =
    typeof DEFAULT_SETTINGS[key] === "number" && /^-?(\d+\.?\d*|\.\d+)$/.test(raw) ? Number(raw) : raw;
  if (!SETTING_RULES[key].accepts(value)) {
    throw new UsageError(`${key} must be ${SETTING_RULES[key].describe}, got "${raw}"`);
  }
  // An exam already behind us would plan nothing; said now rather than ignored later.
  const exam = key === "examDate" ? examPlan(value as string) : undefined;
  if (exam && exam.at < startOfDay(deps.now()))
    throw new UsageError(`examDate ${exam.date} has passed; give a date from today on, or "" for none`);
  await deps.store().update((s) => withSettings(s, { ...s.settings, [key]: value }), { required: true });
  deps.output().out(`${key} = ${value}`);
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
  await deps.store().update((s) => withSettings(s, { ...DEFAULT_SETTINGS }), { required: true });
  deps.output().out("Settings reset to their defaults.");
}
