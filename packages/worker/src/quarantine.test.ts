import { createMemoryTaskQueue, type QueueJob, type TaskJob } from "@stepflow/engine/queue";
import { describe, expect, test } from "vitest";
import { poisonHandler, QUARANTINE_QUEUE } from "./poison-task.ts";
import { countQuarantined, dropQuarantined, findQuarantined, listQuarantined } from "./quarantine.ts";

const task = (token: string, resource: string): TaskJob => ({
  token,
  executionArn: `arn:aws:states:us-east-1:123456789012:execution:m:${token}`,
  stateName: "Crash",
  handler: "crash",
  resource,
  input: { big: "input", n: [1, 2] },
  attempt: 1,
});

/** Quarantines `data` as a worker does when a job stalled 6 times (limit 5). */
async function quarantine(queue: ReturnType<typeof createMemoryTaskQueue>, data: TaskJob) {
  const job: QueueJob = {
    id: data.token,
    queue: "task-crash",
    data: data as never,
    attemptsMade: 0,
    stalls: 6,
  };
  const run = poisonHandler(queue, job, 5, "worker-1");
  // The handler quarantines, then throws the failure the worker reports for the Task.
  await expect(Promise.resolve().then(() => run(null, {} as never))).rejects.toThrow(
    /stopped before finishing/,
  );
}

describe("the quarantine as an operator reads it", () => {
  test("lists what the worker quarantined with the error its Task failed with; finds, counts and drops one", async () => {
    const queue = createMemoryTaskQueue();
    const lambda = task("tok-a", "arn:aws:lambda:us-east-1:123456789012:function:crash");
    const activity = task("tok-b", "arn:aws:states:us-east-1:123456789012:activity:crash");
    await quarantine(queue, lambda);
    await quarantine(queue, activity);

    const entries = await listQuarantined(queue);
    expect(entries.map((entry) => [entry.id, entry.executionArn, entry.error])).toEqual([
      ["tok-a", lambda.executionArn, "Lambda.Unknown"],
      ["tok-b", activity.executionArn, "States.TaskFailed"],
    ]);
    expect(entries[0]).toMatchObject({
      stateName: "Crash",
      resource: lambda.resource,
      handler: "crash",
      attempt: 1,
      queue: "task-crash",
      stalls: 6,
      stallLimit: 5,
      worker: "worker-1",
    });
    expect(entries[0]!.cause).toContain("stopped before finishing it 6 times");
    expect(Date.parse(entries[0]!.quarantinedAt)).not.toBeNaN();
    // Listings leave the input out; the one entry carries it.
    expect(entries[0]).not.toHaveProperty("input");
    expect((await findQuarantined(queue, "tok-b"))?.input).toEqual(activity.input);
    expect(await listQuarantined(queue, { offset: 1, limit: 1 })).toEqual([entries[1]]);
    expect(await countQuarantined(queue)).toBe(2);

    expect((await dropQuarantined(queue, "tok-a"))?.id).toBe("tok-a");
    expect(await dropQuarantined(queue, "tok-a")).toBeUndefined();
    expect(await findQuarantined(queue, "tok-a")).toBeUndefined();
    expect((await listQuarantined(queue)).map((entry) => entry.id)).toEqual(["tok-b"]);
    expect(await queue.counts(QUARANTINE_QUEUE)).toEqual({ waiting: 1, delayed: 0, active: 0 });
    await queue.close();
  });
});
