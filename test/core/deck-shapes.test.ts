import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDeck } from "../../src/core/deck-parser.js";
import { cleanPrompt, cleanTitle } from "../../src/core/deck-shapes.js";
import { ROOT } from "../helpers/bin.js";

// Issue 16, "Shapes to read" and "Defects stay local": one fixture per shape or defect, each read
// whole. A question is [number, section slug, prompt, answer]; a problem is "line: message".

const DIR = join(ROOT, "test", "fixtures", "decks", "shapes");

type Expected = {
  fixture: string;
  shape: string;
  sections: string[];
  questions: [number, string, string, string][];
  problems: string[];
};

const CASES: Expected[] = [
  {
    fixture: "prompt-below.md",
    shape: "a numbered heading with no text takes its prompt from the line below; none there, it is skipped",
    sections: ["Basics"],
    questions: [
      [1, "basics", "What is a Pod?", "The smallest deployable unit."],
      [2, "basics", "What is a Node?", "A worker machine."],
    ],
    problems: ["15: question has no prompt: skipped", "16: question 3 has no prompt: skipped"],
  },
  {
    fixture: "sub-steps.md",
    shape: "numbered sub-headings deeper than an answered question are its steps, not questions",
    sections: ["Upgrades"],
    questions: [
      [
        1,
        "upgrades",
        "How do you upgrade a cluster?",
        "Steps:\n\n#### 1. Drain the nodes\n\n`kubectl drain NODE`\n\n#### 2. Upgrade the control plane\n\n`kubeadm upgrade apply`",
      ],
      [
        2,
        "upgrades",
        "What is a PodDisruptionBudget?",
        "A limit on voluntary disruptions.\n\n#### 1. Why does it matter?\n\nDrains respect it.",
      ],
    ],
    problems: [],
  },
  {
    fixture: "bold-numbered.md",
    shape: "bold line with its number: **Q1: What is Kubernetes?**",
    sections: ["Kubernetes Condensed"],
    questions: [
      [1, "kubernetes-condensed", "What is Kubernetes?", "An orchestrator for containers."],
      [
        2,
        "kubernetes-condensed",
        "What is a Pod?",
        "The smallest deployable unit.\n- One or more containers.",
      ],
    ],
    problems: [],
  },
  {
    fixture: "bold-label.md",
    shape: "bold label then the prompt: **Q:** …, with **A:** answers",
    sections: ["Basics"],
    questions: [
      [1, "basics", "What is etcd?", "A consistent key-value store."],
      [2, "basics", "What is the API server?", "The front door of the control plane."],
    ],
    problems: [],
  },
  {
    fixture: "bold-question-number.md",
    shape: "**Question 3:** …, the prompt on its line or the next",
    sections: ["Workloads"],
    questions: [
      [3, "workloads", "What does a Deployment manage?", "ReplicaSets, and through them pods."],
      [4, "workloads", "What is a DaemonSet?", "A pod on every node."],
    ],
    problems: [],
  },
  {
    fixture: "bold-plain.md",
    shape: "a bold line that asks: **What is X?**, with **Solution:**",
    sections: ["Docker"],
    questions: [
      [1, "docker", "What is an image?", "A read-only template."],
      [2, "docker", "What is a container?", "A running instance of an image."],
    ],
    problems: [],
  },
  {
    fixture: "heading-levels.md",
    shape:
      "numbered question headings at every level: # 1. / ## 2. / #### Question 4: / ## Q5: / ### Scenario 6:",
    sections: ["d"],
    questions: [
      [1, "d", "What is AWS?", "Amazon's cloud."],
      [2, "d", "What is EC2?", "Virtual machines."],
      [4, "d", "What is S3?", "Object storage."],
      [5, "d", "What is IAM?", "Identity and access management."],
      [
        6,
        "d",
        "A pod cannot pull its image. What do you check?",
        "The image name, the registry credentials and the node's network.",
      ],
    ],
    problems: [],
  },
  {
    fixture: "section-with-questions.md",
    shape: "a numbered heading with questions under it is their section",
    sections: ["Basics", "Networking"],
    questions: [
      [1, "basics", "What is a Node?", "A worker machine."],
      [2, "basics", "What is a Pod?", "A group of containers."],
      [3, "networking", "What is a Service?", "A stable address for pods."],
    ],
    problems: ['1: "Basics" has questions under it: read as their section, its text as no answer'],
  },
  {
    fixture: "decorated.md",
    shape: "decorated numbers: ### **1. …**, ### 🔹 7. …, ### 3️⃣ …",
    sections: ["Core"],
    questions: [
      [1, "core", "What is a ReplicaSet?", "It keeps a number of pods running."],
      [7, "core", "What is a StatefulSet?", "Pods with stable identities."],
      [3, "core", "What is a Job?", "A pod that runs to completion."],
    ],
    problems: [],
  },
  {
    fixture: "unnumbered-headings.md",
    shape: 'unnumbered question headings, numbered by position: ## Q: "…", ## What …?, ## Problem: …',
    sections: ["Interview"],
    questions: [
      [1, "interview", "What is a Pod?", "The smallest deployable unit."],
      [2, "interview", "What is a Service?", "A stable virtual IP for a set of pods."],
      [3, "interview", "Design a rollout with zero downtime", "Use a rolling update with readiness probes."],
    ],
    problems: [],
  },
  {
    fixture: "numbered-list.md",
    shape: "numbered-list Q&A with an indented answer: 1.  **What …?**",
    sections: ["Storage"],
    questions: [
      [
        1,
        "storage",
        "What is a PersistentVolume?",
        "A piece of storage in the cluster.\nIt outlives any pod.",
      ],
      [2, "storage", "What is a PersistentVolumeClaim?", "A request for storage by a user."],
    ],
    problems: [],
  },
  {
    fixture: "topic-q.md",
    shape: "a topic heading over **Q:** / **Interviewer:** and **A:**: the Q text is the prompt",
    sections: ["Taints and tolerations", "Affinity"],
    questions: [
      [
        1,
        "taints-and-tolerations",
        "How do you keep pods off a node?",
        "Taint the node; only pods that tolerate the taint are scheduled there.",
      ],
      [2, "affinity", "When would you use pod anti-affinity?", "To spread replicas across nodes or zones."],
    ],
    problems: [],
  },
  {
    fixture: "table.md",
    shape: "a Question/Answer table, with a # column and <br> in cells",
    sections: ["Quick Facts"],
    questions: [
      [1, "quick-facts", "What is kubectl?", "The Kubernetes command-line tool."],
      [2, "quick-facts", "What is a namespace?", "A scope for names.\nIt groups resources."],
    ],
    problems: ['7: question "What is a label?" has no answer: skipped'],
  },
  {
    fixture: "mixed.md",
    shape: "mixed styles in one file",
    sections: ["Mixed"],
    questions: [
      [1, "mixed", "What is a Pod?", "The smallest unit."],
      [2, "mixed", "What is a Node?", "A machine."],
      [3, "mixed", "What is a Service?", "A stable address."],
      [4, "mixed", "What is a Secret?", "Sensitive data."],
    ],
    problems: [],
  },
  {
    fixture: "dirty-titles.md",
    shape: "clean prompts and titles: no ranges, badges, stray ** or trailing emoji",
    sections: ["Junior Level", "Senior Level", "Operators"],
    questions: [
      [1, "junior-level", "What is a Pod?", "A group of containers."],
      [2, "senior-level", "What is etcd?", "A key-value store."],
      [3, "operators", "What is an operator?", "A controller with domain knowledge."],
    ],
    problems: [],
  },
  {
    fixture: "fence-text-close.md",
    shape: "a closing fence followed by text closes the fence",
    sections: ["Basics"],
    questions: [
      [1, "basics", "How do you list pods?", '```bash\nkubectl get pods\n```\n"'],
      [2, "basics", "How do you describe a pod?", "```bash\nkubectl describe pod NAME\n```"],
      [3, "basics", "How do you get logs?", "`kubectl logs NAME`"],
    ],
    problems: [],
  },
  {
    fixture: "fence-unclosed.md",
    shape: "an unclosed fence ends at the next question heading, with a warning naming both lines",
    sections: ["Basics"],
    questions: [
      [1, "basics", "Show a manifest", "```yaml\napiVersion: v1\nkind: Pod\n\n```"],
      [2, "basics", "What is a label?", "A key-value pair on an object."],
    ],
    problems: ["5: code block is never closed: it ends before the question on line 9"],
  },
  {
    fixture: "fence-lang-inside.md",
    shape: "a ```lang line inside an open fence starts a new block",
    sections: ["Basics"],
    questions: [
      [
        1,
        "basics",
        "Show a script and its manifest",
        "```bash\nkubectl apply -f pod.yaml\n```\n```yaml\nkind: Pod\n```",
      ],
      [2, "basics", "What is kind?", "The type of the object."],
    ],
    problems: ["5: code block is not closed before the code block on line 7"],
  },
  {
    fixture: "merged-sources.md",
    shape: "two merged sources in one file: numbers and section slugs renumbered, with warnings",
    sections: ["Basics", "Basics"],
    questions: [
      [1, "basics", "What is a Pod?", "A group of containers."],
      [2, "basics", "What is a Node?", "A machine."],
      [3, "basics-2", "What is a Deployment?", "A controller for ReplicaSets."],
      [4, "basics-2", "What is a Service?", "A stable address."],
    ],
    problems: [
      '11: section "Basics" has the same slug "basics" as line 1: named "basics-2"',
      "13: question 1 repeats the number of line 3: numbered 3",
      "17: question 2 repeats the number of line 7: numbered 4",
    ],
  },
  {
    fixture: "repeated-heading.md",
    shape: "a heading repeated twice in a row is one question",
    sections: ["Basics"],
    questions: [
      [1, "basics", "What is a Pod?", "A group of containers."],
      [2, "basics", "What is a Node?", "A machine."],
    ],
    problems: ["4: repeats the question on line 3: read as one question"],
  },
  {
    fixture: "no-answer.md",
    shape: "a question with no answer is skipped, with a warning",
    sections: ["Basics"],
    questions: [[2, "basics", "What is a Node?", "A machine."]],
    problems: ["3: question 1 has no answer: skipped"],
  },
  {
    fixture: "details.md",
    shape:
      "<details> questions: the summary asks, the block answers; one that only labels an answer is that answer",
    sections: ["System Design"],
    questions: [
      [6, "system-design", "What is horizontal scaling?", "Adding more machines."],
      [2, "system-design", "What is a CDN?", "Servers at the edge that cache content close to users."],
      [
        7,
        "system-design",
        "What is the CAP theorem?",
        "Under a partition, pick consistency or availability.",
      ],
      [5, "system-design", "What is a load balancer?", "It spreads requests over several servers."],
    ],
    problems: ['18: question "What is consistent hashing?" has no answer: skipped'],
  },
  {
    fixture: "comments-rules.md",
    shape: "comments are hidden, text after a rule stays in its answer, a back-to-top link is dropped",
    sections: ["Reliability"],
    questions: [
      [
        1,
        "reliability",
        "What is an SLO?",
        "A target for a service level indicator.\n\n\n---\n\n**Follow-up:** How does an error budget relate to it? It is 100% minus the SLO.",
      ],
      [2, "reliability", "What is toil?", "Manual, repetitive work."],
    ],
    problems: [],
  },
  {
    fixture: "collections.md",
    shape:
      "public collections' shapes: 1. ### headings, Q:/A. lines, plain Answer: markers, a table of contents",
    sections: ["Kubernetes Interview Questions"],
    questions: [
      [1, "kubernetes-interview-questions", "What is Kubernetes", "An open-source container orchestrator."],
      [2, "kubernetes-interview-questions", "What is a node", "A worker machine."],
      [5, "kubernetes-interview-questions", "What is ARP?", "It maps IP addresses to MAC addresses."],
      [
        4,
        "kubernetes-interview-questions",
        "What is a detached HEAD?",
        "HEAD points at a commit instead of a branch.",
      ],
    ],
    problems: [],
  },
  {
    fixture: "steps-no-intro.md",
    shape: "a question answered only by numbered step headings keeps them as its answer",
    sections: ["Operations"],
    questions: [
      [
        1,
        "operations",
        "How do you upgrade a cluster?",
        "#### 1. Upgrade the control plane\n\n`kubeadm upgrade apply`\n\n#### 2. Upgrade the nodes\n\nDrain, upgrade the kubelet, uncordon.",
      ],
      [2, "operations", "What is a Pod?", "The smallest unit."],
    ],
    problems: [],
  },
];

