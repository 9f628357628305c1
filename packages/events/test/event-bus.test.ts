import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createEngine, type Engine, type QueueConsumer, type QueueJob } from "@stepflow/engine";
import { createEventBus, EventsError, type EventBus } from "../src/index.ts";
import { backends, until, type Backend } from "./support/backends.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
const passThrough = JSON.stringify({ StartAt: "Done", States: { Done: { Type: "Pass", End: true } } });

/** A local HTTP endpoint that fails the first `failures` calls of each path with `status`. */
function httpEndpoint() {
  const calls: { path: string; body: string; headers: IncomingHttpHeaders }[] = [];
  const failing = new Map<string, { left: number; status: number }>();
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const path = req.url ?? "";
      calls.push({ path, body, headers: req.headers });
      const failure = failing.get(path.split("?")[0]!);
      if (failure !== undefined && failure.left > 0) {
        failure.left--;
        res.writeHead(failure.status).end("try later");
        return;
      }
      res.writeHead(200).end("ok");
    });
  });
  return {
    calls,
    fail: (path: string, left: number, status = 503) => failing.set(path, { left, status }),
    async listen() {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

for (const backend of backends) {
  describe.skipIf(!backend.available)(`event bus on ${backend.name}`, () => {
    let b: Backend;
    let engine: Engine;
    let bus: EventBus;
    const http = httpEndpoint();
    let endpoint: string;
    const consumers: QueueConsumer[] = [];
    const jobs = new Map<string, QueueJob[]>();

    /** Collects what the worker queue `name` receives. */
    function collect(name: string): QueueJob[] {
      const received: QueueJob[] = [];
      jobs.set(name, received);
      consumers.push(b.queue.consume(name, (job) => Promise.resolve(void received.push(job))));
      return received;
    }

    async function machine(name: string, definition = passThrough): Promise<string> {
      const { stateMachineArn } = await engine.stateMachines.create({ name, definition, roleArn });
      return stateMachineArn;
    }

    async function rule(
      name: string,
      pattern: object,
      targets: Parameters<EventBus["putTargets"]>[0]["Targets"],
      busName?: string,
    ) {
      await bus.putRule({
        Name: name,
        EventPattern: JSON.stringify(pattern),
        ...(busName ? { EventBusName: busName } : {}),
      });
      const result = await bus.putTargets({
        Rule: name,
        Targets: targets,
        ...(busName ? { EventBusName: busName } : {}),
      });
      expect(result).toEqual({ FailedEntryCount: 0, FailedEntries: [] });
    }

    const put = (source: string, detail: object, extra: object = {}) =>
      bus.putEvents({
        Entries: [{ Source: source, DetailType: "Test", Detail: JSON.stringify(detail), ...extra }],
      });

    beforeAll(async () => {
      b = await backend.open();
      engine = await createEngine({ sql: b.sql, queue: b.queue, sweepMs: 200 });
      bus = await createEventBus({
        sql: b.sql,
        queue: b.queue,
        engine,
        backoff: { baseDelayMs: 20, maxDelayMs: 100 },
        sweepMs: 200,
      });
      endpoint = await http.listen();
    });

    afterAll(async () => {
      for (const consumer of consumers) await consumer.close();
      await bus?.close();
      await engine?.close();
      await http.close();
      await b?.close();
    });

    test("buses: default exists, custom ones are created, listed, described and deleted", async () => {
      expect((await bus.describeEventBus()).Arn).toBe(
        "arn:aws:events:us-east-1:123456789012:event-bus/default",
      );
      const created = await bus.createEventBus({ Name: "orders-bus", Description: "orders" });
      expect(created).toEqual({
        EventBusArn: "arn:aws:events:us-east-1:123456789012:event-bus/orders-bus",
        Description: "orders",
      });
      await expect(bus.createEventBus({ Name: "orders-bus" })).rejects.toMatchObject({
        code: "ResourceAlreadyExistsException",
        message: "Event bus orders-bus already exists.",
      });
      const listed = await bus.listEventBuses({ NamePrefix: "orders" });
      expect(listed.EventBuses.map((x) => x.Name)).toEqual(["orders-bus"]);
      await expect(bus.deleteEventBus({ Name: "default" })).rejects.toMatchObject({
        code: "ValidationException",
      });
      await bus.deleteEventBus({ Name: "orders-bus" });
      await expect(bus.describeEventBus({ Name: "orders-bus" })).rejects.toMatchObject({
        code: "ResourceNotFoundException",
        message: "Event bus orders-bus does not exist.",
      });
    });

    test("rules: validation, describe, list with pagination, enable/disable, delete refused while targets exist", async () => {
      await expect(bus.putRule({ Name: "bad", EventPattern: '{"source": "x"}' })).rejects.toMatchObject({
        code: "InvalidEventPatternException",
      });
      await expect(bus.putRule({ Name: "bad", ScheduleExpression: "rate(1 minutes)" })).rejects.toMatchObject(
        {
          code: "ValidationException",
          message: "Parameter ScheduleExpression is not valid.",
        },
      );
      await expect(bus.putRule({ Name: "bad" })).rejects.toMatchObject({ code: "ValidationException" });
      await expect(
        bus.putRule({ Name: "x", EventPattern: '{"source": ["x"]}', EventBusName: "nope" }),
      ).rejects.toMatchObject({
        code: "ResourceNotFoundException",
      });
      for (const name of ["list-a", "list-b", "list-c"]) {
        await bus.putRule({ Name: name, EventPattern: '{"source": ["list"]}', State: "DISABLED" });
      }
      await bus.putRule({ Name: "list-s", ScheduleExpression: "rate(5 minutes)" });
      const first = await bus.listRules({ NamePrefix: "list-", Limit: 2 });
      expect(first.Rules.map((r) => r.Name)).toEqual(["list-a", "list-b"]);
      const second = await bus.listRules({ NamePrefix: "list-", Limit: 2, NextToken: first.NextToken! });
      expect(second.Rules.map((r) => r.Name)).toEqual(["list-c", "list-s"]);
      expect(second.NextToken).toBeUndefined();
      await bus.enableRule({ Name: "list-a" });
      expect(await bus.describeRule({ Name: "list-a" })).toMatchObject({
        Name: "list-a",
        Arn: "arn:aws:events:us-east-1:123456789012:rule/list-a",
        State: "ENABLED",
        EventBusName: "default",
        EventPattern: '{"source": ["list"]}',
      });
      await bus.putTargets({ Rule: "list-a", Targets: [{ Id: "q", Arn: bus.arns.queue("list-q") }] });
      await expect(bus.deleteRule({ Name: "list-a" })).rejects.toMatchObject({
        code: "ValidationException",
        message: "Rule can't be deleted since it has targets.",
      });
      const unsupported = await bus.putTargets({
        Rule: "list-a",
        Targets: [{ Id: "fn", Arn: "arn:aws:lambda:us-east-1:123456789012:function:f" }],
      });
      expect(unsupported.FailedEntryCount).toBe(1);
      await expect(
        bus.putTargets({ Rule: "list-a", Targets: [{ Id: "bad id", Arn: bus.arns.queue("q") }] }),
      ).rejects.toMatchObject({ code: "ValidationException" });
      await expect(
        bus.putTargets({
          Rule: "list-a",
          Targets: [{ Id: "t", Arn: bus.arns.queue("q"), Input: "{}", InputPath: "$" }],
        }),
      ).rejects.toThrow("Only one of Input, InputPath, or InputTransformer must be provided for target t.");
      expect((await bus.listTargetsByRule({ Rule: "list-a" })).Targets.map((t) => t.Id)).toEqual(["q"]);
      await bus.removeTargets({ Rule: "list-a", Ids: ["q"] });
      await bus.deleteRule({ Name: "list-a" });
      await expect(bus.describeRule({ Name: "list-a" })).rejects.toMatchObject({
        code: "ResourceNotFoundException",
        message: "Rule list-a does not exist on EventBus default.",
      });
    });

    test("a matching event starts an execution with the transformed input; disabled rules do not match", async () => {
      const arn = await machine("on-order");
      await rule("orders", { source: ["shop"], detail: { total: [{ numeric: [">", 100] }] } }, [
        {
          Id: "flow",
          Arn: arn,
          InputTransformer: {
            InputPathsMap: { id: "$.detail.id", total: "$.detail.total" },
            InputTemplate: '{"order": <id>, "amount": <total>, "rule": "<aws.events.rule-name>"}',
          },
        },
      ]);
      const small = await put("shop", { id: "small", total: 5 });
      const big = await put("shop", { id: "big", total: 250 });
      const eventId = big.Entries[0]!.EventId!;
      const execution = await until(async () => {
        const list = await engine.executions.list({ stateMachineArn: arn });
        const found = list.executions as { executionArn: string; name: string }[];
        return found.length > 0 ? found : undefined;
      }, "the execution");
      expect(execution).toHaveLength(1);
      expect(execution[0]!.name.startsWith(eventId)).toBe(true);
      const described = await engine.executions.describe(execution[0]!.executionArn);
      expect(JSON.parse(described.input)).toEqual({ order: "big", amount: 250, rule: "orders" });
      expect(small.Entries[0]!.EventId).not.toBe(eventId);

      await bus.disableRule({ Name: "orders" });
      await put("shop", { id: "later", total: 999 });
      await new Promise((r) => setTimeout(r, 300));
      expect((await engine.executions.list({ stateMachineArn: arn })).executions).toHaveLength(1);
    });

    test("a worker-queue target receives the event as a job", async () => {
      const received = collect("billing");
      await rule("to-billing", { "detail-type": ["Invoice"] }, [{ Id: "q", Arn: bus.arns.queue("billing") }]);
      const response = await bus.putEvents({
        Entries: [
          { Source: "acct", DetailType: "Invoice", Detail: '{"n": 12345678901234567890}', Resources: ["r1"] },
        ],
      });
      await until(() => (received.length > 0 ? true : undefined), "the job");
      expect(received).toHaveLength(1);
      expect(received[0]!.data).toMatchObject({
        version: "0",
        id: response.Entries[0]!.EventId,
        "detail-type": "Invoice",
        source: "acct",
        account: "123456789012",
        region: "us-east-1",
        resources: ["r1"],
      });
      expect((received[0]!.data as { time: string }).time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });

    test("HTTP targets: auth header, retries after failures, dead letters after MaximumRetryAttempts, redrive", async () => {
      const { ConnectionArn } = await bus.createConnection({
        Name: "hooks",
        AuthorizationType: "API_KEY",
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "X-Api-Key", ApiKeyValue: "s3cret" } },
      });
      expect((await bus.describeConnection({ Name: "hooks" })).AuthParameters).toEqual({
        ApiKeyAuthParameters: { ApiKeyName: "X-Api-Key" },
      });
      const flaky = await bus.createApiDestination({
        Name: "flaky",
        ConnectionArn,
        InvocationEndpoint: `${endpoint}/flaky`,
        HttpMethod: "POST",
      });
      const broken = await bus.createApiDestination({
        Name: "broken",
        ConnectionArn,
        InvocationEndpoint: `${endpoint}/broken/*`,
        HttpMethod: "PUT",
        InvocationRateLimitPerSecond: 50,
      });
      http.fail("/flaky", 3);
      http.fail("/broken/x", 1_000, 500);
      await rule("hooks", { source: ["hooks"] }, [
        {
          Id: "flaky",
          Arn: flaky.ApiDestinationArn,
          HttpParameters: { HeaderParameters: { "X-Extra": "1" } },
        },
        {
          Id: "broken",
          Arn: broken.ApiDestinationArn,
          RetryPolicy: { MaximumRetryAttempts: 2 },
          DeadLetterConfig: { Arn: "arn:aws:sqs:us-east-1:123456789012:dlq" },
          HttpParameters: { PathParameterValues: ["x"], QueryStringParameters: { q: "1" } },
          InputPath: "$.detail",
        },
      ]);
      const { Entries } = await put("hooks", { hello: "world" });
      const flakyCalls = () => http.calls.filter((c) => c.path === "/flaky");
      await until(() => (flakyCalls().length === 4 ? true : undefined), "four calls of /flaky");
      const delivered = flakyCalls()[3]!;
      expect(delivered.headers["x-api-key"]).toBe("s3cret");
      expect(delivered.headers["x-extra"]).toBe("1");
      expect(JSON.parse(delivered.body)).toMatchObject({
        id: Entries[0]!.EventId,
        detail: { hello: "world" },
      });

      const dead = await until(async () => {
        const { DeadLetters } = await bus.listDeadLetters();
        return DeadLetters.length > 0 ? DeadLetters : undefined;
      }, "the dead letter");
      expect(http.calls.filter((c) => c.path === "/broken/x?q=1")).toHaveLength(3);
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({
        EventId: Entries[0]!.EventId,
        TargetId: "broken",
        TargetArn: broken.ApiDestinationArn,
        DeadLetterArn: "arn:aws:sqs:us-east-1:123456789012:dlq",
        Attempts: 3,
        Payload: '{"hello":"world"}',
      });
      expect(dead[0]!.LastError).toMatch(/PUT .*\/broken\/x answered 500: try later/);

      http.fail("/broken/x", 0);
      expect(await bus.redriveDeadLetters({ DeliveryIds: [dead[0]!.DeliveryId] })).toEqual({
        RedrivenCount: 1,
      });
      await until(
        () => (http.calls.filter((c) => c.path === "/broken/x?q=1").length === 4 ? true : undefined),
        "the redriven call",
      );
      expect(JSON.parse(http.calls.at(-1)!.body)).toEqual({ hello: "world" });
      await until(
        async () => ((await bus.listDeadLetters()).DeadLetters.length === 0 ? true : undefined),
        "an empty DLQ",
      );
    });

    test("a final HTTP error (400) goes to the dead letters without retries", async () => {
      const { ConnectionArn } = await bus.createConnection({
        Name: "basic",
        AuthorizationType: "BASIC",
        AuthParameters: { BasicAuthParameters: { Username: "u", Password: "p" } },
      });
      const dest = await bus.createApiDestination({
        Name: "refuses",
        ConnectionArn,
        InvocationEndpoint: `${endpoint}/refuses`,
        HttpMethod: "POST",
      });
      http.fail("/refuses", 1_000, 400);
      await rule("refuses", { source: ["refuses"] }, [{ Id: "r", Arn: dest.ApiDestinationArn }]);
      await put("refuses", {});
      const dead = await until(async () => {
        const letters = (await bus.listDeadLetters()).DeadLetters.filter((d) => d.TargetId === "r");
        return letters.length > 0 ? letters : undefined;
      }, "the dead letter");
      expect(dead[0]!.Attempts).toBe(1);
      const calls = http.calls.filter((c) => c.path === "/refuses");
      expect(calls).toHaveLength(1);
      expect(calls[0]!.headers.authorization).toBe(`Basic ${Buffer.from("u:p").toString("base64")}`);
    });

    test("an idempotency key already accepted on the bus is acknowledged and not delivered again", async () => {
      const received = collect("idem");
      await rule("idem", { source: ["idem"] }, [{ Id: "q", Arn: bus.arns.queue("idem") }]);
      const detail = { metadata: { "idempotency-key": "order-42" }, n: 1 };
      const first = await put("idem", detail);
      const again = await put("idem", { ...detail, n: 2 });
      const twice = await bus.putEvents({
        Entries: [
          {
            Source: "idem",
            DetailType: "T",
            Detail: JSON.stringify({ metadata: { "idempotency-key": "k2" } }),
          },
          {
            Source: "idem",
            DetailType: "T",
            Detail: JSON.stringify({ metadata: { "idempotency-key": "k2" } }),
          },
        ],
      });
      expect(again.Entries[0]!.EventId).toBe(first.Entries[0]!.EventId);
      expect(twice.Entries[1]!.EventId).toBe(twice.Entries[0]!.EventId);
      await until(() => (received.length >= 2 ? true : undefined), "two jobs");
      await new Promise((r) => setTimeout(r, 300));
      expect(received).toHaveLength(2);
      // Another bus has its own keys.
      await bus.createEventBus({ Name: "idem-bus" });
      const other = await put("idem", detail, { EventBusName: "idem-bus" });
      expect(other.Entries[0]!.EventId).not.toBe(first.Entries[0]!.EventId);
    });

    test("archives keep matching events and a replay sends them to the (filtered) rules with replay-name", async () => {
      await bus.createEventBus({ Name: "archived" });
      const busArn = bus.arns.bus("archived");
      const { ArchiveArn } = await bus.createArchive({
        ArchiveName: "keep",
        EventSourceArn: busArn,
        EventPattern: '{"source": ["keep"]}',
        RetentionDays: 3,
      });
      await expect(bus.createArchive({ ArchiveName: "keep", EventSourceArn: busArn })).rejects.toMatchObject({
        code: "ResourceAlreadyExistsException",
      });
      const replayed = collect("replayed");
      const other = collect("other-rule");
      await rule(
        "archived-a",
        { source: ["keep"] },
        [{ Id: "q", Arn: bus.arns.queue("replayed") }],
        "archived",
      );
      await rule(
        "archived-b",
        { source: ["keep"] },
        [{ Id: "q", Arn: bus.arns.queue("other-rule") }],
        "archived",
      );
      const start = new Date(Date.now() - 1000);
      await put("keep", { n: 1 }, { EventBusName: "archived" });
      await put("drop", { n: 2 }, { EventBusName: "archived" });
      await put("keep", { n: 3 }, { EventBusName: "archived" });
      await until(() => (replayed.length === 2 && other.length === 2 ? true : undefined), "live deliveries");
      expect(await bus.describeArchive({ ArchiveName: "keep" })).toMatchObject({
        EventCount: 2,
        RetentionDays: 3,
        State: "ENABLED",
      });

      const ruleA = (await bus.describeRule({ Name: "archived-a", EventBusName: "archived" })).Arn;
      const started = await bus.startReplay({
        ReplayName: "again",
        EventSourceArn: ArchiveArn,
        EventStartTime: start,
        EventEndTime: new Date(Date.now() + 1000),
        Destination: { Arn: busArn, FilterArns: [ruleA] },
      });
      expect(started.State).toBe("STARTING");
      await until(
        async () =>
          (await bus.describeReplay({ ReplayName: "again" })).State === "COMPLETED" ? true : undefined,
        "the replay",
      );
      await until(() => (replayed.length === 4 ? true : undefined), "replayed deliveries");
      const marked = replayed
        .slice(2)
        .map((job) => job.data as { "replay-name"?: string; detail: { n: number } });
      expect(marked.map((e) => e["replay-name"])).toEqual(["again", "again"]);
      expect(marked.map((e) => e.detail.n).sort()).toEqual([1, 3]);
      await new Promise((r) => setTimeout(r, 200));
      expect(other).toHaveLength(2);
      expect(await bus.describeArchive({ ArchiveName: "keep" })).toMatchObject({ EventCount: 2 });
      await expect(bus.cancelReplay({ ReplayName: "again" })).rejects.toMatchObject({
        code: "IllegalStatusException",
      });
      await expect(
        bus.startReplay({
          ReplayName: "bad",
          EventSourceArn: ArchiveArn,
          EventStartTime: new Date(),
          EventEndTime: new Date(Date.now() - 1),
          Destination: { Arn: busArn },
        }),
      ).rejects.toThrow(
        "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.",
      );
      await expect(
        bus.startReplay({
          ReplayName: "cross",
          EventSourceArn: ArchiveArn,
          EventStartTime: start,
          EventEndTime: new Date(),
          Destination: { Arn: bus.arns.bus("default") },
        }),
      ).rejects.toThrow(
        "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.",
      );
    });

    test("a replay longer than one batch sends every archived event once", async () => {
      await bus.createEventBus({ Name: "long-archive" });
      const busArn = bus.arns.bus("long-archive");
      const { ArchiveArn } = await bus.createArchive({ ArchiveName: "long", EventSourceArn: busArn });
      const received = collect("long-replayed");
      await rule(
        "long-rule",
        { source: ["long"] },
        [{ Id: "q", Arn: bus.arns.queue("long-replayed") }],
        "long-archive",
      );
      const start = new Date(Date.now() - 1000);
      // 250 events, 10 per PutEvents: two full batches of 100 and a partial one.
      for (let n = 0; n < 250; n += 10) {
        await bus.putEvents({
          Entries: Array.from({ length: 10 }, (_, i) => ({
            Source: "long",
            DetailType: "Test",
            Detail: JSON.stringify({ n: n + i }),
            EventBusName: "long-archive",
          })),
        });
      }
      await until(() => (received.length === 250 ? true : undefined), "live deliveries");
      await until(
        async () =>
          (await bus.describeArchive({ ArchiveName: "long" })).EventCount === 250 ? true : undefined,
        "the archive",
      );
      await bus.startReplay({
        ReplayName: "long-again",
        EventSourceArn: ArchiveArn,
        EventStartTime: start,
        EventEndTime: new Date(Date.now() + 1000),
        Destination: { Arn: busArn },
      });
      await until(
        async () =>
          (await bus.describeReplay({ ReplayName: "long-again" })).State === "COMPLETED" ? true : undefined,
        "the replay",
      );
      await until(() => (received.length === 500 ? true : undefined), "replayed deliveries");
      const replayed = received.slice(250).map((job) => (job.data as { detail: { n: number } }).detail.n);
      expect([...replayed].sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, n) => n));
      await new Promise((r) => setTimeout(r, 200));
      expect(received).toHaveLength(500);
    });

    test("execution status changes reach a rule on the default bus", async () => {
      const received = collect("status");
      const arn = await machine("watched");
      await rule(
        "status",
        {
          source: ["aws.states"],
          "detail-type": ["Step Functions Execution Status Change"],
          detail: { stateMachineArn: [arn] },
        },
        [{ Id: "q", Arn: bus.arns.queue("status") }],
      );
      const { executionArn } = await engine.executions.start({
        stateMachineArn: arn,
        name: "one",
        input: '{"a":1}',
      });
      await until(() => (received.length === 2 ? true : undefined), "two status events");
      const events = received.map(
        (job) => job.data as { resources: string[]; detail: Record<string, unknown> },
      );
      const byStatus = new Map(events.map((e) => [String(e.detail.status), e]));
      expect(byStatus.get("RUNNING")!.detail).toMatchObject({
        executionArn,
        stateMachineArn: arn,
        name: "one",
        status: "RUNNING",
        stopDate: null,
        input: '{"a":1}',
        inputDetails: { included: true },
        output: null,
        outputDetails: null,
        error: null,
        cause: null,
      });
      expect(byStatus.get("SUCCEEDED")!.detail).toMatchObject({
        status: "SUCCEEDED",
        output: '{"a":1}',
        outputDetails: { included: true },
      });
      expect(typeof byStatus.get("SUCCEEDED")!.detail.stopDate).toBe("number");
      expect(byStatus.get("SUCCEEDED")!.resources).toEqual([executionArn]);
    });

    test("an execution's events:putEvents task puts events and returns PutEvents' response", async () => {
      const received = collect("from-flow");
      await rule("from-flow", { source: ["flow"] }, [{ Id: "q", Arn: bus.arns.queue("from-flow") }]);
      const definition = JSON.stringify({
        StartAt: "Emit",
        States: {
          Emit: {
            Type: "Task",
            Resource: "arn:aws:states:::events:putEvents",
            Parameters: { Entries: [{ Source: "flow", DetailType: "Done", "Detail.$": "$" }] },
            Next: "Bad",
          },
          Bad: {
            Type: "Task",
            Resource: "arn:aws:states:::events:putEvents",
            Parameters: { Entries: [{ DetailType: "x", Detail: {} }] },
            Catch: [{ ErrorEquals: ["EventBridge.FailedEntry"], ResultPath: "$.failure", Next: "End" }],
            ResultPath: null,
            End: true,
          },
          End: { Type: "Pass", End: true },
        },
      });
      const arn = await machine("emitter", definition);
      const { executionArn } = await engine.executions.start({ stateMachineArn: arn, input: '{"k":"v"}' });
      const done = await until(async () => {
        const d = await engine.executions.describe(executionArn);
        return d.status === "RUNNING" ? undefined : d;
      }, "the execution");
      expect(done.status).toBe("SUCCEEDED");
      const output = JSON.parse(done.output!) as {
        FailedEntryCount: number;
        Entries: { EventId: string }[];
        failure: { Error: string };
      };
      expect(output.FailedEntryCount).toBe(0);
      expect(output.Entries[0]!.EventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(output.failure.Error).toBe("EventBridge.FailedEntry");
      await until(() => (received.length === 1 ? true : undefined), "the event");
      expect(received[0]!.data).toMatchObject({
        id: output.Entries[0]!.EventId,
        source: "flow",
        "detail-type": "Done",
        resources: [executionArn, arn],
        detail: { k: "v" },
      });
    });

    test("a bus target forwards the event to another bus", async () => {
      await bus.createEventBus({ Name: "downstream" });
      const received = collect("downstream-q");
      await rule(
        "down",
        { source: ["fwd"] },
        [{ Id: "q", Arn: bus.arns.queue("downstream-q") }],
        "downstream",
      );
      await rule("fwd", { source: ["fwd"] }, [{ Id: "bus", Arn: bus.arns.bus("downstream") }]);
      await put("fwd", { x: 1 });
      await until(() => (received.length === 1 ? true : undefined), "the forwarded event");
      expect(received[0]!.data).toMatchObject({ source: "fwd", detail: { x: 1 } });
    });

    test("a delivery whose job was lost (queued in a process that died) is re-queued by a sweeper", async () => {
      // `quiet` commits and queues on a queue nobody consumes: on memory, the job is as good as lost.
      const quiet = await createEventBus({
        sql: b.sql,
        queue: b.otherQueue(),
        background: false,
        routingRefreshMs: 0,
      });
      const received: QueueJob[] = [];
      const sink = (job: QueueJob) => Promise.resolve(void received.push(job));
      consumers.push(b.queue.consume("recovered", sink));
      try {
        await rule("recover", { source: ["recover"] }, [{ Id: "q", Arn: bus.arns.queue("recovered") }]);
        const { Entries } = await quiet.putEvents({
          Entries: [{ Source: "recover", DetailType: "T", Detail: "{}" }],
        });
        await until(() => (received.length === 1 ? true : undefined), "the recovered delivery", 25_000);
        expect(received[0]!.data).toMatchObject({ id: Entries[0]!.EventId });
        await new Promise((r) => setTimeout(r, 300));
        expect(received).toHaveLength(1);
      } finally {
        await quiet.close();
      }
    }, 40_000);

    test("errors carry AWS codes", async () => {
      const error = await bus.describeArchive({ ArchiveName: "nope" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventsError);
      expect(error).toMatchObject({
        code: "ResourceNotFoundException",
        message: "Archive nope does not exist.",
      });
    });
  });
}
