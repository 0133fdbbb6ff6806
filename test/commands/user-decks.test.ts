import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BIN,
  configOf,
  fails,
  feed,
  ok,
  outputLines,
  ROOT,
  type RunResult,
  runBin,
  tempDir,
} from "../helpers/bin.js";

// Decks of the user's own: each supported format through --deck, then registered with `deck add`.

const DECKS = join(ROOT, "test", "fixtures", "user-decks");
const deckFile = (name: string) => join(DECKS, name);

interface ListJson {
  questions: { id: string; number: number; deck: string; section: string; prompt: string }[];
}
interface SectionsJson {
  sections: { slug: string; title: string; aliases: string[]; deck: string; questions: number }[];
}
interface ShowJson {
  id: string;
  section: string;
  sectionTitle: string;
  prompt: string;
  answer: string;
}
interface SessionJson {
  questions: { id: string; section: string; given: string; expected: string; correct: boolean }[];
  totals: { asked: number; answered: number; score: number; percent: number; missed: string[] };
}
interface Config {
  questions: Record<string, { attempts: number; correct: number; lastResult: number }>;
  history: { id: string; section: string; topics: string[] }[];
  decks: { name: string; path: string }[];
}

const json = <T>(r: RunResult): T => JSON.parse(ok(r)) as T;
const userQuestions = (l: ListJson) => l.questions.filter((q) => q.deck !== "k8s");

/** What each fixture must parse to. Answers are exact: the parser's text, not the renderer's. */
interface Case {
  format: string;
  file: string;
  deck: string;
  sections: { slug: string; title: string; questions: number }[];
  questions: { number: number; section: string; prompt: string; answer: string }[];
  /** The section to practise and how many questions it has. */
  practise: string;
  /** A phrase of one answer, checked in `show`'s rendered text, with that question's number. */
  shows: [number, string];
}