CASES.push({
  fixture: "in-answer.md",
  shape:
    "inside an answer: a <details> that asks, A-D options, a shell comment in a list stay its text; the next number is the next question; an Index heading is a section",
  sections: ["Index"],
  questions: [
    [
      1,
      "index",
      "A Pod is in CrashLoopBackOff. What do you check?",
      "First look at the events.\n\n**Why does the back-off delay grow?**\n\nEach restart doubles it, up to five minutes.\n\nThen read the logs of the previous container.",
    ],
    [2, "index", "Which component stores the cluster state?\nA. kube-scheduler\nB. etcd\nC. kubelet", "B"],
    [3, "index", "How do you reset a node?", "1. # run as root on the node\n2. kubeadm reset"],
    [
      5,
      "index",
      "Explain the Raft consensus algorithm",
      "A leader is elected and replicates a log to followers.",
    ],
  ],
  problems: ["26: question 4 has no answer: skipped"],
});

CASES.push({
  fixture: "tasks.md",
  shape:
    "a task heading answered by a 'show' <details> (CKAD-exercises), 'Question 12' alone over its prompt, and 'Q.5 ...' lines",
  sections: ["Core Concepts"],
  questions: [
    [
      14,
      "core-concepts",
      "Create a namespace called 'mynamespace'",
      "```bash\nkubectl create namespace mynamespace\n```",
    ],
    [
      15,
      "core-concepts",
      "Get pods on all namespaces",
      "kubectl get po --all-namespaces\nor: kubectl get po -A",
    ],
    [
      12,
      "core-concepts",
      "Which command shows the rollout history of a Deployment?",
      "kubectl rollout history deployment/web",
    ],
    [13, "core-concepts", "What is a CronJob?", "It creates Jobs on a cron schedule."],
    [5, "core-concepts", "What is swap space?", "Disk space used as memory."],
  ],
  problems: [],
});

