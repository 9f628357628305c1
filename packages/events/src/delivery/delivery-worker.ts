import { createHash } from "node:crypto";
import {
  StatementBatcher,
  type Engine,
  type QueueConsumer,
  type SqlClient,
  type TaskQueue,
} from "@stepflow/engine";
import type { DeliveryRow } from "../bus/event-rows.ts";
import type { PutEventsRequestEntry, PutEventsResponse } from "../bus/put-events-entry.ts";
import { DEFAULT_RETRY, type EventTarget } from "../rules/event-target.ts";
import { backoffDelayMs, type BackoffOptions } from "./backoff.ts";
import { deliverHttp } from "./deliver-http.ts";
import { DeliveryError } from "./delivery-error.ts";
import { DELIVERY_QUEUE, deliveryJobId, jobDeliveries, type DeliveryJob } from "./delivery-jobs.ts";
import type { ConnectionStates } from "./connection-states.ts";
import { createRateLimiter } from "./rate-limiter.ts";
import { targetKindOf } from "./target-kind.ts";

/** How deliveries are carried out. */
export interface DeliveryOptions {
  backoff: BackoffOptions;
  concurrency: number;
  httpTimeoutMs: number;
  /** How long a worker holds a delivery before another may take it (a crashed worker's lease runs out). */
  leaseSeconds: number;
  random: () => number;
}

/** What deliveries reach besides the queue and the database. */
export interface DeliveryTargets {
  engine: Pick<Engine, "executions"> | undefined;
  putEvents(entries: PutEventsRequestEntry[], keys: string[]): Promise<PutEventsResponse>;
  /** Authorizes through connections and keeps their state (shared with the HTTP Tasks of the engine). */
  connections: ConnectionStates;
}

/** A delivery row this process holds (its lease), with what delivering it needs. */
export interface LeasedRow {
  id: string | number;
  event_id: string;
  rule_arn: string;
  target_id: string;
  target: EventTarget;
  payload: string;
  replay_name: string | null;
  attempts: number;
  age_seconds: number;
}

/**
 * Takes the pending deliveries that are due for this attempt, holding them for the lease.
 * Params: $1 ids bigint[], $2 attempts, $3 lease seconds. Returns the rows that are ours to do.
 */
const LEASE = `
UPDATE event_deliveries SET due_at = now() + make_interval(secs => $3)
 WHERE id = ANY($1::bigint[]) AND attempts = $2 AND status = 'pending' AND due_at <= now() + interval '5 seconds'
RETURNING id, event_id, rule_arn, target_id, target, payload, replay_name, attempts,
  extract(epoch from now() - window_started_at)::float8 AS age_seconds`;

/** Pending deliveries overdue by $1 seconds (their job was lost). Returns id, attempts. */
const OVERDUE = `
SELECT id, attempts FROM event_deliveries
 WHERE status = 'pending' AND due_at <= now() - make_interval(secs => $1)
 ORDER BY due_at LIMIT $2`;

/**
 * Consumes delivery jobs: leases the rows, delivers to the targets, then deletes each row, schedules a retry
 * with backoff, or moves it to the dead-letter store (status `failed`) once the target's RetryPolicy is
 * spent or the error is final. Every step is keyed by (row, attempt), so duplicated jobs do nothing.
 * Deliveries committed by this process while it runs skip the queue: they are written already leased to it
 * and handed to {@link deliverCommitted} (the rows stay the truth: a crash leaves them to the sweeper).
 */
export class DeliveryWorker {
  private readonly limiter = createRateLimiter();
  private consumer: QueueConsumer | undefined;
  /** Rows waiting for one of the `concurrency × 4` delivery slots of this process, and the slots taken. */
  private readonly backlog: { row: LeasedRow; done: () => void }[] = [];
  private active = 0;
  private idle: (() => void)[] = [];
  private readonly deletes: StatementBatcher<number, void>;