const CASES: Case[] = [
  {
    format: "seed format (## 🔹 Title (Questions a-b), ### Question N:, **Answer:**, ---)",
    file: "seed-style.md",
    deck: "seed-style",
    sections: [
      { slug: "container-runtime-basics", title: "Container Runtime Basics", questions: 3 },
      { slug: "image-building", title: "Image Building", questions: 2 },
    ],
    questions: [
      {
        number: 1,
        section: "container-runtime-basics",
        prompt: "What is a container runtime?",
        answer:
          "Software that runs containers on a node, such as **containerd** or **CRI-O**.\n" +
          "- Pulls and unpacks images.\n- Starts processes in namespaces and cgroups.",
      },
      {
        number: 2,
        section: "container-runtime-basics",
        prompt: "How does the kubelet talk to the container runtime?",
        // A `###` heading that is not a question stays in the answer it sits in.
        answer:
          "Through the **CRI** (Container Runtime Interface), a gRPC API.\n\n```go\nclient.RunPodSandbox(ctx, req)\n```\n\n" +
          "### How to Explain in Interview\nThe kubelet is the CRI client and the runtime is the server.",
      },
      {
        number: 3,
        section: "container-runtime-basics",
        prompt: "What does runc do?",
        answer: "It is the low-level OCI runtime that creates the container process.",
      },
      {
        number: 4,
        section: "image-building",
        prompt: "What is a multi-stage build?",
        // A `#` line inside a code fence is never a heading.
        answer:
          "A Dockerfile with several `FROM` stages; only the last stage ships.\n\n" +
          "```dockerfile\n# build stage\nFROM golang:1.22 AS build\n```",
      },
      {
        number: 5,
        section: "image-building",
        prompt: "Why pin base images by digest?",
        answer: "So builds are reproducible: a tag can move, a **digest** cannot.",
      },
    ],
    practise: "container-runtime-basics",
    shows: [3, "low-level OCI runtime"],
  },
  {
    format: "### N. prompt with no **Answer:** marker, # headings with an emoji",
    file: "my-docker.md",
    deck: "my-docker",
    sections: [
      { slug: "docker-volumes", title: "Docker Volumes", questions: 2 },
      { slug: "compose", title: "Compose", questions: 1 },
    ],
    questions: [
      {
        number: 1,
        section: "docker-volumes",
        prompt: "What is a named volume?",
        answer: "Storage that Docker manages under /var/lib/docker/volumes and that outlives the container.",
      },
      {
        number: 2,
        section: "docker-volumes",
        prompt: "How do you mount a host directory into a container?",
        answer: "With a **bind mount**: `docker run -v /host/path:/container/path image`.",
      },
      {
        number: 3,
        section: "compose",
        prompt: "What does `docker compose up -d` do?",
        answer: "It creates and starts every service of the compose file in the background.",
      },
    ],
    practise: "docker-volumes",
    shows: [1, "outlives the container"],
  },
  {
    format: "CRLF line endings and a UTF-8 BOM",
    file: "windows-notes.md",
    deck: "windows-notes",
    sections: [{ slug: "helm-charts", title: "Helm Charts", questions: 2 }],
    questions: [
      {
        number: 1,
        section: "helm-charts",
        prompt: "What is a Helm chart?",
        answer:
          "A package of Kubernetes manifest templates plus their default values.\n" +
          "- `Chart.yaml` names it.\n- `values.yaml` holds the defaults.",
      },
      {
        number: 2,
        section: "helm-charts",
        prompt: "What does helm upgrade --install do?",
        answer: "It upgrades a release, or installs it when the release does not exist yet.",
      },
    ],
    practise: "helm-charts",
    shows: [2, "installs it when the release does not exist yet"],
  },
  {
    format: "mojibake section headings (ðŸ”¹)",
    file: "legacy-export.md",
    deck: "legacy-export",
    sections: [{ slug: "storage-classes", title: "Storage Classes", questions: 2 }],
    questions: [
      {
        number: 1,
        section: "storage-classes",
        prompt: "What is a StorageClass?",
        answer:
          "A template for dynamically provisioned PersistentVolumes: the provisioner and its parameters.",
      },
      {
        number: 2,
        section: "storage-classes",
        prompt: "What does volumeBindingMode WaitForFirstConsumer do?",
        answer: "It delays binding and provisioning until a pod that uses the claim is scheduled.",
      },
    ],
    practise: "storage-classes",
    shows: [2, "until a pod that uses the claim is scheduled"],
  },
  {
    format: "no section heading at all (the deck is its own section)",
    file: "plain-list.md",
    deck: "plain-list",
    sections: [{ slug: "plain-list", title: "plain-list", questions: 2 }],
    questions: [
      {
        number: 1,
        section: "plain-list",
        prompt: "What is a DaemonSet?",
        answer: "A controller that runs one copy of a pod on every matching node.",
      },
      {
        number: 2,
        section: "plain-list",
        prompt: "What is a StatefulSet?",
        answer: "A controller for pods with stable names, stable storage and ordered rollout.",
      },
    ],
    practise: "plain-list",
    shows: [1, "one copy of a pod on every matching node"],
  },
];

