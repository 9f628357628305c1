import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type Backend } from "./support/backends.ts";
import { startSfnServer, type SfnServer } from "./support/sfn-server.ts";

const JSON_10 = "application/x-amz-json-1.0";

describe("the AWS JSON 1.0 wire format", () => {
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

  async function call(
    target: string | undefined,
    body: string | Buffer,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(s.url, {
      method: "POST",
      headers: {
        "content-type": JSON_10,
        ...(target === undefined ? {} : { "x-amz-target": target }),
        ...headers,
      },
      body,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: JSON.parse(text) as Record<string, unknown> };
  }

  it.each([
    ["an unknown action", "AWSStepFunctions.DoSomething", "{}", 400, "UnknownOperationException"],
    ["a prototype key as action", "AWSStepFunctions.constructor", "{}", 400, "UnknownOperationException"],
    ["no target", undefined, "{}", 400, "UnknownOperationException"],
    ["malformed JSON", "AWSStepFunctions.ListStateMachines", "{", 400, "SerializationException"],
    ["a JSON array body", "AWSStepFunctions.ListStateMachines", "[]", 400, "SerializationException"],
    [
      "a wrong member type",
      "AWSStepFunctions.ListStateMachines",
      '{"maxResults":"10"}',
      400,
      "SerializationException",
    ],
    ["a missing member", "AWSStepFunctions.DescribeExecution", "{}", 400, "ValidationException"],
    ["an invalid ARN", "AWSStepFunctions.DescribeExecution", '{"executionArn":"x"}', 400, "InvalidArn"],
  ])("answers %s", async (_what, target, body, status, type) => {
    const res = await call(target, body);
    expect(res.status).toBe(status);
    expect(res.body.__type).toBe(type);
    expect(res.headers.get("x-amzn-errortype")).toBe(type);
    expect(res.headers.get("content-type")).toContain(JSON_10);
    expect(typeof res.body.message).toBe("string");
  });

  it("collects every missing member into one AWS-style message", async () => {
    const res = await call("AWSStepFunctions.CreateStateMachine", '{"roleArn":"arn:aws:iam::1:role/r"}');
    expect(res.body).toEqual({
      __type: "ValidationException",
      message:
        "2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'definition' failed to satisfy constraint: Member must not be null",
    });
    const one = await call("AWSStepFunctions.DescribeStateMachine", '{"stateMachineArn":null}');
    expect(one.body.message).toBe(
      "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null",
    );
    const tags = await call("AWSStepFunctions.TagResource", '{"resourceArn":"a","tags":[{"value":"v"}]}');
    expect(tags.body.message).toBe(
      "1 validation error detected: Value null at 'tags.1.member.key' failed to satisfy constraint: Member must not be null",
    );
    const input = await call(
      "AWSStepFunctions.StartExecution",
      JSON.stringify({
        stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:x",
        input: "x".repeat(262_145),
      }),
    );
    expect(input.body.message).toBe(
      "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144",
    );
  });

  it("refuses a body over the limit with 413 ValidationException, and accepts a 1 MiB definition", async () => {
    const huge = await call("AWSStepFunctions.ListStateMachines", Buffer.alloc(3 * 1024 * 1024, 0x20));
    expect(huge.status).toBe(413);
    expect(huge.body.__type).toBe("ValidationException");
    const states: Record<string, unknown> = {};
    // Many quoted strings: the request envelope grows by their escapes, the definition stays under 1 MiB.
    for (let i = 0, size = 0; size < 1_000_000; i++) {
      states[`S${i}`] = { Type: "Pass", Result: { 'q"uote': '""""' }, Next: `S${i + 1}` };
      size += JSON.stringify(states[`S${i}`]).length + `"S${i}":,`.length;
    }
    const names = Object.keys(states);
    states[names.at(-1)!] = { Type: "Succeed" };
    const definition = JSON.stringify({ StartAt: "S0", States: states });
    expect(definition.length).toBeLessThan(1_048_576);
    const created = await call(
      "AWSStepFunctions.CreateStateMachine",
      JSON.stringify({ name: "big", roleArn: "arn:aws:iam::123456789012:role/r", definition }),
    );
    expect(created.status).toBe(200);
    expect(typeof created.body.creationDate).toBe("number");
  });

  it("rejects a body that is not UTF-8 and never answers bad input with a 500", async () => {
    const latin = await call("AWSStepFunctions.ListStateMachines", Buffer.from([0x7b, 0xff, 0x7d]));
    expect(latin.body.__type).toBe("SerializationException");
    const bodies = [
      "",
      "null",
      "1",
      '"x"',
      '{"maxResults":-1}',
      '{"maxResults":1.5}',
      '{"nextToken":"$$$"}',
      '{"__proto__":{}}',
    ];
    for (const body of bodies) {
      for (const action of [
        "ListStateMachines",
        "StartExecution",
        "GetExecutionHistory",
        "TestState",
        "SendTaskSuccess",
      ]) {
        const res = await call(`AWSStepFunctions.${action}`, body);
        expect(res.status, `${action} ${body}`).toBeLessThan(500);
      }
    }
    expect(s.logged).toEqual([]);
  });

  it("sends dates as epoch seconds with a fraction", async () => {
    const res = await call(
      "AWSStepFunctions.CreateStateMachine",
      JSON.stringify({
        name: "dates",
        roleArn: "arn:aws:iam::123456789012:role/r",
        definition: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}',
      }),
    );
    const seconds = res.body.creationDate as number;
    expect(Math.abs(seconds - Date.now() / 1000)).toBeLessThan(60);
    expect(res.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
