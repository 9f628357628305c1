import { busNameOf } from "../bus/event-arns.ts";
import type { BusContext } from "../bus/bus-context.ts";
import { EventsError } from "../bus/events-error.ts";
import { pageOf, pageResult, type PageRequest } from "../bus/pagination.ts";
import { compilePattern } from "../patterns/compile-pattern.ts";
import { InvalidEventPatternError } from "../patterns/invalid-event-pattern-error.ts";
import { bumpRoutingVersion } from "./routing-table.ts";
import { firstDueAt } from "../schedule/due-times.ts";
import { isScheduleExpression, parseScheduleExpression } from "../schedule/schedule-expression.ts";

/** PutRule's input (AWS SDK member names). */
export interface PutRuleInput {
  Name: string;
  EventPattern?: string;
  ScheduleExpression?: string;
  State?: "ENABLED" | "DISABLED";
  Description?: string;
  RoleArn?: string;
  EventBusName?: string;
}

/** A rule as DescribeRule / ListRules return it. */
export interface RuleDescription {
  Name: string;
  Arn: string;
  EventPattern?: string;
  ScheduleExpression?: string;
  State: string;
  Description?: string;
  RoleArn?: string;
  EventBusName: string;
  CreatedBy?: string;
}

interface RuleRow {
  bus: string;
  name: string;
  arn: string;
  event_pattern: string | null;
  schedule_expression: string | null;
  state: string;
  description: string | null;
  role_arn: string | null;
}

const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const STATES = new Set(["ENABLED", "DISABLED"]);

