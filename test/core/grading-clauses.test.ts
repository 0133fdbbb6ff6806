import { describe, expect, it } from "vitest";
import { isGenericPhrase } from "../../src/core/grading/generic.js";
import { clausesOf } from "../../src/core/grading/tokens.js";
import { scoreRecall, suggestGrade, type Verdict } from "../../src/core/grading.js";
import { validateMeta } from "../../src/core/meta.js";
import type { KeyPoint } from "../../src/core/types.js";

// The rebuilt grader, one behaviour at a time: clauses, inflections, gaps, spellings, negation,
// subjects, misconceptions and generic words. Each table row is an answer and the verdict a person
// would give the point.

const kp = (label: string, words: string[], subject?: string[]): KeyPoint =>
  subject ? { label, words, subject } : { label, words };

const verdicts = (text: string, points: KeyPoint[]) =>
  Object.fromEntries(scoreRecall(text, points).verdicts.map((v) => [v.point.label, v.verdict]));

const one = (text: string, point: KeyPoint): Verdict =>
  scoreRecall(text, [point]).verdicts[0]?.verdict ?? "missed";

describe("words as candidates say them", () => {
  it.each([
    { text: "it keeps upgrading the app", point: kp("Upgrades", ["upgrade"]), want: "hit" },
    { text: "the client retries", point: kp("Retry", ["retry"]), want: "hit" },
    { text: "controllers reconcile continuously", point: kp("Reconciliation", ["reconciles"]), want: "hit" },
    { text: "it keeps the actual running state", point: kp("Actual state", ["actual state"]), want: "hit" },
    {
      text: "reconciling the actual cluster state",
      point: kp("Actual state", ["actual state"]),
      want: "hit",
    },
    { text: "the state that is actual", point: kp("Actual state", ["actual state"]), want: "missed" },
    {
      text: "actual numbers, and much later the state",
      point: kp("Actual state", ["actual state"]),
      want: "missed",
    },
    { text: "it does load balancing", point: kp("LB", ["loadbalancing"]), want: "hit" },
    { text: "a NetworkPolicy selects pods", point: kp("Policy", ["network policy"]), want: "hit" },
    { text: "a key-value database", point: kp("KV", ["kv store"]), want: "missed" },
    { text: "a distributed kv store", point: kp("KV", ["key-value store"]), want: "hit" },
    { text: "it routes at L3", point: kp("Layer 3", ["layer 3"]), want: "hit" },
    { text: "calls are secured with mTLS", point: kp("Mutual TLS", ["mutual tls"]), want: "hit" },
    { text: "you define a custom resource definition", point: kp("CRD", ["crd"]), want: "hit" },
    {
      text: "Informer.AddEventHandler() registers it",
      point: kp("Handlers", ["addeventhandler"]),
      want: "hit",
    },
    { text: "apply apiextensions.k8s.io/v1", point: kp("API group", ["apiextensions"]), want: "hit" },
  ] as const)("'$text' -> $want", ({ text, point, want }) => {
    expect(one(text, point)).toBe(want);
  });

  it("a phrase must sit in one clause: a comma or a full stop ends it", () => {
    const point = kp("Watch cache", ["watch cache"]);
    expect(one("a watch cache", point)).toBe("hit");
    expect(one("we watch. Cache is separate", point)).toBe("missed");
    expect(one("we watch, cache is separate", point)).toBe("missed");
  });

  it("cuts a text into sentences and clauses", () => {
    const shape = clausesOf("Flannel: simple, no policies. Calico - BGP; fast (L3)").map((s) =>
      s.map((c) => c.map((t) => t.raw).join(" ")),
    );
    expect(shape).toEqual([["flannel : simple", "no policies"], ["calico"], ["bgp"], ["fast"], ["layer 3"]]);
  });
});