// Shapes found in public decks by an audit (each fixture written here, after the shape).
CASES.push({
  fixture: "details-topics.md",
  shape:
    "a <details> topic over bulleted questions is their section, its end ends it; a <details> that asks is a question",
  sections: ["Basics", "Files", "Linux Notes"],
  questions: [
    [
      1,
      "basics",
      "What is a kernel?",
      "The core of the operating system: it manages hardware, processes and memory.",
    ],
    [
      2,
      "basics",
      "Explain open source versus free software.",
      "Open source is about the code being open; free software is about the user's freedoms.",
    ],
    [3, "files", "What does chmod change?", "The permission bits of a file."],
    [4, "files", "What is an inode?", "The record of a file's metadata and data blocks."],
    [5, "linux-notes", "What is a hard link?", "A second name for the same inode."],
  ],
  problems: [],
});
CASES.push({
  fixture: "list-runs.md",
  shape:
    "a numbered title over 1. **...?** items is their section; a bold item that does not ask is the next of their run; bold only at the start; indented answer markers",
  sections: ["Docker Interview Q&A", "Networking"],
  questions: [
    [1, "docker-interview-q-a", "What is Docker?", "- A platform to build and run containers."],
    [
      2,
      "docker-interview-q-a",
      "Explain the image layer cache.",
      "- Each instruction makes a layer, reused while its inputs are unchanged.",
    ],
    [
      3,
      "docker-interview-q-a",
      "What is the purpose of the `.dockerignore` file?",
      "It keeps files out of the build context.",
    ],
    [4, "docker-interview-q-a", "What is a registry?", "A store of images, such as Docker Hub."],
    [5, "networking", "What is a bridge network?", "- The default network of a single host's containers."],
    [
      6,
      "networking",
      "How do you debug a container's DNS?",
      "1. **Check its resolv.conf.**\n2. **Query the cluster's DNS server from inside it.**",
    ],
  ],
  problems: [
    '1: "Docker Interview Q&A" has questions under it: read as their section, its text as no answer',
    "21: question 1 repeats the number of line 5: numbered 5",
  ],
});
CASES.push({
  fixture: "paren-numbers.md",
  shape:
    "**1)** and (3) numbers with **Ans)** and Ans: markers; a bold step or (1) in an answer stays its text",
  sections: ["Go"],
  questions: [
    [1, "go", "Explain what Go is?", "An open-source, compiled language from Google."],
    [
      2,
      "go",
      "What is a goroutine?",
      "A lightweight thread managed by the Go runtime:\n\n**1.** the runtime multiplexes goroutines onto threads\n(1) each starts with a small stack",
    ],
    [3, "go", "What is a channel?", "A typed conduit between goroutines."],
    [4, "go", "Name the zero value of a map", "nil."],
  ],
  problems: [],
});

