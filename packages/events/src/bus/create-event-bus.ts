import type { Engine, SqlClient, TaskQueue } from "@stepflow/engine";
import { createArchiveApi } from "../archive/archive-api.ts";
import { createReplayApi } from "../archive/replay-api.ts";
import { defaultBackoff, type BackoffOptions } from "../delivery/backoff.ts";
import { createDeadLetterApi } from "../delivery/dead-letter-api.ts";
import { DeliveryWorker } from "../delivery/delivery-worker.ts";
import { createConnectionApi } from "../delivery/connection-api.ts";
import { createConnectionStates } from "../delivery/connection-states.ts";
import { createDestinationApi } from "../delivery/destination-api.ts";
import { createHttpTaskConnections } from "../delivery/http-task-connections.ts";
import { createOAuthTokens } from "../delivery/oauth-tokens.ts";
import { createRuleApi } from "../rules/rule-api.ts";
import { ROUTING_TOPIC, RoutingTable } from "../rules/routing-table.ts";
import { createTargetApi } from "../rules/target-api.ts";
import { fireDueRules } from "../schedule/fire-due-rules.ts";
import { SchedulePoller } from "../schedule/schedule-poller.ts";
import { scheduleUnscheduledRules } from "../schedule/schedule-unscheduled-rules.ts";
import { migrateEvents } from "../sql/migrate-events.ts";
import { createBusApi } from "./bus-api.ts";
import type { BusContext } from "./bus-context.ts";
import { createEventArns } from "./event-arns.ts";
import { EventCommitter } from "./event-committer.ts";
import { publishExecutionStatus } from "./execution-status-events.ts";
import type { PutEventsRequestEntry } from "./put-events-entry.ts";
import { putEventsIntegration } from "./put-events-integration.ts";
import { putEvents } from "./put-events.ts";

/** How to build an event bus. */
export interface EventBusOptions {
  sql: SqlClient;
  queue: TaskQueue;
  /** Executions are started for state machine targets, status changes are published, the engine's
   * `events:putEvents` tasks are served here, and its HTTP Tasks authenticate with this bus's connections.
   * Without it, state machine targets fail to the dead-letter store. */
  engine?: Engine;
  region?: string;
  account?: string;
  /** Deliver, replay, sweep and fire scheduled rules in this process (default true). */
  background?: boolean;
  /** Retry spacing of failed deliveries (default 1 s doubling to 5 min, with jitter). */
  backoff?: BackoffOptions;
  /** Deliveries in flight per process (default 16). */
  concurrency?: number;
  /** How long an HTTP target may take (default 5 s, as EventBridge). */
  httpTimeoutMs?: number;
  /** How often the sweeper re-queues lost deliveries and replays and purges expired data (default 2 s). */
  sweepMs?: number;
  /** Longest time a rule change made by another process goes unseen without a notification (default 1 s). */
  routingRefreshMs?: number;
  /** Publish execution status changes on the default bus (default true when `engine` is given). */
  executionEvents?: boolean;
  /** How often this process looks for scheduled rules that are due (default 5 s). */
  schedulePollMs?: number;
  /** The clock scheduled rules are computed and fired with (default the system clock; tests pass their own). */
  now?: () => Date;
}

/**
 * The durable EventBridge-compatible bus: migrates its tables, then serves buses, rules, targets,
 * PutEvents, archives and replays, connections and API destinations, and the dead-letter store, and
 * delivers matched events to state machines, worker queues, HTTP endpoints and other buses with retries.
 * Any number of processes can share one database and queue. Method inputs and outputs use the AWS SDK's
 * member names, and errors are {@link EventsError}s with AWS codes.
 *
 * @example
 * const bus = await createEventBus({ sql, queue, engine });
 * await bus.putRule({ Name: "orders", EventPattern: '{"source": ["shop"]}' });
 * await bus.putTargets({ Rule: "orders", Targets: [{ Id: "flow", Arn: stateMachineArn }] });
 * await bus.putEvents({ Entries: [{ Source: "shop", DetailType: "OrderPlaced", Detail: '{"id": 1}' }] });
 */
