import { compilePhrase } from "./match.js";
import type { Token } from "./tokens.js";

/**
 * Words that turn up in answers to almost any Kubernetes question, so that one of them alone shows
 * nothing about a key point: "active", "events", "group", "sync" let off-topic answers score. A key
 * phrase made of one such word counts only when its point names a subject (then the word must sit next
 * to it) or when the point has nothing better; `deck check` warns about them.
 */
const GENERIC = new Set(
  `active event events group groups sync syncs synced syncing data state states cluster clusters pod pods
  service services node nodes controller controllers resource resources object objects api traffic network
  networking rule rules loop loops change changes changed update updates updated create created creates
  delete deleted deletes security policy policies version versions configuration system systems application
  applications container containers kubernetes value values key keys store stores stored run runs running use
  uses used using work works manage manages managed management handle handles handled simple fast local
  global central scale result results metric metrics match matches generic yaml proxy push deploy deploys
  routing route routes binary environment region diff identity complex heavy lean tool tooling
  tools level layer feature features support supports thing things way ways user users code logic type
  types kind kinds call calls request requests time check checks list lists read reads write writes
  default defaults file files server servers client clients setup process`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Whether a key phrase comes down to one generic word ("sync", "the events", "no controller") once
 * abbreviations are expanded and small words and negations left out.
 */
export function isGenericPhrase(phrase: string): boolean {
  const { core } = compilePhrase(phrase.replace(/^!/, ""));
  const word = core.length === 1 ? (core[0] as Token).raw : "";
  // Plurals too ("pushes", "regions"), but not every word that shares a stem ("stateful", "generates").
  return GENERIC.has(word) || GENERIC.has(word.replace(/e?s$/, "")) || GENERIC.has(word.replace(/s$/, ""));
}