CASES.push({
  fixture: "decimal-html-images.md",
  shape:
    "a decimal-numbered heading under a topic is a question; an image between a question and its answer marker is no part of the prompt; <b>3. ...?</b><br> is a bold line",
  sections: ["Cluster Setup", "Services"],
  questions: [
    [4, "cluster-setup", "Check the cluster's version", "```sh\nkubectl version\n```"],
    [
      5,
      "cluster-setup",
      "Join a worker node",
      "Run `kubeadm token create --print-join-command` on the control plane.",
    ],
    [
      2,
      "services",
      "What is a Service?",
      "A stable virtual IP in front of a set of Pods.\n\n---\n\n<b>Python Basics</b><br>",
    ],
    [3, "services", "What is a virtualenv?", "An isolated set of installed packages."],
  ],
  problems: [],
});
CASES.push({
  fixture: "same-level-topics.md",
  shape:
    "a plain heading right over a question heading of its own level is the topic of it and the ones after; one with text under it is not",
  sections: ["AWS", "Git", "DevOps Questions"],
  questions: [
    [1, "aws", "What is EC2?", "Virtual machines in the cloud."],
    [2, "aws", "What is S3?", "Object storage."],
    [3, "git", "Merge versus rebase", "Merge keeps the history; rebase rewrites it onto another base."],
    [4, "devops-questions", "What is a Pod?", "The smallest deployable unit."],
  ],
  problems: [],
});
// Regressions a second audit of 25 more public decks found in the shapes above, and two of its losses.
CASES.push({
  fixture: "steps-under-bold-question.md",
  shape:
    "numbered steps with a bold label and a note under a bold question are its answer, even when the note asks",
  sections: ["AWS"],
  questions: [
    [
      1,
      "aws",
      "How to troubleshoot EC2 connection issues?",
      "1. **Check Security Group** - Is port open? Correct source IP?\n2. **Check NACL** - Both inbound and outbound rules\n3. **Check Route Table** - Internet Gateway attached?\n4. **Check OS Firewall** - Not blocking port?",
    ],
    [2, "aws", "What is S3?", "Object storage."],
  ],
  problems: [],
});
CASES.push({
  fixture: "decimal-parts-of-answer.md",
  shape: "'### 1.1 ...' under a heading that asks or sets a task ('Explain ...') are parts of its answer",
  sections: ["Kubernetes"],
  questions: [
    [
      1,
      "kubernetes",
      "Explain the Kubernetes architecture",
      "### 1.1 Control plane\nAPI server, scheduler, controller manager, etcd.\n\n### 1.2 Worker nodes\nkubelet, kube-proxy, container runtime.",
    ],
    [2, "kubernetes", "What is a Pod?", "The smallest deployable unit."],
  ],
  problems: [],
});
CASES.push({
  fixture: "task-over-checklist.md",
  shape: "a task heading over a '1. **...?**' checklist keeps it as its answer",
  sections: ["K8s"],
  questions: [
    [
      1,
      "k8s",
      "Debug a pod stuck in Pending",
      "1. **Are the nodes full?**\n   Run `kubectl describe nodes`.\n2. **Is the PVC bound?**\n   Run `kubectl get pvc`.",
    ],
    [2, "k8s", "What is a Pod?", "The smallest deployable unit."],
  ],
  problems: [],
});
CASES.push({
  fixture: "details-numbered-topic.md",
  shape: "a numbered <details> topic over bulleted questions is their section, its number off its title",
  sections: ["Basics"],
  questions: [
    [1, "basics", "What is System Design?", "Designing the architecture of large-scale applications."],
    [
      2,
      "basics",
      "What is horizontal vs vertical scaling?",
      "Horizontal: add machines; vertical: a bigger machine.",
    ],
  ],
  problems: [],
});
CASES.push({
  fixture: "exercise-details-answer.md",
  shape:
    "an exercise heading over its task list, answered by a <details><summary>Answer</summary>: the tasks are the question",
  sections: ["Services & Networking"],
  questions: [
    [
      1,
      "services-networking",
      "Connectivity between Pods\n1. Deploy the nginx manifest\n2. Using `kubectl`, identify the Pod IP addresses\n3. Determine the DNS name of the service.",
      "```shell\nkubectl get po -l app=nginx -o wide\n```",
    ],
    [
      2,
      "services-networking",
      "Configure CoreDNS\n1. Identify where the `coredns` configuration lives\n2. Forward unresolved queries to `8.8.8.8`",
      "Edit the config map: `kubectl edit cm coredns -n kube-system`.",
    ],
  ],
  problems: [],
});
CASES.push({
  fixture: "html-bold-inline.md",
  shape: "<b>N. ...</b> with inline <code> is a question; an empty <p></p> is no answer",
  sections: ["JS notes"],
  questions: [
    [1, "js-notes", "What is hoisting?", "<p>Declarations are moved to the top of their scope.</p>"],
    [
      2,
      "js-notes",
      "What is the difference between `==` and `===`?",
      "<p><code>===</code> also compares the types.</p>",
    ],
    [
      4,
      "js-notes",
      "What is a closure?",
      "<p>A function with the variables of the scope it was made in.</p>",
    ],
  ],
  problems: ["6: question 3 has no answer: skipped"],
});
CASES.push({
  fixture: "numbered-ans-lines.md",
  shape:
    "'1. What is X?' over 'Ans: ...' at the margin is a question; a numbered line over the next one is not",
  sections: ["Python"],
  questions: [
    [1, "python", "What is PEP 8?", "The Python style guide."],
    [2, "python", "What is pickling? What is unpickling?", "Turning an object into bytes, and back."],
  ],
  problems: [],
});
describe("deck shapes: each fixture read whole", () => {
  it.each(CASES)("$shape ($fixture)", ({ fixture, sections, questions, problems }) => {
    const d = parseDeck(readFileSync(join(DIR, fixture), "utf8"), {
      file: fixture,
      deck: "d",
      prefixIds: false,
    });
    expect(d.sections.map((s) => s.title)).toEqual(sections);
    expect(d.questions.map((q) => [q.number, q.section, q.prompt, q.answer])).toEqual(questions);
    expect((d.problems ?? []).map((p) => `${p.line}: ${p.message}`)).toEqual(problems);
  });
});

