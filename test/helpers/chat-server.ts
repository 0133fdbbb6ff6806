import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake model received: its path, headers and parsed JSON body. */
export interface ChatRequest {
  path: string;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: the body is whatever the client sent, read like JSON.parse
  body: any;
}

/** What the fake model does with a request: reply with a status and a body, maybe after a pause. */
export interface ChatReply {
  status?: number;
  /** Sent as JSON, unless a string (sent as it is, for malformed replies). */
  body: unknown;
  /** Holds the reply back this long: a model slower than the client's timeout. */
  delayMs?: number;
}

export interface ChatServer {
  /** The base URL to give llm.url, e.g. http://127.0.0.1:40123/v1. */
  url: string;
  requests: ChatRequest[];
  close(): Promise<void>;
}

/** A chat-completions reply whose message content is `content` (a string, or JSON of an object). */
export const completion = (content: unknown) => ({
  id: "chatcmpl-test",
  object: "chat.completion",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: typeof content === "string" ? content : JSON.stringify(content),
      },
      finish_reason: "stop",
    },
  ],
});

/**
 * A small server on 127.0.0.1 that speaks the OpenAI chat-completions API (POST /v1/chat/completions)
 * and answers each request as `reply` says. Nothing leaves the machine.
 */
export async function startChatServer(reply: (req: ChatRequest) => ChatReply): Promise<ChatServer> {
  const requests: ChatRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (d) => {
      raw += d;
    });
    req.on("end", () => {
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      const r: ChatRequest = { path: req.url ?? "", headers: req.headers, body };
      requests.push(r);
      const out =
        r.path === "/v1/chat/completions" && req.method === "POST"
          ? reply(r)
          : { status: 404, body: { error: { message: "not found" } } };
      const send = () => {
        res.writeHead(out.status ?? 200, { "content-type": "application/json" });
        res.end(typeof out.body === "string" ? out.body : JSON.stringify(out.body));
      };
      if (out.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          if (!res.destroyed) send();
        }, out.delayMs);
        timers.add(t);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A grader's reply to `keyPoints` that judges each as `verdicts` says, with the grade given. */
export function verdictReply(verdicts: string[], grade: string) {
  return completion({
    verdicts: verdicts.map((verdict, i) => ({ point: i + 1, verdict, reason: `point ${i + 1} ${verdict}` })),
    grade,
  });
}
