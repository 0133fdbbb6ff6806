import { afterEach, describe, expect, it } from "vitest";
import type { KeyPoint, Question } from "../../src/core/types.js";
import { gradeByModel, type ModelGrader } from "../../src/io/grader/llm.js";
import { type ChatServer, completion, startChatServer, verdictReply } from "../helpers/chat-server.js";

// The model grader's client (Node's fetch) against a real HTTP server on 127.0.0.1 that speaks the
// chat-completions API: good, slow, malformed, contradictory and failing replies.

const POINTS: KeyPoint[] = [
  { label: "Watch instead of polling", words: ["watch"] },
  { label: "Local in-memory cache", words: ["cache"] },
];
const Q = {
  id: "504",
  prompt: "What is the informer pattern?",
  answer: "A client-go pattern ...",
} as Question;

let server: ChatServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const grader = (url: string, extra: Partial<ModelGrader> = {}): ModelGrader => ({
  url,
  model: "test-model",
  timeoutMs: 5000,
  ...extra,
});

describe("gradeByModel", () => {
  it("posts the question, reference, key points and answer, with the key, and takes a valid verdict", async () => {
    server = await startChatServer(() => ({ body: verdictReply(["hit", "missed"], "hard") }));
    const r = await gradeByModel(grader(server.url, { key: "sekrit" }), Q, POINTS, "it watches the api");
    expect(r).toMatchObject({ ok: true, grade: "hard" });
    if (r.ok) {
      expect(r.coverage.hit.map((k) => k.label)).toEqual(["Watch instead of polling"]);
      expect(r.coverage.missed.map((k) => k.label)).toEqual(["Local in-memory cache"]);
      expect(r.coverage.reasons?.["Local in-memory cache"]).toBe("point 2 missed");
    }
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0];
    expect(req?.path).toBe("/v1/chat/completions");
    expect(req?.headers.authorization).toBe("Bearer sekrit");
    expect(req?.body.model).toBe("test-model");
    const user = JSON.parse(req?.body.messages[1].content);
    expect(user).toMatchObject({
      question: Q.prompt,
      referenceAnswer: Q.answer,
      answer: "it watches the api",
      keyPoints: [
        { point: 1, text: "Watch instead of polling" },
        { point: 2, text: "Local in-memory cache" },
      ],
    });
  });

  it("sends no authorization header without a key, and takes a base URL with a trailing slash", async () => {
    server = await startChatServer(() => ({ body: verdictReply(["hit", "hit"], "good") }));
    const r = await gradeByModel(grader(`${server.url}/`), Q, POINTS, "watch and cache");
    expect(r).toMatchObject({ ok: true, grade: "good" });
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("gives up on a model slower than the timeout", async () => {
    server = await startChatServer(() => ({ body: verdictReply(["hit", "hit"], "good"), delayMs: 5000 }));
    const r = await gradeByModel(grader(server.url, { timeoutMs: 200 }), Q, POINTS, "watch");
    expect(r).toEqual({ ok: false, why: "gave no reply within 0.2 s" });
  });

  it.each([
    ["a body that is not JSON", { body: "<html>oops" }, "sent a reply that is not JSON"],
    [
      "prose for content",
      { body: completion("Looks right to me!") },
      "sent an invalid reply: the reply is not JSON",
    ],
    [
      "verdicts its grade contradicts",
      { body: verdictReply(["missed", "missed"], "good") },
      "sent an invalid reply: the reply's grade (good) disagrees with its verdicts (again)",
    ],
    [
      "an error status",
      { status: 500, body: { error: { message: "model not loaded" } } },
      "answered HTTP 500",
    ],
    ["401 for a missing key", { status: 401, body: { error: { message: "no key" } } }, "answered HTTP 401"],
  ])("refuses %s", async (_name, reply, why) => {
    server = await startChatServer(() => reply);
    expect(await gradeByModel(grader(server.url), Q, POINTS, "watch")).toEqual({ ok: false, why });
  });

  it("says so when nothing listens at the URL", async () => {
    server = await startChatServer(() => ({ body: {} }));
    const url = server.url;
    await server.close();
    server = undefined;
    const r = await gradeByModel(grader(url), Q, POINTS, "watch");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.why).toBe(`could not be reached at ${url}/chat/completions (ECONNREFUSED)`);
  });
});