describe("deck shapes: one line each", () => {
  // Each line is followed by an answer; the prompt is what a list shows, with the number read from it.
  const lines: [string, number | undefined, string][] = [
    ["**Q1: What is Kubernetes?**", 1, "What is Kubernetes?"],
    ["**Q:** What is a Pod?", undefined, "What is a Pod?"],
    ["**Question 3:** What is a Node?", 3, "What is a Node?"],
    ["**Q12.** What is etcd?", 12, "What is etcd?"],
    ["**What is X?**", undefined, "What is X?"],
    ['**Interviewer:** "Tell me about Pods?"', undefined, "Tell me about Pods?"],
    ["## 1. What is AWS?", 1, "What is AWS?"],
    ["# 2. What is EC2?", 2, "What is EC2?"],
    ["#### Question 4: What is S3?", 4, "What is S3?"],
    ["## Q3: What is IAM?", 3, "What is IAM?"],
    ["### Scenario 2: The node is NotReady", 2, "The node is NotReady"],
    ["### Q7) What is a taint?", 7, "What is a taint?"],
    ["### 5 - What is a label?", 5, "What is a label?"],
    ["### **1. What is a ReplicaSet?**", 1, "What is a ReplicaSet?"],
    ["### 🔹 7. What is a StatefulSet?", 7, "What is a StatefulSet?"],
    ["### 1️⃣ What is a Job?", 1, "What is a Job?"],
    ['## Q: "What is a CronJob?"', undefined, "What is a CronJob?"],
    ["### What is a Pod?", undefined, "What is a Pod?"],
    ["## Problem: Design a rollout", undefined, "Design a rollout"],
    ["### ✅ What is a Secret? 🔐", undefined, "What is a Secret?"],
    ["### What is a Pod? ![easy](https://img.shields.io/badge/-easy-green)", undefined, "What is a Pod?"],
    ["### What is a Node? (Easy)", undefined, "What is a Node?"],
    ["**What is a Job?** ", undefined, "What is a Job?"],
    ["## 3. What is RBAC? `Hard`", 3, "What is RBAC?"],
    ["1.  **What is a PersistentVolume?**", 1, "What is a PersistentVolume?"],
    ["12) **What is a StorageClass?**", 12, "What is a StorageClass?"],
    ["### Q.1 What is a taint?", 1, "What is a taint?"],
    ["### Question 7 What is a Job?", 7, "What is a Job?"],
    [
      "### [7. What is a topology spread constraint?](https://example.com/spread)",
      7,
      "What is a topology spread constraint?",
    ],
    ['### <a name="q9"></a>9. What is a RuntimeClass?', 9, "What is a RuntimeClass?"],
    ['### 10. What is a static pod?<a id="static"></a>', 10, "What is a static pod?"],
    ["### 1\uFE0F\u20E31\uFE0F\u20E3 What is a ClusterRole?", 11, "What is a ClusterRole?"],
    ["### \u{1F449} **Q13.** What is impersonation?", 13, "What is impersonation?"],
    ["Q: What is ARP?", undefined, "What is ARP?"],
    ["Question 3: What is NAT?", 3, "What is NAT?"],
    ["Q :Why does ssh time out?", undefined, "Why does ssh time out?"],
    ["220. **How do you create a named tuple?**\\", 220, "How do you create a named tuple?"],
    ["1. ### What is Kubernetes", 1, "What is Kubernetes"],
    ["3. What is a subnet mask?", 3, "What is a subnet mask?"],
    ["<details><summary>4. What is a Pod?</summary>The answer.</details>", 4, "What is a Pod?"],
  ];
  it.each(lines)("%s", (line, number, prompt) => {
    const d = parseDeck(`${line}\n\n    The answer.\n`, { file: "x.md", deck: "x", prefixIds: false });
    expect(d.questions.map((q) => [q.prompt, q.answer.trim()])).toEqual([[prompt, "The answer."]]);
    if (number !== undefined) expect(d.questions[0]?.number).toBe(number);
    expect(d.problems).toBeUndefined();
  });

  // Lines a reader takes for text, a heading or a sub-step, never for a question.
  const notQuestions = [
    "### 1.1 Sub-step",
    "### 12 no punctuation",
    "## 2024",
    "**Note:** a bold lead-in",
    "**Problem:** the pod crashes",
    "Quota:5 pods per namespace",
    "1. a plain numbered step",
    "2. Is the pod running?",
    "2. **Bold step**",
    "#hashtag",
    "    ### 4. indented four spaces",
  ];
  it.each(notQuestions)("not a question: %s", (line) => {
    const d = parseDeck(`### 1. What?\n\nAnswer.\n${line}\n`, { file: "x.md", deck: "x", prefixIds: false });
    expect(d.questions).toHaveLength(1);
  });
});

describe("clean prompts and section titles", () => {
  const titles: [string, string][] = [
    ["🚀 Junior Level (221–250) 🔥", "Junior Level"],
    ["Basics (Q1–Q7)", "Basics"],
    ["Basics (Q1-Q7)", "Basics"],
    ["Basics (Questions 1—24)", "Basics"],
    ["Basics [1 - 24]", "Basics"],
    ["1–24: Junior Level", "Junior Level"],
    ["1-24 - Junior Level", "Junior Level"],
    ["Basics - Questions 1-24", "Basics"],
    ["**Networking**", "Networking"],
    ["Operators ![badge](https://img.shields.io/badge/x-y-red)", "Operators"],
    ["[![CI](https://x/y.svg)](https://x) Storage", "Storage"],
    ["ðŸ”¹ Docker Basics (Questions 1-2)", "Docker Basics"],
    ["Kubernetes 1.30 Features", "Kubernetes 1.30 Features"],
    ["C++ & Go", "C++ & Go"],
  ];
  it.each(titles)("title %s -> %s", (raw, clean) => {
    expect(cleanTitle(raw)).toBe(clean);
  });

  const prompts: [string, string][] = [
    ["What is a Pod?", "What is a Pod?"],
    ["What is a Pod? ⭐", "What is a Pod?"],
    ["**What is etcd?**", "What is etcd?"],
    ["What is etcd?**", "What is etcd?"],
    ['"What is a Pod?"', "What is a Pod?"],
    ["What does `kubectl get -o wide` show?", "What does `kubectl get -o wide` show?"],
    ["Why is **etcd** special?", "Why is **etcd** special?"],
    ["How do ports 80-443 differ?", "How do ports 80-443 differ?"],
    ["Explain Pods (1–3)", "Explain Pods"],
    ["Explain ![b](http://x/b.svg) Pods", "Explain Pods"],
    ["What is [CoreDNS](https://coredns.io)?", "What is CoreDNS (https://coredns.io)?"],
    ["What is a [Pod](#pods)?", "What is a Pod?"],
    ["What is [etcd](./etcd.md)?", "What is etcd?"],
    ["Why [javascript:x](javascript:alert(1))?", "Why javascript:x?"],
    // A cloze card's blank is its point; one or two underscores around a prompt are emphasis.
    ["The component that schedules Pods is _____", "The component that schedules Pods is _____"],
    ["_____ stores the cluster's state.", "_____ stores the cluster's state."],
    ["_What is a Pod?_", "What is a Pod?"],
    ["__What is a Node?__", "What is a Node?"],
    ["___What is etcd?___", "What is etcd?"],
    // A hard line break at the end of the line ("**…?**\\") is no part of the prompt.
    ["**How do you create a named tuple?**\\", "How do you create a named tuple?"],
  ];
  it.each(prompts)("prompt %s -> %s", (raw, clean) => {
    expect(cleanPrompt(raw)).toBe(clean);
  });
});

