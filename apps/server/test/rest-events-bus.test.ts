/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- REST answers are JSON the assertions read as they come */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stderrLogger } from "../src/logger.ts";
import { OPENAPI_DOCUMENT_WITH_EVENTS } from "../src/rest/openapi.ts";
import { restApi } from "../src/rest/rest-api.ts";
import { backends, type Backend } from "./support/backends.ts";
import { startEventsServer, until, type EventsServer } from "./support/events-server.ts";

const passThrough = { StartAt: "Done", States: { Done: { Type: "Pass", End: true } } };

interface Answer {
  status: number;
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever came back
  body: any;
}

describe.each(backends.filter((b) => b.available))("/v1 event bus REST on $name", (setup) => {
  let backend: Backend;
  let server: EventsServer;

  /** Calls `/v1<path>` with a JSON body (a string is sent as it is). */
  async function call(method: string, path: string, body?: unknown): Promise<Answer> {
    const init: RequestInit = { method, headers: { "content-type": "application/json" } };
    if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
    const res = await fetch(`${server.url}/v1${path}`, init);
    const text = await res.text();
    const type = res.headers.get("content-type") ?? "";
    return { status: res.status, type, body: type.includes("json") && text !== "" ? JSON.parse(text) : text };
  }

  /** Expects an RFC 9457 problem with `status` and `code`. */
  function expectProblem(answer: Answer, status: number, code: string): void {
    expect({ status: answer.status, code: answer.body?.code }, JSON.stringify(answer.body)).toEqual({
      status,
      code,
    });
    expect(answer.type).toContain("application/problem+json");
    expect(answer.body.type).toBe(`urn:stepflow:problem:${code}`);
    expect(typeof answer.body.detail).toBe("string");
  }

  async function stateMachine(name: string): Promise<string> {
    const created = await call("POST", "/state-machines", { name, definition: passThrough });
    expect(created.status).toBe(201);
    return created.body.stateMachineArn as string;
  }

  beforeAll(async () => {
    backend = await setup.open();
    server = await startEventsServer(backend);
  }, 60_000);

  afterAll(async () => {
    // Nothing answered a 500: every refusal above was a typed problem.
    expect(server?.logged.filter((entry) => entry.level === "error")).toEqual([]);
    await server?.close();
    await backend?.close();
  });

  it("serves exactly the routes its OpenAPI document lists when a bus runs", async () => {
    interface Layer {
      route?: { path: string; methods: Record<string, boolean> };
    }
    const router = restApi({ engine: server.engine, log: stderrLogger, bus: server.bus });
    const served = (router as unknown as { stack: Layer[] }).stack
      .flatMap((layer) =>
        layer.route === undefined
          ? []
          : Object.keys(layer.route.methods)
              .filter((method) => method !== "_all")
              .map((method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, "{$1}")}`),
      )
      .sort();
    const documented = Object.entries(OPENAPI_DOCUMENT_WITH_EVENTS.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(served);
    expect(served).toContain("POST /buses/{bus}/events");
    const text = JSON.stringify(OPENAPI_DOCUMENT_WITH_EVENTS);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/(\w+)"/g)) {
      expect(OPENAPI_DOCUMENT_WITH_EVENTS.components.schemas, name).toHaveProperty(name!);
    }
    const document = await call("GET", "/openapi.json");
    expect(Object.keys(document.body.paths)).toContain("/event-patterns/test");
  });

  it("creates, lists a page at a time, describes and deletes buses", async () => {
    const created = await call("POST", "/buses", { Name: "orders", Description: "order events" });
    expect(created).toMatchObject({
      status: 201,
      body: {
        EventBusArn: "arn:aws:events:us-east-1:123456789012:event-bus/orders",
        Description: "order events",
      },
    });
    expectProblem(await call("POST", "/buses", { Name: "orders" }), 409, "ResourceAlreadyExistsException");
    expectProblem(await call("POST", "/buses", { Name: "bad name!" }), 400, "ValidationException");
    expect((await call("POST", "/buses", { Name: "payments" })).status).toBe(201);

    const first = await call("GET", "/buses?limit=1");
    expect(first.status).toBe(200);
    expect(first.body.items.map((b: { Name: string }) => b.Name)).toEqual(["default"]);
    const names = ["default"];
    let cursor: string | undefined = first.body.nextCursor;
    while (cursor !== undefined) {
      const next = await call("GET", `/buses?limit=1&cursor=${encodeURIComponent(cursor)}`);
      names.push(...next.body.items.map((b: { Name: string }) => b.Name));
      cursor = next.body.nextCursor;
    }
    expect(names).toEqual(["default", "orders", "payments"]);
    expect((await call("GET", "/buses?namePrefix=pay")).body.items).toHaveLength(1);

    const described = await call("GET", "/buses/orders");
    expect(described).toMatchObject({ status: 200, body: { Name: "orders", Description: "order events" } });
    expect(Date.parse(described.body.CreationTime)).toBeGreaterThan(0);

    expect((await call("DELETE", "/buses/payments")).status).toBe(204);
    expectProblem(await call("DELETE", "/buses/payments"), 404, "ResourceNotFoundException");
    expectProblem(await call("GET", "/buses/payments"), 404, "ResourceNotFoundException");
    expectProblem(await call("DELETE", "/buses/default"), 400, "ValidationException");
  });

  it("manages rules: create, conflict, update keeping members, disable, enable, list, delete", async () => {
    const pattern = { source: ["shop"], "detail-type": ["OrderPlaced"] };
    const created = await call("POST", "/buses/orders/rules", {
      Name: "placed",
      EventPattern: pattern,
      Description: "orders placed",
    });
    expect(created).toMatchObject({
      status: 201,
      body: { RuleArn: "arn:aws:events:us-east-1:123456789012:rule/orders/placed" },
    });
    expectProblem(
      await call("POST", "/buses/orders/rules", { Name: "placed", EventPattern: pattern }),
      409,
      "ResourceAlreadyExistsException",
    );
    expectProblem(
      await call("POST", "/buses/orders/rules", { Name: "bad", EventPattern: '{"source": "shop"}' }),
      400,
      "InvalidEventPatternException",
    );
    expectProblem(
      await call("POST", "/buses/nowhere/rules", { Name: "x", EventPattern: pattern }),
      404,
      "ResourceNotFoundException",
    );
    expectProblem(await call("POST", "/buses/orders/rules", { Name: "none" }), 400, "ValidationException");

    const updated = await call("PATCH", "/buses/orders/rules/placed", {
      EventPattern: JSON.stringify({ source: ["shop", "store"] }),
    });
    expect(updated.status).toBe(200);
    const described = await call("GET", "/buses/orders/rules/placed");
    expect(described.body).toMatchObject({
      Name: "placed",
      EventBusName: "orders",
      State: "ENABLED",
      Description: "orders placed",
    });
    expect(JSON.parse(described.body.EventPattern)).toEqual({ source: ["shop", "store"] });
    expectProblem(
      await call("PATCH", "/buses/orders/rules/missing", { Description: "x" }),
      404,
      "ResourceNotFoundException",
    );

    expect((await call("POST", "/buses/orders/rules/placed/disable")).body.State).toBe("DISABLED");
    expect((await call("GET", "/buses/orders/rules/placed")).body.State).toBe("DISABLED");
    expect((await call("POST", "/buses/orders/rules/placed/enable")).body.State).toBe("ENABLED");
    expectProblem(await call("POST", "/buses/orders/rules/missing/enable"), 404, "ResourceNotFoundException");

    await call("POST", "/buses/orders/rules", { Name: "shipped", EventPattern: { source: ["ship"] } });
    const listed = await call("GET", "/buses/orders/rules?limit=1");
    expect(listed.body.items.map((r: { Name: string }) => r.Name)).toEqual(["placed"]);
    expect(listed.body.nextCursor).toEqual(expect.any(String));
    expectProblem(await call("GET", "/buses/nowhere/rules"), 404, "ResourceNotFoundException");

    expect((await call("DELETE", "/buses/orders/rules/shipped")).status).toBe(204);
    expectProblem(await call("DELETE", "/buses/orders/rules/shipped"), 404, "ResourceNotFoundException");
  });

  it("puts, lists and removes targets; a target it cannot deliver to is a failed entry", async () => {
    await call("POST", "/buses/orders/rules", { Name: "targets", EventPattern: { source: ["t"] } });
    const queueArn = "arn:aws:stepflow:us-east-1:123456789012:queue/orders";
    const put = await call("POST", "/buses/orders/rules/targets/targets", {
      Targets: [
        { Id: "q1", Arn: queueArn, RetryPolicy: { MaximumRetryAttempts: 3 } },
        { Id: "q2", Arn: queueArn, InputPath: "$.detail" },
        { Id: "fn", Arn: "arn:aws:lambda:us-east-1:123456789012:function:f" },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body.FailedEntryCount).toBe(1);
    expect(put.body.FailedEntries).toEqual([
      expect.objectContaining({ TargetId: "fn", ErrorCode: "ValidationException" }),
    ]);
    const listed = await call("GET", "/buses/orders/rules/targets/targets");
    expect(listed.body.items).toEqual([
      { Id: "q1", Arn: queueArn, RetryPolicy: { MaximumRetryAttempts: 3 } },
      { Id: "q2", Arn: queueArn, InputPath: "$.detail" },
    ]);

    const wrongType = await call("POST", "/buses/orders/rules/targets/targets", {
      Targets: [{ Id: "x", Arn: queueArn, RetryPolicy: { MaximumRetryAttempts: "3" } }],
    });
    expectProblem(wrongType, 400, "ValidationException");
    expect(wrongType.body.detail).toContain("Targets[0]");
    expectProblem(
      await call("POST", "/buses/orders/rules/targets/targets", {
        Targets: [{ Id: "x", Arn: queueArn, Extra: 1 }],
      }),
      400,
      "ValidationException",
    );
    expectProblem(
      await call("POST", "/buses/orders/rules/targets/targets", {
        Targets: [{ Id: "x", Arn: queueArn, RetryPolicy: { MaximumRetryAttempts: 500 } }],
      }),
      400,
      "ValidationException",
    );
    expectProblem(
      await call("POST", "/buses/orders/rules/missing/targets", { Targets: [{ Id: "x", Arn: queueArn }] }),
      404,
      "ResourceNotFoundException",
    );
    expectProblem(
      await call("POST", "/buses/orders/rules/targets/targets", { Targets: [] }),
      400,
      "ValidationException",
    );

    // A rule with targets is only deleted with force=true.
    expectProblem(await call("DELETE", "/buses/orders/rules/targets"), 400, "ValidationException");

    expect((await call("DELETE", "/buses/orders/rules/targets/targets/q1")).status).toBe(204);
    const removed = await call("POST", "/buses/orders/rules/targets/targets/remove", { Ids: ["q2"] });
    expect(removed).toMatchObject({ status: 200, body: { FailedEntryCount: 0 } });
    expect((await call("GET", "/buses/orders/rules/targets/targets")).body.items).toEqual([]);
    expectProblem(
      await call("POST", "/buses/orders/rules/targets/targets/remove", { Ids: "q2" }),
      400,
      "ValidationException",
    );
    expect((await call("DELETE", "/buses/orders/rules/targets?force=true")).status).toBe(204);
  });

  it("POSTs events with per-entry results; a rule targeting a state machine starts an execution", async () => {
    const stateMachineArn = await stateMachine("on-order");
    await call("POST", "/buses/orders/rules", {
      Name: "big-orders",
      EventPattern: { source: ["shop"], detail: { total: [{ numeric: [">", 100] }] } },
    });
    const targets = await call("POST", "/buses/orders/rules/big-orders/targets", {
      Targets: [
        {
          Id: "flow",
          Arn: stateMachineArn,
          InputTransformer: {
            InputPathsMap: { total: "$.detail.total", kind: "$.detail-type" },
            InputTemplate: '{"total": <total>, "kind": <kind>, "rule": <aws.events.rule-name>}',
          },
        },
      ],
    });
    expect(targets.body).toEqual({ FailedEntryCount: 0, FailedEntries: [] });

    const put = await call("POST", "/buses/orders/events", {
      Entries: [
        { Source: "shop", DetailType: "OrderPlaced", Detail: { total: 250 } },
        { Source: "shop", DetailType: "OrderPlaced", Detail: '{"total": 5}', Time: "2024-05-01T10:00:00Z" },
        { Source: "shop", Detail: { total: 999 } },
        { Source: "aws.shop", DetailType: "OrderPlaced", Detail: { total: 999 } },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body.FailedEntryCount).toBe(2);
    expect(put.body.Entries[0]).toEqual({ EventId: expect.any(String) });
    expect(put.body.Entries[1]).toEqual({ EventId: expect.any(String) });
    expect(put.body.Entries[2]).toMatchObject({ ErrorCode: "InvalidArgument" });
    expect(put.body.Entries[3]).toMatchObject({ ErrorCode: "NotAuthorizedForSourceException" });

    const executions = await until(async () => {
      const list = await call("GET", `/executions?stateMachineArn=${encodeURIComponent(stateMachineArn)}`);
      return list.body.items.length > 0 ? list.body.items : undefined;
    }, "the execution the event starts");
    expect(executions).toHaveLength(1);
    const execution = await until(async () => {
      const one = await call("GET", `/executions/${encodeURIComponent(executions[0].executionArn)}`);
      return one.body.status === "SUCCEEDED" ? one.body : undefined;
    }, "the execution to finish");
    expect(execution.input).toEqual({ total: 250, kind: "OrderPlaced", rule: "big-orders" });

    expectProblem(
      await call("POST", "/buses/nowhere/events", {
        Entries: [{ Source: "s", DetailType: "d", Detail: {} }],
      }),
      404,
      "ResourceNotFoundException",
    );
    const eleven = Array.from({ length: 11 }, () => ({ Source: "s", DetailType: "d", Detail: {} }));
    expectProblem(
      await call("POST", "/buses/orders/events", { Entries: eleven }),
      400,
      "ValidationException",
    );
    expectProblem(await call("POST", "/buses/orders/events", { Entries: {} }), 400, "ValidationException");
    expectProblem(await call("POST", "/buses/orders/events", {}), 400, "ValidationException");
    expectProblem(
      await call("POST", "/buses/orders/events", {
        Entries: [{ Source: "s", DetailType: "d", Detail: {}, Time: "soon" }],
      }),
      400,
      "ValidationException",
    );
    expectProblem(
      await call("POST", "/buses/orders/events", {
        Entries: [{ Source: "s", DetailType: "d", Detail: {}, EventBusName: "payments" }],
      }),
      400,
      "ValidationException",
    );
  });

  it("lists a dead letter and redrives it once the state machine exists", async () => {
    const arn = "arn:aws:states:us-east-1:123456789012:stateMachine:rest-late";
    await call("POST", "/buses/orders/rules", { Name: "late", EventPattern: { source: ["late"] } });
    await call("POST", "/buses/orders/rules/late/targets", {
      Targets: [{ Id: "sm", Arn: arn, RetryPolicy: { MaximumRetryAttempts: 0 } }],
    });
    await call("POST", "/buses/orders/events", {
      Entries: [{ Source: "late", DetailType: "T", Detail: { n: 1 } }],
    });
    const dead = await until(async () => {
      const list = await call("GET", "/buses/orders/dead-letters");
      return list.body.items.length > 0 ? list.body.items : undefined;
    }, "the dead letter");
    expect(dead).toEqual([
      expect.objectContaining({ EventBusName: "orders", TargetId: "sm", TargetArn: arn, Attempts: 1 }),
    ]);
    const ruleArn = encodeURIComponent("arn:aws:events:us-east-1:123456789012:rule/orders/late");
    expect((await call("GET", `/buses/orders/dead-letters?ruleArn=${ruleArn}`)).body.items).toHaveLength(1);
    expect((await call("GET", "/buses/orders/dead-letters?ruleArn=other")).body.items).toEqual([]);
    expectProblem(await call("GET", "/buses/nowhere/dead-letters"), 404, "ResourceNotFoundException");
    expectProblem(
      await call("POST", "/buses/orders/dead-letters/redrive", { DeliveryIds: ["x"] }),
      400,
      "ValidationException",
    );

    const stateMachineArn = await stateMachine("rest-late");
    const redriven = await call("POST", "/buses/orders/dead-letters/redrive", {
      DeliveryIds: [dead[0].DeliveryId],
    });
    expect(redriven).toMatchObject({ status: 200, body: { RedrivenCount: 1 } });
    await until(async () => {
      const list = await call("GET", `/executions?stateMachineArn=${encodeURIComponent(stateMachineArn)}`);
      return list.body.items.length === 1 ? true : undefined;
    }, "the redriven execution");
    expect((await call("GET", "/buses/orders/dead-letters")).body.items).toEqual([]);
  });

  it("archives events and replays them; cancelling a finished replay is a conflict", async () => {
    const archive = await call("POST", "/archives", {
      ArchiveName: "audit",
      EventSourceArn: "orders",
      EventPattern: { source: ["audit"] },
    });
    expect(archive).toMatchObject({
      status: 201,
      body: { ArchiveArn: "arn:aws:events:us-east-1:123456789012:archive/audit", State: "ENABLED" },
    });
    expectProblem(
      await call("POST", "/archives", { ArchiveName: "audit", EventSourceArn: "orders" }),
      409,
      "ResourceAlreadyExistsException",
    );
    expectProblem(
      await call("POST", "/archives", { ArchiveName: "x", EventSourceArn: "nowhere" }),
      404,
      "ResourceNotFoundException",
    );
    expectProblem(
      await call("POST", "/archives", { ArchiveName: "x", EventSourceArn: "orders", RetentionDays: -1 }),
      400,
      "ValidationException",
    );

    const start = new Date(Date.now() - 60_000).toISOString();
    await call("POST", "/buses/orders/events", {
      Entries: [
        { Source: "audit", DetailType: "A", Detail: { n: 1 } },
        { Source: "other", DetailType: "A", Detail: { n: 2 } },
      ],
    });
    const described = await until(async () => {
      const one = await call("GET", "/archives/audit");
      return one.body.EventCount === 1 ? one.body : undefined;
    }, "the archived event");
    expect(described).toMatchObject({ ArchiveName: "audit", RetentionDays: 0 });
    expect((await call("GET", "/archives?eventSourceArn=orders")).body.items).toHaveLength(1);
    expect((await call("GET", "/archives?eventSourceArn=default")).body.items).toEqual([]);

    const replay = await call("POST", "/replays", {
      ReplayName: "again",
      EventSourceArn: archive.body.ArchiveArn,
      EventStartTime: start,
      EventEndTime: new Date(Date.now() + 60_000).toISOString(),
      Destination: { Arn: "arn:aws:events:us-east-1:123456789012:event-bus/orders" },
    });
    expect(replay).toMatchObject({ status: 201, body: { State: "STARTING" } });
    const done = await until(async () => {
      const one = await call("GET", "/replays/again");
      return one.body.State === "COMPLETED" ? one.body : undefined;
    }, "the replay to complete");
    expect(done).toMatchObject({ ReplayName: "again", EventSourceArn: archive.body.ArchiveArn });
    expect((await call("GET", "/replays?state=COMPLETED")).body.items).toEqual([
      expect.objectContaining({ ReplayName: "again" }),
    ]);
    expectProblem(await call("POST", "/replays/again/cancel"), 409, "IllegalStatusException");
    expectProblem(await call("POST", "/replays/missing/cancel"), 404, "ResourceNotFoundException");
    expectProblem(await call("GET", "/replays/missing"), 404, "ResourceNotFoundException");
    expectProblem(await call("GET", "/replays?state=DONE"), 400, "ValidationException");
    expectProblem(
      await call("POST", "/replays", {
        ReplayName: "bad-times",
        EventSourceArn: archive.body.ArchiveArn,
        EventStartTime: "yesterday",
        EventEndTime: start,
        Destination: { Arn: "arn:aws:events:us-east-1:123456789012:event-bus/orders" },
      }),
      400,
      "ValidationException",
    );
    expectProblem(
      await call("POST", "/replays", { ReplayName: "x", EventSourceArn: "a" }),
      400,
      "ValidationException",
    );

    expect((await call("DELETE", "/archives/audit")).status).toBe(204);
    expectProblem(await call("GET", "/archives/audit"), 404, "ResourceNotFoundException");
    expectProblem(await call("DELETE", "/archives/audit"), 404, "ResourceNotFoundException");
  });

  it("tests event patterns, with EventBridge's errors for bad patterns and events", async () => {
    const event = {
      id: "1",
      "detail-type": "OrderPlaced",
      source: "shop",
      account: "123456789012",
      time: "2024-05-01T10:00:00Z",
      region: "us-east-1",
      resources: [],
      detail: { total: 250 },
    };
    const yes = await call("POST", "/event-patterns/test", {
      EventPattern: { detail: { total: [{ numeric: [">", 100] }] } },
      Event: event,
    });
    expect(yes).toMatchObject({ status: 200, body: { Result: true } });
    const no = await call("POST", "/event-patterns/test", {
      EventPattern: '{"source": ["other"]}',
      Event: JSON.stringify(event),
    });
    expect(no).toMatchObject({ status: 200, body: { Result: false } });
    expectProblem(
      await call("POST", "/event-patterns/test", { EventPattern: { source: "shop" }, Event: event }),
      400,
      "InvalidEventPatternException",
    );
    expectProblem(
      await call("POST", "/event-patterns/test", {
        EventPattern: { source: ["shop"] },
        Event: { source: "shop" },
      }),
      400,
      "ValidationException",
    );
    expectProblem(
      await call("POST", "/event-patterns/test", { EventPattern: { source: ["shop"] } }),
      400,
      "ValidationException",
    );
  });

  it("answers bad input with 400 problems, never a 500", async () => {
    expectProblem(await call("POST", "/buses", "{not json"), 400, "SerializationException");
    expectProblem(await call("POST", "/buses", { Name: "x", Colour: "red" }), 400, "ValidationException");
    expectProblem(await call("GET", "/buses?limit=500"), 400, "ValidationException");
    expectProblem(await call("GET", "/buses?cursor=bogus"), 400, "ValidationException");
    expectProblem(await call("GET", "/buses/a%00b"), 400, "ValidationException");
    expectProblem(await call("GET", "/buses/orders/rules/a%01b"), 400, "ValidationException");
    expectProblem(await call("POST", "/buses", { Name: "x", Description: 5 }), 400, "ValidationException");
    expectProblem(
      await call("POST", "/buses/orders/events", {
        Entries: [{ Source: "s", DetailType: "d\u0000", Detail: {} }],
      }),
      400,
      "ValidationException",
    );
    expectProblem(await call("PUT", "/buses/orders"), 404, "NotFound");
  });
});
