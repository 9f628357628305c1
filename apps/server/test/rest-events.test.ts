/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- REST answers are JSON the assertions read as they come */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createEngine, createMemoryTaskQueue, createPgliteSqlClient, type Engine } from "@stepflow/engine";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../src/logger.ts";
import { restApi } from "../src/rest/rest-api.ts";

/** One Server-Sent Event, or a comment line. */
interface Sse {
  event?: string;
  id?: string;
  data?: string;
  comment?: string;
}

/** Reads an SSE response with fetch, event by event, as a browser's EventSource would parse it. */
async function* events(response: Response): AsyncGenerator<Sse> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const sse: Sse = {};
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) sse.comment = line.slice(1).trim();
        const match = /^(event|id|data): ?(.*)$/.exec(line);
        if (match) sse[match[1] as "event" | "id" | "data"] = match[2] ?? "";
      }
      yield sse;
    }
  }
}

describe("GET /v1/executions/{arn}/events", () => {
  let engine: Engine;
  let server: Server;
  let url: string;
  let closeBackends: () => Promise<void>;
  let machine: string;
  let activityArn: string;
  const closing = new AbortController();
  const logged: string[] = [];
  const log: Logger = { error: (_f, m) => logged.push(m), warn: (_f, m) => logged.push(m) };

  beforeAll(async () => {
    const sql = await createPgliteSqlClient({});
    const queue = createMemoryTaskQueue();
    closeBackends = async () => (await queue.close(), await sql.close());
    engine = await createEngine({ sql, queue, sweepMs: 200 });
    const app = express();
    app.use(
      "/v1",
      restApi({ engine, log, events: { pollMs: 50, heartbeatMs: 100, closing: closing.signal } }),
    );
    server = await new Promise((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    activityArn = (await engine.activities.create({ name: "gate" })).activityArn;
    machine = (
      await engine.stateMachines.create({
        name: "gated",
        roleArn: "arn:aws:iam::123456789012:role/x",
        definition: JSON.stringify({
          StartAt: "Before",
          States: {
            Before: { Type: "Pass", Next: "Gate" },
            Gate: { Type: "Task", Resource: activityArn, Next: "After" },
            After: { Type: "Pass", End: true },
          },
        }),
      })
    ).stateMachineArn;
  });

  afterAll(async () => {
    closing.abort();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await engine?.close();
    await closeBackends?.();
  });

  const stream = (arn: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/executions/${encodeURIComponent(arn)}/events`, { headers });

  it("sends the history written so far, then new events as they commit, then end", async () => {
    const { executionArn } = await engine.executions.start({ stateMachineArn: machine, input: '{"x":1}' });
    const task = await engine.activities.getActivityTask({ activityArn }, { waitMs: 10_000 });
    const response = await stream(executionArn);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");

    const seen: Sse[] = [];
    let answered = false;
    let heartbeats = 0;
    for await (const sse of events(response)) {
      if (sse.comment === "heartbeat") heartbeats++;
      if (sse.event === undefined) continue;
      seen.push(sse);
      // The task is answered only once the stream has caught up with everything written before.
      if (!answered && sse.event === "history" && JSON.parse(sse.data!).type === "ActivityStarted") {
        answered = true;
        await new Promise((r) => setTimeout(r, 250));
        await engine.tasks.sendTaskSuccess({ taskToken: task.taskToken!, output: '{"y":2}' });
      }
    }
    const history = seen.filter((e) => e.event === "history").map((e) => JSON.parse(e.data!));
    expect(history.map((e) => e.type)).toEqual(
      (await engine.executions.history({ executionArn })).events.map((e) => e.type),
    );
    expect(history.map((e) => e.id)).toEqual(history.map((_e, i) => i + 1));
    expect(seen.filter((e) => e.event === "history").map((e) => Number(e.id))).toEqual(
      history.map((e) => e.id),
    );
    expect(history.at(-1).type).toBe("ExecutionSucceeded");
    expect(history[0].timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(heartbeats).toBeGreaterThan(0);
    const end = seen.at(-1)!;
    expect(end.event).toBe("end");
    expect(JSON.parse(end.data!)).toMatchObject({
      executionArn,
      status: "SUCCEEDED",
      output: { y: 2 },
      input: { x: 1 },
    });
  });

  it("resumes after Last-Event-ID and ends at once for a finished execution", async () => {
    const { executionArn } = await engine.executions.start({ stateMachineArn: machine });
    const task = await engine.activities.getActivityTask({ activityArn }, { waitMs: 10_000 });
    await engine.tasks.sendTaskFailure({ taskToken: task.taskToken!, error: "Denied" });
    const total = (await engine.executions.history({ executionArn })).events.length;
    for (let tries = 0; tries < 100; tries++) {
      if ((await engine.executions.describe(executionArn)).status !== "RUNNING") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const all = (await engine.executions.history({ executionArn })).events;
    expect(all.length).toBeGreaterThanOrEqual(total);
    const seen: Sse[] = [];
    for await (const sse of events(await stream(executionArn, { "Last-Event-ID": String(all.length - 2) }))) {
      if (sse.event !== undefined) seen.push(sse);
    }
    expect(seen.map((e) => e.id ?? e.event)).toEqual([String(all.length - 1), String(all.length), "end"]);
    expect(JSON.parse(seen.at(-1)!.data!)).toMatchObject({ status: "FAILED", error: "Denied" });
  });

  it("answers a missing execution with a 404 problem, not a stream", async () => {
    const response = await stream("arn:aws:states:us-east-1:123456789012:execution:gated:none");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ code: "ExecutionDoesNotExist" });
  });

  it("ends open streams when the server shuts down", async () => {
    const { executionArn } = await engine.executions.start({ stateMachineArn: machine });
    const reader = events(await stream(executionArn));
    expect((await reader.next()).value).toEqual({});
    expect((await reader.next()).value).toMatchObject({ event: "history", id: "1" });
    closing.abort();
    const rest: Sse[] = [];
    for await (const sse of reader) rest.push(sse);
    expect(rest.some((e) => e.event === "end")).toBe(false);
    await engine.executions.stop({ executionArn });
    expect(logged).toEqual([]);
  });
});