  constructor(
    private readonly sql: SqlClient,
    private readonly queue: TaskQueue,
    private readonly targets: DeliveryTargets,
    private readonly options: DeliveryOptions,
  ) {
    this.deletes = new StatementBatcher(
      async (ids) => {
        await sql.query("DELETE FROM event_deliveries WHERE id = ANY($1::bigint[])", [ids]);
        return ids.map(() => undefined);
      },
      { maxInFlight: 2, maxBatch: 1000 },
    );
  }

  /** How long deliveries committed for {@link deliverCommitted} are leased to this process. */
  get leaseSeconds(): number {
    return this.options.leaseSeconds;
  }

  /**
   * Whether this process takes `count` more deliveries itself instead of queueing them: it is delivering,
   * and its backlog stays under 64 rows per slot (beyond that, queued jobs let other processes share them).
   */
  takesDirect(count: number): boolean {
    return this.consumer !== undefined && this.backlog.length + count <= this.slots * 64;
  }

  /** Delivers rows just committed leased to this process (first attempt); resolves when all are done. */
  deliverCommitted(rows: readonly (DeliveryRow & { id: number })[]): Promise<void> {
    return this.run(
      rows.map((row) => ({
        id: row.id,
        event_id: row.eventId,
        rule_arn: row.ruleArn,
        target_id: row.targetId,
        target: row.target,
        payload: row.payload,
        replay_name: row.replayName,
        attempts: 0,
        age_seconds: 0,
      })),
    );
  }

  start(): void {
    this.consumer ??= this.queue.consume(
      DELIVERY_QUEUE,
      (job) => this.handle(job.data as unknown as DeliveryJob),
      { concurrency: this.options.concurrency },
    );
  }

