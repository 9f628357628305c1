import type { AddressInfo } from "node:net";
import {
  CreateEventBusCommand,
  DeleteRuleCommand,
  EventBridgeClient,
  EventBridgeServiceException,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
  type Target,
} from "@aws-sdk/client-eventbridge";
import { createEngine, createMemoryTaskQueue, createPgliteSqlClient, type QueueJob } from "@stepflow/engine";
import { createEventBus } from "@stepflow/events";
import { createApp } from "@stepflow/server";
import { expect, it } from "vitest";
import {
  loadEventPatternCases,
  patternMismatch,
  type EventPatternCase,
  type PatternOutcome,
} from "./event-pattern-cases.ts";
import { mismatch } from "./expected-match.ts";
import { report, type Verdict } from "./report.ts";

const cases = loadEventPatternCases();
const CONCURRENCY = 8;
/** The account and region every recorded input-transformer output was normalised to. */
const ACCOUNT = "111111111111";
const REGION = "us-east-1";

it(`replays all ${cases.length} EventBridge event-pattern cases through the server with @aws-sdk/client-eventbridge`, async () => {
  expect(cases.length).toBeGreaterThan(50);
  const sql = await createPgliteSqlClient({});
  const queue = createMemoryTaskQueue();
  const engine = await createEngine({ sql, queue });
  const bus = await createEventBus({ sql, queue, engine, account: ACCOUNT, region: REGION });
  const server = createApp({ engine, bus, security: { accessKeys: new Map(), apiKeys: [] } }).listen(
    0,
    "127.0.0.1",
  );
  await new Promise((resolve) => server.once("listening", resolve));
  const client = new EventBridgeClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: REGION,
    credentials: { accessKeyId: "conformance", secretAccessKey: "conformance" },
    maxAttempts: 1,
  });
  const received = new Map<string, QueueJob[]>();
  const consumers = [];
  const started = Date.now();
  try {
    const patterns = cases.filter((c) => c.kind === "event-pattern");
    const verdicts = new Map<string, Verdict>();
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < patterns.length; i = next++) {
        const c = patterns[i]!;
        verdicts.set(c.id, { id: c.id, category: c.category, diff: await runPattern(client, c) });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));

    const buses = new Set<string>();
    for (const [index, c] of cases.filter((c) => c.kind === "input-transformer").entries()) {
      const queueName = `conformance-${index}`;
      const jobs: QueueJob[] = [];
      received.set(queueName, jobs);
      consumers.push(queue.consume(queueName, (job) => Promise.resolve(void jobs.push(job))));
      let diff: string | undefined;
      try {
        diff = await runTransformer(client, c, queueName, jobs, buses, async (eventId) => {
          const { rows } = await sql.query<{ n: string | number }>(
            "SELECT count(*) AS n FROM event_deliveries WHERE event_id = $1",
            [eventId],
          );
          return Number(rows[0]?.n ?? 0);
        });
      } catch (error) {
        diff = `threw ${String(error)}`;
      }
      verdicts.set(c.id, { id: c.id, category: c.category, diff });
    }

    const ordered = cases.map((c) => verdicts.get(c.id)!);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      report(
        `EventBridge event-pattern conformance through the server (AWS JSON 1.1, ${seconds} s)`,
        ordered,
      ),
    );
    expect(ordered.filter((v) => v.diff).map((v) => v.id)).toEqual([]);
  } finally {
    client.destroy();
    await Promise.all(consumers.map((c) => c.close()));
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await bus.close();
    await engine.close();
    await queue.close();
    await sql.close();
  }
}, 600_000);

/** TestEventPattern, compared with the recorded Result or error. */
async function runPattern(client: EventBridgeClient, c: EventPatternCase): Promise<string | undefined> {
  let actual: PatternOutcome;
  try {
    const { Result } = await client.send(
      new TestEventPatternCommand({ EventPattern: c.pattern, Event: c.event }),
    );
    if (typeof Result !== "boolean") return `no Result in the answer`;
    actual = { result: Result };
  } catch (error) {
    if (!(error instanceof EventBridgeServiceException)) return `threw ${String(error)}`;
    actual = { error: error.name, message: error.message.split("\n")[0] ?? "" };
  }
  return patternMismatch(c.expected, actual);
}

/**
 * PutRule + PutTargets (a worker-queue target with the case's InputPath / InputTransformer) on the recorded
 * bus and rule names, then PutEvents with the case's event; the job that reaches the queue is compared with
 * the recorded output after the values that differ per run (event id, ingestion time) are set to the
 * recorded ones.
 */
