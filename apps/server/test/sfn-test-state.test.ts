import {
  InvalidDefinition,
  TestStateCommand,
  ValidationException,
  type TestStateInput,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type Backend } from "./support/backends.ts";
import { startSfnServer, type SfnServer } from "./support/sfn-server.ts";

const task = "arn:aws:lambda:us-east-1:123456789012:function:charge";

describe("TestState through @aws-sdk/client-sfn", () => {
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

  const test = (input: Omit<TestStateInput, "definition"> & { definition: object }) =>
    s.client.send(new TestStateCommand({ ...input, definition: JSON.stringify(input.definition) }));

  it.each<[string, Omit<TestStateInput, "definition"> & { definition: object }, object]>([
    [
      "a Pass state with Parameters and Next",
      { definition: { Type: "Pass", Parameters: { "v.$": "$.a" }, Next: "After" }, input: '{"a":7}' },
      { status: "SUCCEEDED", output: '{"v":7}', nextState: "After" },
    ],
    [
      "a Choice state",
      {
        definition: {
          Type: "Choice",
          Choices: [{ Variable: "$.n", NumericGreaterThan: 5, Next: "Big" }],
          Default: "Small",
        },
        input: '{"n":9}',
      },
      { status: "SUCCEEDED", output: '{"n":9}', nextState: "Big" },
    ],
    [
      "a JSONata Pass state at the end",
      {
        definition: {
          Type: "Pass",
          QueryLanguage: "JSONata",
          Output: "{% $states.input.x * 2 %}",
          End: true,
        },
        input: '{"x":4}',
      },
      { status: "SUCCEEDED", output: "8" },
    ],
    [
      "a Task state with a mocked result",
      {
        definition: { Type: "Task", Resource: task, ResultPath: "$.charged", Next: "Ship" },
        input: '{"id":1}',
        mock: { result: '{"ok":true}' },
      },
      { status: "SUCCEEDED", output: '{"id":1,"charged":{"ok":true}}', nextState: "Ship" },
    ],
    [
      "a mocked error that a retrier matches",
      {
        definition: {
          Type: "Task",
          Resource: task,
          Retry: [{ ErrorEquals: ["Busy"], MaxAttempts: 2 }],
          End: true,
        },
        mock: { errorOutput: { error: "Busy", cause: "try later" } },
      },
      { status: "RETRIABLE", error: "Busy", cause: "try later" },
    ],
    [
      "a mocked error that a catcher matches",
      {
        definition: {
          Type: "Task",
          Resource: task,
          Retry: [{ ErrorEquals: ["Other"] }],
          Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.failure", Next: "Recover" }],
          Next: "Ship",
        },
        input: '{"id":2}',
        mock: { errorOutput: { error: "Declined", cause: "card" } },
      },
      {
        status: "CAUGHT_ERROR",
        error: "Declined",
        cause: "card",
        nextState: "Recover",
        output: '{"id":2,"failure":{"Error":"Declined","Cause":"card"}}',
      },
    ],
    [
      "an uncaught mocked error",
      {
        definition: { Type: "Task", Resource: task, End: true },
        mock: { errorOutput: { error: "Declined", cause: "card" } },
      },
      { status: "FAILED", error: "Declined", cause: "card" },
    ],
    [
      "a Fail state",
      { definition: { Type: "Fail", Error: "Nope", Cause: "because" } },
      { status: "FAILED", error: "Nope", cause: "because" },
    ],
    [
      "one state of a whole machine, by stateName",
      {
        definition: {
          StartAt: "A",
          States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Result: 1, Next: "A" } },
        },
        stateName: "B",
      },
      { status: "SUCCEEDED", output: "1", nextState: "A" },
    ],
  ])("tests %s", async (_what, input, expected) => {
    const out = await test(input);
    expect({ ...out, $metadata: undefined }).toEqual({ $metadata: undefined, ...expected });
  });

  it("refuses an invalid state, a Task without a mock, and a missing definition", async () => {
    await expect(test({ definition: { Type: "Pass", Next: 3 } })).rejects.toBeInstanceOf(InvalidDefinition);
    await expect(test({ definition: { Type: "Task", Resource: task, End: true } })).rejects.toBeInstanceOf(
      ValidationException,
    );
    await expect(s.client.send(new TestStateCommand({ definition: undefined }))).rejects.toBeInstanceOf(
      ValidationException,
    );
  });
});