  /** Stops taking jobs and waits for the deliveries in flight, the directly delivered ones included. */
  async close(): Promise<void> {
    await this.consumer?.close();
    this.consumer = undefined;
    if (this.active > 0 || this.backlog.length > 0)
      await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  /** Queues again the deliveries whose job was lost (a crash after commit, a queue that lost its contents). */
  async sweep(graceSeconds = 5): Promise<number> {
    const { rows } = await this.sql.query<{ id: string | number; attempts: number }>(OVERDUE, [
      graceSeconds,
      500,
    ]);
    if (rows.length === 0) return 0;
    await this.queue.addBulk(
      DELIVERY_QUEUE,
      rows.map((row) => ({
        id: deliveryJobId(Number(row.id), row.attempts),
        data: { delivery: Number(row.id), attempt: row.attempts },
      })),
    );
    return rows.length;
  }

  async handle(job: DeliveryJob): Promise<void> {
    const { rows } = await this.sql.query<LeasedRow>(LEASE, [
      jobDeliveries(job),
      job.attempt,
      this.options.leaseSeconds,
    ]);
    await this.run(rows);
  }

  private get slots(): number {
    return this.options.concurrency * 4;
  }

  private run(rows: readonly LeasedRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    let left = rows.length;
    return new Promise((resolve) => {
      const done = () => {
        if (--left === 0) resolve();
      };
      for (const row of rows) this.backlog.push({ row, done });
      this.pump();
    });
  }

  private pump(): void {
    while (this.active < this.slots && this.backlog.length > 0) {
      const { row, done } = this.backlog.shift()!;
      this.active++;
      void this.attempt(row).finally(() => {
        this.active--;
        done();
        this.pump();
        if (this.active === 0 && this.backlog.length === 0)
          for (const resolve of this.idle.splice(0)) resolve();
      });
    }
  }

  /** One attempt of a leased row. A database error on the way out leaves the row to its lease and the sweeper. */
  private async attempt(row: LeasedRow): Promise<void> {
    try {
      try {
        await this.deliver(row);
      } catch (error) {
        await this.failed(row, error);
        return;
      }
      await this.deletes.submit(Number(row.id));
    } catch {
      // The row stays pending under its lease; once that runs out the sweeper queues it again.
    }
  }

  private async deliver(row: LeasedRow): Promise<void> {
    const target = row.target;
    const kind = targetKindOf(target.Arn);
    switch (kind?.kind) {
      case "execution":
        return this.startExecution(kind.stateMachineArn, row);
      case "queue":
        await this.queue.add(kind.queue, {
          id: `event-delivery-${row.id}`,
          data: jsonOrText(row.payload) as never,
        });
        return;
      case "http":
        return deliverHttp(
          this.sql,
          this.limiter,
          this.targets.connections,
          kind.destination,
          target,
          row.payload,
          this.options.httpTimeoutMs,
        );
      case "bus":
        return this.putOnBus(kind.bus, row);
      default:
        throw new DeliveryError(`Stepflow cannot deliver to ${target.Arn}`, false);
    }
  }

  /** The execution is named after the event, rule, target and replay, so a re-sent delivery starts it once. */
  private async startExecution(stateMachineArn: string, row: LeasedRow): Promise<void> {
    const engine = this.targets.engine;
    if (engine === undefined) throw new DeliveryError("This event bus was created without an engine", false);
    const suffix = createHash("sha256")
      .update(`${row.rule_arn}\u0000${row.target_id}\u0000${row.replay_name ?? ""}`)
      .digest("hex")
      .slice(0, 12);
    try {
      await engine.executions.start({
        stateMachineArn,
        name: `${row.event_id}-${suffix}`,
        input: row.payload,
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === "ExecutionAlreadyExists") return; // started by an earlier attempt, which then crashed
      const message = error instanceof Error ? error.message : String(error);
      const final = ["StateMachineDoesNotExist", "InvalidArn", "InvalidExecutionInput", "InvalidName"];
      throw new DeliveryError(`StartExecution failed: ${message}`, !final.includes(String(code)));
    }
  }

  private async putOnBus(bus: string, row: LeasedRow): Promise<void> {
    const event = JSON.parse(row.payload) as Record<string, unknown>;
    const entry: PutEventsRequestEntry = {
      Source: String(event.source),
      DetailType: String(event["detail-type"]),
      Detail: JSON.stringify(event.detail ?? {}),
      Resources: Array.isArray(event.resources) ? event.resources.map(String) : [],
      EventBusName: bus,
    };
    if (typeof event.time === "string") entry.Time = new Date(event.time);
    const result = await this.targets.putEvents(
      [entry],
      [`delivery:${row.event_id}:${row.rule_arn}:${row.target_id}:${row.replay_name ?? ""}`],
    );
    const failure = result.Entries[0];
    if (result.FailedEntryCount > 0) {
      throw new DeliveryError(
        `PutEvents on bus ${bus} failed: ${failure?.ErrorCode}: ${failure?.ErrorMessage}`,
        false,
      );
    }
  }

  private async failed(row: LeasedRow, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const retryable = !(error instanceof DeliveryError) || error.retryable;
    const policy = { ...DEFAULT_RETRY, ...row.target.RetryPolicy };
    const attempt = row.attempts + 1;
    const delayMs = backoffDelayMs(this.options.backoff, attempt, this.options.random);
    const retry =
      retryable &&
      attempt <= policy.MaximumRetryAttempts &&
      row.age_seconds + delayMs / 1000 <= policy.MaximumEventAgeInSeconds;
    if (!retry) {
      await this.sql.query(
        "UPDATE event_deliveries SET attempts = $2, status = 'failed', failed_at = now(), last_error = $3 WHERE id = $1",
        [row.id, attempt, message],
      );
      return;
    }
    await this.sql.query(
      "UPDATE event_deliveries SET attempts = $2, due_at = now() + make_interval(secs => $3), last_error = $4 WHERE id = $1",
      [row.id, attempt, delayMs / 1000, message],
    );
    const id = Number(row.id);
    await this.queue
      .add(DELIVERY_QUEUE, { id: deliveryJobId(id, attempt), data: { delivery: id, attempt }, delayMs })
      .catch(() => undefined);
  }
}

function jsonOrText(payload: string): unknown {
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return payload;
  }
}
