import type { MapRunRecord, MapRunStatus, Snapshot } from "../../execution/snapshot.ts";

/** Item (and, here, execution) counts of a Map Run, as DescribeMapRun names them. */
export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
  failuresNotRedrivable: number;
  pendingRedrive: number;
}

/** One Map Run as DescribeMapRun reports it (times in epoch milliseconds). */
export interface MapRunView {
  mapRunArn: string;
  stateName: string;
  status: MapRunStatus;
  startDate: number;
  stopDate?: number;
  maxConcurrency: number;
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
  itemCounts: MapRunCounts;
}

/**
 * The Map Runs of an execution, oldest first, with live counts for the ones still going (read from their
 * Map's iterations in the snapshot).
 */
export function mapRunViews(snapshot: Snapshot): MapRunView[] {
  return (snapshot.mapRuns ?? []).map((record) => view(snapshot, record));
}

function view(snapshot: Snapshot, record: MapRunRecord): MapRunView {
  const wait = record.frame === undefined ? undefined : snapshot.frames[record.frame]?.at.wait;
  const progress = wait?.kind === "children" ? wait.children : undefined;
  const succeeded = progress ? progress.done : record.succeeded;
  const failed = progress ? progress.failed : record.failed;
  const running = progress ? progress.running : 0;
  const pending = progress ? (progress.order?.length ?? progress.inputs.length) - progress.nextIndex : 0;
  const out: MapRunView = {
    mapRunArn: record.arn,
    stateName: record.stateName,
    status: record.status,
    startDate: record.startTime,
    maxConcurrency: record.maxConcurrency,
    toleratedFailureCount: record.toleratedFailureCount,
    toleratedFailurePercentage: record.toleratedFailurePercentage,
    itemCounts: {
      pending,
      running,
      succeeded,
      failed,
      timedOut: 0,
      aborted: record.aborted,
      total: record.total,
      resultsWritten: record.resultsWritten,
      failuresNotRedrivable: 0,
      pendingRedrive: 0,
    },
  };
  if (record.stopTime !== undefined) out.stopDate = record.stopTime;
  return out;
}