beforeAll(() => {
  expect(existsSync(BIN), "run npm run build first").toBe(true);
  // Guard the fixtures themselves: an editor or a checkout could normalise these bytes away.
  const crlf = readFileSync(deckFile("windows-notes.md"));
  expect([...crlf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(crlf.toString("utf8")).toContain("\r\n");
  expect(readFileSync(deckFile("legacy-export.md"), "utf8")).toContain("ðŸ”¹");
});

/** The letters that answer a scripted choice session right, learned from a dry run answering "a". */
function rightLetters(args: readonly string[], count: number, configDir: string): string[] {
  const probe = runBin([...args, "--json", "--dry-run"], { configDir, input: feed(Array(count).fill("a")) });
  const j = json<SessionJson>(probe);
  expect(j.questions).toHaveLength(count);
  return j.questions.map((q) => q.expected);
}

describe.each(CASES)("a user deck in the $format", (c) => {
  const file = deckFile(c.file);
  const id = (n: number) => `${c.deck}:${n}`;

  it("lists its questions with ids prefixed by the deck's name, and --deck k8s adds the bundled bank", () => {
    const only = json<ListJson>(runBin(["list", "--deck", file, "--json"]));
    expect(only.questions.every((q) => q.deck === c.deck)).toBe(true);
    const l = json<ListJson>(runBin(["list", "--deck", "k8s", "--deck", file, "--json"]));
    expect(l.questions.filter((q) => q.deck === "k8s")).toHaveLength(50);
    expect(userQuestions(l)).toEqual(
      c.questions.map((q) => ({
        id: id(q.number),
        number: q.number,
        deck: c.deck,
        section: q.section,
        prompt: q.prompt,
      })),
    );
  });

  it("gives its sections slugs and titles (emoji, ranges, mojibake and BOM gone)", () => {
    const s = json<SectionsJson>(runBin(["sections", "--deck", file, "--json"]));
    expect(s.sections.filter((x) => x.deck === c.deck)).toEqual(
      c.sections.map((x) => ({ ...x, aliases: [], deck: c.deck, mastery: null })),
    );
    const text = ok(runBin(["sections", "--deck", file]));
    for (const x of c.sections) expect(text).toMatch(new RegExp(`^${x.slug} +${x.questions} `, "m"));
  });

  it("shows each question's exact answer (--json) and renders it (text)", () => {
    for (const q of c.questions) {
      const j = json<ShowJson>(runBin(["show", id(q.number), "--deck", file, "--json"]));
      expect(j).toMatchObject({ id: id(q.number), section: q.section, prompt: q.prompt, answer: q.answer });
      expect(j.answer).not.toContain("\r");
    }
    const [n, phrase] = c.shows;
    const text = ok(runBin(["show", id(n), "--deck", file, "--no-color"]));
    expect(text).toContain(`#${id(n)}`);
    expect(text).toContain(c.questions.find((q) => q.number === n)?.prompt);
    expect(text.replace(/\s+/g, " ")).toContain(phrase);
  });

  it("practises its section from piped answers and saves progress under the prefixed ids", () => {
    const dir = tempDir();
    const count = c.sections.find((s) => s.slug === c.practise)?.questions ?? 0;
    const args = ["practice", "--deck", file, "-s", c.practise, "--seed", "1"];
    const right = rightLetters(args, count, dir);
    expect(existsSync(join(dir, "config.json")) ? configOf<Config>(dir).history : []).toEqual([]);

    const j = json<SessionJson>(runBin([...args, "--json"], { configDir: dir, input: feed(right) }));
    const asked = c.questions.filter((q) => q.section === c.practise).map((q) => id(q.number));
    expect(j.questions.map((q) => q.id).sort()).toEqual(asked.sort());
    for (const q of j.questions) expect(q).toMatchObject({ section: c.practise, correct: true });
    expect(j.totals).toMatchObject({ asked: count, answered: count, score: count, percent: 100, missed: [] });

    const config = configOf<Config>(dir);
    expect(Object.keys(config.questions).sort()).toEqual(asked.sort());
    for (const p of Object.values(config.questions))
      expect(p).toMatchObject({ attempts: 1, correct: 1, lastResult: 1 });
    expect(config.history.map((h) => h.id).sort()).toEqual(asked.sort());
    for (const h of config.history) {
      expect(h.section).toBe(c.practise);
      expect(h.topics).toContain(c.practise);
    }
    // --deck is for one run: nothing is registered.
    expect(config.decks).toEqual([]);
  });
});

describe("deck add", () => {
  const MY = ["my-docker:1", "my-docker:2", "my-docker:3"];

  /** A config dir with a copy of my-docker.md registered, so a test may move the file. */
  function registered(): { dir: string; path: string } {
    const dir = tempDir();
    const path = join(tempDir("k8s-quiz-decks-"), "my-docker.md");
    copyFileSync(deckFile("my-docker.md"), path);
    const out = ok(runBin(["deck", "add", path], { configDir: dir }));
    expect(out).toContain('Added deck "my-docker": 3 questions in 2 sections');
    expect(out).toContain("my-docker:1");
    return { dir, path };
  }

  let shared: { dir: string; path: string };
  beforeAll(() => {
    shared = registered();
  });

  it("`deck list` with no decks says how to add one", () => {
    const dir = tempDir();
    expect(ok(runBin(["deck", "list"], { configDir: dir }))).toBe(
      "No decks of your own yet. Add one: k8s-quiz deck add my-questions.md\n",
    );
    expect(json<{ decks: unknown[] }>(runBin(["deck", "list", "--json"], { configDir: dir }))).toEqual({
      decks: [],
    });
  });

  it("keeps the deck's name and absolute path in config.json, and `deck list` counts its questions", () => {
    expect(configOf<Config>(shared.dir).decks).toEqual([{ name: "my-docker", path: shared.path }]);
    const j = json<{ decks: unknown[] }>(runBin(["deck", "list", "--json"], { configDir: shared.dir }));
    expect(j.decks).toEqual([
      {
        name: "my-docker",
        path: shared.path,
        questions: 3,
        sections: ["docker-volumes", "compose"],
        error: null,
      },
    ]);
    const text = ok(runBin(["deck", "list"], { configDir: shared.dir }));
    expect(text).toMatch(/^my-docker +3 +\//m);
  });

  it("registers it with a relative path too, and --name renames its ids", () => {
    const dir = tempDir();
    const out = ok(
      runBin(["deck", "add", "test/fixtures/user-decks/plain-list.md", "--name", "Work Notes"], {
        configDir: dir,
      }),
    );
    expect(out).toContain("work-notes:1");
    expect(configOf<Config>(dir).decks).toEqual([{ name: "work-notes", path: deckFile("plain-list.md") }]);
    const ids = userQuestions(json<ListJson>(runBin(["list", "--json"], { configDir: dir }))).map(
      (q) => q.id,
    );
    expect(ids).toEqual(["work-notes:1", "work-notes:2"]);
  });

  it("makes list, sections and search see it without --deck", () => {
    const { dir } = shared;
    const l = json<ListJson>(runBin(["list", "--json"], { configDir: dir }));
    expect(l.questions).toHaveLength(53);
    expect(userQuestions(l).map((q) => q.id)).toEqual(MY);
    const bySection = json<ListJson>(runBin(["list", "-s", "docker-volumes", "--json"], { configDir: dir }));
    expect(bySection.questions.map((q) => q.id)).toEqual(["my-docker:1", "my-docker:2"]);

    const s = json<SectionsJson>(runBin(["sections", "--json"], { configDir: dir }));
    expect(s.sections.filter((x) => x.deck === "my-docker").map((x) => [x.slug, x.questions])).toEqual([
      ["docker-volumes", 2],
      ["compose", 1],
    ]);
    // With more than one deck, each section's deck is shown beside its slug.
    const text = ok(runBin(["sections"], { configDir: dir }));
    expect(text).toMatch(/^docker-volumes +my-docker +2 +Docker Volumes$/m);
    expect(text).toMatch(/^compose +my-docker +1 +Compose$/m);
    expect(text).toMatch(/^networking +k8s +10 +/m);
    expect(text).toContain("53 questions");

    const found = json<{ results: { id: string; section: string }[] }>(
      runBin(["search", "bind", "mount", "--json"], { configDir: dir }),
    );
    expect(found.results.map((r) => [r.id, r.section])).toEqual([["my-docker:2", "docker-volumes"]]);

    const shown = ok(runBin(["show", "my-docker:3", "--no-color"], { configDir: dir }));
    expect(shown).toContain("every service of the compose file");
  });

  it("practises its section, and weak topics and stats are built from its sections", () => {
    const { dir } = registered();
    const args = ["practice", "-s", "docker-volumes", "--seed", "1"];
    const right = rightLetters(args, 2, dir);
    const wrong = right.map((l) => (l === "a" ? "b" : "a"));
    const out = ok(runBin(args, { configDir: dir, input: feed(wrong) }));
    expect(out).toContain("Score: 0/2 (0%)");
    expect(out).toMatch(/^\[1\/2\] #my-docker:[12] \(docker-volumes\)$/m);

    const config = configOf<Config>(dir);
    expect(Object.keys(config.questions).sort()).toEqual(["my-docker:1", "my-docker:2"]);
    for (const p of Object.values(config.questions)) expect(p).toMatchObject({ attempts: 1, correct: 0 });

    const weak = json<{ weakTopics: { topic: string; accuracy: number; questions: string[] }[] }>(
      runBin(["weak", "--json"], { configDir: dir }),
    );
    expect(weak.weakTopics).toHaveLength(1);
    expect(weak.weakTopics[0]).toMatchObject({ topic: "docker-volumes", accuracy: 0 });
    expect(weak.weakTopics[0]?.questions.sort()).toEqual(["my-docker:1", "my-docker:2"]);

    const stats = json<{
      totals: { answered: number; questionsTotal: number };
      mastery: { section: string; title: string; total: number }[];
      weakTopics: { topic: string }[];
    }>(runBin(["stats", "--json"], { configDir: dir }));
    expect(stats.totals).toMatchObject({ answered: 2, questionsTotal: 53 });
    expect(stats.mastery.find((m) => m.section === "docker-volumes")).toMatchObject({
      title: "Docker Volumes",
      total: 2,
    });
    expect(stats.mastery.find((m) => m.section === "compose")).toMatchObject({ total: 1 });
    expect(stats.weakTopics.map((w) => w.topic)).toEqual(["docker-volumes"]);
  });

  it("warns in one line when the file has moved, and the bundled bank still loads", () => {
    const { dir, path } = registered();
    renameSync(path, `${path}.moved`);
    const r = runBin(["list", "--json"], { configDir: dir });
    expect(r.code).toBe(0);
    expect(outputLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^(k8s-quiz: )?warning: .*"my-docker".*no such file/);
    expect(r.stderr).toContain(path);
    const l = JSON.parse(r.stdout) as ListJson;
    expect(l.questions).toHaveLength(50);
    expect(userQuestions(l)).toEqual([]);

    const s = runBin(["sections"], { configDir: dir });
    expect(s.code).toBe(0);
    expect(outputLines(s.stderr)).toHaveLength(1);
    expect(s.stdout).toContain("50 questions");

    const d = json<{ decks: { name: string; questions: number; error: string | null }[] }>(
      runBin(["deck", "list", "--json"], { configDir: dir }),
    );
    expect(d.decks).toHaveLength(1);
    expect(d.decks[0]).toMatchObject({ name: "my-docker", questions: 0 });
    expect(d.decks[0]?.error).toContain("no such file");
    // The registration is kept: the file may come back.
    expect(configOf<Config>(dir).decks).toEqual([{ name: "my-docker", path }]);
  });

  it("warns in one line, with file:line, when the registered file has become broken", () => {
    const { dir, path } = registered();
    copyFileSync(deckFile("broken-deck.md"), path);
    const r = runBin(["sections", "--json"], { configDir: dir });
    expect(r.code).toBe(0);
    expect(outputLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/warning: .*"my-docker".*my-docker\.md:10: question 2 has no answer/);
    // Issue 16: the defect costs its question, not the deck: the deck's other question still loads.
    const s = JSON.parse(r.stdout) as SectionsJson;
    expect(s.sections.map((x) => x.deck)).toEqual([...Array(5).fill("k8s"), "my-docker"]);
  });

  it("adding the same file again keeps one entry; another file under a taken name exits 2", () => {
    const { dir, path } = registered();
    ok(runBin(["deck", "add", path], { configDir: dir }));
    expect(configOf<Config>(dir).decks).toEqual([{ name: "my-docker", path }]);
    const err = fails(runBin(["deck", "add", deckFile("my-docker.md")], { configDir: dir }), 2);
    expect(err).toContain('"my-docker"');
    expect(err).toContain("--name");
    expect(configOf<Config>(dir).decks).toEqual([{ name: "my-docker", path }]);
  });

  it("refuses the same file under a second name, which would load every question twice", () => {
    const { dir, path } = registered();
    const err = fails(runBin(["deck", "add", path, "--name", "other"], { configDir: dir }), 2);
    expect(err).toBe(
      `k8s-quiz: ${path} is already registered as "my-docker"; to give it another name, first: k8s-quiz deck remove my-docker\n`,
    );
    expect(configOf<Config>(dir).decks).toEqual([{ name: "my-docker", path }]);
  });

  it("--deck naming the file that is already registered loads it once, not as a duplicate of itself", () => {
    const { dir, path } = registered();
    const l = json<ListJson>(runBin(["list", "--deck", path, "--deck", "k8s", "--json"], { configDir: dir }));
    expect(l.questions).toHaveLength(53);
    expect(userQuestions(l).map((q) => q.id)).toEqual(MY);
  });

  it("--deck given twice with the same file loads it once", () => {
    const file = deckFile("my-docker.md");
    const l = json<ListJson>(runBin(["list", "--deck", file, "--deck", file, "--json"]));
    expect(userQuestions(l).map((q) => q.id)).toEqual(MY);
  });

  it("`deck remove` forgets the deck and keeps the progress on its questions", () => {
    const { dir } = registered();
    const args = ["practice", "-s", "compose", "--seed", "1"];
    ok(runBin(args, { configDir: dir, input: feed(["a"]) }));
    const before = configOf<Config>(dir);
    expect(Object.keys(before.questions)).toEqual(["my-docker:3"]);

    const out = ok(runBin(["deck", "remove", "my-docker"], { configDir: dir }));
    expect(out).toContain('Removed deck "my-docker"');
    const after = configOf<Config>(dir);
    expect(after.decks).toEqual([]);
    expect(after.questions).toEqual(before.questions);
    expect(after.history).toEqual(before.history);

    const l = json<ListJson>(runBin(["list", "--json"], { configDir: dir }));
    expect(l.questions).toHaveLength(50);
    const again = runBin(["list", "-s", "compose"], { configDir: dir });
    expect(again.code).toBe(2);
  });

  it("`deck remove` of an unknown name exits 2 and suggests the nearest", () => {
    const { dir, path } = registered();
    const err = fails(runBin(["deck", "remove", "my-dockr"], { configDir: dir }), 2);
    expect(err).toContain('"my-dockr"');
    expect(err).toContain("did you mean my-docker?");
    expect(configOf<Config>(dir).decks).toEqual([{ name: "my-docker", path }]);
  });

  it("adds a deck with a question that has no answer, naming the skipped line (issue 16)", () => {
    const dir = tempDir();
    const r = runBin(["deck", "add", deckFile("broken-deck.md")], { configDir: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(outputLines(r.stderr)).toEqual([
      `warning: ${deckFile("broken-deck.md")}:10: question 2 has no answer: skipped`,
    ]);
    expect(r.stdout).toMatch(/: 1 questions? in 1 section/);
    expect(configOf<Config>(dir).decks.map((d) => d.name)).toEqual(["broken-deck"]);
  });

  it("refuses a deck with no questions with exit 1 and file:line:, registering nothing", () => {
    const dir = tempDir();
    const empty = join(dir, "empty.md");
    writeFileSync(empty, "# Notes\n\n### 1. What?\n");
    const err = fails(runBin(["deck", "add", empty], { configDir: dir }), 1);
    expect(err).toMatch(
      /empty\.md:1: no questions found: 1 question-shaped line could not be used, the first at line 3$/m,
    );
    expect(existsSync(join(dir, "config.json")) ? configOf<Config>(dir).decks : []).toEqual([]);

    const missing = fails(runBin(["deck", "add", deckFile("no-such-deck.md")], { configDir: dir }), 1);
    expect(missing).toContain("no-such-deck.md");
  });

  it("gives two decks' sections of the same title distinct slugs, each usable with --section", () => {
    const dir = tempDir();
    ok(runBin(["deck", "add", deckFile("team-a.md")], { configDir: dir }));
    ok(runBin(["deck", "add", deckFile("team-b.md")], { configDir: dir }));
    expect(configOf<Config>(dir).decks.map((d) => d.name)).toEqual(["team-a", "team-b"]);

    const s = json<SectionsJson>(runBin(["sections", "--json"], { configDir: dir }));
    const mine = s.sections.filter((x) => x.deck.startsWith("team-"));
    expect(mine.map((x) => x.title)).toEqual(["Basics", "Basics"]);
    const slugs = mine.map((x) => x.slug);
    expect(new Set(slugs).size).toBe(2);
    // The later deck's own slug is its section alone; the shared name ("basics", the first deck's
    // slug and the second's alias) takes the section in each deck, as a --section naming several does.
    expect(slugs).toEqual(["basics", "team-b-basics"]);
    const b = json<ListJson>(runBin(["list", "-s", "team-b-basics", "--json"], { configDir: dir }));
    expect(b.questions.map((q) => q.id)).toEqual(["team-b:1"]);
    const both = json<ListJson>(runBin(["list", "-s", "basics", "--json"], { configDir: dir }));
    expect(both.questions.map((q) => q.id)).toEqual(["team-a:1", "team-b:1"]);
  });
});
