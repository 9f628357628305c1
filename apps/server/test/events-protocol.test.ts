import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeServiceException,
  InvalidEventPatternException,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  TestEventPatternCommand,
} from "@aws-sdk/client-eventbridge";
import { CreateStateMachineCommand, ListExecutionsCommand } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type Backend } from "./support/backends.ts";
import { startEventsServer, until, type EventsServer } from "./support/events-server.ts";

const passThrough = JSON.stringify({ StartAt: "Done", States: { Done: { Type: "Pass", End: true } } });
const roleArn = "arn:aws:iam::123456789012:role/events";

/** The SDK's error for `promise`, which must reject. */
async function failure(promise: Promise<unknown>): Promise<EventBridgeServiceException> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EventBridgeServiceException);
    return error as EventBridgeServiceException;
  }
  throw new Error("the call succeeded");
}

describe.each(backends.filter((b) => b.available))("EventBridge protocol on $name", (setup) => {
  let backend: Backend;
  let server: EventsServer;

  beforeAll(async () => {
    backend = await setup.open();
    server = await startEventsServer(backend);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await backend?.close();
  });

  it("creates, describes, lists and deletes buses; dates arrive as Dates", async () => {
    const before = Date.now();
    const created = await server.events.send(
      new CreateEventBusCommand({ Name: "orders", Description: "order events" }),
    );
    expect(created.EventBusArn).toBe("arn:aws:events:us-east-1:123456789012:event-bus/orders");
    const described = await server.events.send(new DescribeEventBusCommand({ Name: "orders" }));
    expect(described).toMatchObject({
      Name: "orders",
      Arn: created.EventBusArn,
      Description: "order events",
    });
    expect(described.CreationTime).toBeInstanceOf(Date);
    expect(Math.abs(described.CreationTime!.getTime() - before)).toBeLessThan(60_000);
    const listed = await server.events.send(new ListEventBusesCommand({}));
    expect(listed.EventBuses?.map((b) => b.Name)).toEqual(expect.arrayContaining(["default", "orders"]));
    const prefixed = await server.events.send(new ListEventBusesCommand({ NamePrefix: "ord" }));
    expect(prefixed.EventBuses?.map((b) => b.Name)).toEqual(["orders"]);

    const again = await failure(server.events.send(new CreateEventBusCommand({ Name: "orders" })));
    expect(again).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(again.message).toBe("Event bus orders already exists.");
    expect(again.$metadata.httpStatusCode).toBe(400);

    await server.events.send(new DeleteEventBusCommand({ Name: "orders" }));
    const gone = await failure(server.events.send(new DescribeEventBusCommand({ Name: "orders" })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(gone.message).toBe("Event bus orders does not exist.");
    const bad = await failure(server.events.send(new CreateEventBusCommand({ Name: "bad name!" })));
    expect(bad.name).toBe("ValidationException");
    expect(bad.message).toContain("at 'name' failed to satisfy constraint");
  });

  it("PutEvents validates each entry and reports failures per entry", async () => {
    const result = await server.events.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: "shop",
            DetailType: "OrderPlaced",
            Detail: '{"id": 1}',
            Time: new Date("2024-05-13T12:00:00Z"),
          },
          { DetailType: "OrderPlaced", Detail: "{}" },
          { Source: "shop", DetailType: "OrderPlaced", Detail: "[1, 2]" },
          { Source: "shop", DetailType: "OrderPlaced", Detail: "{not json" },
          { Source: "aws.states", DetailType: "Spoof", Detail: "{}" },
          { Source: "shop", Detail: "{}" },
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(5);
    expect(result.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.Entries?.slice(1)).toEqual([
      {
        ErrorCode: "InvalidArgument",
        ErrorMessage: "Parameter Source is not valid. Reason: Source is a required argument.",
      },
      { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
      { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
      { ErrorCode: "NotAuthorizedForSourceException", ErrorMessage: "Not authorized for the source." },
      {
        ErrorCode: "InvalidArgument",
        ErrorMessage: "Parameter DetailType is not valid. Reason: DetailType is a required argument.",
      },
    ]);

    const tooMany = await failure(
      server.events.send(
        new PutEventsCommand({
          Entries: Array.from({ length: 11 }, () => ({ Source: "s", DetailType: "d", Detail: "{}" })),
        }),
      ),
    );
    expect(tooMany.name).toBe("ValidationException");
    expect(tooMany.message).toMatch(
      /^1 validation error detected: Value '\[PutEventsRequestEntry\(.*at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10$/,
    );
    const none = await failure(server.events.send(new PutEventsCommand({ Entries: [] })));
    expect(none.message).toContain("Member must have length greater than or equal to 1");
    const big = await failure(
      server.events.send(
        new PutEventsCommand({
          Entries: [{ Source: "s", DetailType: "d", Detail: JSON.stringify({ x: "y".repeat(262_144) }) }],
        }),
      ),
    );
    expect(big.message).toBe("Total size of the entries in the request is over the limit.");
  });

  it("routes a matching event to a state machine target that starts an execution with the transformed input", async () => {
    const { stateMachineArn } = await server.sfn.send(
      new CreateStateMachineCommand({ name: "on-order", definition: passThrough, roleArn }),
    );
    const pattern = { source: ["shop"], detail: { total: [{ numeric: [">", 100] }] } };
    const { RuleArn } = await server.events.send(
      new PutRuleCommand({ Name: "big-orders", EventPattern: JSON.stringify(pattern), Description: "big" }),
    );
    expect(RuleArn).toBe("arn:aws:events:us-east-1:123456789012:rule/big-orders");
    const put = await server.events.send(
      new PutTargetsCommand({
        Rule: "big-orders",
        Targets: [
          {
            Id: "flow",
            Arn: stateMachineArn,
            InputTransformer: {
              InputPathsMap: { id: "$.detail.id", total: "$.detail.total" },
              InputTemplate: '{"order": <id>, "amount": <total>, "rule": "<aws.events.rule-name>"}',
            },
            RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600 },
          },
          { Id: "lambda", Arn: "arn:aws:lambda:us-east-1:123456789012:function:nope" },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(1);
    expect(put.FailedEntries?.[0]).toMatchObject({ TargetId: "lambda", ErrorCode: "ValidationException" });
    const targets = await server.events.send(new ListTargetsByRuleCommand({ Rule: "big-orders" }));
    expect(targets.Targets).toEqual([
      expect.objectContaining({
        Id: "flow",
        Arn: stateMachineArn,
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600 },
      }),
    ]);

    const put1 = await server.events.send(
      new PutEventsCommand({
        Entries: [
          { Source: "shop", DetailType: "OrderPlaced", Detail: '{"id": "small", "total": 5}' },
          { Source: "shop", DetailType: "OrderPlaced", Detail: '{"id": "big", "total": 250}' },
        ],
      }),
    );
    expect(put1.FailedEntryCount).toBe(0);
    const eventId = put1.Entries![1]!.EventId!;
    const executions = await until(async () => {
      const list = await server.sfn.send(new ListExecutionsCommand({ stateMachineArn }));
      return list.executions?.length ? list.executions : undefined;
    }, "the execution");
    expect(executions).toHaveLength(1);
    expect(executions[0]!.name?.startsWith(eventId)).toBe(true);
    const described = await server.engine.executions.describe(executions[0]!.executionArn!);
    expect(JSON.parse(described.input)).toEqual({ order: "big", amount: 250, rule: "big-orders" });

    const rule = await server.events.send(new DescribeRuleCommand({ Name: "big-orders" }));
    expect(rule).toMatchObject({
      Name: "big-orders",
      Arn: RuleArn,
      EventPattern: JSON.stringify(pattern),
      State: "ENABLED",
      Description: "big",
      EventBusName: "default",
    });
    await server.events.send(new DisableRuleCommand({ Name: "big-orders" }));
    expect((await server.events.send(new ListRulesCommand({ NamePrefix: "big" }))).Rules).toEqual([
      expect.objectContaining({ Name: "big-orders", State: "DISABLED" }),
    ]);
    await server.events.send(
      new PutEventsCommand({ Entries: [{ Source: "shop", DetailType: "O", Detail: '{"total": 999}' }] }),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect((await server.sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions).toHaveLength(
      1,
    );
    await server.events.send(new EnableRuleCommand({ Name: "big-orders" }));

    const withTargets = await failure(server.events.send(new DeleteRuleCommand({ Name: "big-orders" })));
    expect(withTargets.name).toBe("ValidationException");
    expect(withTargets.message).toBe("Rule can't be deleted since it has targets.");
    const removed = await server.events.send(new RemoveTargetsCommand({ Rule: "big-orders", Ids: ["flow"] }));
    expect(removed.FailedEntryCount).toBe(0);
    await server.events.send(new DeleteRuleCommand({ Name: "big-orders" }));
    const missing = await failure(server.events.send(new DescribeRuleCommand({ Name: "big-orders" })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.message).toBe("Rule big-orders does not exist on EventBus default.");
  });

  it("refuses bad patterns and targets with AWS's typed errors", async () => {
    const pattern = await failure(
      server.events.send(
        new PutRuleCommand({ Name: "bad", EventPattern: '{"detail": {"n": [{"numeric": [">", "x"]}]}}' }),
      ),
    );
    expect(pattern).toBeInstanceOf(InvalidEventPatternException);
    expect(pattern.message).toMatch(/^Event pattern is not valid\. Reason: /);
    const neither = await failure(server.events.send(new PutRuleCommand({ Name: "neither" })));
    expect(neither.message).toBe("Parameter(s) EventPattern or ScheduleExpression must be specified.");
    const state = await failure(
      server.events.send(
        new PutRuleCommand({ Name: "s", EventPattern: '{"source": ["s"]}', State: "PAUSED" as never }),
      ),
    );
    expect(state.message).toBe(
      "1 validation error detected: Value 'PAUSED' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]",
    );
    const noBus = await failure(
      server.events.send(
        new PutRuleCommand({ Name: "r", EventPattern: '{"source": ["r"]}', EventBusName: "nowhere" }),
      ),
    );
    expect(noBus).toBeInstanceOf(ResourceNotFoundException);
    await server.events.send(new PutRuleCommand({ Name: "t", EventPattern: '{"source": ["t"]}' }));
    const target = await failure(
      server.events.send(
        new PutTargetsCommand({
          Rule: "t",
          Targets: [
            {
              Id: "x",
              Arn: "arn:aws:states:us-east-1:123456789012:stateMachine:m",
              Input: "{}",
              InputPath: "$",
            },
          ],
        }),
      ),
    );
    expect(target.name).toBe("ValidationException");
    expect(target.message).toBe(
      "Only one of Input, InputPath, or InputTransformer must be provided for target x.",
    );
    const noRule = await failure(
      server.events.send(
        new PutTargetsCommand({ Rule: "none", Targets: [{ Id: "x", Arn: "arn:aws:states:::x" }] }),
      ),
    );
    expect(noRule.message).toBe("Rule none does not exist on EventBus default.");
  });

  it("TestEventPattern answers Result, InvalidEventPatternException and ValidationException", async () => {
    const event = JSON.stringify({
      id: "1",
      "detail-type": "OrderPlaced",
      source: "shop",
      account: "123456789012",
      time: "2024-05-13T12:00:00Z",
      region: "us-east-1",
      resources: [],
      detail: { total: 250, ip: "10.0.0.7" },
    });
    const test = (EventPattern: string, Event = event) =>
      server.events.send(new TestEventPatternCommand({ EventPattern, Event }));
    expect((await test('{"detail": {"total": [{"numeric": [">=", 250]}]}}')).Result).toBe(true);
    expect((await test('{"detail": {"ip": [{"cidr": "10.0.1.0/24"}]}}')).Result).toBe(false);
    expect(
      (await test('{"source": [{"prefix": "sh"}], "detail": {"missing": [{"exists": false}]}}')).Result,
    ).toBe(true);
    const invalid = await failure(test('{"source": [{"prefix": 1}]}'));
    expect(invalid).toBeInstanceOf(InvalidEventPatternException);
    expect(invalid.message.split("\n")[0]).toBe(
      "Event pattern is not valid. Reason: prefix match pattern must be a string",
    );
    const badEvent = await failure(test('{"source": ["shop"]}', '{"source": "shop"}'));
    expect(badEvent.name).toBe("ValidationException");
    expect(badEvent.message).toBe("Parameter Event is not valid.");
    const missing = await failure(
      server.events.send(new TestEventPatternCommand({ EventPattern: '{"source": ["shop"]}' } as never)),
    );
    expect(missing.message).toBe(
      "1 validation error detected: Value null at 'event' failed to satisfy constraint: Member must not be null",
    );
  });

  it("logged no errors", () => {
    expect(server.logged.filter((l) => l.level === "error")).toEqual([]);
  });
});
