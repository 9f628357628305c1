import type { Engine } from "@stepflow/engine";
import type { PutEventsRequestEntry, PutEventsResponse } from "./put-events-entry.ts";

/** AWS's detail-type of Step Functions status change events. */
export const STATUS_CHANGE_DETAIL_TYPE = "Step Functions Execution Status Change";

/** What publishing needs: the engine's executions and an internal PutEvents. */
type Put = (entries: PutEventsRequestEntry[], keys: string[]) => Promise<PutEventsResponse>;

/**
 * Publishes every status change of a STANDARD execution on the default bus as Step Functions does
 * (`source: "aws.states"`, the detail of DescribeExecution in AWS's event form): RUNNING when it starts
 * and its final status when it ends. Each (execution, status, redrive count) is published once, however
 * often the engine reports it. Returns the unsubscriber.
 */
export function publishExecutionStatus(
  engine: Pick<Engine, "executions" | "onStart" | "onCompletion">,
  put: Put,
): () => void {
  const publish = async (executionArn: string, running: boolean): Promise<void> => {
    if (executionArn.includes(":express:")) return; // Express workflows do not emit events
    const execution = await engine.executions.describe(executionArn);
    const status = running ? "RUNNING" : execution.status;
    const stop = running ? undefined : execution.stopDate;
    const output = running ? undefined : execution.output;
    const detail = {
      executionArn,
      stateMachineArn: execution.stateMachineArn,
      name: execution.name,
      status,
      startDate: execution.startDate.getTime(),
      stopDate: stop === undefined ? null : stop.getTime(),
      input: execution.input,
      output: output ?? null,
      inputDetails: { included: true },
      outputDetails: output === undefined ? null : { included: true },
      error: running ? null : (execution.error ?? null),
      cause: running ? null : (execution.cause ?? null),
    };
    await put(
      [
        {
          Source: "aws.states",
          DetailType: STATUS_CHANGE_DETAIL_TYPE,
          Detail: JSON.stringify(detail),
          Resources: [executionArn],
          Time: stop ?? execution.startDate,
        },
      ],
      [`aws.states:${executionArn}:${status}:${execution.redriveCount}`],
    );
  };
  const report = (promise: Promise<void>) =>
    void promise.catch((error: unknown) =>
      process.emitWarning(`Stepflow could not publish an execution status change event: ${String(error)}`),
    );
  const offStart = engine.onStart((arn) => report(publish(arn, true)));
  const offEnd = engine.onCompletion((arn) => report(publish(arn, false)));
  return () => {
    offStart();
    offEnd();
  };
}
