import {
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ExecutionNotRedrivable,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidExecutionInput,
  InvalidToken,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskTimedOut,
  CreateStateMachineCommand,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type Backend } from "./support/backends.ts";
import { startSfnServer, until, type SfnServer } from "./support/sfn-server.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

for (const b of backends) {
  describe.skipIf(!b.available)(`executions through @aws-sdk/client-sfn on ${b.name}`, () => {
    let backend: Backend;
    let s: SfnServer;
    const tokens = new Map<string, string>();
    let flaky = 0;

    async function machine(name: string, definition: object): Promise<string> {
      const out = await s.client.send(
        new CreateStateMachineCommand({ name, roleArn, definition: JSON.stringify(definition) }),
      );
      return out.stateMachineArn!;
    }

    async function finished(executionArn: string): Promise<DescribeExecutionCommandOutput> {
      return until(async () => {
        const d = await s.client.send(new DescribeExecutionCommand({ executionArn }));
        return d.status === "RUNNING" ? undefined : d;
      }, `${executionArn} to finish`);
    }

    beforeAll(async () => {
      backend = await b.open();
      s = await startSfnServer(backend);
      s.serve("double", (input) => ({ value: (input as { value: number }).value * 2 }));
      s.serve("flaky", () => {
        if (++flaky % 2 === 1) throw Object.assign(new Error("try again"), { name: "Boom" });
        return "ok";
      });
      s.serve("approver", (input) => {
        const { id, token } = input as { id: string; token: string };
        tokens.set(id, token);
        return null;
      });
    });
    afterAll(async () => {
      await s?.close();
      await backend?.close();
    });

    it("runs a Task state served by a worker, with a paginated history in both orders", async () => {
      const stateMachineArn = await machine("double", {
        StartAt: "Double",
        States: { Double: { Type: "Task", Resource: fn("double"), Next: "Done" }, Done: { Type: "Succeed" } },
      });
      const started = await s.client.send(
        new StartExecutionCommand({ stateMachineArn, name: "run-1", input: '{"value":21}' }),
      );
      expect(started.executionArn).toBe("arn:aws:states:us-east-1:123456789012:execution:double:run-1");
      expect(started.startDate).toBeInstanceOf(Date);
      const done = await finished(started.executionArn!);
      expect(done).toMatchObject({
        status: "SUCCEEDED",
        name: "run-1",
        stateMachineArn,
        input: '{"value":21}',
      });
      expect(JSON.parse(done.output!)).toEqual({ value: 42 });
      expect(done.stopDate!.getTime()).toBeGreaterThanOrEqual(done.startDate!.getTime());

      const all: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await s.client.send(
          new GetExecutionHistoryCommand({ executionArn: started.executionArn, maxResults: 2, nextToken }),
        );
        expect(page.events!.length).toBeLessThanOrEqual(2);
        all.push(...page.events!);
        nextToken = page.nextToken;
      } while (nextToken);
      // A Lambda function ARN used directly has LambdaFunction* events, as on AWS (started when a worker took it).
      expect(all.map((e) => e.type).filter((t) => t !== "LambdaFunctionStarted")).toEqual([
        "ExecutionStarted",
        "TaskStateEntered",
        "LambdaFunctionScheduled",
        "LambdaFunctionSucceeded",
        "TaskStateExited",
        "SucceedStateEntered",
        "SucceedStateExited",
        "ExecutionSucceeded",
      ]);
      expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
      expect(all[0]!.timestamp).toBeInstanceOf(Date);
      expect(Math.abs(all[0]!.timestamp!.getTime() - done.startDate!.getTime())).toBeLessThan(1000);
      const byType = (type: string) => all.find((e) => e.type === type)!;
      expect(byType("LambdaFunctionScheduled").lambdaFunctionScheduledEventDetails).toMatchObject({
        resource: expect.stringContaining(":function:double") as unknown,
        input: '{"value":21}',
      });
      expect(
        JSON.parse(byType("LambdaFunctionSucceeded").lambdaFunctionSucceededEventDetails!.output!),
      ).toEqual({
        value: 42,
      });

      const reversed = await s.client.send(
        new GetExecutionHistoryCommand({
          executionArn: started.executionArn,
          reverseOrder: true,
          maxResults: 3,
        }),
      );
      const n = all.length;
      expect(reversed.events!.map((e) => e.id)).toEqual([n, n - 1, n - 2]);
      const rest = await s.client.send(
        new GetExecutionHistoryCommand({
          executionArn: started.executionArn,
          reverseOrder: true,
          nextToken: reversed.nextToken,
        }),
      );
      expect(rest.events!.map((e) => e.id)).toEqual(
        all
          .slice(0, n - 3)
          .map((e) => e.id)
          .reverse(),
      );
      const lean = await s.client.send(
        new GetExecutionHistoryCommand({ executionArn: started.executionArn, includeExecutionData: false }),
      );
      expect(lean.events![0]!.executionStartedEventDetails?.input).toBeUndefined();

      const forExecution = await s.client.send(
        new DescribeStateMachineForExecutionCommand({ executionArn: started.executionArn }),
      );
      expect(forExecution).toMatchObject({ stateMachineArn, name: "double", roleArn });
      expect(JSON.parse(forExecution.definition!)).toMatchObject({ StartAt: "Double" });

      const listed = await s.client.send(
        new ListExecutionsCommand({ stateMachineArn, statusFilter: "SUCCEEDED" }),
      );
      expect(listed.executions!.map((e) => e.name)).toEqual(["run-1"]);
      expect(listed.executions![0]!.startDate).toBeInstanceOf(Date);
    });

    it("stops a waiting execution, and refuses a second start with another input", async () => {
      const stateMachineArn = await machine("waits", {
        StartAt: "W",
        States: { W: { Type: "Wait", Seconds: 3600, End: true } },
      });
      const { executionArn } = await s.client.send(
        new StartExecutionCommand({ stateMachineArn, name: "long", input: "{}" }),
      );
      const again = await s.client.send(
        new StartExecutionCommand({ stateMachineArn, name: "long", input: "{}" }),
      );
      expect(again.executionArn).toBe(executionArn);
      await expect(
        s.client.send(new StartExecutionCommand({ stateMachineArn, name: "long", input: '{"other":1}' })),
      ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
      const stopped = await s.client.send(
        new StopExecutionCommand({ executionArn, error: "Halt", cause: "by test" }),
      );
      expect(stopped.stopDate).toBeInstanceOf(Date);
      expect(await finished(executionArn!)).toMatchObject({
        status: "ABORTED",
        error: "Halt",
        cause: "by test",
      });
      const running = await s.client.send(
        new ListExecutionsCommand({ stateMachineArn, statusFilter: "RUNNING" }),
      );
      expect(running.executions).toEqual([]);
    });

    it("completes and fails tasks through their task tokens", async () => {
      const stateMachineArn = await machine("approval", {
        StartAt: "Approve",
        States: {
          Approve: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
            Parameters: { FunctionName: "approver", Payload: { "id.$": "$.id", "token.$": "$$.Task.Token" } },
            HeartbeatSeconds: 60,
            End: true,
          },
        },
      });
      const yes = await s.client.send(new StartExecutionCommand({ stateMachineArn, input: '{"id":"yes"}' }));
      const no = await s.client.send(new StartExecutionCommand({ stateMachineArn, input: '{"id":"no"}' }));
      const yesToken = await until(() => Promise.resolve(tokens.get("yes")), "the first task token");
      const noToken = await until(() => Promise.resolve(tokens.get("no")), "the second task token");

      await s.client.send(new SendTaskHeartbeatCommand({ taskToken: yesToken }));
      await s.client.send(new SendTaskSuccessCommand({ taskToken: yesToken, output: '{"approved":true}' }));
      expect(JSON.parse((await finished(yes.executionArn!)).output!)).toEqual({ approved: true });
      await s.client.send(
        new SendTaskFailureCommand({ taskToken: noToken, error: "Rejected", cause: "no way" }),
      );
      expect(await finished(no.executionArn!)).toMatchObject({
        status: "FAILED",
        error: "Rejected",
        cause: "no way",
      });

      await expect(
        s.client.send(new SendTaskSuccessCommand({ taskToken: yesToken, output: "{}" })),
      ).rejects.toBeInstanceOf(TaskTimedOut);
      await expect(
        s.client.send(new SendTaskHeartbeatCommand({ taskToken: noToken })),
      ).rejects.toBeInstanceOf(TaskTimedOut);
      await expect(
        s.client.send(new SendTaskSuccessCommand({ taskToken: "nonsense", output: "{}" })),
      ).rejects.toBeInstanceOf(InvalidToken);
    });

    it("redrives a failed execution from the state that failed", async () => {
      const stateMachineArn = await machine("redrive", {
        StartAt: "Flaky",
        States: { Flaky: { Type: "Task", Resource: fn("flaky"), End: true } },
      });
      flaky = 0;
      const { executionArn } = await s.client.send(new StartExecutionCommand({ stateMachineArn }));
      expect(await finished(executionArn!)).toMatchObject({
        status: "FAILED",
        error: "Boom",
        cause: "try again",
      });
      const redriven = await s.client.send(new RedriveExecutionCommand({ executionArn }));
      expect(redriven.redriveDate).toBeInstanceOf(Date);
      const done = await finished(executionArn!);
      expect(done).toMatchObject({ status: "SUCCEEDED", output: '"ok"', redriveCount: 1 });
      await expect(s.client.send(new RedriveExecutionCommand({ executionArn }))).rejects.toBeInstanceOf(
        ExecutionNotRedrivable,
      );
    });

    it("throws the SDK's typed errors for executions", async () => {
      const stateMachineArn = await machine("errors", {
        StartAt: "P",
        States: { P: { Type: "Pass", End: true } },
      });
      await expect(
        s.client.send(new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}-missing` })),
      ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
      await expect(
        s.client.send(new StartExecutionCommand({ stateMachineArn, input: "{not json" })),
      ).rejects.toBeInstanceOf(InvalidExecutionInput);
      const missing = "arn:aws:states:us-east-1:123456789012:execution:errors:none";
      await expect(
        s.client.send(new DescribeExecutionCommand({ executionArn: missing })),
      ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
      await expect(
        s.client.send(new DescribeExecutionCommand({ executionArn: "arn:nope" })),
      ).rejects.toBeInstanceOf(InvalidArn);
      await expect(
        s.client.send(new ListExecutionsCommand({ stateMachineArn: `${stateMachineArn}-missing` })),
      ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
      await expect(
        s.client.send(new GetExecutionHistoryCommand({ executionArn: missing, nextToken: "%%%" })),
      ).rejects.toMatchObject({
        name: expect.stringMatching(/^(ExecutionDoesNotExist|InvalidToken)$/) as unknown,
      });
      expect(s.logged.filter((l) => l.level === "error")).toEqual([]);
    });
  });
}
