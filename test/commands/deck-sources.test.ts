import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configOf, fails, ok, outputLines, ROOT, runBin, runBinAsync, tempDir } from "../helpers/bin.js";
import { type DeckServer, startDeckServer } from "../helpers/deck-server.js";

// Decks from many files, folders and URLs: `deck add` and `deck update` against a real HTTP server
// on 127.0.0.1 (slow, oversized and failing answers included), and what --deck makes of them.

const DECKS = join(ROOT, "test", "fixtures", "user-decks");
const deckText = (name: string) => readFileSync(join(DECKS, name), "utf8");

interface Entry {
  name: string;
  path: string;
  url?: string;
  etag?: string;
  lastModified?: string;
  slugs?: Record<string, string>;
}
interface Config {
  decks: Entry[];
  weakTopics: Record<string, unknown>;
  history: { id: string; section: string; topics: string[] }[];
}
interface ListJson {
  questions: { id: string; deck: string; section: string; prompt: string }[];
}
interface SectionsJson {
  sections: { slug: string; deck: string; aliases: string[]; questions: number }[];
}

const json = <T>(text: string): T => JSON.parse(text) as T;
// Loopback is never proxied, whatever the machine's environment says.
const env = { NO_PROXY: "127.0.0.1,localhost", no_proxy: "127.0.0.1,localhost" };

let server: DeckServer;
beforeAll(async () => {
  server = await startDeckServer();
});
afterAll(async () => {
  await server.close();
});