/** PutRule, DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule. */
export function createRuleApi(ctx: BusContext) {
  const { sql, routing, arns, now } = ctx;

  async function busExists(bus: string): Promise<void> {
    const { rows } = await sql.query("SELECT 1 FROM event_buses WHERE name = $1", [bus]);
    if (!rows[0]) throw new EventsError("ResourceNotFoundException", `Event bus ${bus} does not exist.`);
  }

  async function find(name: string, bus: string): Promise<RuleRow> {
    const { rows } = await sql.query<RuleRow>("SELECT * FROM event_rules WHERE bus = $1 AND name = $2", [
      bus,
      name,
    ]);
    if (rows[0]) return rows[0];
    await busExists(bus);
    throw new EventsError("ResourceNotFoundException", `Rule ${name} does not exist on EventBus ${bus}.`);
  }

  /**
   * EnableRule / DisableRule. Disabling drops the rule's schedule; enabling a disabled rule starts it
   * afresh (a rate's first tick one period later); enabling an enabled rule keeps its next tick.
   */
  async function setState(input: { Name: string; EventBusName?: string }, state: string): Promise<void> {
    const bus = busNameOf(input.EventBusName);
    await find(input.Name, bus);
    await sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ schedule_expression: string | null }>(
        "SELECT schedule_expression FROM event_rules WHERE bus = $1 AND name = $2 FOR NO KEY UPDATE",
        [bus, input.Name],
      );
      const firstDue = scheduleStart(rows[0]?.schedule_expression ?? null, state, now());
      await tx.query(
        `UPDATE event_rules SET state = $3,
           next_due_at = CASE WHEN state = $3 THEN coalesce(next_due_at, $4::timestamptz) ELSE $4::timestamptz END
          WHERE bus = $1 AND name = $2`,
        [bus, input.Name, state, firstDue],
      );
      await bumpRoutingVersion(tx);
    });
    await routing.changed();
  }

  return {
    /** Creates or updates a rule; its targets are kept. */
    async putRule(input: PutRuleInput): Promise<{ RuleArn: string }> {
      checkRuleName(input.Name);
      const bus = busNameOf(input.EventBusName);
      if (input.EventPattern === undefined && input.ScheduleExpression === undefined) {
        throw new EventsError(
          "ValidationException",
          "Parameter(s) EventPattern or ScheduleExpression must be specified.",
        );
      }
      if (input.ScheduleExpression !== undefined) {
        if (bus !== "default") {
          throw new EventsError(
            "ValidationException",
            "ScheduleExpression is supported only on the default event bus.",
          );
        }
        if (!isScheduleExpression(input.ScheduleExpression)) {
          throw new EventsError("ValidationException", "Parameter ScheduleExpression is not valid.");
        }
      }
      if (input.EventPattern !== undefined) {
        try {
          compilePattern(input.EventPattern);
        } catch (error) {
          if (error instanceof InvalidEventPatternError) {
            throw new EventsError("InvalidEventPatternException", error.message);
          }
          throw error;
        }
      }
      const state = input.State ?? "ENABLED";
      if (!STATES.has(state)) {
        throw new EventsError(
          "ValidationException",
          `1 validation error detected: Value '${state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]`,
        );
      }
      await busExists(bus);
      const arn = arns.rule(bus, input.Name);
      const firstDue = scheduleStart(input.ScheduleExpression ?? null, state, now());
      await sql.transaction(async (tx) => {
        // An update that leaves an enabled rule's schedule as it was keeps its next tick (and a rate's phase);
        // one stored before schedules fired (no next tick yet) starts now.
        await tx.query(
          `INSERT INTO event_rules (bus, name, arn, event_pattern, schedule_expression, state, description, role_arn,
                                    next_due_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz)
           ON CONFLICT (bus, name) DO UPDATE SET event_pattern = EXCLUDED.event_pattern,
             schedule_expression = EXCLUDED.schedule_expression, state = EXCLUDED.state,
             description = EXCLUDED.description, role_arn = EXCLUDED.role_arn,
             next_due_at = CASE
               WHEN event_rules.state = 'ENABLED' AND EXCLUDED.state = 'ENABLED'
                AND event_rules.schedule_expression = EXCLUDED.schedule_expression
               THEN coalesce(event_rules.next_due_at, EXCLUDED.next_due_at)
               ELSE EXCLUDED.next_due_at END`,
          [
            bus,
            input.Name,
            arn,
            input.EventPattern ?? null,
            input.ScheduleExpression ?? null,
            state,
            input.Description ?? null,
            input.RoleArn ?? null,
            firstDue,
          ],
        );
        await bumpRoutingVersion(tx);
      });
      await routing.changed();
      return { RuleArn: arn };
    },

    async describeRule(input: { Name: string; EventBusName?: string }): Promise<RuleDescription> {
      return describe(await find(input.Name, busNameOf(input.EventBusName)), arns.scope.account);
    },

    async listRules(input: { NamePrefix?: string; EventBusName?: string } & PageRequest = {}) {
      const bus = busNameOf(input.EventBusName);
      await busExists(bus);
      const page = pageOf(input);
      const { rows } = await sql.query<RuleRow>(
        "SELECT * FROM event_rules WHERE bus = $1 AND starts_with(name, $2) ORDER BY name OFFSET $3 LIMIT $4",
        [bus, input.NamePrefix ?? "", page.offset, page.limit + 1],
      );
      const { items, next } = pageResult(rows, page);
      return {
        Rules: items.map((row) => describe(row, arns.scope.account)),
        ...(next === undefined ? {} : { NextToken: next }),
      };
    },

    /** Deletes a rule; refused while it has targets (unless Force), and a missing rule is no error, as on AWS. */
    async deleteRule(input: { Name: string; EventBusName?: string; Force?: boolean }): Promise<void> {
      const bus = busNameOf(input.EventBusName);
      const deleted = await sql.transaction(async (tx) => {
        const targets = await tx.query("SELECT 1 FROM event_targets WHERE bus = $1 AND rule = $2 LIMIT 1", [
          bus,
          input.Name,
        ]);
        if (targets.rows.length > 0 && input.Force !== true) {
          throw new EventsError("ValidationException", "Rule can't be deleted since it has targets.");
        }
        const { rowCount } = await tx.query("DELETE FROM event_rules WHERE bus = $1 AND name = $2", [
          bus,
          input.Name,
        ]);
        if (rowCount > 0) await bumpRoutingVersion(tx);
        return rowCount > 0;
      });
      if (deleted) await routing.changed();
    },

    enableRule: (input: { Name: string; EventBusName?: string }) => setState(input, "ENABLED"),
    disableRule: (input: { Name: string; EventBusName?: string }) => setState(input, "DISABLED"),
  };
}

/** @throws EventsError ValidationException unless `name` is 1-64 of `.`, `-`, `_`, letters and digits. */
export function checkRuleName(name: unknown, field = "name"): void {
  if (typeof name === "string" && RULE_NAME.test(name)) return;
  const text = String(name);
  throw new EventsError(
    "ValidationException",
    text.length > 64
      ? `1 validation error detected: Value '${text}' at '${field}' failed to satisfy constraint: Member must have length less than or equal to 64`
      : `1 validation error detected: Value '${text}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
  );
}

/** A rule's first due time (ISO) when it starts now: enabled with a schedule that has a tick to come. */
function scheduleStart(expression: string | null, state: string, now: Date): string | null {
  if (expression === null || state !== "ENABLED") return null;
  const schedule = parseScheduleExpression(expression);
  return (schedule && firstDueAt(schedule, now)?.toISOString()) ?? null;
}

function describe(row: RuleRow, account: string): RuleDescription {
  const out: RuleDescription = { Name: row.name, Arn: row.arn, State: row.state, EventBusName: row.bus };
  if (row.event_pattern !== null) out.EventPattern = row.event_pattern;
  if (row.schedule_expression !== null) out.ScheduleExpression = row.schedule_expression;
  if (row.description !== null) out.Description = row.description;
  if (row.role_arn !== null) out.RoleArn = row.role_arn;
  out.CreatedBy = account;
  return out;
}

/** The rule API. */
export type RuleApi = ReturnType<typeof createRuleApi>;
