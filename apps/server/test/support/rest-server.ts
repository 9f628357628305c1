/* eslint-disable @typescript-eslint/no-unsafe-assignment -- REST answers are JSON the assertions read as they come */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createEngine, type Engine } from "@stepflow/engine";
import { createApp } from "../../src/app.ts";
import type { Logger } from "../../src/logger.ts";
import type { Backend } from "./backends.ts";

/** An answer of the REST API, body parsed when it is JSON. */
export interface RestAnswer {
  status: number;
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever came back
  body: any;
}

/** A running app on an ephemeral port for REST tests. */
export interface RestServer {
  engine: Engine;
  url: string;
  logged: { level: string; message: string }[];
  /** Calls `/v1<path>` with a JSON body (a string is sent as it is). */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<RestAnswer>;
  close(): Promise<void>;
}

/** Starts an engine on `backend` and the whole app (with its sql and queue) on 127.0.0.1:0. */
export async function startRestServer(backend: Backend): Promise<RestServer> {
  const engine = await createEngine({ sql: backend.sql, queue: backend.queue, sweepMs: 200 });
  const logged: RestServer["logged"] = [];
  const log: Logger = {
    error: (_fields, message) => logged.push({ level: "error", message }),
    warn: (_fields, message) => logged.push({ level: "warn", message }),
  };
  const closing = new AbortController();
  const app = createApp({
    engine,
    log,
    sql: backend.sql,
    queue: backend.queue,
    closing: closing.signal,
    security: { accessKeys: new Map(), apiKeys: [] },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    engine,
    url,
    logged,
    async call(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { "content-type": "application/json", ...headers } };
      if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
      const res = await fetch(`${url}/v1${path}`, init);
      const text = await res.text();
      const type = res.headers.get("content-type") ?? "";
      return {
        status: res.status,
        type,
        body: type.includes("json") && text !== "" ? JSON.parse(text) : text,
      };
    },
    async close() {
      closing.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
    },
  };
}

/** `/v1` path segment of an ARN. */
export const seg = (arn: string): string => encodeURIComponent(arn);