async function runTransformer(
  client: EventBridgeClient,
  c: EventPatternCase,
  queueName: string,
  jobs: QueueJob[],
  buses: Set<string>,
  pendingDeliveries: (eventId: string) => Promise<number>,
): Promise<string | undefined> {
  const ctx = c.context ?? {};
  const busName = ctx.eventBusName ?? "default";
  const ruleName = ctx.ruleName ?? "conformance-rule";
  if (busName !== "default" && !buses.has(busName)) {
    await client.send(new CreateEventBusCommand({ Name: busName }));
    buses.add(busName);
  }
  const expected = c.expected;
  await client.send(
    new PutRuleCommand({ Name: ruleName, EventBusName: busName, EventPattern: c.rulePattern }),
  );
  try {
    const target: Target = {
      Id: "conformance",
      Arn: `arn:aws:stepflow:${REGION}:${ACCOUNT}:queue/${queueName}`,
    };
    if (typeof c.inputPath === "string") target.InputPath = c.inputPath;
    if (typeof c.inputTemplate === "string")
      target.InputTransformer = { InputPathsMap: c.inputPathsMap ?? {}, InputTemplate: c.inputTemplate };
    try {
      const put = await client.send(
        new PutTargetsCommand({ Rule: ruleName, EventBusName: busName, Targets: [target] }),
      );
      if (put.FailedEntryCount !== 0) return `PutTargets failed: ${JSON.stringify(put.FailedEntries)}`;
    } catch (error) {
      if (!(error instanceof EventBridgeServiceException)) throw error;
      if (!("error" in expected) || expected.phase !== "PutTargets")
        return `PutTargets rejected the target: ${error.name} ${error.message}`;
      if (error.name !== expected.error) return `expected ${expected.error}, got ${error.name}`;
      return expected.message === undefined || expected.message === error.message
        ? undefined
        : `message: expected ${JSON.stringify(expected.message)}, got ${JSON.stringify(error.message)}`;
    }
    if ("error" in expected && expected.phase === "PutTargets") return "PutTargets accepted the target";

    const event = JSON.parse(c.event) as Record<string, unknown>;
    const putAt = Date.now();
    const put = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: event.source as string,
            DetailType: event["detail-type"] as string,
            Detail: JSON.stringify(event.detail),
            Resources: (event.resources as string[] | undefined) ?? [],
            ...(typeof event.time === "string" ? { Time: new Date(event.time) } : {}),
            EventBusName: busName,
          },
        ],
      }),
    );
    const eventId = put.Entries?.[0]?.EventId;
    if (put.FailedEntryCount !== 0 || eventId === undefined)
      return `PutEvents failed: ${JSON.stringify(put.Entries)}`;
    const job = await delivered(jobs, () => pendingDeliveries(eventId), putAt);
    if ("error" in expected) {
      if (expected.error !== "NotDelivered") return `unknown expectation ${expected.error}`;
      return job === undefined ? undefined : `expected no delivery, got ${JSON.stringify(job.data)}`;
    }
    if (!("output" in expected)) return `unknown expectation ${JSON.stringify(expected)}`;
    if (job === undefined) return "nothing was delivered";
    const normalised = normalise(JSON.stringify(job.data), eventId, putAt, ctx);
    const data = JSON.parse(normalised) as unknown;
    if (expected.compare === "exact") {
      // A queue job carries a JSON value: a payload that is JSON arrives parsed, any other text as a string.
      const texts = [normalised, ...(typeof data === "string" ? [data] : [])];
      return texts.includes(expected.output)
        ? undefined
        : `expected ${JSON.stringify(expected.output)}, got ${JSON.stringify(texts[0])}`;
    }
    let want: unknown;
    try {
      want = JSON.parse(expected.output);
    } catch {
      want = expected.output;
    }
    return mismatch(want, data);
  } finally {
    await client.send(
      new RemoveTargetsCommand({ Rule: ruleName, EventBusName: busName, Ids: ["conformance"] }),
    );
    await client.send(new DeleteRuleCommand({ Name: ruleName, EventBusName: busName }));
  }
}

/**
 * The job delivered to the case's queue, or undefined once the event has no delivery left in the database
 * (none was made, because the transformed input was not valid JSON) and a grace period for an in-flight job
 * has passed.
 */
async function delivered(
  jobs: QueueJob[],
  pending: () => Promise<number>,
  since: number,
): Promise<QueueJob | undefined> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (jobs[0] !== undefined) return jobs[0];
    if (Date.now() - since > 500 && (await pending()) === 0) {
      // The delivery row goes once its job is queued; the consumer may not have run yet.
      await new Promise((r) => setTimeout(r, 150));
      return jobs[0];
    }
    if (Date.now() > deadline) throw new Error("the delivery neither arrived nor left the database");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The recorded outputs carry the recording's event id and ingestion time (README: placeholders replaced
 * with `context`); this run's are set to those. The ingestion time is any ISO second between just before
 * PutEvents and now.
 */
function normalise(text: string, eventId: string, putAt: number, ctx: Record<string, string>): string {
  let out = ctx.id === undefined ? text : text.split(eventId).join(ctx.id);
  if (ctx.time !== undefined) {
    const now = Date.now();
    out = out.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, (stamp) => {
      const at = Date.parse(stamp);
      return at >= Math.floor(putAt / 1000) * 1000 - 1000 && at <= now + 1000 ? ctx.time! : stamp;
    });
  }
  return out;
}
