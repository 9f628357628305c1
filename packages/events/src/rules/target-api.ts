import { busNameOf } from "../bus/event-arns.ts";
import type { BusContext } from "../bus/bus-context.ts";
import { EventsError } from "../bus/events-error.ts";
import { pageOf, pageResult, type PageRequest } from "../bus/pagination.ts";
import { targetKindOf } from "../delivery/target-kind.ts";
import { TargetValidationError } from "../transform/target-validation-error.ts";
import { validateTarget } from "../transform/validate-target.ts";
import type { EventTarget } from "./event-target.ts";
import { bumpRoutingVersion } from "./routing-table.ts";

/** A target PutTargets or RemoveTargets could not process. */
export interface FailedTargetEntry {
  TargetId: string;
  ErrorCode: string;
  ErrorMessage: string;
}

/** The most targets one rule has on AWS. */
export const MAX_TARGETS_PER_RULE = 5;

const TARGET_ID = /^[.\-_A-Za-z0-9]+$/;

/** PutTargets, RemoveTargets, ListTargetsByRule. */
export function createTargetApi(ctx: BusContext) {
  const { sql, routing } = ctx;

  async function ruleExists(bus: string, rule: string): Promise<void> {
    const { rows } = await sql.query("SELECT 1 FROM event_rules WHERE bus = $1 AND name = $2", [bus, rule]);
    if (rows[0]) return;
    const busRow = await sql.query("SELECT 1 FROM event_buses WHERE name = $1", [bus]);
    if (!busRow.rows[0])
      throw new EventsError("ResourceNotFoundException", `Event bus ${bus} does not exist.`);
    throw new EventsError("ResourceNotFoundException", `Rule ${rule} does not exist on EventBus ${bus}.`);
  }

  return {
    /**
     * Adds or replaces targets of a rule. Request-level problems (ids, retry policy ranges, Input /
     * InputPath / InputTransformer) fail the whole call with ValidationException; a target whose ARN Stepflow
     * cannot deliver to is reported in FailedEntries and the others are stored.
     */
    async putTargets(input: { Rule: string; EventBusName?: string; Targets: EventTarget[] }) {
      const bus = busNameOf(input.EventBusName);
      const targets = input.Targets;
      if (!Array.isArray(targets) || targets.length < 1 || targets.length > 100) {
        throw new EventsError(
          "ValidationException",
          `1 validation error detected: Value at 'targets' failed to satisfy constraint: Member must have length between 1 and 100`,
        );
      }
      targets.forEach((target, index) => checkTarget(target, index + 1));
      await ruleExists(bus, input.Rule);
      const failed: FailedTargetEntry[] = [];
      const accepted: EventTarget[] = [];
      for (const target of targets) {
        if (targetKindOf(target.Arn) === undefined) {
          failed.push({
            TargetId: target.Id,
            ErrorCode: "ValidationException",
            ErrorMessage: `Target ${target.Id}: Stepflow cannot deliver to ${target.Arn}; use a state machine, an API destination, an event bus, or a worker queue (arn:aws:stepflow:<region>:<account>:queue/<name>).`,
          });
        } else {
          accepted.push(target);
        }
      }
      if (accepted.length > 0) {
        await sql.transaction(async (tx) => {
          for (const target of accepted) {
            await tx.query(
              `INSERT INTO event_targets (bus, rule, id, target) VALUES ($1, $2, $3, $4::jsonb)
               ON CONFLICT (bus, rule, id) DO UPDATE SET target = EXCLUDED.target`,
              [bus, input.Rule, target.Id, JSON.stringify(target)],
            );
          }
          const { rows } = await tx.query<{ n: string | number }>(
            "SELECT count(*) AS n FROM event_targets WHERE bus = $1 AND rule = $2",
            [bus, input.Rule],
          );
          if (Number(rows[0]?.n ?? 0) > MAX_TARGETS_PER_RULE) {
            throw new EventsError(
              "LimitExceededException",
              `The requested resource exceeds the maximum number allowed (${MAX_TARGETS_PER_RULE} targets per rule).`,
            );
          }
          await bumpRoutingVersion(tx);
        });
        await routing.changed();
      }
      return { FailedEntryCount: failed.length, FailedEntries: failed };
    },

    async removeTargets(input: { Rule: string; EventBusName?: string; Ids: string[]; Force?: boolean }) {
      const bus = busNameOf(input.EventBusName);
      await ruleExists(bus, input.Rule);
      await sql.transaction(async (tx) => {
        await tx.query("DELETE FROM event_targets WHERE bus = $1 AND rule = $2 AND id = ANY($3::text[])", [
          bus,
          input.Rule,
          input.Ids,
        ]);
        await bumpRoutingVersion(tx);
      });
      await routing.changed();
      return { FailedEntryCount: 0, FailedEntries: [] as FailedTargetEntry[] };
    },

    async listTargetsByRule(input: { Rule: string; EventBusName?: string } & PageRequest) {
      const bus = busNameOf(input.EventBusName);
      await ruleExists(bus, input.Rule);
      const page = pageOf(input);
      const { rows } = await sql.query<{ target: EventTarget }>(
        "SELECT target FROM event_targets WHERE bus = $1 AND rule = $2 ORDER BY position OFFSET $3 LIMIT $4",
        [bus, input.Rule, page.offset, page.limit + 1],
      );
      const { items, next } = pageResult(rows, page);
      return { Targets: items.map((row) => row.target), ...(next === undefined ? {} : { NextToken: next }) };
    },
  };
}

/** The checks PutTargets makes before looking at the rule. */
function checkTarget(target: EventTarget, position: number): void {
  const at = `targets.${position}.member`;
  const fail = (message: string): never => {
    throw new EventsError("ValidationException", `1 validation error detected: ${message}`);
  };
  if (typeof target.Id !== "string" || target.Id.length === 0)
    fail(`Value null at '${at}.id' failed to satisfy constraint: Member must not be null`);
  if (target.Id.length > 64)
    fail(
      `Value '${target.Id}' at '${at}.id' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
  if (!TARGET_ID.test(target.Id))
    fail(
      `Value '${target.Id}' at '${at}.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
    );
  if (typeof target.Arn !== "string" || target.Arn.length === 0)
    fail(`Value null at '${at}.arn' failed to satisfy constraint: Member must not be null`);
  const retry = target.RetryPolicy;
  if (
    retry?.MaximumRetryAttempts !== undefined &&
    !(retry.MaximumRetryAttempts >= 0 && retry.MaximumRetryAttempts <= 185)
  ) {
    fail(
      `Value '${retry.MaximumRetryAttempts}' at '${at}.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value ${retry.MaximumRetryAttempts < 0 ? "greater than or equal to 0" : "less than or equal to 185"}`,
    );
  }
  if (
    retry?.MaximumEventAgeInSeconds !== undefined &&
    !(retry.MaximumEventAgeInSeconds >= 60 && retry.MaximumEventAgeInSeconds <= 86_400)
  ) {
    fail(
      `Value '${retry.MaximumEventAgeInSeconds}' at '${at}.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value ${retry.MaximumEventAgeInSeconds < 60 ? "greater than or equal to 60" : "less than or equal to 86400"}`,
    );
  }
  try {
    validateTarget(target);
  } catch (error) {
    if (error instanceof TargetValidationError) throw new EventsError("ValidationException", error.message);
    throw error;
  }
}

/** The target API. */
export type TargetApi = ReturnType<typeof createTargetApi>;
