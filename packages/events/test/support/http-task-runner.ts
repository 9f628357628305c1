import type { Engine, ExecutionDescription } from "@stepflow/engine";
import { until } from "./backends.ts";

let machines = 0;

/**
 * Runs a one-state machine whose `arn:aws:states:::http:invoke` Task has `parameters` (ApiEndpoint and
 * Method included) and resolves with the execution once it ended.
 */
export async function runHttpTask(
  engine: Engine,
  parameters: Record<string, unknown>,
): Promise<ExecutionDescription> {
  const { stateMachineArn } = await engine.stateMachines.create({
    name: `http-task-${process.pid}-${++machines}`,
    roleArn: "arn:aws:iam::123456789012:role/test",
    definition: JSON.stringify({
      StartAt: "Call",
      States: {
        Call: { Type: "Task", Resource: "arn:aws:states:::http:invoke", Parameters: parameters, End: true },
      },
    }),
  });
  const { executionArn } = await engine.executions.start({ stateMachineArn });
  return until(async () => {
    const d = await engine.executions.describe(executionArn);
    return d.status === "RUNNING" ? undefined : d;
  }, "the execution to end");
}
