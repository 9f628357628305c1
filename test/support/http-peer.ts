import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the peer received. */
export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** Set when the client went away before the peer answered (an aborted request). */
  abandoned: boolean;
}

/** Answers one request; returning nothing leaves the request hanging until the client gives up. */
export type PeerRoute = (request: ReceivedRequest, response: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 for HTTP Task, API destination and OAuth tests: records what it receives, answers per path. */
export interface HttpPeer {
  url: string;
  received: ReceivedRequest[];
  /** Requests received on `path` (query ignored). */
  on(path: string): ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts a peer whose answers are `routes` by path (query ignored); other paths answer 404. */
export async function startHttpPeer(routes: Record<string, PeerRoute>): Promise<HttpPeer> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: ReceivedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        abandoned: false,
      };
      received.push(request);
      res.on("close", () => {
        if (!res.writableFinished) request.abandoned = true;
      });
      const route = routes[request.url.split("?")[0]!];
      if (route) route(request, res);
      else res.writeHead(404, { "content-type": "text/plain" }).end("no such route");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    on: (path) => received.filter((r) => r.url.split("?")[0] === path),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers JSON with `status`. */
export function json(status: number, body: unknown): PeerRoute {
  return (_, res) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
