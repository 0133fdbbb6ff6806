import { stemmer } from "stemmer";
import { plainLetters, stripControl } from "../text.js";

/** One word of a typed answer or a key phrase: as typed (lower-cased) and its Porter stem. */
export interface Token {
  raw: string;
  stem: string;
  /**
   * Joined to the next word by a hyphen ("built-in", "level-triggered"): in a key phrase the two
   * are one term, matched only side by side, never with words between.
   */
  tight?: boolean;
}

/**
 * Abbreviations and spellings that candidates use for the same term, written out the long way so that
 * "kv", "k/v" and "key-value" all read as "key value". Both answers and key phrases go through this
 * table, so a deck may use either form.
 */
const EXPANSIONS: Record<string, string> = {
  kv: "key value",
  l2: "layer 2",
  l3: "layer 3",
  l4: "layer 4",
  l7: "layer 7",
  mtls: "mutual tls",
  ssl: "tls",
  crd: "custom resource definition",
  crds: "custom resource definitions",
  cr: "custom resource",
  crs: "custom resources",
  k8s: "kubernetes",
  netpol: "network policy",
  netpols: "network policies",
  networkpolicy: "network policy",
  networkpolicies: "network policies",
  db: "database",
  dbs: "databases",
  dr: "disaster recovery",
  lb: "load balancer",
  lbs: "load balancers",
  authz: "authorization",
  authn: "authentication",
  cert: "certificate",
  certs: "certificates",
  ca: "certificate authority",
  repo: "repository",
  repos: "repositories",
  infra: "infrastructure",
  app: "application",
  apps: "applications",
  config: "configuration",
  configs: "configurations",
  apiserver: "api server",
  "api-server": "api server",
  multicluster: "multi cluster",
  ebpf: "bpf",
  "e.g": "",
  "i.e": "",
  "etc.": "",
};

/** Two-word spellings of one idea that the table above cannot reach word by word: "k/v" is "k" then "v". */
const PAIRS: Record<string, string> = { "k v": "key value", "k8s io": "k8s.io" };

/**
 * The words of a text, lower-cased, with hyphens, slashes and "=" read as spaces ("kube-proxy" is
 * "kube proxy", "add/update/delete" three words) but dots inside a word kept ("nginx.conf").
 */
export function tokenize(text: string): Token[] {
  const lower = stripControl(text)
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'");
  // A colon is kept as a word of its own: no phrase needs it, but a denial stops there ("replacing
  // kube-proxy and the CNI: IPVS for Services" does not deny IPVS).
  // An "=" standing alone says what the left side is ("operator = app-specific controller"): read as
  // that colon. Inside a word ("app=frontend", "!=") it is no such thing.
  // Letters in two forms: plainLetters says why.
  const found = [
    ...lower.matchAll(
      plainLetters(lower)
        ? /[A-Za-z0-9]+(?:[.'][A-Za-z0-9]+)*|:(?=\s|$)|(?<=\s|^)=(?=\s|$)/gu
        : /[\p{L}\p{N}]+(?:[.'][\p{L}\p{N}]+)*|:(?=\s|$)|(?<=\s|^)=(?=\s|$)/gu,
    ),
  ];
  const expanded: string[] = [];
  // Positions in `expanded` whose word is hyphened to the next one.
  const joined = new Set<number>();
  let end = -1;
  for (const m of found) {
    const w = m[0] === "=" ? ":" : m[0];
    if (expanded.length && m.index === end + 1 && lower[end] === "-") joined.add(expanded.length - 1);
    end = m.index + m[0].length;
    const word = w.endsWith("'s") ? w.slice(0, -2) : w;
    const long = EXPANSIONS[word];
    if (long === undefined) expanded.push(word);
    else if (long) expanded.push(...long.split(" "));
  }
  const out: Token[] = [];
  const push = (raw: string, tight: boolean) =>
    out.push(tight ? { raw, stem: stemOf(raw), tight } : { raw, stem: stemOf(raw) });
  for (let i = 0; i < expanded.length; i++) {
    const pair = PAIRS[`${expanded[i]} ${expanded[i + 1]}`];
    if (pair) {
      const parts = pair.split(" ");
      for (const [n, raw] of parts.entries()) push(raw, n < parts.length - 1 || joined.has(i + 1));
      i++;
    } else push(expanded[i] as string, joined.has(i));
  }
  return out;
}

function stemOf(word: string): string {
  // Porter stems only plain words; "nginx.conf", "v1alpha1" and "409" stay as they are.
  return /^[a-z]+$/.test(word) ? stemmer(word) : word;
}

/**
 * Where one clause ends and the next begins. Sentences end at . ! ? ; or a line break; inside one,
 * commas and words that turn to another subject ("but", "while", "whereas", "unlike") start a new
 * clause. A colon does not: "Flannel: a simple overlay" is one clause. A clause is the unit a key point
 * must sit in.
 */
const SENTENCE = /(?:[.!?;]+(?=\s|$)|\n+|\s[-\u2013\u2014]\s|\(|\))/u;
const CLAUSE = /,|\s(?:but|while|whereas|unlike|although|though|however|and then|then|so that|because)\s/u;

/** A text cut into sentences, each cut into clauses of tokens. */
export function clausesOf(text: string): Token[][][] {
  return text
    .split(SENTENCE)
    .map((s) =>
      s
        .split(CLAUSE)
        .map(tokenize)
        .filter((c) => c.length),
    )
    .filter((s) => s.length);
}
