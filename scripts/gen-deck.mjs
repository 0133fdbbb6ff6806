// Generates a large, deterministic Markdown deck for the start-up benchmark (issue 8).
//
//   node scripts/gen-deck.mjs [count=10000] [out-file]     (prints to stdout without out-file)
//
// The deck uses the user-deck format: `##` section headings, `### N. prompt` questions,
// a `**Answer:**` marker and an answer body with prose, bullet lists (some nested), inline code
// and, every few questions, a fenced code block (yaml, bash or go) so that a line scanner has to
// track fences. The output depends only on `count`: the same input always gives the same bytes.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const TOPICS = [
  "Scheduling & Resource Management",
  "Storage & Persistent Volumes",
  "Security & RBAC",
  "Observability & Debugging",
  "Workloads & Controllers",
  "Cluster Upgrades & Lifecycle",
  "Autoscaling",
  "Configuration & Secrets",
  "Networking Deep Dive",
  "Control Plane Tuning",
];

const NOUNS = [
  "pod",
  "node",
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "Service",
  "EndpointSlice",
  "Ingress",
  "PersistentVolumeClaim",
  "ConfigMap",
  "Secret",
  "ServiceAccount",
  "admission webhook",
  "CRD",
  "operator",
  "kubelet",
  "kube-proxy",
  "scheduler",
  "etcd cluster",
  "CNI plugin",
  "HorizontalPodAutoscaler",
  "PodDisruptionBudget",
  "NetworkPolicy",
  "taint",
  "priority class",
];

const STEMS = [
  "How does the {a} interact with the {b} during a rolling update?",
  "What happens to a {a} when its {b} is deleted?",
  "How would you debug a {a} that cannot reach its {b}?",
  "Why might a {a} be evicted even though the {b} looks healthy?",
  "What is the difference between a {a} and a {b}?",
  "How do you secure the {a} so that only the {b} can use it?",
  "Which fields of a {a} does the {b} watch, and why?",
  "How do you scale a {a} safely when the {b} is under pressure?",
];

const PHRASES = [
  "The controller reconciles the desired state stored in etcd with what it observes",
  "Watches are level-triggered, so a missed event is repaired on the next resync",
  "The API server validates the object, runs admission, then persists it",
  "Labels and selectors tie the objects together; nothing is linked by name alone",
  "Resource requests drive scheduling, while limits are enforced by the kubelet via cgroups",
  "Finalizers block deletion until the owning controller has cleaned up",
  "Owner references let the garbage collector remove dependents in the background",
  "Readiness gates keep traffic away until the workload reports it is ready",
  "The kubelet reports status through the node lease and the pod status subresource",
  "RBAC rules are additive: there is no deny, so grant the narrowest verbs you can",
];

const FENCES = [
  [
    "```yaml",
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: web-{n}",
    "spec:",
    "  replicas: 3",
    "  selector:",
    "    matchLabels: { app: web-{n} }",
    "  template:",
    "    metadata:",
    "      labels: { app: web-{n} }",
    "    spec:",
    "      containers:",
    "        - name: web",
    "          image: nginx:1.27",
    "          resources:",
    "            requests: { cpu: 100m, memory: 128Mi }",
    "```",
  ],
  [
    "```bash",
    "kubectl get pods -n team-{n} -o wide",
    "kubectl describe pod web-{n}-0 | sed -n '/Events/,$p'",
    "# A line that looks like a heading inside a fence must not start a question:",
    "### {n}. not a question",
    "kubectl rollout status deploy/web-{n} --timeout=60s",
    "```",
  ],
  [
    "```go",
    "func (r *Reconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {",
    "\tvar obj appsv1.Deployment",
    "\tif err := r.Get(ctx, req.NamespacedName, &obj); err != nil {",
    "\t\treturn ctrl.Result{}, client.IgnoreNotFound(err)",
    "\t}",
    "\t// ensure replicas for shard {n}",
    "\treturn ctrl.Result{RequeueAfter: 30 * time.Second}, nil",
    "}",
    "```",
  ],
];

/** A small deterministic PRNG (mulberry32), so the deck is identical on every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Builds a deck of `count` questions split into sections of `perSection` questions.
 * Returns the Markdown text.
 */
export function generateDeck(count = 10_000, { perSection = 500, seed = 8 } = {}) {
  const rand = rng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const out = [];
  for (let n = 1; n <= count; n++) {
    if ((n - 1) % perSection === 0) {
      const s = Math.floor((n - 1) / perSection);
      const last = Math.min(count, n + perSection - 1);
      const topic = TOPICS[s % TOPICS.length];
      const part = s >= TOPICS.length ? ` ${Math.floor(s / TOPICS.length) + 1}` : "";
      out.push(`## 🔹 ${topic}${part} (Questions ${n}-${last})`, "");
    }
    const a = pick(NOUNS);
    let b = pick(NOUNS);
    if (b === a) b = NOUNS[(NOUNS.indexOf(a) + 1) % NOUNS.length];
    out.push(`### ${n}. ${pick(STEMS).replace("{a}", a).replace("{b}", b)}`, "");
    out.push("**Answer:**");
    out.push(
      `${pick(PHRASES)}. For a \`${a}\` this means the \`${b}\` sees the change within one sync period.`,
    );
    const bullets = 2 + Math.floor(rand() * 4);
    for (let i = 0; i < bullets; i++) {
      out.push(`- **${pick(NOUNS)}:** ${pick(PHRASES).toLowerCase()}.`);
      if (rand() < 0.25)
        out.push(`  - Check it with \`kubectl get ${a.toLowerCase().replace(/\s+/g, "")} -A\`.`);
    }
    if (n % 7 === 0) {
      out.push("", ...pick(FENCES).map((l) => l.replaceAll("{n}", String(n))));
    }
    if (rand() < 0.3) out.push("", `> Tip: ${pick(PHRASES)}.`);
    out.push("", "---", "");
  }
  return out.join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const count = Number(process.argv[2] ?? 10_000);
  if (!Number.isInteger(count) || count < 1) {
    process.stderr.write("usage: node scripts/gen-deck.mjs [count] [out-file]\n");
    process.exit(2);
  }
  const text = generateDeck(count);
  if (process.argv[3]) writeFileSync(process.argv[3], text);
  else process.stdout.write(text);
}
