import type { KeyPoint } from "../types.js";
import { isGenericPhrase } from "./generic.js";
import { compilePhrase, findSpans, isDenied, type Phrase, type Span } from "./match.js";
import { clausesOf, type Token } from "./tokens.js";

/** What an answer did with one key point: said it, left it out, or said the opposite (or of the wrong subject). */
export type Verdict = "hit" | "missed" | "contradicted";

export interface PointVerdict {
  point: KeyPoint;
  verdict: Verdict;
  /** The key phrase that decided the verdict, and the answer's words it matched. */
  phrase?: string;
  said?: string;
}

export interface Coverage {
  hit: KeyPoint[];
  missed: KeyPoint[];
  contradicted: KeyPoint[];
  /** Share of key points hit, 0 to 1. */
  ratio: number;
  /** One per key point, in the order of the points. */
  verdicts: PointVerdict[];
  /** A short reason per key point label, when the grader gives one (a model does). */
  reasons?: Record<string, string>;
  /** Who graded: the key points on this machine, or a model (`config set grader llm`). */
  by?: "keypoints" | "llm";
}

interface Mention extends Span {
  subject: number;
  /** Named only as what the subject is compared with ("than Istio"): not who the words are about. */
  compared?: boolean;
}

/** A clause with the subjects named in it, and the subject carried over from the clauses before. */
interface Clause {
  tokens: Token[];
  mentions: Mention[];
  carried: number | undefined;
}

/** Where the question's subjects ("Flannel", "egress") are named in a clause, the longest name first. */
function mentionsIn(tokens: readonly Token[], subjects: readonly Phrase[][]): Mention[] {
  const names = subjects
    .flatMap((phrases, subject) => phrases.map((p) => ({ p, subject })))
    .sort((a, b) => b.p.core.length - a.p.core.length);
  const out: Mention[] = [];
  const taken = new Set<number>();
  for (const { p, subject } of names) {
    for (const s of findSpans(tokens, p.core)) {
      if (s.end - s.start !== p.core.length) continue;
      let free = true;
      for (let i = s.start; i < s.end; i++) if (taken.has(i)) free = false;
      if (!free) continue;
      for (let i = s.start; i < s.end; i++) taken.add(i);
      out.push({ ...s, subject });
    }
  }
  out.sort((a, b) => a.start - b.start);
  // "An operator is a controller for one app", "Operator: a controller for one app": a subject named as
  // what another one is, is not the subject of what follows; nor is one it is compared with ("lighter
  // than Istio", "uses Envoy like Istio").
  return out
    .filter((m, i) => {
      const prev = out[i - 1];
      if (!prev) return true;
      const between = tokens.slice(prev.end, m.start).map((t) => t.raw);
      return !(between.length && (between.every((w) => COPULA.has(w)) || isPredicate(between)));
    })
    .map((m) => {
      const before = tokens[m.start - 1]?.raw ?? "";
      const twoBefore = tokens[m.start - 2]?.raw ?? "";
      const compared =
        COMPARED.has(before) || ((before === "to" || before === "with") && COMPARED.has(twoBefore));
      return compared ? { ...m, compared } : m;
    });
}

/**
 * "is an app-specific controller", "= a custom controller": a copula and a few words that describe
 * the noun after them, which is then what the subject is, not a subject of its own. A joining word
 * ("and", "than", "with") among them means the noun starts something else.
 */
function isPredicate(between: readonly string[]): boolean {
  if (between.length > 4 || !LINKS.has(between[0] ?? "")) return false;
  return between.slice(1).every((w) => !BREAKS.has(w));
}
const LINKS = new Set(["is", "are", ":", "means"]);
const BREAKS = new Set(
  "and or but than like unlike vs versus while whereas which that who with without not no from over".split(
    " ",
  ),
);

const RELATIVE = new Set(["which", "who", "whose"]);
const COMPARED = new Set("like than unlike vs versus from over compared similar relative opposed".split(" "));
const COPULA = new Set(
  "is are just also basically really a an the kind type sort of special like :".split(" "),
);

/**
 * The subject the words at `span` are said of: one named among them, else the nearest one named before
 * them, else after them, else the one carried over from the clauses before.
 */