export async function createEventBus(options: EventBusOptions) {
  const { sql, queue, engine } = options;
  await migrateEvents(sql);
  const arns = createEventArns({
    region: options.region ?? engine?.arns.stateMachine("x").split(":")[3] ?? "us-east-1",
    account: options.account ?? engine?.arns.stateMachine("x").split(":")[4] ?? "123456789012",
  });
  const routing = new RoutingTable(sql, queue, options.routingRefreshMs ?? 1000);
  const now = options.now ?? (() => new Date());
  const unsubscribe = await queue.subscribe(ROUTING_TOPIC, () => routing.stale());
  const internalPut = (entries: PutEventsRequestEntry[], keys: string[]) =>
    putEvents(ctx, { Entries: entries }, { allowAwsSource: true, keys });
  // One token cache for API destinations and HTTP Tasks: a connection's token is fetched once per process.
  const oauth = createOAuthTokens({ timeoutMs: options.httpTimeoutMs ?? 5000 });
  const connections = createConnectionStates(sql, oauth);
  const worker = new DeliveryWorker(
    sql,
    queue,
    { engine, putEvents: internalPut, connections },
    {
      backoff: options.backoff ?? defaultBackoff,
      concurrency: options.concurrency ?? 16,
      httpTimeoutMs: options.httpTimeoutMs ?? 5000,
      leaseSeconds: Math.ceil((options.httpTimeoutMs ?? 5000) / 1000) + 60,
      random: Math.random,
    },
  );
  const commits = new EventCommitter(sql, queue, routing, worker);
  const ctx: BusContext = { sql, queue, routing, arns, now, commits };
  const buses = createBusApi(ctx);
  await buses.ensureDefault();
  await routing.reload();
  await scheduleUnscheduledRules(sql, now());
  const schedules = new SchedulePoller(
    () => fireDueRules({ sql, queue, scope: arns.scope }, now()),
    options.schedulePollMs ?? 5000,
  );
  const replays = createReplayApi(ctx);
  const replayRunner = replays.runner;
  const cleanups: (() => void)[] = [];
  if (engine !== undefined) {
    cleanups.push(engine.registerIntegration("events", putEventsIntegration(internalPut)));
    cleanups.push(engine.registerHttpConnections(createHttpTaskConnections(sql, connections)));
    if (options.executionEvents !== false) cleanups.push(publishExecutionStatus(engine, internalPut));
  }

  let sweeps = 0;
  const sweep = async (): Promise<void> => {
    await worker.sweep();
    await replayRunner.sweep();
    if (sweeps++ % 30 === 0) await purgeExpired(sql);
  };
  let running: Promise<void> = Promise.resolve();
  let interval: NodeJS.Timeout | undefined;
  if (options.background !== false) {
    worker.start();
    replayRunner.start();
    schedules.start();
    interval = setInterval(() => {
      running = running.then(sweep).catch(() => undefined);
    }, options.sweepMs ?? 2000);
    interval.unref();
  }

  return {
    arns,
    ...buses,
    /** PutEvents (see {@link putEvents}). */
    putEvents: (request: { Entries?: PutEventsRequestEntry[] }) => putEvents(ctx, request),
    ...createRuleApi(ctx),
    ...createTargetApi(ctx),
    ...createArchiveApi(ctx),
    ...replays.api,
    ...createConnectionApi(ctx, connections),
    ...createDestinationApi(ctx),
    ...createDeadLetterApi(ctx),
    /** Re-queues lost deliveries and replays now instead of at the next interval (tests, recovery). */
    sweep: () => (running = running.then(sweep)),
    /** Fires the scheduled rules due now instead of at the next poll; resolves with how many were due. */
    fireDueSchedules: () => schedules.fireNow(),
    /** Stops delivering, sweeping and firing schedules; the caller closes `sql` and `queue` (after the engine). */
    async close(): Promise<void> {
      for (const cleanup of cleanups) cleanup();
      if (interval !== undefined) clearInterval(interval);
      await schedules.close();
      await running.catch(() => undefined);
      await worker.close();
      await replayRunner.close();
      await connections.close();
      await unsubscribe();
    },
  };
}

/** A running event bus. */
export type EventBus = Awaited<ReturnType<typeof createEventBus>>;

/** Idempotency keys older than 24 hours, events no delivery refers to any more, archive copies past retention. */
async function purgeExpired(sql: SqlClient): Promise<void> {
  await sql.query("DELETE FROM event_idempotency_keys WHERE accepted_at < now() - interval '24 hours'");
  await sql.query(
    `DELETE FROM events e WHERE ingested_at < now() - interval '24 hours'
        AND NOT EXISTS (SELECT 1 FROM event_deliveries d WHERE d.event_id = e.id)`,
  );
  await sql.query(
    `DELETE FROM event_archive_events x USING event_archives a
      WHERE x.archive = a.name AND a.retention_days > 0 AND x.archived_at < now() - make_interval(days => a.retention_days)`,
  );
}
