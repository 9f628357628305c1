import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SFNClient } from "@aws-sdk/client-sfn";
import { createEngine, type Engine } from "@stepflow/engine";
import { createEventBus, type EventBus } from "@stepflow/events";
import { createApp } from "../../src/app.ts";
import type { Logger } from "../../src/logger.ts";
import type { Security } from "../../src/security/security-from-env.ts";
import type { Backend } from "./backends.ts";

/** A server with an engine and an event bus, and SDK clients of both protocols pointed at it. */
export interface EventsServer {
  engine: Engine;
  bus: EventBus;
  events: EventBridgeClient;
  sfn: SFNClient;
  url: string;
  /** What the server logged (a test asserts there was nothing it did not expect). */
  logged: { level: string; message: string; fields: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** Options of {@link startEventsServer}. */
export interface EventsServerOptions {
  account?: string;
  security?: Security;
}

/** Starts an engine and an event bus on `backend` and the app on 127.0.0.1:0. */
export async function startEventsServer(
  backend: Backend,
  options: EventsServerOptions = {},
): Promise<EventsServer> {
  const engine = await createEngine({ sql: backend.sql, queue: backend.queue, sweepMs: 200 });
  const bus = await createEventBus({
    sql: backend.sql,
    queue: backend.queue,
    engine,
    backoff: { baseDelayMs: 20, maxDelayMs: 100 },
    sweepMs: 200,
    ...(options.account === undefined ? {} : { account: options.account, region: "us-east-1" }),
  });
  const logged: EventsServer["logged"] = [];
  const log: Logger = {
    error: (fields, message) => logged.push({ level: "error", message, fields }),
    warn: (fields, message) => logged.push({ level: "warn", message, fields }),
  };
  const app = createApp({
    engine,
    bus,
    log,
    security: options.security ?? { accessKeys: new Map(), apiKeys: [] },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = {
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" },
    maxAttempts: 1,
  };
  const events = new EventBridgeClient(config);
  const sfn = new SFNClient({ ...config, disableHostPrefix: true });
  return {
    engine,
    bus,
    events,
    sfn,
    url,
    logged,
    async close() {
      events.destroy();
      sfn.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bus.close();
      await engine.close();
    },
  };
}

/** Polls `probe` every 20 ms until it returns a value, or fails after `ms`. */
export async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Sends one raw AWS JSON 1.1 request and returns status, `__type`-bearing body and headers. */
export async function rawEvents(
  url: string,
  target: string | undefined,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      ...(target === undefined ? {} : { "x-amz-target": target }),
      ...headers,
    },
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
    headers: response.headers,
  };
}
