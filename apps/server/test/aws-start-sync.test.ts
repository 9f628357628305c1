import {
  CreateStateMachineCommand,
  InvalidExecutionInput,
  SFNClient,
  StartSyncExecutionCommand,
  StateMachineDoesNotExist,
  StateMachineTypeNotSupported,
} from "@aws-sdk/client-sfn";
import { RESULTS_STREAM, taskQueueName, type QueueConsumer, type TaskJob } from "@stepflow/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type Backend } from "./support/backends.ts";
import { startSfnServer, type SfnServer } from "./support/sfn-server.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
const pass = (next: string) => ({ Type: "Pass", Next: next });

for (const b of backends) {
  describe.skipIf(!b.available)(`StartSyncExecution through @aws-sdk/client-sfn on ${b.name}`, () => {
    let backend: Backend;
    let s: SfnServer;
    let worker: QueueConsumer;

    async function machine(name: string, definition: object, type?: "EXPRESS"): Promise<string> {
      const out = await s.client.send(
        new CreateStateMachineCommand({
          name,
          roleArn,
          definition: JSON.stringify(definition),
          ...(type === undefined ? {} : { type }),
        }),
      );
      return out.stateMachineArn!;
    }

    beforeAll(async () => {
      backend = await b.open();
      s = await startSfnServer(backend);
      // A synchronous Express execution waits in the serving process: the report goes to job.replyTo.
      worker = backend.queue.consume(taskQueueName("triple"), async (job) => {
        const task = job.data as unknown as TaskJob;
        const output = { value: (task.input as { value: number }).value * 3 };
        await backend.queue.append(task.replyTo ?? RESULTS_STREAM, [
          { type: "TaskSucceeded", token: task.token, output },
        ]);
      });
    });
    afterAll(async () => {
      await worker?.close();
      await s?.close();
      await backend?.close();
    });

    it("runs a 3-Pass EXPRESS machine and answers its output, dates and billing details", async () => {
      const stateMachineArn = await machine(
        "three-pass",
        {
          StartAt: "A",
          States: {
            A: { ...pass("B"), Parameters: { "n.$": "$.n", step: "a" } },
            B: { ...pass("C"), ResultPath: "$.b", Result: 2 },
            C: { Type: "Pass", End: true },
          },
        },
        "EXPRESS",
      );
      const before = Date.now();
      const out = await s.client.send(
        new StartSyncExecutionCommand({
          stateMachineArn,
          name: "sync-1",
          input: '{"n":7}',
          traceHeader: "Root=1-abc",
        }),
      );
      expect(out.status).toBe("SUCCEEDED");
      expect(JSON.parse(out.output!)).toEqual({ n: 7, step: "a", b: 2 });
      expect(out.input).toBe('{"n":7}');
      expect(out.inputDetails).toEqual({ included: true });
      expect(out.outputDetails).toEqual({ included: true });
      expect(out.name).toBe("sync-1");
      expect(out.stateMachineArn).toBe(stateMachineArn);
      expect(out.executionArn).toMatch(
        /^arn:aws:states:us-east-1:123456789012:express:three-pass:sync-1:[0-9a-f-]{36}$/,
      );
      expect(out.startDate).toBeInstanceOf(Date);
      expect(out.stopDate!.getTime()).toBeGreaterThanOrEqual(out.startDate!.getTime());
      expect(out.startDate!.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(out.traceHeader).toBe("Root=1-abc");
      expect(out.billingDetails?.billedDurationInMilliseconds).toBeGreaterThanOrEqual(100);
      expect(out.error).toBeUndefined();
    });

    it("waits for a Task state served by a worker", async () => {
      const stateMachineArn = await machine(
        "sync-task",
        {
          StartAt: "Triple",
          States: {
            Triple: {
              Type: "Task",
              Resource: "arn:aws:lambda:us-east-1:123456789012:function:triple",
              End: true,
            },
          },
        },
        "EXPRESS",
      );
      const out = await s.client.send(
        new StartSyncExecutionCommand({ stateMachineArn, input: '{"value":14}' }),
      );
      expect(out.status).toBe("SUCCEEDED");
      expect(JSON.parse(out.output!)).toEqual({ value: 42 });
      expect(out.name).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("answers a failed execution with its error and cause, and no output", async () => {
      const stateMachineArn = await machine(
        "sync-fail",
        { StartAt: "F", States: { F: { Type: "Fail", Error: "Nope", Cause: "because" } } },
        "EXPRESS",
      );
      const out = await s.client.send(new StartSyncExecutionCommand({ stateMachineArn }));
      expect(out).toMatchObject({ status: "FAILED", error: "Nope", cause: "because", input: "{}" });
      expect(out.output).toBeUndefined();
    });

    it("leaves input and output out with includedData METADATA_ONLY", async () => {
      const stateMachineArn = await machine(
        "sync-meta",
        { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
        "EXPRESS",
      );
      const out = await s.client.send(
        new StartSyncExecutionCommand({ stateMachineArn, input: '{"x":1}', includedData: "METADATA_ONLY" }),
      );
      expect(out.status).toBe("SUCCEEDED");
      expect(out.input).toBeUndefined();
      expect(out.output).toBeUndefined();
      expect(out.inputDetails).toEqual({ included: false });
      expect(out.outputDetails).toEqual({ included: false });
    });

    it("throws AWS's typed errors", async () => {
      const standard = await machine("sync-standard", {
        StartAt: "P",
        States: { P: { Type: "Pass", End: true } },
      });
      await expect(
        s.client.send(new StartSyncExecutionCommand({ stateMachineArn: standard })),
      ).rejects.toBeInstanceOf(StateMachineTypeNotSupported);
      const missing = "arn:aws:states:us-east-1:123456789012:stateMachine:nowhere";
      await expect(
        s.client.send(new StartSyncExecutionCommand({ stateMachineArn: missing })),
      ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
      const express = await machine(
        "sync-input",
        { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
        "EXPRESS",
      );
      await expect(
        s.client.send(new StartSyncExecutionCommand({ stateMachineArn: express, input: "{nope" })),
      ).rejects.toBeInstanceOf(InvalidExecutionInput);
      await expect(
        s.client.send(new StartSyncExecutionCommand({ stateMachineArn: express, name: "bad name?" })),
      ).rejects.toMatchObject({ name: "InvalidName" });
    });

    it("is sent to the sync- host prefix unless the client disables host prefixes", async () => {
      const prefixed = new SFNClient({
        endpoint: s.url,
        region: "us-east-1",
        credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" },
        maxAttempts: 1,
      });
      const missing = "arn:aws:states:us-east-1:123456789012:stateMachine:nowhere";
      // http://sync-127.0.0.1:<port> does not resolve: the request never reaches the server.
      await expect(
        prefixed.send(new StartSyncExecutionCommand({ stateMachineArn: missing })),
      ).rejects.not.toBeInstanceOf(StateMachineDoesNotExist);
      prefixed.destroy();
    });
  });
}
