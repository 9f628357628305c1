import { CANCEL_TOPIC, RESULTS_STREAM, taskQueueName, type TaskQueue } from "@stepflow/engine";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { TaskAborted, TaskFailure, Worker, type TaskContext } from "../../src/index.ts";
import { eventually, gate, sleep, WorkerHarness, type QueueSubject } from "./worker-harness.ts";

const lambdaArn = "arn:aws:lambda:us-east-1:123456789012:function:charge";

class CardDeclined extends Error {
  override name = "CardDeclined";
}
class OrderNotFound extends Error {}

/**
 * What a worker must do on any TaskQueue adapter: each test plays the engine by adding TaskJobs to the
 * task queues and reading what the worker reports on RESULTS_STREAM.
 */
export function workerSuite(kind: string, open: () => Promise<QueueSubject>): void {
  describe(`Worker on ${kind}`, () => {
    let h: WorkerHarness;
    beforeEach(async () => {
      h = new WorkerHarness(await open());
    });
    afterEach(async () => {
      await h.dispose();
    });

    test("runs the handler with the task's input and context and reports its output", async () => {
      let seen: { input: unknown; ctx: Omit<TaskContext, "signal" | "heartbeat"> } | undefined;
      await h.worker({
        handlers: {
          charge: (input: { sequence: number }, ctx: TaskContext) => {
            const { taskToken, executionArn, stateName, resource, attempt } = ctx;
            seen = { input, ctx: { taskToken, executionArn, stateName, resource, attempt } };
            return { charged: input.sequence * 100, at: new Date(0) };
          },
        },
      });
      const job = await h.dispatch("charge", { attempt: 2 });
      expect(await h.result(job.token)).toEqual({
        type: "TaskSucceeded",
        token: job.token,
        output: { charged: 100, at: "1970-01-01T00:00:00.000Z" },
      });
      expect(seen).toEqual({
        input: job.input,
        ctx: {
          taskToken: job.token,
          executionArn: job.executionArn,
          stateName: "Charge",
          resource: job.resource,
          attempt: 2,
        },
      });
      expect(h.reportsOf(job.token)).toHaveLength(1);
    });

    test("a thrown TaskFailure fails the task with its error and cause", async () => {
      await h.worker({
        handlers: {
          charge: () => {
            throw new TaskFailure("Order.OutOfStock", "sku 7 has 0 left");
          },
        },
      });
      const job = await h.dispatch("charge");
      expect(await h.result(job.token)).toEqual({
        type: "TaskFailed",
        token: job.token,
        error: "Order.OutOfStock",
        cause: "sku 7 has 0 left",
      });
    });

    test("any other Error fails the task with its class name and message", async () => {
      await h.worker({
        handlers: {
          declined: () => Promise.reject(new CardDeclined("insufficient funds")),
          missing: () => Promise.reject(new OrderNotFound("order 7")),
          typeError: () => (7 as unknown as () => void)(),
        },
      });
      const declined = await h.dispatch("declined");
      const missing = await h.dispatch("missing");
      const typeError = await h.dispatch("typeError");
      expect(await h.result(declined.token)).toMatchObject({
        error: "CardDeclined",
        cause: "insufficient funds",
      });
      expect(await h.result(missing.token)).toMatchObject({ error: "OrderNotFound", cause: "order 7" });
      expect(await h.result(typeError.token)).toMatchObject({ type: "TaskFailed", error: "TypeError" });
    });

    test("a Lambda function resource fails as Lambda does: Error = errorType, Cause = its JSON payload", async () => {
      await h.worker({ handlers: { charge: () => Promise.reject(new CardDeclined("insufficient funds")) } });
      const job = await h.dispatch("charge", { resource: lambdaArn });
      const report = await h.result(job.token);
      expect(report).toMatchObject({ type: "TaskFailed", error: "CardDeclined" });
      const cause = JSON.parse(report.type === "TaskFailed" ? (report.cause ?? "") : "") as Record<
        string,
        unknown
      >;
      expect(cause).toEqual({
        errorMessage: "insufficient funds",
        errorType: "CardDeclined",
        stackTrace: expect.arrayContaining([expect.stringContaining("worker-suite.ts")]) as unknown,
      });
    });

    test("lambda:invoke wraps the output as the integration does, and fails Lambda-style", async () => {
      await h.worker({
        handlers: {
          charge: (input: { fail?: boolean }) => {
            if (input.fail === true) throw new TypeError("bad card");
            return { ok: true };
          },
        },
      });
      const resource = "arn:aws:states:::lambda:invoke";
      const ok = await h.dispatch("charge", { resource, lambdaInvoke: true, input: {} });
      const bad = await h.dispatch("charge", { resource, lambdaInvoke: true, input: { fail: true } });
      const okReport = await h.result(ok.token);
      expect(okReport).toMatchObject({
        type: "TaskSucceeded",
        output: { ExecutedVersion: "$LATEST", Payload: { ok: true }, StatusCode: 200 },
      });
      const output = okReport.type === "TaskSucceeded" ? okReport.output : null;
      expect(output).toMatchObject({
        SdkResponseMetadata: { RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown },
      });
      const badReport = await h.result(bad.token);
      expect(badReport).toMatchObject({ type: "TaskFailed", error: "TypeError" });
      expect(JSON.parse(badReport.type === "TaskFailed" ? (badReport.cause ?? "") : "")).toMatchObject({
        errorMessage: "bad card",
        errorType: "TypeError",
      });
    });

    test("a result that is not JSON fails the task with Stepflow.InvalidResult", async () => {
      await h.worker({ handlers: { charge: () => ({ total: 10n }) } });
      const job = await h.dispatch("charge");
      const report = await h.result(job.token);
      expect(report).toMatchObject({ type: "TaskFailed", error: "Stepflow.InvalidResult" });
      expect(report.type === "TaskFailed" ? report.cause : "").toContain("a BigInt");
      expect(report.type === "TaskFailed" ? report.cause : "").toContain("$.total");
    });

    test("a callback task reports nothing when its handler returns, and fails when it throws", async () => {
      const handled: string[] = [];
      await h.worker({
        handlers: {
          notify: (input: { fail: boolean }, ctx: TaskContext) => {
            handled.push(ctx.taskToken);
            if (input.fail) throw new TaskFailure("Notify.Failed", "mail server down");
            return { sent: true };
          },
        },
      });
      const resource = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
      const quiet = await h.dispatch("notify", { resource, callback: true, input: { fail: false } });
      const failing = await h.dispatch("notify", { resource, callback: true, input: { fail: true } });
      expect(await h.result(failing.token)).toMatchObject({ type: "TaskFailed", error: "Notify.Failed" });
      // One consumer slot, FIFO: the quiet task ran and finished before the failing one was even delivered.
      expect(handled).toEqual([quiet.token, failing.token]);
      expect(h.reportsOf(quiet.token)).toEqual([]);
    });

    test("heartbeat() reports TaskHeartbeat, in order before the result", async () => {
      await h.worker({
        handlers: {
          charge: async (_input: unknown, ctx: TaskContext) => {
            await ctx.heartbeat();
            await ctx.heartbeat();
            return "done";
          },
        },
      });
      const job = await h.dispatch("charge");
      await h.result(job.token);
      expect(h.reportsOf(job.token).map((r) => r.report)).toEqual([
        { type: "TaskHeartbeat", token: job.token },
        { type: "TaskHeartbeat", token: job.token },
        { type: "TaskSucceeded", token: job.token, output: "done" },
      ]);
    });

    test("reportStarted sends TaskStarted with the worker's name before the handler runs", async () => {
      await h.worker({ name: "worker-a", reportStarted: true, handlers: { charge: () => 1 } });
      const job = await h.dispatch("charge");
      await h.result(job.token);
      expect(h.reportsOf(job.token).map((r) => r.report)).toEqual([
        { type: "TaskStarted", token: job.token, workerName: "worker-a" },
        { type: "TaskSucceeded", token: job.token, output: 1 },
      ]);
    });

    test("a cancel published for the token fires the AbortSignal, and nothing is reported", async () => {
      const started = gate();
      let reason: unknown;
      let heartbeatAfterAbort: unknown;
      await h.worker({
        handlers: {
          charge: async (input: { sequence: number }, ctx: TaskContext) => {
            if (input.sequence > 1) return "sentinel";
            started.open();
            await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
            reason = ctx.signal.reason;
            heartbeatAfterAbort = await ctx.heartbeat().catch((error: unknown) => error);
            return "late";
          },
        },
      });
      const job = await h.dispatch("charge");
      await started.promise;
      await h.queue.publish(CANCEL_TOPIC, { token: "someone-else" });
      await h.queue.publish(CANCEL_TOPIC, { token: job.token });
      await eventually("the abort", () => reason !== undefined);
      expect(reason).toBeInstanceOf(TaskAborted);
      expect((reason as TaskAborted).kind).toBe("cancelled");
      expect(heartbeatAfterAbort).toBe(reason);
      // A later task on the same single slot reports only once the cancelled one is finished with.
      const sentinel = await h.dispatch("charge");
      await h.result(sentinel.token);
      expect(h.reportsOf(job.token)).toEqual([]);
    });

    test("the AbortSignal fires when the task's TimeoutSeconds elapse, and nothing is reported", async () => {
      let firedAfterMs: number | undefined;
      await h.worker({
        handlers: {
          charge: async (input: { sequence: number }, ctx: TaskContext) => {
            if (input.sequence > 1) return "sentinel";
            const begun = Date.now();
            await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
            firedAfterMs = Date.now() - begun;
            expect((ctx.signal.reason as TaskAborted).kind).toBe("timeout");
            throw ctx.signal.reason;
          },
        },
      });
      const job = await h.dispatch("charge", { timeoutSeconds: 0.3 });
      const sentinel = await h.dispatch("charge");
      await h.result(sentinel.token);
      expect(firedAfterMs).toBeGreaterThanOrEqual(290);
      expect(firedAfterMs).toBeLessThan(2_000);
      expect(h.reportsOf(job.token)).toEqual([]);
    });

    test("close() stops taking tasks and waits for running handlers to report", async () => {
      const release = gate();
      const started = gate();
      const worker = await h.worker({
        handlers: {
          charge: async () => {
            started.open();
            await release.promise;
            return "finished";
          },
        },
      });
      const job = await h.dispatch("charge");
      await started.promise;
      let closed = false;
      const closing = worker.close().then(() => (closed = true));
      await sleep(100);
      expect(closed).toBe(false);
      const notTaken = await h.dispatch("charge");
      release.open();
      await closing;
      expect(await h.result(job.token)).toEqual({
        type: "TaskSucceeded",
        token: job.token,
        output: "finished",
      });
      await sleep(100);
      expect(await h.queue.counts(taskQueueName("charge"))).toMatchObject({ waiting: 1, active: 0 });
      expect(h.reportsOf(notTaken.token)).toEqual([]);
    });

    test("at the close deadline a running handler is aborted and its task delivered again", async () => {
      const release = gate();
      const started = gate();
      let reason: unknown;
      const first = await h.worker({
        handlers: {
          charge: async (_input: unknown, ctx: TaskContext) => {
            started.open();
            ctx.signal.addEventListener("abort", () => {
              reason = ctx.signal.reason;
            });
            await release.promise; // ignores the signal, as a careless handler would
            return "from the first worker";
          },
        },
      });
      const job = await h.dispatch("charge");
      await started.promise;
      const begun = Date.now();
      await first.close({ timeoutMs: 150 });
      expect(Date.now() - begun).toBeGreaterThanOrEqual(140);
      expect((reason as TaskAborted | undefined)?.kind).toBe("shutdown");

      await h.worker({ handlers: { charge: () => "from the second worker" } });
      expect(await h.result(job.token)).toMatchObject({ output: "from the second worker" });
      release.open();
      const sentinel = await h.dispatch("charge");
      await h.result(sentinel.token);
      expect(h.reportsOf(job.token)).toHaveLength(1);
    });

    test("runs at most `concurrency` tasks of a handler at once", async () => {
      let running = 0;
      let most = 0;
      await h.worker({
        concurrency: 3,
        handlers: {
          charge: async () => {
            most = Math.max(most, ++running);
            await sleep(40);
            running--;
            return "ok";
          },
        },
      });
      const jobs = await Promise.all(Array.from({ length: 9 }, () => h.dispatch("charge")));
      for (const job of jobs) await h.result(job.token);
      expect(most).toBe(3);
    });

    test("a task whose report could not be queued is delivered again", async () => {
      let deliveries = 0;
      let failedAdds = 0;
      const flaky = new Proxy(h.queue, {
        get(target, property, receiver) {
          if (property === "append") {
            return (stream: string, entries: Parameters<TaskQueue["append"]>[1]) => {
              if (stream === RESULTS_STREAM && failedAdds === 0) {
                failedAdds++;
                return Promise.reject(new Error("Redis went away"));
              }
              return target.append(stream, entries);
            };
          }
          return Reflect.get(target, property, receiver) as unknown;
        },
      });
      const worker = new Worker({
        queue: flaky,
        handlers: { charge: () => ++deliveries },
      });
      await worker.start();
      try {
        const job = await h.dispatch("charge");
        expect(await h.result(job.token)).toMatchObject({ output: 2 });
        expect(failedAdds).toBe(1);
      } finally {
        await worker.close();
      }
    });

    test("a malformed job is dropped and told to onError", async () => {
      const errors: Error[] = [];
      await h.worker({ onError: (error) => errors.push(error), handlers: { charge: () => "ok" } });
      await h.queue.add(taskQueueName("charge"), { id: "bad-1", data: { token: 7 } });
      await eventually("onError", () => errors.length === 1);
      expect(errors[0]?.message).toContain("token is not a non-empty string");
      expect(await h.queue.counts(taskQueueName("charge"))).toEqual({ waiting: 0, delayed: 0, active: 0 });
    });
  });
}
