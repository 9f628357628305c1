import { parseJsonText, type Json, type Signal } from "@stepflow/asl";
import { EngineError } from "../errors/engine-error.ts";
import type { ExecutionRunner } from "../engine/execution-runner.ts";
import { MAX_PAYLOAD_BYTES } from "../engine/background-loops.ts";
import { executionOfToken } from "../tasks/task-token.ts";

/** Task callbacks: SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat. */
export function createTaskApi(runner: ExecutionRunner) {
  async function deliver(token: string, signal: Signal): Promise<void> {
    const arn = executionOfToken(token);
    let applied: boolean;
    try {
      applied = await runner.signal(arn, signal);
    } catch (error) {
      if (error instanceof EngineError && error.code === "ExecutionDoesNotExist") {
        throw new EngineError("TaskDoesNotExist", "Task Does Not Exist: the task token names no execution");
      }
      throw error;
    }
    // A token that is no longer pending (already answered, timed out, execution ended) changes nothing.
    if (!applied)
      throw new EngineError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
  }

  return {
    async sendTaskSuccess(input: { taskToken: string; output: string }): Promise<void> {
      if (Buffer.byteLength(input.output, "utf8") > MAX_PAYLOAD_BYTES) {
        throw new EngineError(
          "ValidationException",
          `1 validation error detected: Value at 'output' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PAYLOAD_BYTES}`,
        );
      }
      let output: Json;
      try {
        output = parseJsonText(input.output);
      } catch (error) {
        throw new EngineError("InvalidOutput", `Invalid Output: ${(error as Error).message}`);
      }
      await deliver(input.taskToken, { type: "TaskSucceeded", token: input.taskToken, output });
    },

    async sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }): Promise<void> {
      const signal: Signal = { type: "TaskFailed", token: input.taskToken, error: input.error ?? "" };
      if (input.cause !== undefined) signal.cause = input.cause;
      await deliver(input.taskToken, signal);
    },

    async sendTaskHeartbeat(input: { taskToken: string }): Promise<void> {
      const arn = executionOfToken(input.taskToken);
      const snapshot = await runner.snapshot(arn).catch((error: unknown) => {
        if (error instanceof EngineError && error.code === "ExecutionDoesNotExist") {
          throw new EngineError("TaskDoesNotExist", "Task Does Not Exist: the task token names no execution");
        }
        throw error;
      });
      if (!snapshot.waits.has(input.taskToken)) {
        throw new EngineError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
      }
      await runner.signal(arn, { type: "TaskHeartbeat", token: input.taskToken });
    },
  };
}

export type TaskApi = ReturnType<typeof createTaskApi>;