describe("deck shapes: what ends a question", () => {
  const parse = (text: string) => parseDeck(text, { file: "x.md", deck: "x", prefixIds: false });

  it("a heading that asks nothing, with an answer, stays a question when a bold question follows", () => {
    const d = parse(
      "### 5. Explain taints\n\nThey repel pods.\n\n**Q6: What is a toleration?**\n\nA pass.\n",
    );
    expect(d.questions.map((q) => [q.number, q.prompt, q.answer])).toEqual([
      [5, "Explain taints", "They repel pods."],
      [6, "What is a toleration?", "A pass."],
    ]);
  });

  it("bold and list lines that ask, inside a heading question's answer, are its text", () => {
    const d = parse("### 1. What is a Pod?\n\n**Why does it matter?**\n\n1. **Is it a VM?**\n\nNo.\n");
    expect(d.questions).toHaveLength(1);
    expect(d.questions[0]?.answer).toBe("**Why does it matter?**\n\n1. **Is it a VM?**\n\nNo.");
  });

  it("a ### sub-heading that asks, under an answered ## question, is its text", () => {
    const d = parse("## 1. What is a Pod?\n\n**Answer:** A group.\n\n### Why?\n\nSharing.\n");
    expect(d.questions.map((q) => q.answer)).toEqual(["A group.\n\n### Why?\n\nSharing."]);
  });
});

describe("deck shapes: a bare A. marker", () => {
  const parse = (text: string) => parseDeck(text, { file: "x.md", deck: "x", prefixIds: false });

  it.each([
    [
      "a heading",
      "### 1. What is a daemon?\n\nA. A background process.\n\n### 2. What is cron?\n\nA. A scheduler.\n",
    ],
    [
      "a bold line",
      "**What is a daemon?**\n\nA. A background process.\n\n**What is cron?**\n\nA. A scheduler.\n",
    ],
    ["a Q: line", "Q: What is a daemon?\nA. A background process.\n\nQ: What is cron?\nA. A scheduler.\n"],
  ])("opens the answer under %s", (_shape, text) => {
    expect(parse(text).questions.map((q) => [q.prompt, q.answer])).toEqual([
      ["What is a daemon?", "A background process."],
      ["What is cron?", "A scheduler."],
    ]);
  });

  it("is an option, not a marker, over a B. (blank lines between or not)", () => {
    const d = parse(
      "### 1. Which stores state?\n\nA. kubelet\n\nB. etcd\n\n### 2. Which schedules?\n\nA. kube-scheduler\nB. etcd\n",
    );
    expect(d.questions.map((q) => q.answer)).toEqual(["A. kubelet\n\nB. etcd", "A. kube-scheduler\nB. etcd"]);
  });
});

