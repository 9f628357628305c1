import {
  ActivityDoesNotExist,
  CreateActivityCommand,
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteActivityCommand,
  DeleteStateMachineAliasCommand,
  DescribeActivityCommand,
  DescribeExecutionCommand,
  DescribeStateMachineAliasCommand,
  GetActivityTaskCommand,
  ListActivitiesCommand,
  ListStateMachineAliasesCommand,
  ListTagsForResourceCommand,
  ResourceNotFound,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  UpdateStateMachineAliasCommand,
  UpdateStateMachineCommand,
  ValidationException,
  type DescribeExecutionCommandOutput,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type Backend } from "./support/backends.ts";
import { startSfnServer, until, type SfnServer } from "./support/sfn-server.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";

describe("aliases and activities through @aws-sdk/client-sfn", () => {
  let backend: Backend;
  let s: SfnServer;

  beforeAll(async () => {
    backend = await backends[0]!.open();
    s = await startSfnServer(backend);
  });
  afterAll(async () => {
    await s?.close();
    await backend?.close();
  });

  const finished = (executionArn: string) =>
    until<DescribeExecutionCommandOutput>(async () => {
      const d = await s.client.send(new DescribeExecutionCommand({ executionArn }));
      return d.status === "RUNNING" ? undefined : d;
    }, `${executionArn} to finish`);

  it("routes executions through an alias to a version", async () => {
    const v = (result: string) =>
      JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", Result: result, End: true } } });
    const { stateMachineArn, stateMachineVersionArn: v1 } = await s.client.send(
      new CreateStateMachineCommand({ name: "aliased", definition: v("one"), roleArn, publish: true }),
    );
    const { stateMachineVersionArn: v2 } = await s.client.send(
      new UpdateStateMachineCommand({ stateMachineArn, definition: v("two"), publish: true }),
    );
    const { stateMachineAliasArn, creationDate } = await s.client.send(
      new CreateStateMachineAliasCommand({
        name: "live",
        description: "production",
        routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }],
      }),
    );
    expect(stateMachineAliasArn).toBe(`${stateMachineArn}:live`);
    expect(creationDate).toBeInstanceOf(Date);
    const described = await s.client.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn }));
    expect(described).toMatchObject({
      name: "live",
      description: "production",
      routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }],
    });

    const run = await s.client.send(new StartExecutionCommand({ stateMachineArn: stateMachineAliasArn }));
    expect(await finished(run.executionArn!)).toMatchObject({
      status: "SUCCEEDED",
      output: '"two"',
      stateMachineAliasArn,
      stateMachineVersionArn: v2,
    });

    await s.client.send(
      new UpdateStateMachineAliasCommand({
        stateMachineAliasArn,
        routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }],
      }),
    );
    const again = await s.client.send(new StartExecutionCommand({ stateMachineArn: stateMachineAliasArn }));
    expect((await finished(again.executionArn!)).output).toBe('"one"');

    const listed = await s.client.send(new ListStateMachineAliasesCommand({ stateMachineArn }));
    expect(listed.stateMachineAliases?.map((a) => a.stateMachineAliasArn)).toEqual([stateMachineAliasArn]);
    await expect(
      s.client.send(
        new CreateStateMachineAliasCommand({
          name: "broken",
          routingConfiguration: [{ stateMachineVersionArn: v1, weight: 101 }],
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    await s.client.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn }));
    await expect(
      s.client.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn })),
    ).rejects.toBeInstanceOf(ResourceNotFound);
  });

  it("serves an activity task to GetActivityTask and completes it with its token", async () => {
    const { activityArn } = await s.client.send(
      new CreateActivityCommand({ name: "review", tags: [{ key: "team", value: "ops" }] }),
    );
    expect(activityArn).toBe("arn:aws:states:us-east-1:123456789012:activity:review");
    expect(await s.client.send(new DescribeActivityCommand({ activityArn }))).toMatchObject({
      name: "review",
    });
    expect((await s.client.send(new ListActivitiesCommand({}))).activities?.map((a) => a.name)).toContain(
      "review",
    );
    expect((await s.client.send(new ListTagsForResourceCommand({ resourceArn: activityArn }))).tags).toEqual([
      { key: "team", value: "ops" },
    ]);

    const { stateMachineArn } = await s.client.send(
      new CreateStateMachineCommand({
        name: "reviewed",
        roleArn,
        definition: JSON.stringify({
          StartAt: "Review",
          States: { Review: { Type: "Task", Resource: activityArn, End: true } },
        }),
      }),
    );
    // A poll whose client hung up must not take the task that arrives later.
    const abandoned = new AbortController();
    const gone = s.client.send(new GetActivityTaskCommand({ activityArn }), {
      abortSignal: abandoned.signal,
    });
    await new Promise((r) => setTimeout(r, 100));
    abandoned.abort();
    await expect(gone).rejects.toThrow();
    // The poll is in flight before the task exists: the long poll must pick it up when it arrives.
    const poll = s.client.send(new GetActivityTaskCommand({ activityArn, workerName: "reviewer-1" }));
    await new Promise((r) => setTimeout(r, 100));
    const { executionArn } = await s.client.send(
      new StartExecutionCommand({ stateMachineArn, input: '{"doc":1}' }),
    );
    const task = await poll;
    expect(JSON.parse(task.input!)).toEqual({ doc: 1 });
    await s.client.send(
      new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"approved":true}' }),
    );
    expect(await finished(executionArn!)).toMatchObject({ status: "SUCCEEDED", output: '{"approved":true}' });

    await s.client.send(new DeleteActivityCommand({ activityArn }));
    await expect(s.client.send(new DescribeActivityCommand({ activityArn }))).rejects.toBeInstanceOf(
      ActivityDoesNotExist,
    );
  });
});
