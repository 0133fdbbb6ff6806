import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What one path of the server answers: a deck with validators, an error, a stall or a flood. */
export type Route =
  | { kind: "deck"; body: string; etag?: string; lastModified?: string }
  | { kind: "status"; status: number }
  | { kind: "stall" }
  | { kind: "flood"; bytes: number; contentLength?: boolean };

/**
 * A small HTTP server on 127.0.0.1 standing in for a site that hosts decks: each path is a Route
 * the test may change between runs, and every request is recorded with its headers.
 */
export interface DeckServer {
  url(path: string): string;
  routes: Map<string, Route>;
  requests: { path: string; headers: IncomingHttpHeaders; status: number }[];
  close(): Promise<void>;
}

export async function startDeckServer(): Promise<DeckServer> {
  const routes = new Map<string, Route>();
  const requests: DeckServer["requests"] = [];
  const open = new Set<import("node:net").Socket>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const route = routes.get(path);
    const record = (status: number) => requests.push({ path, headers: req.headers, status });
    if (!route) {
      record(404);
      res.writeHead(404).end("not found");
      return;
    }
    switch (route.kind) {
      case "deck": {
        const fresh =
          (route.etag && req.headers["if-none-match"] === route.etag) ||
          (!route.etag && route.lastModified && req.headers["if-modified-since"] === route.lastModified);
        const headers: Record<string, string> = { "content-type": "text/markdown; charset=utf-8" };
        if (route.etag) headers.etag = route.etag;
        if (route.lastModified) headers["last-modified"] = route.lastModified;
        record(fresh ? 304 : 200);
        if (fresh) res.writeHead(304, headers).end();
        else res.writeHead(200, headers).end(route.body);
        return;
      }
      case "status":
        record(route.status);
        res.writeHead(route.status).end("server error");
        return;
      case "stall":
        // Headers and a first line, then nothing: only the client's timeout ends it.
        record(200);
        res.writeHead(200, { "content-type": "text/markdown" });
        res.write("# Slow\n\n");
        return;
      case "flood": {
        record(200);
        res.writeHead(200, route.contentLength ? { "content-length": String(route.bytes) } : {});
        const chunk = Buffer.alloc(64 * 1024, "a");
        let sent = 0;
        const pump = () => {
          while (sent < route.bytes) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        res.on("error", () => {});
        pump();
        return;
      }
    }
  });
  server.on("connection", (s) => {
    open.add(s);
    s.on("close", () => open.delete(s));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    routes,
    requests,
    close: () =>
      new Promise((done) => {
        for (const s of open) s.destroy();
        server.close(() => done());
      }),
  };
}