describe("deck shapes: a number glued to its question", () => {
  it("### 13.What … is question 13", () => {
    const d = parseDeck(
      "### 12. What is a Job?\n\nA run to completion.\n\n### 13.What is an init container?\n\nIt runs first.\n",
      {
        file: "x.md",
        deck: "x",
        prefixIds: false,
      },
    );
    expect(d.questions.map((q) => [q.number, q.prompt])).toEqual([
      [12, "What is a Job?"],
      [13, "What is an init container?"],
    ]);
  });
});
CASES.push({
  fixture: "numbered-margin.md",
  shape:
    "'134. What is X?' over bullets, a paragraph or a code block at the margin is a question; a list of questions with nothing between them is not",
  sections: ["Kubernetes notes"],
  questions: [
    [
      134,
      "kubernetes-notes",
      "What is a Pod?",
      "- The smallest deployable unit.\n- Runs one or more containers.",
    ],
    [
      135,
      "kubernetes-notes",
      "What is a Service?",
      "A stable endpoint for a set of Pods.\nTraffic is balanced across them.",
    ],
    [136, "kubernetes-notes", "How do you list the Pods?", "```bash\nkubectl get pods\n```"],
    [137, "kubernetes-notes", "Can a Pod span two nodes?", "No."],
  ],
  problems: [],
});
CASES.push({
  fixture: "heading-over-marker.md",
  shape:
    "a heading that asks nothing ('### Explain EC2') right over '**Answer**:' or 'Ans:' is a question, not a sub-heading of the answer above",
  sections: ["Compute Services", "Storage Services"],
  questions: [
    [
      1,
      "compute-services",
      "Explain EC2",
      "Resizable virtual servers.\n\n**Key Features**:\n- Instance types",
    ],
    [2, "compute-services", "What is Lambda?", "Serverless compute."],
    [
      3,
      "compute-services",
      "Explain ECS and EKS",
      "- ECS is AWS's own orchestrator.\n- EKS is managed Kubernetes.",
    ],
    [4, "storage-services", "Explain EBS", "Block storage for EC2."],
  ],
  problems: [],
});
CASES.push({
  fixture: "table-columns.md",
  shape:
    "a Question table's answers under 'Description' or 'Short Answer'; a table with no answer column (a comparison) is no Q&A",
  sections: ["Processes", "Files"],
  questions: [
    [1, "processes", "How do you list processes?", "`ps aux`"],
    [2, "processes", "How do you kill a process?", "`kill PID`"],
    // Numbered again from 1 in a table of its own: it takes the next number of the deck, with a warning.
    [3, "files", "How do you find large files?", "`du -sh * | sort -h`"],
  ],
  problems: ["14: question 1 repeats the number of line 7: numbered 3"],
});
CASES.push({
  fixture: "answer-heading.md",
  shape:
    "'### Answer:' or '### *Answer:*' right under a question is its answer marker, not a line of its answer; the prompt on the line below a bare 'Q1.' loses its bold",
  sections: ["Shell Q&A"],
  questions: [
    [1, "shell-q-a", "What is Shell?", "**A command line interpreter.**"],
    [2, "shell-q-a", "What is a Shell Script?", "A file of commands."],
    [
      3,
      "shell-q-a",
      "What is Docker?",
      "A container platform.\n\n### Key Differences:\n- Containers share the kernel.",
    ],
    [4, "shell-q-a", "What is an image?", "A read-only template."],
  ],
  problems: [],
});
CASES.push({
  fixture: "link-only.md",
  shape:
    "an answer that is only a link ('See 👉 [Answer](…)') is skipped with a warning; one with words besides its link is an answer",
  sections: ["Docker"],
  questions: [
    [
      1,
      "docker",
      "What is Docker?",
      "A platform to build and run containers. See [the docs](https://docs.docker.com) for more.",
    ],
    [4, "docker", "Where are images kept?", "In a registry: <https://hub.docker.com>."],
  ],
  problems: [
    "7: question 2 has only a link for an answer: skipped",
    "11: question 3 has only a link for an answer: skipped",
  ],
});
CASES.push({
  fixture: "numbered-task-run.md",
  shape:
    "'12. Define X.' as the next of a run of '11. What is Y?' questions is a question (a trailing space after '?' too); numbered steps outside such a run are not",
  sections: ["Azure"],
  questions: [
    [11, "azure", "What is Azure Redis Cache?", "A managed in-memory cache."],
    [12, "azure", "Define Azure Virtual Machine Scale Sets.", "A group of identical, load-balanced VMs."],
    [
      13,
      "azure",
      "What is an Availability Set?",
      "VMs spread across fault domains.\n\nSteps to follow:\n\n1. Install the CLI.\n2. Log in.",
    ],
  ],
  problems: [],
});
// Near misses a review found in the rules above: each read as its author meant, as before them.
CASES.push(
  {
    fixture: "near-misses/steps-under-bold-item.md",
    shape: "'2. Create the ReplicaSet …' as a step of a bold item's numbered answer stays a step",
    sections: ["Kubernetes"],
    questions: [
      [
        1,
        "kubernetes",
        "How do you roll out a new version?",
        "1. Edit the image tag in the manifest.\n2. Create the new ReplicaSet with `kubectl apply -f app.yaml`.\n3. Watch `kubectl rollout status deploy/web`.",
      ],
      [2, "kubernetes", "What is a DaemonSet?", "A Pod on every node."],
    ],
    problems: [],
  },
  {
    fixture: "near-misses/questions-in-bold-item-answer.md",
    shape: "'1. Did it start?' over a line at the margin inside a bold item's answer stays its text",
    sections: ["Debugging"],
    questions: [
      [
        1,
        "debugging",
        "How do you debug a CrashLoopBackOff?",
        "Work through these questions in order:\n\n1. Did the container start at all?\nLook at `kubectl describe pod` events.\n\n2. Does the process exit on its own?\nRead `kubectl logs --previous`.",
      ],
      [2, "debugging", "What is a DaemonSet?", "A Pod on every node."],
    ],
    problems: [],
  },
  {
    fixture: "near-misses/sub-heading-over-marker.md",
    shape: "a sub-heading over 'Answer:' inside a heading question's answer stays part of that answer",
    sections: ["Exercises"],
    questions: [
      [
        3,
        "exercises",
        "Explain rolling updates",
        "A Deployment replaces Pods a few at a time.\n\n#### Rolling back\n\nAnswer: `kubectl rollout undo deploy/web` returns to the previous ReplicaSet.",
      ],
      [4, "exercises", "What is a Node?", "A worker machine."],
    ],
    problems: [],
  },
  {
    fixture: "near-misses/answers-key-heading.md",
    shape: "'## Answers' over an answer key is no answer marker for the unanswered question above it",
    sections: ["Quiz"],
    questions: [[1, "quiz", "What is a Pod?", "The smallest deployable unit."]],
    problems: ['7: question "What is a Node?" has no answer: skipped'],
  },
  {
    fixture: "near-misses/links-with-words.md",
    shape: "answers made of code, link texts, an address after a word or an image are answers, not link-only",
    sections: ["Kubernetes"],
    questions: [
      [
        1,
        "kubernetes",
        "What address does a Pod use to reach the API server?",
        "`https://kubernetes.default.svc`",
      ],
      [
        2,
        "kubernetes",
        "What are the Service types?",
        "- [ClusterIP](https://kubernetes.io/docs/concepts/services-networking/service/#type-clusterip)\n- [NodePort](https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport)\n- [LoadBalancer](https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer)",
      ],
      [3, "kubernetes", "Where does kubectl proxy listen by default?", "At http://localhost:8001."],
      [
        4,
        "kubernetes",
        "What does the architecture look like?",
        "![Kubernetes architecture](images/architecture.png)",
      ],
      [5, "kubernetes", "What is a Node?", "A worker machine."],
    ],
    problems: [],
  },
);
CASES.push({
  fixture: "keycap-lines.md",
  shape:
    "'1️⃣ What is Docker?', '🔟 …' and '11️⃣ …' lines over their answers at the margin are numbered questions",
  sections: ["Docker notes"],
  questions: [
    [1, "docker-notes", "What is Docker?", "A platform for containers."],
    [2, "docker-notes", "What is an image?", "A read-only template."],
    [10, "docker-notes", "What is a volume?", "Storage that outlives a container."],
    [11, "docker-notes", "What is a registry?", "A store of images."],
  ],
  problems: [],
});
CASES.push({
  fixture: "details-question-n.md",
  shape:
    "'<summary>Question 1</summary>' over the question's text and a nested '<summary>Answer</summary>': the text is the prompt, the nested block its answer",
  sections: ["JavaScript"],
  questions: [
    [1, "javascript", "What does `typeof null` return?", '`"object"`, a bug kept for compatibility.'],
    [2, "javascript", "What is a closure?", "A function with the variables of the scope it was made in."],
  ],
  problems: [],
});
CASES.push(
  {
    fixture: "quoted-questions.md",
    shape:
      "'> What is a Pod?' on a line of its own over its answer is a question ('> Explain …' as the next of them); a template's blank labels are no answer, and reference links under their label only a link",
    sections: ["Workloads", "Tips"],
    questions: [
      [
        1,
        "workloads",
        "What is a Pod?",
        "* **Definition:** The smallest deployable unit: one or more containers sharing a network namespace.\n* **Example:** An nginx container with a log-shipping sidecar.\n* **Why:**\n* **References:** [Pods](https://kubernetes.io/docs/concepts/workloads/pods/)",
      ],
      [
        2,
        "workloads",
        "Explain a rolling update",
        "* **Definition:** Pods of the new version replace the old ones a few at a time.\n* **Example:**\n* **Why:**\n* **References:** []()",
      ],
      [
        3,
        "workloads",
        "Compare a StatefulSet with a Deployment.",
        "* **Definition:** Stable names and storage per Pod, at the price of slower, ordered rollouts.",
      ],
      [
        4,
        "tips",
        "Why does a Pod get a new IP when it restarts?",
        "> Because a restarted Pod is a new Pod: its IP comes from the node's Pod CIDR at creation.",
      ],
    ],
    problems: [
      '17: question "What does a Deployment own?" has no answer: skipped',
      '23: question "What is a DaemonSet?" has only a link for an answer: skipped',
    ],
  },
  {
    fixture: "near-misses/quotes-in-answers.md",
    shape:
      "a quote that goes on over two lines, a note, or a quoted question inside an open answer stays text",
    sections: ["Networking"],
    questions: [
      [
        1,
        "networking",
        "What is a Service?",
        "A stable virtual IP in front of a set of Pods.\n\n> Is the IP reachable from outside the cluster?\n\nOnly for NodePort and LoadBalancer Services.\n\n**What is kube-proxy?**\n\n> Why does it matter?\n> Because it programs the rules a Service's IP needs.\n\nIt watches Services and Endpoints.",
      ],
      [
        2,
        "networking",
        "What is a NetworkPolicy?",
        "A firewall for Pods, by label.\n\n> Note: it needs a CNI plugin that enforces it.",
      ],
    ],
    problems: [],
  },
);
CASES.push({
  fixture: "bold-prompt-two-lines.md",
  shape:
    "a bare 'Q1.' over a bold prompt written over two lines takes both as its prompt, and '### *Answer:*' below them marks its answer; a blank line ends the bold",
  sections: ["Shell"],
  questions: [
    [
      1,
      "shell",
      "Determine the output of the following command: $ name=Bob && echo 'My name is $name'",
      "```bash\nMy name is $name\n```",
    ],
    [2, "shell", "What does `set -e` do?", "The shell exits at the first command that fails."],
    [3, "shell", "Which signal does Ctrl+C send?", "SIGINT, to the foreground process group.**"],
  ],
  problems: [],
});
CASES.push(
  {
    fixture: "markdown-wrapper.md",
    shape:
      "a deck pasted inside '```markdown' … '```' (a chatbot's reply) is read as the deck, its headings sections; the reply's words after the closing fence are no answer's",
    sections: ["Workloads", "Networking"],
    questions: [
      [
        1,
        "workloads",
        "What is a Pod?",
        "The smallest deployable unit.\n\nExample:\n```yaml\nkind: Pod\n```",
      ],
      [2, "networking", "What is a Service?", "A stable address in front of Pods."],
    ],
    problems: [],
  },
  {
    fixture: "near-misses/markdown-example-in-answer.md",
    shape: "a '```markdown' block inside an answer is an example, its headings code",
    sections: ["Docs"],
    questions: [
      [
        1,
        "docs",
        "How do you write a heading in a README?",
        "Start the line with `#`:\n\n```markdown\n# My project\n\n## Install\n```",
      ],
      [2, "docs", "What is a front matter block?", "YAML between `---` lines at the top of a file."],
    ],
    problems: [],
  },
);