describe("deck add <URL>", () => {
  it("downloads, caches and registers it; deck update asks with its ETag and gets 304", async () => {
    server.routes.set("/decks/docker/README.md", {
      kind: "deck",
      body: deckText("my-docker.md"),
      etag: '"v1"',
    });
    const dir = tempDir();
    const url = server.url("/decks/docker/README.md");
    const add = await runBinAsync(["deck", "add", url], { configDir: dir, env });
    expect(add.stderr).toBe("");
    expect(add.code).toBe(0);
    // A README takes its folder's name.
    expect(add.stdout).toContain('Added deck "docker": 3 questions');
    const [entry] = configOf<Config>(dir).decks;
    expect(entry).toMatchObject({ name: "docker", url, etag: '"v1"' });
    expect(existsSync(entry?.path ?? "")).toBe(true);

    const l = json<ListJson>(ok(runBin(["list", "--deck", "docker", "--json"], { configDir: dir })));
    expect(l.questions.map((q) => q.id)).toEqual(["docker:1", "docker:2", "docker:3"]);

    const before = server.requests.length;
    const up = await runBinAsync(["deck", "update"], { configDir: dir, env });
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('Deck "docker" is up to date.');
    const sent = server.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers["if-none-match"]).toBe('"v1"');
    expect(sent[0]?.status).toBe(304);

    // The deck changes on the server: the next update fetches it, with its new ETag.
    server.routes.set("/decks/docker/README.md", {
      kind: "deck",
      body: `${deckText("my-docker.md")}\n### 4. What is a Docker network?\nA virtual network containers join.\n`,
      etag: '"v2"',
    });
    const again = await runBinAsync(["deck", "update", "docker", "--json"], { configDir: dir, env });
    expect(again.code).toBe(0);
    expect(json<{ decks: unknown[] }>(again.stdout).decks).toEqual([
      { name: "docker", url, status: "updated", questions: 4, error: null },
    ]);
    expect(configOf<Config>(dir).decks[0]?.etag).toBe('"v2"');
    const l4 = json<ListJson>(ok(runBin(["list", "--deck", "docker", "--json"], { configDir: dir })));
    expect(l4.questions).toHaveLength(4);
    // deck list names the URL; deck remove takes the downloaded copy along.
    expect(ok(runBin(["deck", "list"], { configDir: dir }))).toMatch(
      new RegExp(`^docker +4 +${url.replace(/[.?]/g, "\\$&")}$`, "m"),
    );
    ok(runBin(["deck", "remove", "docker"], { configDir: dir }));
    expect(existsSync(entry?.path ?? "")).toBe(false);
  });

  it("honours Last-Modified when the server sends no ETag", async () => {
    const lastModified = "Wed, 01 Jan 2025 10:00:00 GMT";
    server.routes.set("/lm/aws-interview-questions.md", {
      kind: "deck",
      body: deckText("team-a.md"),
      lastModified,
    });
    const dir = tempDir();
    ok(
      await runBinAsync(["deck", "add", server.url("/lm/aws-interview-questions.md")], {
        configDir: dir,
        env,
      }),
    );
    expect(configOf<Config>(dir).decks[0]).toMatchObject({ name: "aws", lastModified });
    const before = server.requests.length;
    const up = await runBinAsync(["deck", "update"], { configDir: dir, env });
    expect(up.code).toBe(0);
    expect(server.requests.slice(before).map((r) => [r.headers["if-modified-since"], r.status])).toEqual([
      [lastModified, 304],
    ]);
  });

  it("keeps the cached copy when the network fails: the deck still runs, update exits 1", async () => {
    server.routes.set("/flaky.md", { kind: "deck", body: deckText("my-docker.md"), etag: '"a"' });
    const dir = tempDir();
    ok(
      await runBinAsync(["deck", "add", server.url("/flaky.md"), "--name", "flaky"], { configDir: dir, env }),
    );
    server.routes.set("/flaky.md", { kind: "status", status: 500 });
    const up = await runBinAsync(["deck", "update", "flaky"], { configDir: dir, env });
    expect(up.code).toBe(1);
    expect(up.stderr).toMatch(/warning: deck "flaky": .*500.*; keeping the copy from before/);
    expect(up.stderr).not.toMatch(/^\s+at /m);
    const l = json<ListJson>(ok(runBin(["list", "--deck", "flaky", "--json"], { configDir: dir })));
    expect(l.questions).toHaveLength(3);
    // A server that is gone altogether (nothing listens on its port any more): the same.
    const other = await startDeckServer();
    other.routes.set("/gone.md", { kind: "deck", body: deckText("team-a.md") });
    ok(await runBinAsync(["deck", "add", other.url("/gone.md")], { configDir: dir, env }));
    await other.close();
    const gone = await runBinAsync(["deck", "update", "gone"], { configDir: dir, env });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(
      /warning: deck "gone": .*cannot download the deck: ECONNREFUSED; keeping the copy/,
    );
    expect(
      json<ListJson>(ok(runBin(["list", "--deck", "gone", "--json"], { configDir: dir }))).questions,
    ).toHaveLength(1);
    expect(configOf<Config>(dir).decks[0]?.etag).toBe('"a"');

    // The cache folder cleared: the deck is skipped with a hint, and update fetches it whole again.
    const copy = configOf<Config>(dir).decks[0]?.path ?? "";
    rmSync(copy);
    const skipped = runBin(["list", "--json"], { configDir: dir });
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain(
      'skipping deck "flaky": its downloaded copy is gone; get it again with: k8s-quiz deck update flaky',
    );
    server.routes.set("/flaky.md", { kind: "deck", body: deckText("my-docker.md"), etag: '"a"' });
    const back = await runBinAsync(["deck", "update", "flaky"], { configDir: dir, env });
    expect(back.code).toBe(0);
    // No validators were sent for a copy that is not there: a 304 would have left nothing to read.
    expect(server.requests.at(-1)).toMatchObject({ status: 200 });
    expect(server.requests.at(-1)?.headers["if-none-match"]).toBeUndefined();
    expect(existsSync(copy)).toBe(true);
  });

  it("refuses a failing, slow or oversized download with one line and exit 1, registering nothing", async () => {
    server.routes.set("/missing.md", { kind: "status", status: 404 });
    server.routes.set("/slow.md", { kind: "stall" });
    server.routes.set("/flood.md", { kind: "flood", bytes: 21 * 1024 * 1024 });
    server.routes.set("/declared.md", { kind: "flood", bytes: 21 * 1024 * 1024, contentLength: true });
    const cases: [string, string[], RegExp][] = [
      ["/missing.md", [], /answered 404/],
      ["/slow.md", ["--timeout", "1"], /no complete answer within 1 s/],
      ["/flood.md", [], /larger than 20 MB/],
      ["/declared.md", [], /larger than 20 MB/],
    ];
    for (const [path, extra, why] of cases) {
      const dir = tempDir();
      const r = await runBinAsync(["deck", "add", server.url(path), ...extra], { configDir: dir, env });
      const err = fails(r, 1);
      expect(err).toMatch(why);
      expect(err).toContain(server.url(path));
      expect(existsSync(join(dir, "config.json")) ? configOf<Config>(dir).decks : []).toEqual([]);
    }
  });

  it("refuses plain http:// beyond this machine before any connection", () => {
    const err = fails(runBin(["deck", "add", "http://example.com/deck.md"]), 2);
    expect(err).toContain("only https:// URLs");
  });

  it("names a downloaded deck's skipped lines by its URL and line", async () => {
    server.routes.set("/broken.md", { kind: "deck", body: deckText("broken-deck.md") });
    const url = server.url("/broken.md");
    const r = await runBinAsync(["deck", "add", url], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`warning: ${url}:10: question 2 has no answer: skipped\n`);
  });

  it("refuses a download with no questions at all, naming the URL", async () => {
    server.routes.set("/html.md", { kind: "deck", body: "<html><body>Not found</body></html>\n" });
    const r = await runBinAsync(["deck", "add", server.url("/html.md")], { env });
    expect(fails(r, 1)).toContain(`${server.url("/html.md")}:`);
  });
});

