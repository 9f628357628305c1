import { randomUUID } from "node:crypto";
import {
  type HistoryEvent,
  type Json,
  parseJson,
  parseJsonText,
  printHistoryEvent,
  stringifyJson,
} from "@stepflow/asl";
import { checkName, parseExecutionArn, type Arns } from "../arns.ts";
import { EngineError } from "../errors/engine-error.ts";
import type { ExecutionRunner } from "../engine/execution-runner.ts";
import type { ExpressRunner } from "../engine/express-runner.ts";
import type { MachineCache } from "../engine/machine-cache.ts";
import type { SqlClient } from "../ports/sql-client.ts";
import {
  DESCRIBE_EXECUTION,
  HISTORY_AFTER,
  HISTORY_BEFORE,
  LIST_EXECUTIONS,
} from "../store/execution-sql.ts";
import { MAX_PAYLOAD_BYTES } from "../engine/background-loops.ts";
import { decodeToken, encodeToken, pageSize } from "./pagination.ts";
import type { StateMachineApi } from "./state-machines.ts";

/** An execution as DescribeExecution returns it. */
export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: string;
  startDate: Date;
  stopDate?: Date;
  input: string;
  inputDetails: { included: boolean };
  output?: string;
  outputDetails?: { included: boolean };
  error?: string;
  cause?: string;
  traceHeader?: string;
  redriveCount: number;
  redriveDate?: Date;
  redriveStatus: "REDRIVABLE" | "NOT_REDRIVABLE";
  stateMachineVersionArn?: string;
  stateMachineAliasArn?: string;
}

interface ExecutionRow {
  arn: string;
  state_machine_arn: string;
  version_arn: string | null;
  alias_arn: string | null;
  name: string;
  status: string;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  trace_header: string | null;
  redrive_count: number;
  redrive_date: Date | string | null;
  start_date: Date | string;
  stop_date: Date | string | null;
  definition_hash: string;
}

