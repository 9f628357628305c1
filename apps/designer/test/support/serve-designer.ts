import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { designerDist } from "../../src/index.ts";
import type { FakeApi } from "./fake-api.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

/** A running static server for the built designer on 127.0.0.1. */
export interface DesignerServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves dist/web the way the Stepflow server will (static files at `/`), with `/v1/*` answered by
 * `api` when given and 404 otherwise (the designer served on its own).
 */
export async function serveDesigner(api?: FakeApi): Promise<DesignerServer> {
  const server = createServer((req, res) => {
    handle(req, res, api).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, api: FakeApi | undefined): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname.startsWith("/v1/")) {
    if (api === undefined) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"message":"no API here"}');
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = api.handle(req.method ?? "GET", url, Buffer.concat(chunks).toString("utf8"));
    res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
    return;
  }
  const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, "");
  if (relative.startsWith("..")) {
    res.writeHead(403).end();
    return;
  }
  const file = join(designerDist, relative === "" ? "index.html" : relative);
  try {
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}