describe("labels typed with a space before the colon", () => {
  it("'Q :…' over 'A :…' is a question and its marked answer", () => {
    const d = parseDeck(
      "Q :Why does ssh time out ?\nA :A firewall drops the packets.\n\nQ: What is ARP?\nA : Address resolution.\n",
      {
        file: "x.md",
        deck: "x",
        prefixIds: false,
      },
    );
    expect(d.questions.map((q) => [q.prompt, q.answer.trim()])).toEqual([
      ["Why does ssh time out ?", "A firewall drops the packets."],
      ["What is ARP?", "Address resolution."],
    ]);
  });
});

// Decks a review wrote against the quoted-question, template, two-line bold and markdown-wrapper
// rules: each reads as a careful person would.
describe("near misses of quotes, templates, bold prompts and wrapped decks", () => {
  const read = (name: string) => {
    const file = join(DIR, "near-misses", name);
    return parseDeck(readFileSync(file, "utf8"), { file, deck: "x", prefixIds: false });
  };
  it.each([
    [
      "quote-intro-over-plain-list.md",
      [
        "What is a subnet mask?",
        "What is ARP?",
        "What is NAT?",
        "What is the difference between TCP and UDP?",
      ],
    ],
    ["readme-top-quote.md", ["What is a Pod?", "What is a ReplicaSet?"]],
    ["quoted-deck-notes.md", ["What is a closure?", "What is hoisting?", "What is the event loop?"]],
    [
      "quoted-answers.md",
      ["What is NaN?", "When does `this` refer to the global object?", "What does `typeof null` return?"],
    ],
    ["markdown-template-in-readme.md", ["What does `chmod 755` do?", "What is an inode?"]],
    [
      "markdown-wrapper-output-block.md",
      [
        "How do you find files larger than 100 MB?",
        "What does `uname -a` print?",
        "What is a zombie process?",
        "How do you see open ports?",
      ],
    ],
    [
      "bold-whole-card.md",
      ["What is `$$`?", "What does `$!` hold?", "Determine the output of: $ echo $((7 / 2))"],
    ],
    [
      "labels-with-content.md",
      [
        "Monolith vs microservices?",
        "What are the trade-offs of a cache?",
        "When would you use a message queue?",
        "Which tool templates Kubernetes manifests?",
        "Name the four pillars of OOP.",
      ],
    ],
  ])("%s", (name, prompts) => {
    const d = read(name);
    expect(d.questions.map((q) => q.prompt)).toEqual(prompts);
    expect(d.problems ?? []).toEqual([]);
  });

  it("a note quoted inside a quoted question's answer stays in it; a quoted answer is the answer", () => {
    expect(read("quoted-deck-notes.md").questions[0]?.answer).toContain("> Note: arrow functions");
    expect(read("quoted-answers.md").questions[1]?.answer).toBe(
      "> When a plain function is called in sloppy mode without a receiver.",
    );
    expect(read("markdown-wrapper-output-block.md").questions[1]?.answer).toBe(
      "Kernel name, version and architecture, e.g.:\n```\nLinux host 6.8.0 x86_64 GNU/Linux\n```",
    );
  });
});

describe("a three-em dash or a run of em dashes on a line of its own", () => {
  it("rules off an answer as '---' does, and is no answer's text", () => {
    const d = parseDeck(
      "Q1. What is a Pod?\nThe smallest deployable unit.\n\n⸻\n\nQ2. What is a Node?\nA worker machine.\n\n———\n",
      { file: "x.md", deck: "x", prefixIds: false },
    );
    expect(d.questions.map((q) => [q.prompt, q.answer.trim()])).toEqual([
      ["What is a Pod?", "The smallest deployable unit."],
      ["What is a Node?", "A worker machine."],
    ]);
  });
});