function subjectAt(c: Clause, span: Span): { subject: number | undefined; floor: number } {
  const named = c.mentions.filter((m) => !m.compared);
  const inside = named.find((m) => m.start >= span.start && m.end <= span.end);
  if (inside) return { subject: inside.subject, floor: span.start };
  const before = named.filter((m) => m.end <= span.start).at(-1);
  if (before) return { subject: before.subject, floor: before.end };
  const after = named.find((m) => m.start >= span.end);
  return { subject: after?.subject ?? c.carried, floor: 0 };
}

const subjectKey = (p: KeyPoint) => (p.subject?.length ? p.subject.join("|") : undefined);

/**
 * Scores a typed answer against key points, clause by clause. A point is hit when one of its phrases
 * occurs in a clause (inflections, small typos and a word or two in between allowed), said of the
 * point's subject when it names one. It is contradicted when the answer denies it ("not level
 * triggered"), or says it of a rival subject (Calico's BGP given to Flannel).
 */
export function scoreRecall(text: string, points: readonly KeyPoint[]): Coverage {
  const judged = judgeAll(text, points);
  const verdicts = judged.map((j) => j.verdict);
  const of = (v: Verdict) => verdicts.filter((x) => x.verdict === v).map((x) => x.point);
  const hit = of("hit");
  return {
    hit,
    missed: of("missed"),
    contradicted: of("contradicted"),
    ratio: points.length ? hit.length / points.length : 0,
    verdicts,
  };
}

/** A place in an answer: a span of words of its clause number `clause`, counted as clausesOf cuts it. */
export interface Place {
  clause: number;
  span: Span;
}

/**
 * Every place in a typed answer that earned one of the points it hit, not only the one the verdict
 * shows: the words an accepted phrasing must leave out, as they are credited already.
 */
export function creditedPlaces(text: string, points: readonly KeyPoint[]): Place[] {
  return judgeAll(text, points)
    .filter((j) => j.verdict.verdict === "hit")
    .flatMap((j) => j.hits.map((e) => ({ clause: e.clause, span: e.span })));
}

function judgeAll(text: string, points: readonly KeyPoint[]): Judged[] {
  const subjectKeys = [...new Set(points.map(subjectKey).filter((k): k is string => k !== undefined))];
  const subjects = subjectKeys.map((k) => k.split("|").map(compilePhrase));
  const clauses: Clause[] = [];
  // Until the answer names one, it speaks of the question's first subject ("What is Linkerd, how is it
  // different from Istio?" is answered about Linkerd), which is the first key point's.
  let carried: number | undefined = subjects.length ? 0 : undefined;
  let compared: number | undefined;
  for (const sentence of clausesOf(text)) {
    for (const tokens of sentence) {
      const mentions = subjects.length ? mentionsIn(tokens, subjects) : [];
      // "lighter than Istio, which has more features": "which" is Istio, though Istio was only compared.
      const relative = RELATIVE.has(tokens[0]?.raw ?? "") ? compared : undefined;
      clauses.push({ tokens, mentions, carried: relative ?? carried });
      carried = mentions.filter((m) => !m.compared).at(-1)?.subject ?? relative ?? carried;
      compared = mentions.at(-1)?.subject;
    }
  }
  const found = points.map((point) => gather(point, clauses, subjectKeys));
  // Words that earn a rival subject's own point, whole ("Service IPs" for kube-proxy's Service load
  // balancing, where this point's "IPs" is a part), are that subject's, not a sign this point was
  // given to it: "pod IPs" said of the CNI plugin and "Service IPs" of kube-proxy is right twice.
  const credited = found.flatMap((f) => f.hits.map((h) => ({ ...h, subject: f.subject })));
  return found.map((f) =>
    verdictOf(
      f,
      f.against.filter(
        (e) =>
          !e.rival ||
          !credited.some(
            (h) =>
              h.subject !== undefined &&
              h.subject !== f.subject &&
              h.clause === e.clause &&
              covers(h.span, e.span),
          ),
      ),
    ),
  );
}

/** What one place in the answer says about a point: that it holds, or that it does not. */
interface Evidence {
  clause: number;
  span: Span;
  phrase: string;
  holds: boolean;
  wrong: boolean;
  /** Against the point because it is said of another subject than the point's. */
  rival?: boolean;
}

