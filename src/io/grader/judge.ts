import type { GraderSettings as Settings } from "../../core/grader-settings.js";
import { scoreOf } from "../../core/grading.js";
import type { SessionIO } from "../../core/session.js";
import type { Question } from "../../core/types.js";
import { completionsUrl, gradeByModel, type ModelGrader } from "./llm.js";

/** The model grader as the settings describe it, or why it cannot be used. */
export function modelGrader(settings: Settings, env: NodeJS.ProcessEnv): ModelGrader | { why: string } {
  if (!settings["llm.model"]) return { why: "llm.model is not set (k8s-quiz config set llm.model NAME)" };
  const keyEnv = settings["llm.keyEnv"];
  const key = keyEnv ? env[keyEnv] : undefined;
  return {
    url: settings["llm.url"],
    model: settings["llm.model"],
    ...(key ? { key } : {}),
    timeoutMs: settings["llm.timeout"] * 1000,
  };
}

/** Where recall answers go under these settings, in one sentence for `config get` and the README. */
export function whereAnswersGo(settings: Settings): string {
  if (settings.grader !== "llm")
    return "Recall answers stay on this machine: graded by key points, nothing is sent.";
  const keyEnv = settings["llm.keyEnv"];
  return `Recall answers are sent with their question, reference answer and key points to ${completionsUrl(settings["llm.url"])} (model ${settings["llm.model"] || "not set"}${keyEnv ? `, key from $${keyEnv}` : ""}); k8s-quiz config set grader keypoints stops it.`;
}

/**
 * A session's judge when the model grades: recall answers go to the model, everything else (and
 * every failure) to the key points. Each failure is said in one line; the answer is kept either way.
 */
export function modelJudge(
  settings: Settings,
  env: NodeJS.ProcessEnv,
  warn: (line: string) => void,
  /** The learner's accepted phrasings of a question's key point, sent along as such. */
  accepted: (q: Question, label: string) => readonly string[] = () => [],
): SessionIO["judge"] | undefined {
  if (settings.grader !== "llm") return undefined;
  const grader = modelGrader(settings, env);
  let said = false;
  return async (p, given) => {
    if (p.mode !== "recall" || given.mode !== "recall") return undefined;
    if ("why" in grader) {
      if (!said) warn(`warning: the model grader is not used: ${grader.why}; grading by key points`);
      said = true;
      return undefined;
    }
    const keyEnv = settings["llm.keyEnv"];
    if (keyEnv && !grader.key && !said) {
      warn(`warning: llm.keyEnv names ${keyEnv}, which is not set; asking the model without a key`);
      said = true;
    }
    const verdict = await gradeByModel(grader, p.question, p.keyPoints, given.text, (label) =>
      accepted(p.question, label),
    );
    if (!verdict.ok) {
      warn(`warning: the model ${verdict.why}; graded by key points instead`);
      return undefined;
    }
    const score = scoreOf(verdict.grade);
    return {
      presented: p,
      given,
      grade: verdict.grade,
      score,
      correct: score === 1,
      coverage: verdict.coverage,
    };
  };
}
