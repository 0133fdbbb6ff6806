export const GRADERS = ["keypoints", "llm"] as const;
export type GraderName = (typeof GRADERS)[number];

/**
 * Who grades recall answers, and where a model is. Kept apart from Settings, and only the keys the
 * learner set: a file that never chose a grader says nothing about one.
 */
export interface GraderSettings {
  /** The key points on this machine, or a model at llm.url. */
  grader: GraderName;
  "llm.url": string;
  "llm.model": string;
  /** The NAME of the environment variable holding the API key: the key itself is never stored. */
  "llm.keyEnv": string;
  /** Seconds to wait for the model before grading by key points instead. */
  "llm.timeout": number;
}

/** What each grader setting accepts; the same rule for `config set` and for a stored value. */
export const GRADER_RULES: {
  [K in keyof GraderSettings]: { describe: string; accepts: (v: unknown) => boolean };
} = {
  grader: {
    describe: "keypoints (on this machine) or llm (sends recall answers to llm.url)",
    accepts: (v) => GRADERS.includes(v as GraderName),
  },
  "llm.url": {
    describe: "an http:// or https:// URL ending before /chat/completions, such as http://127.0.0.1:11434/v1",
    accepts: (v) =>
      typeof v === "string" && /^https?:\/\/[^\s/]+(\/\S*)?$/.test(v) && !/\/chat\/completions\/?$/.test(v),
  },
  "llm.model": {
    describe: "a model name such as llama3.1, or empty",
    accepts: (v) => typeof v === "string" && v.length <= 200 && !/[\p{Cc}]/u.test(v),
  },
  "llm.keyEnv": {
    // A name, not a key: "sk-..." is refused, so a pasted key is never written to the file.
    describe: "the name of an environment variable, such as OPENAI_API_KEY, or empty for none",
    accepts: (v) => typeof v === "string" && /^([A-Za-z_][A-Za-z0-9_]{0,99})?$/.test(v),
  },
  "llm.timeout": {
    describe: "seconds from 1 to 600",
    accepts: (v) => typeof v === "number" && v >= 1 && v <= 600,
  },
};

export const DEFAULT_GRADER: GraderSettings = {
  grader: "keypoints",
  "llm.url": "http://127.0.0.1:11434/v1",
  "llm.model": "",
  "llm.keyEnv": "",
  "llm.timeout": 15,
};

/** The grader settings in force: the learner's, over the defaults. */
export const graderOf = (s: { grader?: Partial<GraderSettings> }): GraderSettings => ({
  ...DEFAULT_GRADER,
  ...s.grader,
});
