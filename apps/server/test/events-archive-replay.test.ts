import {
  CancelReplayCommand,
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteArchiveCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  IllegalStatusException,
  ListArchivesCommand,
  ListReplaysCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  StartReplayCommand,
} from "@aws-sdk/client-eventbridge";
import { ListExecutionsCommand, CreateStateMachineCommand } from "@aws-sdk/client-sfn";
import type { QueueConsumer, QueueJob } from "@stepflow/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type Backend } from "./support/backends.ts";
import { rawEvents, startEventsServer, until, type EventsServer } from "./support/events-server.ts";

describe.each(backends.filter((b) => b.available))("archives, replays and dead letters on $name", (setup) => {
  let backend: Backend;
  let server: EventsServer;
  const consumers: QueueConsumer[] = [];

  beforeAll(async () => {
    backend = await setup.open();
    server = await startEventsServer(backend);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.close()));
    await server?.close();
    await backend?.close();
  });

  function collect(queue: string): QueueJob[] {
    const received: QueueJob[] = [];
    consumers.push(backend.queue.consume(queue, (job) => Promise.resolve(void received.push(job))));
    return received;
  }

  it("archives matching events and replays them to the bus's rules, marked with replay-name", async () => {
    const { EventBusArn } = await server.events.send(new CreateEventBusCommand({ Name: "audit" }));
    const received = collect("audit-q");
    await server.events.send(
      new PutRuleCommand({ Name: "all", EventBusName: "audit", EventPattern: '{"source": ["app"]}' }),
    );
    await server.events.send(
      new PutTargetsCommand({
        Rule: "all",
        EventBusName: "audit",
        Targets: [{ Id: "q", Arn: server.bus.arns.queue("audit-q") }],
      }),
    );
    const archive = await server.events.send(
      new CreateArchiveCommand({
        ArchiveName: "audit-archive",
        EventSourceArn: EventBusArn,
        EventPattern: '{"detail": {"keep": [true]}}',
        RetentionDays: 7,
        Description: "kept",
      }),
    );
    expect(archive).toMatchObject({
      ArchiveArn: "arn:aws:events:us-east-1:123456789012:archive/audit-archive",
      State: "ENABLED",
    });
    expect(archive.CreationTime).toBeInstanceOf(Date);
    const again = await server.events
      .send(new CreateArchiveCommand({ ArchiveName: "audit-archive", EventSourceArn: EventBusArn! }))
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ResourceAlreadyExistsException);

    const start = new Date(Date.now() - 1000);
    const put = await server.events.send(
      new PutEventsCommand({
        Entries: [
          { Source: "app", DetailType: "T", Detail: '{"keep": true, "n": 1}', EventBusName: "audit" },
          { Source: "app", DetailType: "T", Detail: '{"keep": false, "n": 2}', EventBusName: "audit" },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
    await until(() => Promise.resolve(received.length >= 2 ? true : undefined), "the first deliveries");
    const described = await server.events.send(new DescribeArchiveCommand({ ArchiveName: "audit-archive" }));
    expect(described).toMatchObject({
      ArchiveName: "audit-archive",
      EventSourceArn: EventBusArn,
      EventPattern: '{"detail": {"keep": [true]}}',
      RetentionDays: 7,
      EventCount: 1,
      Description: "kept",
    });
    expect(described.SizeBytes).toBeGreaterThan(0);
    const listed = await server.events.send(new ListArchivesCommand({ EventSourceArn: EventBusArn }));
    expect(listed.Archives?.map((a) => a.ArchiveName)).toEqual(["audit-archive"]);

    const end = new Date(Date.now() + 1000);
    const replay = await server.events.send(
      new StartReplayCommand({
        ReplayName: "again",
        EventSourceArn: archive.ArchiveArn,
        EventStartTime: start,
        EventEndTime: end,
        Destination: { Arn: EventBusArn },
      }),
    );
    expect(replay).toMatchObject({
      ReplayArn: "arn:aws:events:us-east-1:123456789012:replay/again",
      State: "STARTING",
    });
    const done = await until(async () => {
      const d = await server.events.send(new DescribeReplayCommand({ ReplayName: "again" }));
      return d.State === "COMPLETED" ? d : undefined;
    }, "the replay to complete");
    expect(done.EventStartTime?.getTime()).toBe(start.getTime());
    expect(done.ReplayEndTime).toBeInstanceOf(Date);
    const replayed = await until(
      () =>
        Promise.resolve(
          received.find((job) => (job.data as Record<string, unknown>)["replay-name"] === "again"),
        ),
      "the replayed event",
    );
    expect((replayed.data as { id: string; detail: unknown }).id).toBe(put.Entries![0]!.EventId);
    expect((replayed.data as { detail: unknown }).detail).toEqual({ keep: true, n: 1 });
    expect(received).toHaveLength(3);

    const replays = await server.events.send(new ListReplaysCommand({ EventSourceArn: archive.ArchiveArn }));
    expect(replays.Replays).toEqual([expect.objectContaining({ ReplayName: "again", State: "COMPLETED" })]);
    const cancel = await server.events
      .send(new CancelReplayCommand({ ReplayName: "again" }))
      .catch((e: unknown) => e);
    expect(cancel).toBeInstanceOf(IllegalStatusException);
    expect((cancel as Error).message).toBe("Replay again is not in a valid state for this operation.");
    const backwards = await server.events
      .send(
        new StartReplayCommand({
          ReplayName: "backwards",
          EventSourceArn: archive.ArchiveArn,
          EventStartTime: end,
          EventEndTime: start,
          Destination: { Arn: EventBusArn },
        }),
      )
      .catch((e: unknown) => e as Error);
    expect(backwards).toMatchObject({
      name: "ValidationException",
      message: "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.",
    });

    await server.events.send(new DeleteArchiveCommand({ ArchiveName: "audit-archive" }));
    const gone = await server.events
      .send(new DescribeArchiveCommand({ ArchiveName: "audit-archive" }))
      .catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
  });

  it("lists a delivery that exhausted its retries and redrives it (Stepflow's dead-letter actions)", async () => {
    const arn = "arn:aws:states:us-east-1:123456789012:stateMachine:late-arrival";
    await server.events.send(new PutRuleCommand({ Name: "late", EventPattern: '{"source": ["late"]}' }));
    await server.events.send(
      new PutTargetsCommand({
        Rule: "late",
        Targets: [{ Id: "sm", Arn: arn, RetryPolicy: { MaximumRetryAttempts: 0 } }],
      }),
    );
    await server.events.send(
      new PutEventsCommand({ Entries: [{ Source: "late", DetailType: "T", Detail: '{"n": 1}' }] }),
    );
    const dead = await until(async () => {
      const { body } = await rawEvents(server.url, "AWSEvents.ListDeadLetters", "{}");
      const letters = body.DeadLetters as Record<string, unknown>[];
      return letters.length > 0 ? letters : undefined;
    }, "the dead letter");
    expect(dead).toEqual([
      expect.objectContaining({
        EventBusName: "default",
        RuleArn: "arn:aws:events:us-east-1:123456789012:rule/late",
        TargetId: "sm",
        TargetArn: arn,
        Attempts: 1,
        LastError: expect.stringContaining("late-arrival") as unknown,
        FailedTime: expect.any(Number) as unknown,
      }),
    ]);
    expect(JSON.parse(dead[0]!.Payload as string)).toMatchObject({ source: "late", detail: { n: 1 } });

    const { stateMachineArn } = await server.sfn.send(
      new CreateStateMachineCommand({
        name: "late-arrival",
        definition: JSON.stringify({ StartAt: "Done", States: { Done: { Type: "Pass", End: true } } }),
        roleArn: "arn:aws:iam::123456789012:role/r",
      }),
    );
    const redriven = await rawEvents(
      server.url,
      "AWSEvents.RedriveDeadLetters",
      JSON.stringify({ DeliveryIds: [dead[0]!.DeliveryId] }),
    );
    expect(redriven).toMatchObject({ status: 200, body: { RedrivenCount: 1 } });
    await until(async () => {
      const list = await server.sfn.send(new ListExecutionsCommand({ stateMachineArn }));
      return list.executions?.length === 1 ? true : undefined;
    }, "the redriven execution");
    const { body } = await rawEvents(server.url, "AWSEvents.ListDeadLetters", "{}");
    expect(body.DeadLetters).toEqual([]);
    const badId = await rawEvents(server.url, "AWSEvents.RedriveDeadLetters", '{"DeliveryIds": ["x"]}');
    expect(badId).toMatchObject({ status: 400, body: { __type: "ValidationException" } });
  });
});
