import { StatesError, type Failure } from "../../errors.ts";
import type { TaskPurpose } from "../../execution/command.ts";
import type { ChildrenProgress, Frame, MapRunRecord } from "../../execution/snapshot.ts";
import type { Outcome, StateRun } from "../state-handler.ts";

/** The run-wide settings DescribeMapRun reports. */
export interface MapRunSettings {
  maxConcurrency: number;
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
  total: number;
}

/**
 * Starts a Map Run for the frame's Distributed Map (AWS "Map Run"): an ARN
 * `arn:<partition>:states:<region>:<account>:mapRun:<machine>/<label>:<uuid>` (the label defaults to the state
 * name), a record in the snapshot, a `RecordMapRun` command so the engine can find it by ARN, and the
 * MapRunStarted event.
 */
export function startMapRun(run: StateRun, frame: Frame, label: string, settings: MapRunSettings): string {
  const info = run.executionInfo();
  const prefix = info.stateMachineId.split(":").slice(0, 5).join(":");
  const arn = `${prefix}:mapRun:${info.stateMachineName}/${label}:${run.uuid()}`;
  run.mapRuns().push({
    arn,
    stateName: frame.at.name,
    status: "RUNNING",
    startTime: run.now(),
    frame: frame.id,
    ...settings,
    succeeded: 0,
    failed: 0,
    aborted: 0,
    resultsWritten: 0,
  });
  run.command({ type: "RecordMapRun", mapRunArn: arn, stateName: frame.at.name });
  run.emit(frame, "MapRunStarted", { mapRunArn: arn });
  frame.at.mapRun = { arn, phase: "running" };
  return arn;
}

/** Ends the frame's Map Run: SUCCEEDED, or FAILED with `failure` (MapRunSucceeded / MapRunFailed). */
export function finishMapRun(
  run: StateRun,
  frame: Frame,
  progress: ChildrenProgress | undefined,
  failure: Failure | undefined,
  resultsWritten = 0,
): void {
  const record = recordOf(run, frame);
  if (!record || record.status !== "RUNNING") return;
  close(run, record, failure ? "FAILED" : "SUCCEEDED", progress);
  record.resultsWritten = resultsWritten;
  if (failure) {
    const details: Record<string, string> = {};
    if (failure.error !== undefined) details.error = failure.error;
    if (failure.cause !== undefined) details.cause = failure.cause;
    run.emit(frame, "MapRunFailed", details);
  } else run.emit(frame, "MapRunSucceeded");
}

/** Notes the iterations' outcome in the Map Run's record (before the results are written). */
export function countMapRun(run: StateRun, frame: Frame, progress: ChildrenProgress): void {
  const record = recordOf(run, frame);
  if (!record) return;
  record.succeeded = progress.done;
  record.failed = progress.failed;
}

/** The execution stopped (or the Map's frame was aborted) while its Map Run was going: MapRunAborted. */
export function abortMapRun(run: StateRun, frame: Frame): void {
  const record = recordOf(run, frame);
  if (!record || record.status !== "RUNNING") return;
  const progress = frame.at.wait?.kind === "children" ? frame.at.wait.children : undefined;
  close(run, record, "ABORTED", progress);
  run.emit(frame, "MapRunAborted");
}

/**
 * The ItemReader's or ResultWriter's call failed: the Map fails with States.ItemReaderFailed /
 * States.ResultWriterFailed (the call's own error named in the cause), which Retry and Catch can match.
 */
export function mapTaskFailed(run: StateRun, frame: Frame, purpose: TaskPurpose, failure: Failure): Outcome {
  const error = purpose === "ItemReader" ? StatesError.ItemReaderFailed : StatesError.ResultWriterFailed;
  const detail = [failure.error, failure.cause].filter((s) => s !== undefined).join(": ");
  const what = purpose === "ItemReader" ? "read the items" : "write the results";
  const mapped: Failure = { error, cause: `The ${purpose} could not ${what}: ${detail}` };
  if (purpose === "ResultWriter") finishMapRun(run, frame, undefined, mapped);
  return { kind: "failed", failure: mapped };
}

function recordOf(run: StateRun, frame: Frame): MapRunRecord | undefined {
  const arn = frame.at.mapRun?.arn;
  return arn ? run.mapRuns().find((r) => r.arn === arn) : undefined;
}

function close(
  run: StateRun,
  record: MapRunRecord,
  status: MapRunRecord["status"],
  progress: ChildrenProgress | undefined,
): void {
  record.status = status;
  record.stopTime = run.now();
  delete record.frame;
  if (progress) {
    record.succeeded = progress.done;
    record.failed = progress.failed;
    record.aborted = status === "ABORTED" ? progress.running : 0;
  }
}