describe("negation", () => {
  const level = kp("Level-triggered reconciliation", ["level triggered", "reconcile"]);
  const etcd = kp("etcd as source of truth", ["etcd"]);
  const raft = kp("Raft", ["raft"]);
  it.each([
    { text: "It is level triggered and uses etcd", want: "hit" },
    { text: "It is not level triggered", want: "contradicted" },
    { text: "it isn't level-triggered at all", want: "contradicted" },
    { text: "it's never level triggered", want: "contradicted" },
    { text: "it isn\u2019t level triggered", want: "contradicted" },
    { text: "not just level triggered but also fast", want: "hit" },
  ] as const)("'$text' -> $want", ({ text, want }) => {
    expect(one(text, level)).toBe(want);
  });

  it("the issue's example: 'not level triggered, does not use etcd or raft' is Again, not 4/4 Good", () => {
    const c = scoreRecall("It is not level triggered, does not use etcd or raft", [level, etcd, raft]);
    expect(c.contradicted.map((k) => k.label)).toEqual([level.label, etcd.label, raft.label]);
    expect(suggestGrade(c)).toBe("again");
  });

  it("a point that states an absence is hit by any wording of it, and contradicted by its presence", () => {
    const noIptables = kp("No iptables", ["no iptables"]);
    expect(one("Cilium doesn't need iptables", noIptables)).toBe("hit");
    expect(one("it works without iptables", noIptables)).toBe("hit");
    expect(one("it skips iptables entirely", noIptables)).toBe("hit");
    expect(one("an iptables-free data path", noIptables)).toBe("hit");
    expect(one("an iptables based CNI", noIptables)).toBe("contradicted");
  });

  it("'X isn't needed' denies X; 'without' denies the words right after it, not the verb after those", () => {
    const controller = kp("Needs a controller", ["needs a controller"]);
    expect(one("a controller isn't needed", kp("Controller", ["controller is needed", "a controller"]))).toBe(
      "contradicted",
    );
    expect(one("it needs a controller to do anything", controller)).toBe("hit");
    const ignored = kp("Ignored", ["ignored"]);
    expect(one("plugins without policy support ignore it", ignored)).toBe("hit");
    expect(one("without policy it is ignored", ignored)).toBe("hit");
  });

  it("a misconception listed with '!' contradicts the point when said, and not when denied", () => {
    const watch = kp("Watch instead of polling", ["watch", "!polls"]);
    expect(one("it opens a watch", watch)).toBe("hit");
    expect(one("it polls the API server every 5 seconds", watch)).toBe("contradicted");
    expect(one("it opens a watch and never polls", watch)).toBe("hit");
  });
});

