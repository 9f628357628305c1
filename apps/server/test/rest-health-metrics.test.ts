/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call -- REST answers are JSON the assertions read as they come */
import {
  createMemoryTaskQueue,
  createPgliteSqlClient,
  type SqlClient,
  type TaskQueue,
} from "@stepflow/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRestServer, type RestServer } from "./support/rest-server.ts";
import type { Backend } from "./support/backends.ts";

describe("/healthz, /readyz and /metrics", () => {
  let s: RestServer;
  let sql: SqlClient;
  let queue: TaskQueue;
  let databaseDown = false;
  let queueDown = false;

  beforeAll(async () => {
    const real = await createPgliteSqlClient({});
    // The same database, with a switch that makes it unreachable for the readiness check.
    sql = {
      ...real,
      query: (text: string, params?: unknown[]) =>
        databaseDown && text === "SELECT 1"
          ? Promise.reject(new Error("connection refused"))
          : real.query(text, params),
      transaction: (fn) => real.transaction(fn),
      close: () => real.close(),
    };
    const realQueue = createMemoryTaskQueue();
    queue = new Proxy(realQueue, {
      get: (target, key, receiver) =>
        key === "counts" && queueDown
          ? () => Promise.reject(new Error("Redis is gone"))
          : (Reflect.get(target, key, receiver) as unknown),
    });
    const backend: Backend = {
      name: "pglite",
      sql,
      queue,
      otherQueue: () => createMemoryTaskQueue(),
      close: async () => (await queue.close(), await real.close()),
    };
    s = await startRestServer(backend);
  });

  afterAll(async () => {
    await s?.close();
    await queue?.close();
    await sql?.close();
  });

  it("serves the designer's build at / (the build runs before the tests)", async () => {
    const res = await fetch(`${s.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("<html");
  });

  it("answers /healthz while the process is up", async () => {
    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("is ready when the database and the queue answer, and says which check fails when not", async () => {
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok", queue: "ok" } });
    databaseDown = true;
    try {
      const notReady = await fetch(`${s.url}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({
        status: "not ready",
        checks: { database: "connection refused", queue: "ok" },
      });
    } finally {
      databaseDown = false;
    }
    queueDown = true;
    try {
      const notReady = await fetch(`${s.url}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({
        status: "not ready",
        checks: { database: "ok", queue: "Redis is gone" },
      });
    } finally {
      queueDown = false;
    }
  });

  it("counts executions by outcome, times requests by route and reports process metrics", async () => {
    const definition = { StartAt: "F", States: { F: { Type: "Fail", Error: "E" } } };
    const failing = (await s.call("POST", "/state-machines", { name: "fails", definition })).body
      .stateMachineArn;
    await s.call("POST", "/executions", { stateMachineArn: failing, name: "one" });
    await s.call(
      "GET",
      `/executions/${encodeURIComponent(`${failing.replace("stateMachine", "execution")}:one`)}`,
    );
    let text = "";
    for (let tries = 0; tries < 100; tries++) {
      text = await (await fetch(`${s.url}/metrics`)).text();
      if (text.includes('stepflow_executions_finished_total{status="FAILED"} 1')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(text).toContain("stepflow_executions_started_total 1");
    expect(text).toContain('stepflow_executions_finished_total{status="FAILED"} 1');
    expect(text).toContain('stepflow_executions_finished_total{status="SUCCEEDED"} 0');
    expect(text).toMatch(
      /stepflow_http_request_duration_seconds_count\{method="POST",route="\/v1\/executions",status="201"\} 1/,
    );
    expect(text).toMatch(/route="\/v1\/executions\/:arn",status="200"/);
    expect(text).toMatch(/stepflow_queue_jobs\{queue="[^"]+",state="waiting"\} \d+/);
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).not.toContain("arn:aws");
  });

  it("labels AWS protocol requests by known action only", async () => {
    const call = (target: string) =>
      fetch(s.url, {
        method: "POST",
        headers: { "x-amz-target": target, "content-type": "application/x-amz-json-1.0" },
        body: "{}",
      });
    expect((await call("AWSStepFunctions.ListStateMachines")).status).toBe(200);
    expect((await call("AWSStepFunctions.NoSuchThing")).status).toBe(400);
    const text = await (await fetch(`${s.url}/metrics`)).text();
    expect(text).toContain('route="AWSStepFunctions.ListStateMachines",status="200"');
    expect(text).not.toContain("NoSuchThing");
  });
});
