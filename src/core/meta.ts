import { stripControl } from "./text.js";
import type { KeyPoint, QuizMeta } from "./types.js";

/** The shared topic vocabulary for tags; weak topics are built from these and from section slugs. */
export const TAGS = [
  "etcd",
  "controllers",
  "api-concurrency",
  "architecture",
  "crds",
  "operators",
  "webhooks",
  "multi-cluster",
  "gitops",
  "dns",
  "secrets",
  "policy",
  "cni",
  "network-policy",
  "ebpf",
  "kube-proxy",
  "ingress",
  "service-mesh",
  "istio",
  "security",
  "observability",
  "traffic-management",
] as const;

const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === "string" && x.trim() !== "");

/**
 * Checks a parsed `<!-- quiz -->` block and keeps what is usable: a field of the wrong shape is
 * reported and dropped on its own, so a half-right block still enriches its question.
 */
export function validateMeta(input: unknown): { meta: QuizMeta; problems: string[] } {
  // Deck text is untrusted: control characters and escape sequences never get past here.
  const data = cleanStrings(input);
  const meta: QuizMeta = {};
  const problems: string[] = [];
  if (data === null || data === undefined) return { meta, problems };
  if (typeof data !== "object" || Array.isArray(data)) {
    return { meta, problems: ["quiz block must be a YAML mapping"] };
  }
  const d = data as Record<string, unknown>;
  const known = new Set(["choices", "keyPoints", "tags", "note", "difficulty"]);
  for (const key of Object.keys(d)) if (!known.has(key)) problems.push(`unknown field "${key}"`);

  if (d.choices !== undefined) {
    const c = d.choices as Record<string, unknown>;
    if (typeof c !== "object" || c === null || Array.isArray(c)) problems.push("choices must be a mapping");
    else {
      if (typeof c.correct === "string" && c.correct.trim()) meta.correct = c.correct.trim();
      else problems.push("choices.correct must be a non-empty string");
      if (isStringList(c.wrong)) meta.wrong = c.wrong.map((w) => w.trim());
      else problems.push("choices.wrong must be a list of strings");
    }
  }
  if (d.keyPoints !== undefined) {
    const k = d.keyPoints;
    if (typeof k !== "object" || k === null || Array.isArray(k)) problems.push("keyPoints must be a mapping");
    else {
      const points: KeyPoint[] = [];
      for (const [label, value] of Object.entries(k)) {
        // A list of words, or a mapping { subject, words } for a point that is about one of the things
        // a question compares.
        const spec =
          value && typeof value === "object" && !Array.isArray(value)
            ? (value as Record<string, unknown>)
            : undefined;
        const listed = wordList(spec ? spec.words : value);
        const subject = spec?.subject === undefined ? undefined : wordList(spec.subject);
        if (spec) {
          for (const key of Object.keys(spec))
            if (key !== "words" && key !== "subject")
              problems.push(`key point "${label}": unknown field "${key}"`);
          if (spec.subject !== undefined && !subject)
            problems.push(`key point "${label}": subject must be a name or a list of names`);
        }
        // The label itself always counts as hitting its point, besides the listed words.
        if (listed) {
          const point: KeyPoint = {
            label,
            words: [...new Set([...listed, label].map((w) => w.toLowerCase().trim()))],
          };
          if (subject) point.subject = [...new Set(subject.map((w) => w.toLowerCase().trim()))];
          points.push(point);
        } else problems.push(`key point "${label}" needs a list of words`);
      }
      meta.keyPoints = points;
    }
  }
  if (d.tags !== undefined) {
    if (isStringList(d.tags)) meta.tags = d.tags.map((t) => t.trim().toLowerCase());
    else problems.push("tags must be a list of strings");
  }
  if (d.note !== undefined) {
    if (typeof d.note === "string" && d.note.trim()) meta.note = d.note.trim();
    else problems.push("note must be a string");
  }
  if (d.difficulty !== undefined) {
    if (d.difficulty === 1 || d.difficulty === 2 || d.difficulty === 3) meta.difficulty = d.difficulty;
    else problems.push("difficulty must be 1, 2 or 3");
  }
  return { meta, problems };
}

/** A non-empty list of strings, or one string as a list of one. */
function wordList(v: unknown): string[] | undefined {
  if (isStringList(v)) return v;
  return typeof v === "string" && v.trim() ? [v] : undefined;
}

/** A copy of parsed YAML with every string (keys too) stripped of control characters. */
function cleanStrings(v: unknown): unknown {
  if (typeof v === "string") return stripControl(v);
  if (Array.isArray(v)) return v.map(cleanStrings);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [stripControl(k), cleanStrings(x)]));
  }
  return v;
}