describe("subjects: a point about Flannel counts only when said of Flannel", () => {
  const points = [
    kp("Calico: BGP", ["bgp", "layer 3"], ["calico"]),
    kp("Calico: enforces NetworkPolicies", ["network policies"], ["calico"]),
    kp("Flannel: simple VXLAN overlay", ["simple overlay", "vxlan"], ["flannel"]),
    kp("Flannel: no NetworkPolicy", ["no network policies"], ["flannel"]),
  ];
  const all = (v: Verdict) => Object.fromEntries(points.map((p) => [p.label, v]));

  it("the issue's example: 'Flannel is just an overlay using VXLAN, doesn't support network policies'", () => {
    const got = verdicts("Flannel is just an overlay using VXLAN, doesn't support network policies", points);
    expect(got["Flannel: simple VXLAN overlay"]).toBe("hit");
    expect(got["Flannel: no NetworkPolicy"]).toBe("hit");
  });

  it.each([
    "Flannel is a simple VXLAN overlay with no network policies. Calico uses BGP and enforces network policies.",
    "Calico routes at L3 with BGP and supports network policies, while Flannel is a simple overlay without network policies",
    "flannel - vxlan overlay, no netpol; calico - BGP, L3, has netpol",
  ])("right either way round: %s", (text) => {
    expect(verdicts(text, points)).toEqual(all("hit"));
  });

  it("swapped roles contradict every point", () => {
    const text =
      "Calico is a simple VXLAN overlay without network policies, while Flannel uses BGP and enforces network policies";
    expect(verdicts(text, points)).toEqual(all("contradicted"));
    expect(suggestGrade(scoreRecall(text, points))).toBe("again");
  });

  it("a generic absence ('no policies') counts when said of the subject, and is never read backwards", () => {
    const point = kp("Flannel: no policy", ["no policies"], ["flannel"]);
    expect(one("flannel is simpler, vxlan only, no policies", point)).toBe("hit");
    expect(one("Flannel leaves policies to Calico", point)).toBe("missed");
  });

  it("an answer that never names a subject speaks of the first one (the question's topic)", () => {
    expect(verdicts("It uses BGP.", points)["Calico: BGP"]).toBe("hit");
  });

  it("'An operator is a controller for one app' is said of the operator", () => {
    const op = [
      kp("Operator: one application", ["one application"], ["operator"]),
      kp("Controller: generic", ["generic"], ["controller"]),
    ];
    expect(verdicts("An operator is a controller for one application", op)).toEqual({
      "Operator: one application": "hit",
      "Controller: generic": "missed",
    });
    expect(verdicts("Operator: a controller for one application", op)["Operator: one application"]).toBe(
      "hit",
    );
  });

  it("a subject named only in a comparison ('than Istio', 'like Istio') is not who the words are about", () => {
    const mesh = [
      kp("Linkerd: light", ["lighter", "simpler"], ["linkerd"]),
      kp("Istio: complex", ["more features", "more complex"], ["istio"]),
    ];
    expect(verdicts("Linkerd is lighter than Istio, which has more features", mesh)).toEqual({
      "Linkerd: light": "hit",
      "Istio: complex": "hit",
    });
    // Linkerd is not the complex one: its words given to Linkerd contradict Istio's point.
    expect(verdicts("Linkerd uses Envoy like Istio but is more complex", mesh)["Istio: complex"]).toBe(
      "contradicted",
    );
  });

  it("a generic word near the other subject is no sign of a swap", () => {
    const ing = [
      kp("Ingress is a rule", ["rules"], ["ingress"]),
      kp("Controller does the work", ["nginx"], ["ingress controller", "controller"]),
    ];
    expect(
      verdicts("The Ingress is the rule. The ingress controller, nginx, reads those rules", ing),
    ).toEqual({
      "Ingress is a rule": "hit",
      "Controller does the work": "hit",
    });
  });
});

describe("generic words", () => {
  it.each([
    ["sync", true],
    ["events", true],
    ["the cluster", true],
    ["pushes", true],
    ["no controller", true],
    ["!sync", true],
    ["leader election", false],
    ["stateful", false],
    ["raft", false],
  ] as const)("'%s' generic: %s", (phrase, want) => {
    expect(isGenericPhrase(phrase)).toBe(want);
  });

  it("one generic word alone never hits a point that has better words", () => {
    const point = kp("Only one active replica", ["active", "only one replica"]);
    expect(one("the pods are active", point)).toBe("missed");
    expect(one("only one replica works", point)).toBe("hit");
  });

  it("but it does, next to the point's subject", () => {
    const point = kp("Calico: policies", ["policies"], ["calico"]);
    expect(one("Calico has policies", point)).toBe("hit");
  });
});

describe("a key point in a deck may name its subject", () => {
  it("reads { subject, words } and a plain list alike", () => {
    const { meta, problems } = validateMeta({
      keyPoints: {
        "Flannel: overlay": { subject: "Flannel", words: ["VXLAN", "overlay"] },
        "Calico: BGP": { subject: ["Calico", "calico cni"], words: ["bgp"] },
        Raft: ["raft"],
      },
    });
    expect(problems).toEqual([]);
    expect(meta.keyPoints).toEqual([
      { label: "Flannel: overlay", words: ["vxlan", "overlay", "flannel: overlay"], subject: ["flannel"] },
      { label: "Calico: BGP", words: ["bgp", "calico: bgp"], subject: ["calico", "calico cni"] },
      { label: "Raft", words: ["raft"] },
    ]);
  });

  it("says what is wrong with a bad one", () => {
    const { problems } = validateMeta({
      keyPoints: { A: { subject: 3, words: ["x"] }, B: { subject: "x" }, C: { words: ["y"], weight: 2 } },
    });
    expect(problems).toEqual([
      'key point "A": subject must be a name or a list of names',
      'key point "B" needs a list of words',
      'key point "C": unknown field "weight"',
    ]);
  });
});