/** Executions: start, describe, list, history, stop. */
export function createExecutionApi(
  sql: SqlClient,
  arns: Arns,
  machines: StateMachineApi,
  runner: ExecutionRunner,
  sync: { machines: MachineCache; express: ExpressRunner },
) {
  async function row(arn: string): Promise<ExecutionRow> {
    parseExecutionArn(arn);
    const { rows } = await sql.query<ExecutionRow>(DESCRIBE_EXECUTION, [arn]);
    if (!rows[0]) throw new EngineError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
    return rows[0];
  }

  /** Up to `count` events after id `after`, oldest first. */
  async function historyAfter(arn: string, after: number, count: number): Promise<HistoryEvent[]> {
    const { rows } = await sql.query<{ events: string }>(HISTORY_AFTER, [arn, after, count]);
    return rows
      .flatMap((r) => parseJson(r.events) as unknown as HistoryEvent[])
      .filter((e) => e.id > after && e.id <= after + count);
  }

  /** Up to `count` events before id `before`, newest first. */
  async function historyBefore(arn: string, before: number, count: number): Promise<HistoryEvent[]> {
    const { rows } = await sql.query<{ events: string; before: number }>(HISTORY_BEFORE, [
      arn,
      before,
      count,
    ]);
    const bound = rows[0]?.before ?? 0;
    return rows
      .flatMap((r) => (parseJson(r.events) as unknown as HistoryEvent[]).reverse())
      .filter((e) => e.id < bound && e.id >= bound - count);
  }

  function describe(r: ExecutionRow): ExecutionDescription {
    const out: ExecutionDescription = {
      executionArn: r.arn,
      stateMachineArn: r.state_machine_arn,
      name: r.name,
      status: r.status,
      startDate: new Date(r.start_date),
      input: r.input,
      inputDetails: { included: true },
      redriveCount: Number(r.redrive_count),
      redriveStatus: "NOT_REDRIVABLE",
    };
    if (r.stop_date) out.stopDate = new Date(r.stop_date);
    if (r.output !== null) {
      out.output = r.output;
      out.outputDetails = { included: true };
    }
    if (r.error !== null) out.error = r.error;
    if (r.cause !== null) out.cause = r.cause;
    if (r.trace_header !== null) out.traceHeader = r.trace_header;
    if (r.version_arn !== null) out.stateMachineVersionArn = r.version_arn;
    if (r.alias_arn !== null) out.stateMachineAliasArn = r.alias_arn;
    if (r.redrive_date) out.redriveDate = new Date(r.redrive_date);
    out.redriveStatus =
      ["FAILED", "ABORTED", "TIMED_OUT"].includes(r.status) && !r.arn.includes(":express:")
        ? "REDRIVABLE"
        : "NOT_REDRIVABLE";
    return out;
  }

  return {
    /** StartExecution: idempotent on name (same name and input while running returns the same execution). */
    async start(input: {
      stateMachineArn: string;
      name?: string;
      input?: string;
      traceHeader?: string;
      parentToken?: string;
    }) {
      const name = input.name ?? randomUUID();
      checkName(name, "execution");
      const inputText = input.input ?? "{}";
      if (Buffer.byteLength(inputText, "utf8") > MAX_PAYLOAD_BYTES) {
        throw new EngineError(
          "InvalidExecutionInput",
          `Invalid Execution Input: the input is larger than ${MAX_PAYLOAD_BYTES} bytes`,
        );
      }
      let parsed: Json;
      try {
        parsed = parseJsonText(inputText);
      } catch (error) {
        throw new EngineError(
          "InvalidExecutionInput",
          `Invalid Execution Input: ${(error as Error).message}`,
        );
      }
      const machine = await machines.resolve(input.stateMachineArn);
      const arn =
        machine.type === "EXPRESS"
          ? arns.expressExecution(machine.machineName, name)
          : arns.execution(machine.machineName, name);
      const started = await runner.start({
        arn,
        name,
        roleArn: machine.roleArn,
        machineArn: machine.machineArn,
        machineName: machine.machineName,
        type: machine.type,
        definitionHash: machine.definitionHash,
        definition: machine.definition,
        input: parsed,
        inputText,
        versionArn: machine.versionArn,
        aliasArn: machine.aliasArn,
        parentToken: input.parentToken,
        traceHeader: input.traceHeader,
      });
      if (started) return { executionArn: arn, startDate: new Date(started.startTime) };
      const existing = await row(arn);
      if (existing.status !== "RUNNING" || existing.input !== inputText) {
        throw new EngineError("ExecutionAlreadyExists", `Execution Already Exists: '${arn}'`);
      }
      return { executionArn: arn, startDate: new Date(existing.start_date) };
    },

    /** RedriveExecution: restarts a failed, aborted or timed-out STANDARD execution from where it stopped. */
    async redrive(input: { executionArn: string }): Promise<{ redriveDate: Date }> {
      const r = await row(input.executionArn);
      const closedFor = r.stop_date ? Date.now() - new Date(r.stop_date).getTime() : 0;
      if (
        !["FAILED", "ABORTED", "TIMED_OUT"].includes(r.status) ||
        input.executionArn.includes(":express:") ||
        closedFor > REDRIVE_WINDOW_MS
      ) {
        throw new EngineError(
          "ExecutionNotRedrivable",
          `Execution ${input.executionArn} cannot be redriven: only FAILED, ABORTED or TIMED_OUT standard executions closed within 14 days can (status ${r.status})`,
        );
      }
      await runner.signal(input.executionArn, { type: "RedriveRequested" });
      const after = await row(input.executionArn);
      return { redriveDate: after.redrive_date ? new Date(after.redrive_date) : new Date() };
    },

    /**
     * StartSyncExecution: runs an EXPRESS workflow to its end in this process and returns its outcome,
     * without durable history (as AWS runs synchronous Express workflows).
     */
    async startSync(input: { stateMachineArn: string; name?: string; input?: string; traceHeader?: string }) {
      const name = input.name ?? randomUUID();
      checkName(name, "execution");
      const inputText = input.input ?? "{}";
      const parsed = parseInput(inputText);
      const machine = await machines.resolve(input.stateMachineArn);
      if (machine.type !== "EXPRESS") {
        throw new EngineError(
          "StateMachineTypeNotSupported",
          "This operation is only supported by EXPRESS state machines",
        );
      }
      const arn = `${arns.expressExecution(machine.machineName, name)}:${randomUUID()}`;
      const startDate = new Date();
      const compiled = sync.machines.get(machine.definitionHash, machine.definition);
      const end = await sync.express.run(
        compiled,
        {
          arn,
          name,
          roleArn: machine.roleArn,
          machineArn: machine.machineArn,
          machineName: machine.machineName,
        },
        parsed,
      );
      const result: Record<string, unknown> = {
        executionArn: arn,
        stateMachineArn: machine.machineArn,
        name,
        startDate,
        stopDate: new Date(),
        status: end.status,
        input: inputText,
        inputDetails: { included: true },
        billingDetails: {
          billedMemoryUsedInMB: 64,
          billedDurationInMilliseconds: Math.max(100, Date.now() - startDate.getTime()),
        },
      };
      if (end.status === "SUCCEEDED") {
        result.output = stringifyJson(end.output ?? null)!;
        result.outputDetails = { included: true };
      }
      if (end.failure?.error !== undefined) result.error = end.failure.error;
      if (end.failure?.cause !== undefined) result.cause = end.failure.cause;
      if (input.traceHeader !== undefined) result.traceHeader = input.traceHeader;
      return result;
    },

    async describe(arn: string): Promise<ExecutionDescription> {
      return describe(await row(arn));
    },

    /** The definition an execution runs (DescribeStateMachineForExecution). */
    async definitionOf(arn: string) {
      const r = await row(arn);
      const { rows } = await sql.query<{
        body: string;
        updated_at: Date | string;
        name: string;
        role_arn: string;
      }>(
        `SELECT d.body, e.start_date AS updated_at, m.name, e.role_arn
           FROM executions e JOIN definitions d ON d.hash = e.definition_hash
           LEFT JOIN state_machines m ON m.arn = e.state_machine_arn WHERE e.arn = $1`,
        [arn],
      );
      const found = rows[0]!;
      return {
        stateMachineArn: r.state_machine_arn,
        name: found.name ?? r.state_machine_arn.slice(r.state_machine_arn.lastIndexOf(":") + 1),
        definition: found.body,
        roleArn: found.role_arn,
        updateDate: new Date(found.updated_at),
      };
    },

    async stop(input: { executionArn: string; error?: string; cause?: string }) {
      await row(input.executionArn);
      const signal: { type: "StopRequested"; error?: string; cause?: string } = { type: "StopRequested" };
      if (input.error !== undefined) signal.error = input.error;
      if (input.cause !== undefined) signal.cause = input.cause;
      await runner.signal(input.executionArn, signal);
      const after = await row(input.executionArn);
      return { stopDate: after.stop_date ? new Date(after.stop_date) : new Date() };
    },

    async list(input: {
      stateMachineArn: string;
      statusFilter?: string;
      maxResults?: number;
      nextToken?: string;
    }) {
      const limit = pageSize(input.maxResults);
      const cursor = decodeToken<{ d: string; a: string }>(input.nextToken);
      const qualified = input.stateMachineArn.split(":").length > 7;
      const machineArn = qualified
        ? input.stateMachineArn.split(":").slice(0, 7).join(":")
        : input.stateMachineArn;
      const { rows } = await sql.query<ExecutionRow>(LIST_EXECUTIONS, [
        machineArn,
        input.statusFilter ?? null,
        cursor?.d ?? null,
        cursor?.a ?? null,
        limit + 1,
        qualified ? input.stateMachineArn : null,
      ]);
      const page = rows.slice(0, limit);
      const result: { executions: object[]; nextToken?: string } = {
        executions: page.map((r) => {
          const item: Record<string, unknown> = {
            executionArn: r.arn,
            stateMachineArn: r.state_machine_arn,
            name: r.name,
            status: r.status,
            startDate: new Date(r.start_date),
            redriveCount: Number(r.redrive_count),
          };
          if (r.stop_date) item.stopDate = new Date(r.stop_date);
          if (r.version_arn) item.stateMachineVersionArn = r.version_arn;
          if (r.alias_arn) item.stateMachineAliasArn = r.alias_arn;
          return item;
        }),
      };
      const last = page.at(-1);
      if (rows.length > limit && last)
        result.nextToken = encodeToken({ d: new Date(last.start_date).toISOString(), a: last.arn });
      return result;
    },

    /** GetExecutionHistory: paginated, optionally newest first, optionally without inputs and outputs. */
    async history(input: {
      executionArn: string;
      maxResults?: number;
      nextToken?: string;
      reverseOrder?: boolean;
      includeExecutionData?: boolean;
    }) {
      await row(input.executionArn);
      const limit = pageSize(input.maxResults);
      const reverse = input.reverseOrder ?? false;
      const cursor = decodeToken<number>(input.nextToken);
      const page = reverse
        ? await historyBefore(input.executionArn, cursor ?? 2 ** 31 - 1, limit + 1)
        : await historyAfter(input.executionArn, cursor ?? 0, limit + 1);
      const events = page.slice(0, limit).map(printHistoryEvent);
      const result: { events: HistoryEvent[]; nextToken?: string } = {
        events: input.includeExecutionData === false ? events.map(withoutData) : events,
      };
      if (page.length > limit) result.nextToken = encodeToken(events.at(-1)!.id);
      return result;
    },
  };
}

