import { isDeepStrictEqual } from "node:util";
import { detailsKey, runLocal, type HistoryEvent, type Json, type JsonObject } from "@stepflow/asl";
import type { SqlClient } from "../../src/ports/sql-client.ts";
import {
  drillDefinition,
  drillInput,
  drillResult,
  expectedOutput,
  failsTransiently,
  Transient,
  type DrillTaskInput,
} from "../reliability/drill-workflow.ts";

/** An execution the drill started: its ARN and its number. */
export interface DrillExecution {
  arn: string;
  n: number;
}

/** What a drill's check found. */
export interface DrillReport {
  problems: string[];
  executions: number;
  events: number;
  tasks: number;
  /** Tasks that failed transiently and were retried (TaskFailed events). */
  retries: number;
  /** Handler runs in all, and how many task tokens were delivered more than once. */
  deliveries: number;
  redeliveredTokens: number;
}

const OUTCOMES = new Set(["TaskSucceeded", "TaskFailed", "TaskTimedOut"]);

/** A task event's kind whatever its resource: `LambdaFunctionScheduled` and `ActivityScheduled` are `TaskScheduled`. */
function taskKind(event: HistoryEvent | undefined): string | undefined {
  return event?.type.replace(/^(LambdaFunction|Activity)/, "Task");
}

/** An event's details object (`taskScheduledEventDetails`, `lambdaFunctionSucceededEventDetails`, ...). */
function detailsOf(event: HistoryEvent): JsonObject | undefined {
  const key = detailsKey(event.type);
  return key === undefined ? undefined : event[key];
}
const MAX_PROBLEMS = 30;

/**
 * The drill's verdict on a database after every execution ended. For each execution:
 * - it SUCCEEDED with exactly `expectedOutput(n)`;
 * - its history ids are 1..N in order with no gap, every previousEventId points to an earlier event (0 for
 *   the first), it starts with ExecutionStarted and ends with its only ExecutionSucceeded;
 * - no duplicated transition: every TaskScheduled names a token (from its parameters) no other TaskScheduled
 *   names; walking back from every TaskSucceeded/TaskFailed/TaskTimedOut along previousEventId (over
 *   TaskStarted) reaches a TaskScheduled, and each token has exactly one such outcome and at most one
 *   TaskStarted; every TaskStarted likewise leads back to a TaskScheduled;
 * - the multiset of event types other than TaskStarted equals that of the same input run in memory with
 *   the same deterministic handler (`runLocal`), so each state was entered as often as the reference
 *   entered it and a repeated Task is exactly a retry the reference also made.
 * Across executions: the handler's effect rows are exactly the tokens of the TaskSucceeded events (each
 * once, with the result the history holds, from the execution the history belongs to), and every
 * delivered token is one the histories scheduled.
 */