describe("terms, misconceptions and what a subject is", () => {
  it.each([
    { text: "it only watches built-in resources", want: "hit" },
    { text: "it only watches builtin resources", want: "hit" },
    { text: "it only watches built in resources", want: "hit" },
    // The parts of a hyphened term side by side: "built on custom resources" is not "built-in resources".
    { text: "an operator is built on custom resources", want: "missed" },
    { text: "built with in-house resources", want: "missed" },
  ] as const)("a hyphened key term: '$text' -> $want", ({ text, want }) => {
    expect(one(text, kp("Generic", ["built-in resources"]))).toBe(want);
  });

  it.each([
    // Said as such, one small word apart at most: a contradiction.
    { text: "the api only keeps one version", want: "contradicted" },
    { text: "you can only have the one version", want: "contradicted" },
    // The words far apart, or with other words between, say something else.
    { text: "serve the new one in the versions list next to the old ones", want: "hit" },
    { text: "one of the versions is the storage version, all are served", want: "hit" },
  ] as const)("a misconception must be said, not pieced together: '$text' -> $want", ({ text, want }) => {
    expect(one(text, kp("Several versions", ["versions", "served", "!one version"]))).toBe(want);
  });

  const roles = [
    kp("Operator uses custom resources", ["custom resources", "crds"], ["operator", "operators"]),
    kp("Controller is a generic loop", ["generic loop", "any resource"], ["controller", "controllers"]),
  ];

  it.each([
    "An operator is an app-specific controller built on CRDs.",
    "operator = app-specific controller built on CRDs",
    "An operator: a custom controller that uses CRDs",
  ])("a subject said to be a kind of the other is still the subject: '%s'", (text) => {
    expect(verdicts(text, roles)["Operator uses custom resources"]).toBe("hit");
  });

  it("a rival named after a joining word is a subject of its own: the roles are swapped", () => {
    expect(verdicts("An operator is app-specific and a controller uses CRDs", roles)).toMatchObject({
      "Operator uses custom resources": "contradicted",
    });
    // "app=frontend" is no copula: "=" inside a word is just a word break.
    expect(
      clausesOf("app=frontend")
        .flat()[0]
        ?.map((t) => t.raw),
    ).toEqual(["application", "frontend"]);
  });
});

describe("a denial across the words that say who does it", () => {
  it.each([
    {
      text: "Instead of every controller hammering the API server, one watch feeds a cache",
      point: kp("Less load", ["reduce load", "don't hammer the api server"]),
      want: "hit",
    },
    {
      text: "it watches, instead of each client polling",
      point: kp("Watch", ["watch", "!polling"]),
      want: "hit",
    },
    // Not a verb in -ing: "no policy" denies the policy, not "everything is allowed".
    {
      text: "If no policy selects a pod everything is allowed",
      point: kp("Default allow", ["everything is allowed"]),
      want: "hit",
    },
    // Said plainly, the misconception still counts.
    {
      text: "each client keeps polling the API",
      point: kp("Watch", ["watch", "!polling"]),
      want: "contradicted",
    },
  ] as const)("'$text' -> $want", ({ text, point, want }) => {
    expect(one(text, point)).toBe(want);
  });
});

describe("small words between a phrase's words", () => {
  const point = kp("Finalizer removed", ["removes the finalizer"]);
  it.each([
    { text: "the controller removes its entry from the finalizers list", want: "hit" },
    { text: "it removes the finalizer", want: "hit" },
    // Two words that say something are as far apart as a phrase may be; more, and it says something else.
    { text: "it removes old pods, nodes and then a finalizer", want: "missed" },
  ] as const)("'$text' -> $want", ({ text, want }) => {
    expect(one(text, point)).toBe(want);
  });
});