/** Everything the answer says for and against one point, before the other points are weighed. */
interface Gathered {
  point: KeyPoint;
  /** Index of the point's subject among the answer's subjects; undefined for a point without one. */
  subject: number | undefined;
  hits: Evidence[];
  against: Evidence[];
  clauses: readonly Clause[];
}

/** A point's verdict, and every place that said it holds. */
interface Judged {
  verdict: PointVerdict;
  hits: Evidence[];
}

function gather(point: KeyPoint, clauses: readonly Clause[], subjectKeys: readonly string[]): Gathered {
  const own = subjectKey(point);
  const subject = own === undefined ? undefined : subjectKeys.indexOf(own);
  const all = point.words.map(compilePhrase).filter((p) => p.core.length);
  // One generic word alone ("events") tells nothing, unless it must sit next to the point's subject.
  const usable = all.filter((p) => !isGenericPhrase(p.text) || (subject !== undefined && !p.wrong));
  // A point with nothing but generic words (a derived one, say) still needs some way to be hit.
  const phrases = usable.length ? usable : all.filter((p) => !p.wrong);
  const found: Evidence[] = [];
  clauses.forEach((c, index) => {
    for (const phrase of phrases) {
      const literal = phrase.negative ? findSpans(c.tokens, phrase.full, phrase.wrong) : [];
      // "No policies" read backwards would let any mention of policies contradict the point: a generic
      // absence counts only as said.
      const backwards = !(phrase.negative && isGenericPhrase(phrase.text));
      const spans = [
        ...literal.map((span) => ({ span, said: true })),
        ...(backwards ? findSpans(c.tokens, phrase.core, phrase.wrong) : [])
          .filter((span) => !literal.some((l) => overlaps(l, span)))
          .map((span) => ({ span, said: undefined })),
      ];
      for (const { span, said } of spans) {
        const at = subjectAt(c, span);
        if (subject !== undefined && at.subject === undefined) continue;
        // Said: the answer states the phrase (for "no iptables", that iptables are absent).
        const stated = said ?? isDenied(c.tokens, span, at.floor) === phrase.negative;
        const ours = subject === undefined || at.subject === subject;
        const evidence = { clause: index, span, phrase: phrase.text, wrong: phrase.wrong };
        if (phrase.wrong) {
          // A misconception said of this point's subject (or of none) contradicts it; denied, it is no evidence.
          if (stated && ours) found.push({ ...evidence, holds: false });
        } else if (stated && ours) found.push({ ...evidence, holds: true });
        // Denied of a rival subject is what the answer should say of it; and a generic word near the
        // other subject ("rules", "traffic") is no sign the roles were swapped.
        else if (ours) found.push({ ...evidence, holds: false });
        else if (stated && !isGenericPhrase(phrase.text))
          found.push({ ...evidence, holds: false, rival: true });
      }
    }
  });
  const hits = found.filter((e) => e.holds);
  // Words a hit already accounts for ("avoiding the 5000 node limit") cannot also deny the point; a
  // misconception ("container image standard") always does.
  const against = found.filter(
    (e) => !e.holds && (e.wrong || !hits.some((h) => h.clause === e.clause && overlaps(h.span, e.span))),
  );
  return { point, subject, hits, against, clauses };
}

/** A point's verdict from what was gathered for it and the evidence against it that stands. */
function verdictOf({ point, hits, clauses }: Gathered, against: readonly Evidence[]): Judged {
  const decisive = against[0] ?? hits[0];
  if (!decisive) return { verdict: { point, verdict: "missed" }, hits };
  return {
    verdict: {
      point,
      verdict: against.length ? "contradicted" : "hit",
      phrase: decisive.phrase,
      said: spanText(clauses[decisive.clause] as Clause, decisive.span),
    },
    hits,
  };
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
/** `a` takes in all of `b`: the rival's own phrase holds every word this point's phrase matched. */
const covers = (a: Span, b: Span) => a.start <= b.start && b.end <= a.end;

const spanText = (c: Clause, span: Span) =>
  c.tokens
    .slice(span.start, span.end)
    .map((t) => t.raw)
    .join(" ");