export async function checkDrill(
  sql: SqlClient,
  executions: readonly DrillExecution[],
): Promise<DrillReport> {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
    else if (problems.length === MAX_PROBLEMS) problems.push("… more problems left out");
  };
  const report: DrillReport = {
    problems,
    executions: executions.length,
    events: 0,
    tasks: 0,
    retries: 0,
    deliveries: 0,
    redeliveredTokens: 0,
  };
  const succeededTokens = new Map<string, { arn: string; output: Json }>();
  const scheduledTokens = new Set<string>();
  const reference = new Map<number, Map<string, number>>();

  for (const { arn, n } of executions) {
    const { rows: described } = await sql.query<{ status: string; output: string | null }>(
      "SELECT status, output FROM executions WHERE arn = $1",
      [arn],
    );
    const row = described[0];
    if (!row) {
      problem(`${n}: no execution row`);
      continue;
    }
    if (row.status !== "SUCCEEDED") problem(`${n}: status ${row.status}`);
    else if (!isDeepStrictEqual(JSON.parse(row.output ?? "null"), expectedOutput(n)))
      problem(`${n}: output ${row.output}`);

    const { rows } = await sql.query<{ id: number; event: HistoryEvent | string }>(
      "SELECT id, event FROM history_events WHERE execution_arn = $1 ORDER BY id",
      [arn],
    );
    const events = rows.map((r) =>
      typeof r.event === "string" ? (JSON.parse(r.event) as HistoryEvent) : r.event,
    );
    report.events += events.length;
    const byId = new Map<number, HistoryEvent>();
    events.forEach((event, index) => {
      if (event.id !== index + 1) problem(`${n}: event #${index + 1} has id ${event.id}`);
      if (!(event.previousEventId < event.id) || (event.previousEventId === 0) !== (index === 0))
        problem(`${n}: event ${event.id} has previousEventId ${event.previousEventId}`);
      byId.set(event.id, event);
    });
    const count = (type: string) => events.filter((e) => e.type === type).length;
    if (events[0]?.type !== "ExecutionStarted" || count("ExecutionStarted") !== 1)
      problem(`${n}: does not start with its only ExecutionStarted`);
    if (events.at(-1)?.type !== "ExecutionSucceeded" || count("ExecutionSucceeded") !== 1)
      problem(`${n}: does not end with its only ExecutionSucceeded`);

    const tokenOf = new Map<number, string>();
    const outcomes = new Map<string, number>();
    const starts = new Map<string, number>();
    for (const event of events) {
      if (taskKind(event) !== "TaskScheduled") continue;
      const details = detailsOf(event);
      const token = ((details?.parameters ?? details?.input) as { token?: string } | undefined)?.token;
      if (typeof token !== "string") {
        problem(`${n}: TaskScheduled ${event.id} names no token`);
        continue;
      }
      if (scheduledTokens.has(token)) problem(`${n}: token scheduled twice (event ${event.id})`);
      scheduledTokens.add(token);
      tokenOf.set(event.id, token);
      report.tasks++;
    }
    const scheduledBefore = (event: HistoryEvent): string | undefined => {
      let at = byId.get(event.previousEventId);
      while (taskKind(at) === "TaskStarted") at = byId.get(at!.previousEventId);
      return taskKind(at) === "TaskScheduled" ? tokenOf.get(at!.id) : undefined;
    };
    for (const event of events) {
      const kind = taskKind(event)!;
      if (kind !== "TaskStarted" && !OUTCOMES.has(kind)) continue;
      const token = scheduledBefore(event);
      if (token === undefined) {
        problem(`${n}: ${event.type} ${event.id} follows no TaskScheduled`);
        continue;
      }
      const tally = kind === "TaskStarted" ? starts : outcomes;
      tally.set(token, (tally.get(token) ?? 0) + 1);
      if (kind === "TaskSucceeded")
        succeededTokens.set(token, { arn, output: detailsOf(event)?.output ?? null });
      if (kind === "TaskFailed") report.retries++;
    }
    for (const token of tokenOf.values()) {
      if (outcomes.get(token) !== 1) problem(`${n}: a token has ${outcomes.get(token) ?? 0} outcomes`);
      if ((starts.get(token) ?? 0) > 1) problem(`${n}: a token has ${starts.get(token)} TaskStarted events`);
    }

    const expected = reference.get(n) ?? (await referenceTypes(n));
    reference.set(n, expected);
    const actual = typeCounts(events.filter((e) => taskKind(e) !== "TaskStarted"));
    if (!isDeepStrictEqual(actual, expected))
      problem(`${n}: event types ${JSON.stringify(diff(actual, expected))} (actual vs reference)`);
  }

  const { rows: effects } = await sql.query<{
    token: string;
    execution_arn: string;
    result: number;
    param_token: string;
  }>("SELECT token, execution_arn, result, param_token FROM drill_effects");
  const effectTokens = new Set<string>();
  for (const effect of effects) {
    effectTokens.add(effect.token);
    const succeeded = succeededTokens.get(effect.token);
    if (!succeeded) problem(`effect for a token with no TaskSucceeded (${effect.execution_arn})`);
    else if (
      succeeded.arn !== effect.execution_arn ||
      !isDeepStrictEqual(succeeded.output, Number(effect.result))
    )
      problem(`effect ${effect.result} of ${effect.execution_arn} differs from its history`);
    if (effect.param_token !== effect.token) problem("a handler's ctx.taskToken differs from $$.Task.Token");
  }
  for (const [token, { arn }] of succeededTokens)
    if (!effectTokens.has(token)) problem(`TaskSucceeded with no effect (${arn})`);

  const { rows: deliveries } = await sql.query<{ token: string; deliveries: number }>(
    "SELECT token, deliveries FROM drill_deliveries",
  );
  for (const delivery of deliveries) {
    report.deliveries += delivery.deliveries;
    if (delivery.deliveries > 1) report.redeliveredTokens++;
    if (!scheduledTokens.has(delivery.token)) problem("a delivered token was never scheduled");
  }
  return report;
}

/** The drill's bookkeeping tables, written by the worker process's handler. */
export const DRILL_TABLES = `
CREATE TABLE IF NOT EXISTS drill_deliveries (token text PRIMARY KEY, deliveries integer NOT NULL);
CREATE TABLE IF NOT EXISTS drill_effects (
  token text PRIMARY KEY, execution_arn text NOT NULL, op text NOT NULL, result bigint NOT NULL,
  param_token text NOT NULL
)`;

async function referenceTypes(n: number): Promise<Map<string, number>> {
  const result = await runLocal(drillDefinition, drillInput(n), {
    handlers: {
      drill: (input, ctx) => {
        const task = input as unknown as DrillTaskInput;
        if (failsTransiently(task, ctx.attempt)) throw new Transient(task.op);
        return drillResult(task);
      },
    },
  });
  if (result.status !== "SUCCEEDED" || !isDeepStrictEqual(result.output, expectedOutput(n)))
    throw new Error(`the in-memory reference of ${n} ended ${result.status}: ${JSON.stringify(result)}`);
  return typeCounts(result.history);
}

function typeCounts(events: readonly HistoryEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { type } of [...events].sort((a, b) => a.type.localeCompare(b.type)))
    counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

function diff(actual: Map<string, number>, expected: Map<string, number>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const type of new Set([...actual.keys(), ...expected.keys()])) {
    if (actual.get(type) !== expected.get(type))
      out[type] = `${actual.get(type) ?? 0} vs ${expected.get(type) ?? 0}`;
  }
  return out;
}
