import type { BusContext } from "../bus/bus-context.ts";
import { busNameOf } from "../bus/event-arns.ts";
import { pageOf, pageResult, type PageRequest } from "../bus/pagination.ts";
import type { EventTarget } from "../rules/event-target.ts";
import { DELIVERY_QUEUE, deliveryJobId } from "./delivery-jobs.ts";

/** A delivery that exhausted its target's RetryPolicy or failed for good. */
export interface DeadLetterEntry {
  DeliveryId: string;
  EventId: string;
  EventBusName: string;
  RuleArn: string;
  TargetId: string;
  TargetArn: string;
  /** The target's DeadLetterConfig.Arn, when it has one. */
  DeadLetterArn?: string;
  ReplayName?: string;
  /** What the target was to receive (after Input / InputPath / InputTransformer). */
  Payload: string;
  Attempts: number;
  LastError: string;
  FailedTime: Date;
}

interface DeadRow {
  id: string | number;
  event_id: string;
  bus: string;
  rule_arn: string;
  target_id: string;
  target: EventTarget;
  payload: string;
  replay_name: string | null;
  attempts: number;
  last_error: string | null;
  failed_at: Date | string;
}

/**
 * The dead-letter store (Stepflow's own API, not an AWS one): list what failed, with the last error, and
 * redrive it (a fresh RetryPolicy window from now).
 */
export function createDeadLetterApi(ctx: BusContext) {
  const { sql, queue } = ctx;
  return {
    async listDeadLetters(input: { EventBusName?: string; RuleArn?: string } & PageRequest = {}) {
      const page = pageOf(input);
      const { rows } = await sql.query<DeadRow>(
        `SELECT * FROM event_deliveries WHERE status = 'failed' AND bus = $1 AND ($2::text IS NULL OR rule_arn = $2)
          ORDER BY id OFFSET $3 LIMIT $4`,
        [busNameOf(input.EventBusName), input.RuleArn ?? null, page.offset, page.limit + 1],
      );
      const { items, next } = pageResult(rows, page);
      return { DeadLetters: items.map(entry), ...(next === undefined ? {} : { NextToken: next }) };
    },

    /** Delivers dead letters again: the given ones, or all of the bus. Returns how many were redriven. */
    async redriveDeadLetters(input: { EventBusName?: string; DeliveryIds?: string[] } = {}) {
      const { rows } = await sql.query<{ id: string | number }>(
        `UPDATE event_deliveries SET status = 'pending', attempts = 0, due_at = now(), window_started_at = now(),
                failed_at = NULL
          WHERE status = 'failed' AND bus = $1 AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))
          RETURNING id`,
        [busNameOf(input.EventBusName), input.DeliveryIds?.map(Number) ?? null],
      );
      const ids = rows.map((row) => Number(row.id));
      if (ids.length > 0) {
        await queue
          .addBulk(
            DELIVERY_QUEUE,
            ids.map((id) => ({ id: deliveryJobId(id, 0), data: { delivery: id, attempt: 0 } })),
          )
          .catch(() => undefined);
      }
      return { RedrivenCount: ids.length };
    },
  };
}

function entry(row: DeadRow): DeadLetterEntry {
  const out: DeadLetterEntry = {
    DeliveryId: String(row.id),
    EventId: row.event_id,
    EventBusName: row.bus,
    RuleArn: row.rule_arn,
    TargetId: row.target_id,
    TargetArn: row.target.Arn,
    Payload: row.payload,
    Attempts: row.attempts,
    LastError: row.last_error ?? "",
    FailedTime: new Date(row.failed_at),
  };
  if (row.target.DeadLetterConfig?.Arn !== undefined) out.DeadLetterArn = row.target.DeadLetterConfig.Arn;
  if (row.replay_name !== null) out.ReplayName = row.replay_name;
  return out;
}

/** The dead-letter API. */
export type DeadLetterApi = ReturnType<typeof createDeadLetterApi>;
