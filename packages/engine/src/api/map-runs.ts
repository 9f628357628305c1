import { mapRunViews, type MapRunCounts, type MapRunStatus, type Snapshot } from "@stepflow/asl";
import { EngineError } from "../errors/engine-error.ts";
import type { SqlClient } from "../ports/sql-client.ts";
import { decodeToken, encodeToken, pageSize } from "./pagination.ts";

/** A Map Run as DescribeMapRun returns it. */
export interface MapRunDescription {
  mapRunArn: string;
  executionArn: string;
  status: MapRunStatus;
  startDate: Date;
  stopDate?: Date;
  maxConcurrency: number;
  toleratedFailurePercentage: number;
  toleratedFailureCount: number;
  itemCounts: MapRunCounts;
  executionCounts: MapRunCounts;
  redriveCount: number;
}

/** A Map Run as ListMapRuns lists it. */
export interface MapRunListItem {
  executionArn: string;
  mapRunArn: string;
  stateMachineArn: string;
  startDate: Date;
  stopDate?: Date;
}

/**
 * Records a Map Run (the RecordMapRun command). Parameters: $1 map run ARN, $2 execution ARN, $3 state name.
 * A re-sent command inserts nothing.
 */
export const INSERT_MAP_RUN = `
INSERT INTO map_runs (arn, execution_arn, state_name) VALUES ($1, $2, $3) ON CONFLICT (arn) DO NOTHING`;

const MAP_RUN_ARN = /^arn:aws[\w-]*:states:[\w-]+:\d+:mapRun:[^/:]+\/[^:]+:[0-9a-f-]{36}$/;

/**
 * Map Runs of Distributed Map states: DescribeMapRun and ListMapRuns. Status and counts come from the
 * execution's snapshot (live while the run goes); the `map_runs` table only finds the execution of an ARN.
 */
export function createMapRunApi(sql: SqlClient, snapshotOf: (executionArn: string) => Promise<Snapshot>) {
  return {
    /** Makes a Map Run findable by its ARN (idempotent). */
    async record(mapRunArn: string, executionArn: string, stateName: string): Promise<void> {
      await sql.query(INSERT_MAP_RUN, [mapRunArn, executionArn, stateName]);
    },

    async describe(mapRunArn: string): Promise<MapRunDescription> {
      if (!MAP_RUN_ARN.test(mapRunArn)) {
        throw new EngineError(
          "InvalidArn",
          `Invalid Arn: 'Resource type not valid in this context: ${mapRunArn}'`,
        );
      }
      const { rows } = await sql.query<{ execution_arn: string }>(
        "SELECT execution_arn FROM map_runs WHERE arn = $1",
        [mapRunArn],
      );
      const executionArn = rows[0]?.execution_arn;
      const view =
        executionArn === undefined
          ? undefined
          : mapRunViews(await snapshotOf(executionArn)).find((v) => v.mapRunArn === mapRunArn);
      if (executionArn === undefined || view === undefined) {
        throw new EngineError("ResourceNotFound", `Map Run Does Not Exist: '${mapRunArn}'`);
      }
      const described: MapRunDescription = {
        mapRunArn,
        executionArn,
        status: view.status,
        startDate: new Date(view.startDate),
        maxConcurrency: view.maxConcurrency,
        toleratedFailurePercentage: view.toleratedFailurePercentage,
        toleratedFailureCount: view.toleratedFailureCount,
        itemCounts: view.itemCounts,
        // Iterations run inline here, so each is one "child execution".
        executionCounts: view.itemCounts,
        redriveCount: 0,
      };
      if (view.stopDate !== undefined) described.stopDate = new Date(view.stopDate);
      return described;
    },

    async list(input: {
      executionArn: string;
      maxResults?: number | undefined;
      nextToken?: string | undefined;
    }): Promise<{ mapRuns: MapRunListItem[]; nextToken?: string }> {
      const size = pageSize(input.maxResults);
      const from = decodeToken<number>(input.nextToken) ?? 0;
      if (!Number.isInteger(from) || from < 0) {
        throw new EngineError("InvalidToken", "Invalid Token: the nextToken is malformed");
      }
      const views = mapRunViews(await snapshotOf(input.executionArn));
      const mapRuns = views.slice(from, from + size).map((view) => {
        const item: MapRunListItem = {
          executionArn: input.executionArn,
          mapRunArn: view.mapRunArn,
          stateMachineArn: mapRunMachineArn(view.mapRunArn),
          startDate: new Date(view.startDate),
        };
        if (view.stopDate !== undefined) item.stopDate = new Date(view.stopDate);
        return item;
      });
      return from + size < views.length ? { mapRuns, nextToken: encodeToken(from + size) } : { mapRuns };
    },
  };
}

/** `…:mapRun:<machine>/<label>:<uuid>` → `…:stateMachine:<machine>/<label>`, as AWS names a Map Run's machine. */
function mapRunMachineArn(mapRunArn: string): string {
  return mapRunArn.slice(0, mapRunArn.lastIndexOf(":")).replace(":mapRun:", ":stateMachine:");
}

/** The Map Run API of an engine. */
export type MapRunApi = ReturnType<typeof createMapRunApi>;