/** Execution input: JSON of at most 256 KiB, or InvalidExecutionInput. */
function parseInput(text: string): Json {
  if (Buffer.byteLength(text, "utf8") > MAX_PAYLOAD_BYTES) {
    throw new EngineError(
      "InvalidExecutionInput",
      `Invalid Execution Input: the input is larger than ${MAX_PAYLOAD_BYTES} bytes`,
    );
  }
  try {
    return parseJsonText(text);
  } catch (error) {
    throw new EngineError("InvalidExecutionInput", `Invalid Execution Input: ${(error as Error).message}`);
  }
}

const REDRIVE_WINDOW_MS = 14 * 24 * 3600 * 1000;

const DATA_FIELDS = new Set([
  "input",
  "output",
  "parameters",
  "inputDetails",
  "outputDetails",
  "assignedVariables",
  "assignedVariablesDetails",
]);

function withoutData(event: HistoryEvent): HistoryEvent {
  const copy: HistoryEvent = { ...event };
  for (const key of Object.keys(copy)) {
    if (!key.endsWith("EventDetails")) continue;
    const details = copy[key as `${string}EventDetails`];
    if (details)
      copy[key as `${string}EventDetails`] = Object.fromEntries(
        Object.entries(details).filter(([k]) => !DATA_FIELDS.has(k)),
      );
  }
  return copy;
}

export type ExecutionApi = ReturnType<typeof createExecutionApi>;