describe("deck add with many sources", () => {
  it("adds files and folders (their .md files, at any depth) in one go, each under its own short name", () => {
    const root = tempDir("k8s-quiz-folder-");
    mkdirSync(join(root, "aws", "deep"), { recursive: true });
    copyFileSync(join(DECKS, "team-a.md"), join(root, "aws", "README.md"));
    copyFileSync(
      join(DECKS, "team-b.md"),
      join(root, "aws", "deep", "Top 50 Linux Interview Questions and Answers (2024).md"),
    );
    writeFileSync(join(root, "aws", "notes.txt"), "not a deck");
    const dir = tempDir();
    const out = ok(runBin(["deck", "add", root, join(DECKS, "my-docker.md")], { configDir: dir }));
    expect(outputLines(out).filter((l) => l.startsWith("Added deck"))).toHaveLength(3);
    const names = configOf<Config>(dir).decks.map((d) => d.name);
    expect(names).toEqual(["aws", "linux", "my-docker"]);
    // The same file given twice (on its own and in its folder) is one deck.
    const again = tempDir();
    const twice = ok(runBin(["deck", "add", join(root, "aws", "README.md"), root], { configDir: again }));
    expect(outputLines(twice).filter((l) => l.startsWith("Added deck"))).toHaveLength(2);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(16);
  });

  it("adds the decks that load and reports each that does not, exit 1", () => {
    const dir = tempDir();
    const r = runBin(
      ["deck", "add", join(DECKS, "team-a.md"), join(DECKS, "broken-deck.md"), join(DECKS, "nope.md")],
      { configDir: dir },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Added deck "team-a"');
    // A defect costs its question, not the deck: broken-deck is added, its skipped line named.
    expect(r.stderr).toMatch(/broken-deck\.md:10: question 2 has no answer: skipped/);
    expect(r.stderr).toContain("nope.md");
    expect(r.stderr).toMatch(/1 of 3 decks could not be added/);
    expect(configOf<Config>(dir).decks.map((d) => d.name)).toEqual(["team-a", "broken-deck"]);
  });

  it("--name with several decks is a usage error; a long --name too", () => {
    fails(runBin(["deck", "add", join(DECKS, "team-a.md"), join(DECKS, "team-b.md"), "--name", "x"]), 2);
    const err = fails(runBin(["deck", "add", join(DECKS, "team-a.md"), "--name", "a".repeat(30)]), 2);
    expect(err).toContain("longer than 24");
  });
});

describe("section slugs across decks", () => {
  it("stay where they are when another deck is removed, with the progress and weak topics on them", () => {
    const dir = tempDir();
    ok(runBin(["deck", "add", join(DECKS, "team-a.md"), join(DECKS, "team-b.md")], { configDir: dir }));
    const slugOf = () =>
      json<SectionsJson>(ok(runBin(["sections", "--json"], { configDir: dir }))).sections.find(
        (s) => s.deck === "team-b",
      )?.slug;
    const slug = slugOf();
    expect(slug).toBe("team-b-basics");
    // Twice wrong in team-b's basics: a weak topic under its slug.
    for (let i = 0; i < 2; i++)
      ok(
        runBin(["practice", "--deck", "team-b", "--mode", "flash", "-n", "1"], {
          configDir: dir,
          input: "again\n",
        }),
      );
    expect(Object.keys(configOf<Config>(dir).weakTopics)).toEqual([slug]);

    ok(runBin(["deck", "remove", "team-a"], { configDir: dir }));
    expect(slugOf()).toBe(slug);
    const weak = json<{ weakTopics: { topic: string }[] }>(
      ok(runBin(["weak", "--json"], { configDir: dir })),
    );
    expect(weak.weakTopics.map((w) => w.topic)).toEqual([slug]);
    // Added back, team-a keeps plain "basics": nobody else holds it.
    ok(runBin(["deck", "add", join(DECKS, "team-a.md")], { configDir: dir }));
    const s = json<SectionsJson>(ok(runBin(["sections", "--json"], { configDir: dir })));
    expect(s.sections.filter((x) => x.deck.startsWith("team-")).map((x) => [x.deck, x.slug])).toEqual([
      ["team-b", "team-b-basics"],
      ["team-a", "basics"],
    ]);
  });

  it("stay where they are for decks registered before slugs were fixed at deck add", () => {
    const dir = tempDir();
    // Two entries as an earlier version wrote them: no slugs of their own.
    const decks = ["team-a", "team-b"].map((name) => ({ name, path: join(DECKS, `${name}.md`) }));
    writeFileSync(join(dir, "config.json"), JSON.stringify({ decks }));
    const before = json<SectionsJson>(ok(runBin(["sections", "--json"], { configDir: dir }))).sections;
    expect(before.find((s) => s.deck === "team-b")?.slug).toBe("team-b-basics");
    ok(runBin(["deck", "remove", "team-a"], { configDir: dir }));
    const after = json<SectionsJson>(ok(runBin(["sections", "--json"], { configDir: dir }))).sections;
    expect(after.find((s) => s.deck === "team-b")?.slug).toBe("team-b-basics");
    expect(configOf<Config>(dir).decks).toEqual([{ ...decks[1], slugs: { basics: "team-b-basics" } }]);
  });

  it("--section naming sections in several decks selects all of them", () => {
    const dir = tempDir();
    ok(runBin(["deck", "add", join(DECKS, "team-a.md"), join(DECKS, "team-b.md")], { configDir: dir }));
    for (const query of ["bas", "basi"]) {
      const l = json<ListJson>(ok(runBin(["list", "-s", query, "--json"], { configDir: dir })));
      expect(l.questions.map((q) => q.id)).toEqual(["team-a:1", "team-b:1"]);
    }
    // The qualified slug's old name, an alias now, finds it too.
    const byAlias = json<ListJson>(
      ok(runBin(["list", "--deck", "team-b", "-s", "basics", "--json"], { configDir: dir })),
    );
    expect(byAlias.questions.map((q) => q.id)).toEqual(["team-b:1"]);
  });
});

describe("--deck FILE|NAME", () => {
  it("narrows a run to the decks named, k8s being the bundled bank", () => {
    const dir = tempDir();
    ok(runBin(["deck", "add", join(DECKS, "team-a.md")], { configDir: dir }));
    const all = json<ListJson>(ok(runBin(["list", "--json"], { configDir: dir })));
    expect(new Set(all.questions.map((q) => q.deck))).toEqual(new Set(["k8s", "team-a"]));
    const docker = join(DECKS, "my-docker.md");
    const two = json<ListJson>(
      ok(runBin(["list", "--deck", "k8s", "--deck", docker, "--json"], { configDir: dir })),
    );
    expect(new Set(two.questions.map((q) => q.deck))).toEqual(new Set(["k8s", "my-docker"]));
    const one = json<ListJson>(ok(runBin(["list", "--deck", docker, "--json"], { configDir: dir })));
    expect(new Set(one.questions.map((q) => q.deck))).toEqual(new Set(["my-docker"]));
    // A practice session on one deck asks only its questions.
    const run = json<{ questions: { id: string }[] }>(
      ok(
        runBin(["practice", "--deck", "team-a", "--mode", "flash", "--json", "--dry-run"], {
          configDir: dir,
          input: "good\n",
        }),
      ),
    );
    expect(run.questions.map((q) => q.id)).toEqual(["team-a:1"]);
  });

  it("a bare word is a deck's name even beside a folder of that name; a path is a file", () => {
    const dir = tempDir();
    ok(runBin(["deck", "add", join(DECKS, "my-docker.md"), "--name", "docker"], { configDir: dir }));
    const cwd = tempDir("k8s-quiz-cwd-");
    mkdirSync(join(cwd, "docker"));
    copyFileSync(join(DECKS, "team-a.md"), join(cwd, "docker.md"));
    const byName = json<ListJson>(
      ok(runBin(["list", "--deck", "docker", "--json"], { configDir: dir, cwd })),
    );
    expect(byName.questions.map((q) => q.id)).toEqual(["docker:1", "docker:2", "docker:3"]);
    // docker.md is a file: not the registered deck, and its default name is taken, so it is numbered.
    const byFile = json<ListJson>(
      ok(runBin(["list", "--deck", "docker.md", "--json"], { configDir: dir, cwd })),
    );
    expect(byFile.questions.map((q) => q.id)).toEqual(["docker-2:1"]);
  });

  it("an unknown deck name is a usage error that suggests the nearest", () => {
    const dir = tempDir();
    ok(runBin(["deck", "add", join(DECKS, "my-docker.md"), "--name", "docker"], { configDir: dir }));
    const err = fails(runBin(["list", "--deck", "dokcer"], { configDir: dir }), 2);
    expect(err).toContain('no deck "dokcer" (did you mean docker?)');
    expect(fails(runBin(["list", "--deck", "https://example.com/d.md"], { configDir: dir }), 2)).toContain(
      "k8s-quiz deck add https://example.com/d.md",
    );
  });
});

describe("short ids at 80 columns", () => {
  it("a deck with a long file name gets a short name, and list and search show 40+ characters of each prompt", () => {
    const folder = tempDir("k8s-quiz-long-");
    const file = join(
      folder,
      "top-100-kubernetes-interview-questions-and-answers-for-experienced-engineers-2024.md",
    );
    const prompts = Array.from(
      { length: 12 },
      (_, i) =>
        `What happens to a pending pod number ${i + 1} when the scheduler cannot find any node that fits it?`,
    );
    writeFileSync(
      file,
      `# Scheduling\n\n${prompts.map((p, i) => `### ${i + 1000}. ${p}\n**Answer:** It stays Pending.\n`).join("\n")}`,
    );
    const dir = tempDir();
    ok(runBin(["deck", "add", file], { configDir: dir }));
    const name = configOf<Config>(dir).decks[0]?.name ?? "";
    expect(name).toBe("kubernetes");
    const list = ok(runBin(["list", "--deck", name], { configDir: dir }));
    const search = ok(runBin(["search", "pending", "pod", "--deck", name], { configDir: dir }));
    for (const text of [list, search]) {
      const rows = outputLines(text).filter((l) => l.includes(`${name}:`));
      expect(rows.length).toBeGreaterThanOrEqual(12);
      for (const row of rows) {
        expect(row.length).toBeLessThanOrEqual(80);
        const prompt = row.slice(row.indexOf(`${name}:`)).replace(/^\S+\s+/, "");
        expect(prompt.length).toBeGreaterThanOrEqual(40);
      }
    }
  });
});

describe("a deck registered under a long name before names were short", () => {
  it("still shows each prompt (40+ columns of it) at 80 columns, on a line of its own", () => {
    const dir = tempDir();
    const name = "kubernetes-interview-questions-and-answers-for-experienced";
    writeFileSync(
      join(dir, "config.json"),
      JSON.stringify({ decks: [{ name, path: join(DECKS, "my-docker.md") }] }),
    );
    const list = ok(runBin(["list", "--deck", name], { configDir: dir }));
    const search = ok(runBin(["search", "volume", "--deck", name], { configDir: dir }));
    for (const text of [list, search]) {
      const rows = outputLines(text);
      const at = rows.findIndex((l) => l.includes(`${name}:1`));
      expect(at).toBeGreaterThanOrEqual(0);
      for (const l of rows) expect(l.length).toBeLessThanOrEqual(80);
      // The whole prompt, not the 15 columns the id left beside it.
      expect(rows[at + 1]?.trim()).toBe("What is a named volume?");
    }
  });
});

describe("--help", () => {
  it.each([
    ["deck", "add"],
    ["deck", "update"],
  ])("%s %s --help exits 0 with examples", (...cmd) => {
    const out = ok(runBin([...cmd, "--help"]));
    expect(out).toContain("Examples:");
    expect(out).toContain(`k8s-quiz ${cmd.join(" ")}`);
  });

  it("deck update with no URL decks says so; with a file deck's name says it is read afresh", () => {
    const dir = tempDir();
    expect(ok(runBin(["deck", "update"], { configDir: dir }))).toContain("No decks from URLs to update");
    ok(runBin(["deck", "add", join(DECKS, "team-a.md")], { configDir: dir }));
    expect(ok(runBin(["deck", "update", "team-a"], { configDir: dir }))).toContain("read afresh");
    expect(fails(runBin(["deck", "update", "team-b"], { configDir: dir }), 2)).toContain(
      "did you mean team-a?",
    );
  });
});
