import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BIN, configOf, ok, ROOT, runBin, STACK, tempDir } from "../helpers/bin.js";
import { type ChatReply, type ChatServer, startChatServer, verdictReply } from "../helpers/chat-server.js";

// `config set grader llm` end to end: the built bin, a scripted recall session and an exam, graded by
// a chat-completions server the test starts on 127.0.0.1; its failures fall back to the key points.

let server: ChatServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

beforeAll(() => {
  expect(readFileSync(BIN, "utf8").length).toBeGreaterThan(0);
});

/** The built bin, not waited for synchronously: the fake model runs in this process and must answer. */
function run(args: string[], dir: string, input: string, env: Record<string, string> = {}) {
  return new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, K8S_QUIZ_CONFIG_DIR: dir, NO_COLOR: "1", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

/** A config dir whose recall answers go to `server`. */
function useModel(s: ChatServer, extra: [string, string][] = []): string {
  const dir = tempDir();
  for (const [k, v] of [["grader", "llm"], ["llm.url", s.url], ["llm.model", "test-model"], ...extra])
    ok(runBin(["config", "set", k as string, v as string], { configDir: dir }));
  return dir;
}

// 509 (eventual consistency) has three key points; one recall answer, scripted.
const RECALL = ["practice", "-s", "internals", "-n", "1", "--order", "deck", "-m", "recall", "--seed", "1"];

async function serve(reply: (n: number) => ChatReply): Promise<ChatServer> {
  let n = 0;
  server = await startChatServer(() => reply(n++));
  return server;
}

describe("the model grader, end to end", () => {
  it("grades a scripted recall answer by the model's verdicts and saves that grade", async () => {
    const s = await serve(() => ({ body: verdictReply(["hit", "contradicted", "hit", "hit"], "hard") }));
    const dir = useModel(s);
    const r = await run(
      [...RECALL, "--json"],
      dir,
      "etcd with raft, controllers reconcile, but it is not level triggered\n",
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const q = doc.questions[0];
    expect(q.id).toBe("501");
    expect(q.grade).toBe("hard");
    expect(q.keyPoints.gradedBy).toBe("llm");
    expect(q.keyPoints.contradicted).toHaveLength(1);
    expect(configOf(dir).history[0]).toMatchObject({ id: "501", grade: "hard", score: 0.5 });
    // What was sent: the question, the reference answer, the key points and the typed answer.
    expect(s.requests).toHaveLength(1);
    const user = JSON.parse(s.requests[0]?.body.messages[1].content);
    expect(user.question).toBe("How does Kubernetes maintain consistency across distributed components?");
    expect(user.referenceAnswer).toContain("Level Triggered");
    expect(user.keyPoints).toHaveLength(4);
    expect(user.answer).toBe("etcd with raft, controllers reconcile, but it is not level triggered");
  });

  it("sends the learner's accepted phrasings of a key point along with it", async () => {
    const s = await serve(() => ({ body: verdictReply(["hit", "hit", "hit", "hit"], "good") }));
    const dir = useModel(s);
    const file = join(dir, "config.json");
    const config = JSON.parse(readFileSync(file, "utf8"));
    const point = "Strong consistency via Raft";
    config.phrasings = [{ id: "1", question: "501", point, phrases: ["the scribe ledger is law"], at: 1 }];
    writeFileSync(file, JSON.stringify(config));
    expect((await run(RECALL, dir, "the scribe ledger is law\n")).code).toBe(0);
    const sent = JSON.parse(s.requests[0]?.body.messages[1].content).keyPoints;
    expect(sent.find((k: { text: string }) => k.text === point)?.alsoAccepted).toEqual([
      "the scribe ledger is law",
    ]);
    expect(sent.filter((k: { alsoAccepted?: string[] }) => k.alsoAccepted)).toHaveLength(1);
  });

  it("prints the model's verdict in a scripted transcript", async () => {
    const s = await serve(() => ({ body: verdictReply(["hit", "hit", "hit", "missed"], "good") }));
    const dir = useModel(s);
    const r = await run(RECALL, dir, "anything\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/> key points 3\/4; grade good \(graded by the model\)/);
    expect(r.stdout).toMatch(/missed: /);
  });

  it.each([
    ["an error", { status: 500, body: { error: "boom" } }, "answered HTTP 500"],
    ["a malformed reply", { body: "not json at all" }, "sent a reply that is not JSON"],
    [
      "a contradictory reply",
      { body: verdictReply(["missed", "missed", "missed", "missed"], "easy") },
      "disagrees",
    ],
  ])("falls back to the key points on %s, in one line, and keeps the answer", async (_n, reply, why) => {
    const s = await serve(() => reply as ChatReply);
    const dir = useModel(s);
    const r = await run([...RECALL, "--json"], dir, "etcd is the source of truth\n");
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warning: the model .+; graded by key points instead$/);
    expect(lines[0]).toContain(why);
    expect(r.stderr).not.toMatch(STACK);
    const q = JSON.parse(r.stdout).questions[0];
    expect(q.keyPoints.gradedBy).toBeUndefined();
    expect(q.given).toBe("etcd is the source of truth");
    expect(configOf(dir).history).toHaveLength(1);
  });

  it("falls back when the model is slower than llm.timeout", async () => {
    const s = await serve(() => ({
      body: verdictReply(["hit", "hit", "hit", "hit"], "good"),
      delayMs: 10_000,
    }));
    const dir = useModel(s, [["llm.timeout", "1"]]);
    const r = await run([...RECALL, "--json"], dir, "etcd\n");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("warning: the model gave no reply within 1 s; graded by key points instead\n");
    expect(configOf(dir).history).toHaveLength(1);
  });

  it("reads the key from the variable llm.keyEnv names, and never writes it to the config file", async () => {
    const s = await serve(() => ({ body: verdictReply(["hit", "hit", "hit", "hit"], "good") }));
    const dir = useModel(s, [["llm.keyEnv", "QUIZ_TEST_KEY"]]);
    const r = await run(RECALL, dir, "etcd\n", { QUIZ_TEST_KEY: "sk-test-123" });
    expect(r.code).toBe(0);
    expect(s.requests[0]?.headers.authorization).toBe("Bearer sk-test-123");
    expect(readFileSync(join(dir, "config.json"), "utf8")).not.toContain("sk-test-123");
    expect(configOf(dir).grader["llm.keyEnv"]).toBe("QUIZ_TEST_KEY");
  });

  it("sends nothing unless configured: the key points grade, and choice answers never go", async () => {
    const s = await serve(() => ({ body: verdictReply(["hit"], "good") }));
    const plain = tempDir();
    ok(runBin(["config", "set", "llm.url", s.url], { configDir: plain }));
    expect((await run(RECALL, plain, "etcd\n")).code).toBe(0);
    const llm = useModel(s);
    expect((await run(["practice", "-s", "internals", "-n", "1", "--seed", "1"], llm, "a\n")).code).toBe(0);
    expect(s.requests).toEqual([]);
  });

  it("grades an exam by the model and shows its reasons in the review", async () => {
    // However many key points the question has: every one missed, which is Again at any count.
    server = await startChatServer((req) => {
      const n = JSON.parse(req.body.messages[1].content).keyPoints.length;
      return {
        body: verdictReply(
          Array.from({ length: n }, () => "missed"),
          "again",
        ),
      };
    });
    const s = server;
    const dir = useModel(s);
    const r = await run(
      ["exam", "-n", "1", "--seed", "1", "-s", "internals"],
      dir,
      "controllers keep retrying\n",
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("graded by the model");
    expect(r.stdout).toMatch(/✘ .+\(point 2 missed\)/);
    expect(r.stdout).toContain("Report card: 0/1 (0%)");
    expect(s.requests).toHaveLength(1);
  });
});

describe("config get says where answers go", () => {
  it("says so on a fresh config, before any grader is set: answers stay on this machine", () => {
    const dir = tempDir();
    const out = ok(runBin(["config", "get"], { configDir: dir, env: { COLUMNS: "200" } }));
    expect(out).toContain("grader = keypoints\n");
    expect(out).toContain("Recall answers stay on this machine");
    expect(out).not.toContain("llm.url");
    expect(out).not.toContain("http");
    // Reading the settings wrote nothing: a read-only command leaves a fresh folder as it was.
    expect(existsSync(join(dir, "config.json"))).toBe(false);
  });

  it("names the URL and the model once the grader is llm, with the URL a learner set", () => {
    const dir = tempDir();
    ok(runBin(["config", "set", "grader", "llm"], { configDir: dir }));
    ok(runBin(["config", "set", "llm.url", "https://models.example.test/v1"], { configDir: dir }));
    ok(runBin(["config", "set", "llm.model", "qwen2.5:7b"], { configDir: dir }));
    const out = ok(runBin(["config", "get"], { configDir: dir, env: { COLUMNS: "300" } }));
    expect(out).toContain("https://models.example.test/v1/chat/completions (model qwen2.5:7b)");
    expect(out).not.toContain("stay on this machine");
    expect(JSON.parse(ok(runBin(["config", "get", "--json"], { configDir: dir }))).answersGoTo).toBe(
      "https://models.example.test/v1/chat/completions",
    );
  });

  it("lists the grader once one is set, with the URL answers go to", () => {
    const dir = tempDir();
    ok(runBin(["config", "set", "grader", "llm"], { configDir: dir }));
    ok(runBin(["config", "set", "llm.model", "llama3.1"], { configDir: dir }));
    const out = ok(runBin(["config", "get"], { configDir: dir }));
    // The sentence is wrapped to the terminal's width.
    const flat = out.replace(/\s+/g, " ");
    expect(out).toContain("grader = llm\nllm.url = http://127.0.0.1:11434/v1\nllm.model = llama3.1\n");
    expect(flat).toContain(
      "Recall answers are sent with their question, reference answer and key points to http://127.0.0.1:11434/v1/chat/completions (model llama3.1)",
    );
    expect(flat).toContain("k8s-quiz config set grader keypoints stops it.");
    const json = JSON.parse(ok(runBin(["config", "get", "--json"], { configDir: dir })));
    expect(json).toMatchObject({
      grader: "llm",
      "llm.model": "llama3.1",
      answersGoTo: "http://127.0.0.1:11434/v1/chat/completions",
    });
    expect(ok(runBin(["config", "get", "llm.url"], { configDir: dir }))).toBe("http://127.0.0.1:11434/v1\n");

    ok(runBin(["config", "set", "grader", "keypoints"], { configDir: dir }));
    expect(ok(runBin(["config", "get"], { configDir: dir })).replace(/\s+/g, " ")).toContain(
      "Recall answers stay on this machine: graded by key points, nothing is sent.",
    );
    expect(JSON.parse(ok(runBin(["config", "get", "--json"], { configDir: dir }))).answersGoTo).toBeNull();
  });

  it.each([
    ["grader", "gpt"],
    ["llm.url", "ftp://x"],
    ["llm.url", "http://127.0.0.1:11434/v1/chat/completions"],
    ["llm.keyEnv", "sk-live-abc123"],
    ["llm.timeout", "0"],
  ])("refuses %s = %s with exit 2 and writes nothing", (key, value) => {
    const dir = tempDir();
    const r = runBin(["config", "set", key, value], { configDir: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^k8s-quiz: ${key.replace(".", "\\.")} must be .+, got "`));
    expect(r.stdout).toBe("");
  });
});

describe("config reset and the grader", () => {
  it("turns the model grader off with the other settings", () => {
    const dir = tempDir();
    ok(runBin(["config", "set", "grader", "llm"], { configDir: dir }));
    expect(ok(runBin(["config", "reset", "--yes"], { configDir: dir }))).toBe(
      "Settings reset to their defaults.\n",
    );
    expect(configOf(dir).grader).toBeUndefined();
    expect(ok(runBin(["config", "get", "grader"], { configDir: dir }))).toBe("keypoints\n");
  });
});
