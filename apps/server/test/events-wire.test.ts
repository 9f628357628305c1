import {
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  type EventBridgeServiceException,
} from "@aws-sdk/client-eventbridge";
import { ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAccessKeys } from "../src/security/access-keys.ts";
import { NodeSha256 } from "../src/security/node-sha256.ts";
import { backends, type Backend } from "./support/backends.ts";
import { rawEvents, startEventsServer, type EventsServer } from "./support/events-server.ts";

const pglite = backends[0]!;

describe("EventBridge wire protocol", () => {
  let backend: Backend;
  let server: EventsServer;

  beforeAll(async () => {
    backend = await pglite.open();
    server = await startEventsServer(backend);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await backend?.close();
  });

  const send = (target: string | undefined, body: string | Uint8Array) => rawEvents(server.url, target, body);

  it("answers in AWS JSON 1.1 with epoch-second dates, beside the Step Functions protocol", async () => {
    const res = await send("AWSEvents.DescribeEventBus", "{}");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/x-amz-json-1\.1/);
    expect(res.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).toMatchObject({
      Name: "default",
      Arn: "arn:aws:events:us-east-1:123456789012:event-bus/default",
    });
    expect(typeof res.body.CreationTime).toBe("number");
    expect(Math.abs((res.body.CreationTime as number) * 1000 - Date.now())).toBeLessThan(600_000);
    const sfn = await server.sfn.send(new ListStateMachinesCommand({}));
    expect(sfn.stateMachines).toEqual([]);
    const deleted = await send("AWSEvents.DeleteEventBus", '{"Name": "never-there"}');
    expect(deleted).toMatchObject({ status: 200, body: {} });
  });

  it.each([
    [
      "bad JSON",
      "AWSEvents.ListRules",
      "{not json",
      "SerializationException",
      /^The request body is not valid JSON/,
    ],
    [
      "a JSON array",
      "AWSEvents.ListRules",
      "[]",
      "SerializationException",
      /^'request body' must be an object, not a list$/,
    ],
    [
      "a wrong member type",
      "AWSEvents.DescribeRule",
      '{"Name": 5}',
      "SerializationException",
      /^'name' must be a string, not a number$/,
    ],
    [
      "a wrong nested type",
      "AWSEvents.PutEvents",
      '{"Entries": [{"Time": "yesterday"}]}',
      "SerializationException",
      /^'entries\.1\.member\.time' must be a timestamp/,
    ],
    [
      "a missing member",
      "AWSEvents.DescribeRule",
      "{}",
      "ValidationException",
      /^1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null$/,
    ],
    [
      "missing entries",
      "AWSEvents.PutEvents",
      "",
      "ValidationException",
      /^1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null$/,
    ],
    [
      "a Limit out of range",
      "AWSEvents.ListRules",
      '{"Limit": 0}',
      "ValidationException",
      /^1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1$/,
    ],
    [
      "an unknown action",
      "AWSEvents.LaunchRockets",
      "{}",
      "UnknownOperationException",
      /^Unknown operation: 'AWSEvents\.LaunchRockets'$/,
    ],
  ])("refuses %s with a 400 %s", async (_what, target, body, type, message) => {
    const res = await send(target, body);
    expect(res.status).toBe(400);
    expect(res.headers.get("x-amzn-errortype")).toBe(type);
    expect(res.body.__type).toBe(type);
    expect(res.body.message).toMatch(message);
  });

  it("lists every violated constraint in one ValidationException", async () => {
    const res = await send(
      "AWSEvents.PutRule",
      JSON.stringify({
        Name: "r",
        Description: "d".repeat(600),
        EventPattern: "x".repeat(4100),
        State: "ON",
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      "3 validation errors detected: " +
        `Value '${"x".repeat(256)}...' at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to 4096; ` +
        "Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]; " +
        `Value '${"d".repeat(256)}...' at 'description' failed to satisfy constraint: Member must have length less than or equal to 512`,
    );
    const secret = await send(
      "AWSEvents.CreateConnection",
      JSON.stringify({
        Name: "c",
        AuthorizationType: "BASIC",
        AuthParameters: { BasicAuthParameters: { Username: "u", Password: "" } },
      }),
    );
    expect(secret.body.message).toBe(
      "1 validation error detected: Value at 'authParameters.basicAuthParameters.password' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it("answers bodies that are not UTF-8, too large, or hold text PostgreSQL cannot store with 4xx", async () => {
    const latin1 = await send("AWSEvents.ListRules", new Uint8Array([0x7b, 0xff, 0x7d]));
    expect(latin1).toMatchObject({ status: 400, body: { __type: "SerializationException" } });
    const large = await send("AWSEvents.ListRules", `{"NamePrefix": "${"a".repeat(3 * 1024 * 1024)}"}`);
    expect(large).toMatchObject({ status: 413, body: { __type: "ValidationException" } });
    const nul = await send(
      "AWSEvents.CreateEventBus",
      JSON.stringify({ Name: "nul-bus", Description: "a\u0000b" }),
    );
    expect(nul).toMatchObject({ status: 400, body: { __type: "ValidationException" } });
  });

  it("never answers 5xx to 1,500 seeded random or mutated requests, and logs no error", async () => {
    const random = mulberry32(20_251_122);
    const templates = fuzzTemplates(server.bus.arns.queue("fuzz"));
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1500; i++) {
      const [action, body] = templates[Math.floor(random() * templates.length)]!;
      const text =
        random() < 0.1 ? garble(JSON.stringify(body), random) : JSON.stringify(mutate(body, random));
      const res = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSEvents.${action}` },
        body: text,
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) throw new Error(`${res.status} for AWSEvents.${action} ${text.slice(0, 500)}`);
    }
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect(statuses.get(400)).toBeGreaterThan(100);
    expect(server.logged.filter((l) => l.level === "error")).toEqual([]);
    const still = await server.events.send(new ListRulesCommand({}));
    expect(Array.isArray(still.Rules)).toBe(true);
  }, 120_000);
});

describe("SigV4 on the EventBridge protocol", () => {
  const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  let backend: Backend;
  let server: EventsServer;

  beforeAll(async () => {
    backend = await pglite.open();
    server = await startEventsServer(backend, {
      security: { accessKeys: parseAccessKeys(`AKIDGOOD:${SECRET}`), apiKeys: [] },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await backend?.close();
  });

  const client = (secretAccessKey: string) =>
    new EventBridgeClient({
      endpoint: server.url,
      region: "eu-west-3",
      credentials: { accessKeyId: "AKIDGOOD", secretAccessKey },
      maxAttempts: 1,
    });

  it("accepts the SDK's signature (signing name events) and refuses a wrong secret or none", async () => {
    const good = client(SECRET);
    const bad = client("not-the-secret");
    try {
      const listed = await good.send(new ListEventBusesCommand({}));
      expect(listed.EventBuses?.map((b) => b.Name)).toEqual(["default"]);
      const refused = (await bad
        .send(new ListEventBusesCommand({}))
        .catch((e: unknown) => e)) as EventBridgeServiceException;
      expect(refused.name).toBe("InvalidSignatureException");
      expect(refused.$metadata.httpStatusCode).toBe(403);
    } finally {
      good.destroy();
      bad.destroy();
    }
    const unsigned = await rawEvents(server.url, "AWSEvents.ListEventBuses", "{}");
    expect(unsigned).toMatchObject({ status: 403, body: { __type: "MissingAuthenticationTokenException" } });
  });

  it("refuses a signature scoped to Step Functions", async () => {
    const host = new URL(server.url).host;
    const signer = new SignatureV4({
      credentials: { accessKeyId: "AKIDGOOD", secretAccessKey: SECRET },
      region: "us-east-1",
      service: "states",
      sha256: NodeSha256,
    });
    const signed = await signer.sign({
      method: "POST",
      protocol: "http:",
      hostname: host.split(":")[0]!,
      port: Number(host.split(":")[1]),
      path: "/",
      query: {},
      headers: {
        host,
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSEvents.ListEventBuses",
      },
      body: "{}",
    });
    const { host: _host, ...headers } = signed.headers as Record<string, string>;
    const res = await rawEvents(server.url, undefined, "{}", headers);
    expect(res).toMatchObject({
      status: 403,
      body: {
        __type: "InvalidSignatureException",
        message: "Credential should be scoped to correct service: 'events'.",
      },
    });
  });
});

/** A valid request of each action, the starting point of the fuzz mutations. */
function fuzzTemplates(queueArn: string): [string, Record<string, unknown>][] {
  const busArn = "arn:aws:events:us-east-1:123456789012:event-bus/default";
  return [
    ["CreateEventBus", { Name: "fuzz-bus", Description: "d" }],
    ["DescribeEventBus", { Name: "default" }],
    ["ListEventBuses", { NamePrefix: "f", Limit: 5 }],
    ["DeleteEventBus", { Name: "fuzz-bus" }],
    [
      "PutEvents",
      {
        Entries: [
          {
            Source: "fuzz",
            DetailType: "T",
            Detail: '{"a": [1, "x"]}',
            Time: 1_700_000_000,
            Resources: ["r"],
          },
        ],
      },
    ],
    [
      "TestEventPattern",
      {
        EventPattern: '{"source": [{"prefix": "f"}]}',
        Event:
          '{"id": "1", "detail-type": "T", "source": "fuzz", "account": "1", "time": "2024-01-01T00:00:00Z", "region": "us-east-1", "resources": [], "detail": {}}',
      },
    ],
    ["PutRule", { Name: "fuzz-rule", EventPattern: '{"source": ["fuzz"]}', State: "ENABLED" }],
    ["DescribeRule", { Name: "fuzz-rule" }],
    ["ListRules", { EventBusName: "default", Limit: 10 }],
    ["DisableRule", { Name: "fuzz-rule" }],
    ["EnableRule", { Name: "fuzz-rule" }],
    [
      "PutTargets",
      {
        Rule: "fuzz-rule",
        Targets: [
          {
            Id: "q",
            Arn: queueArn,
            InputTransformer: { InputPathsMap: { s: "$.source" }, InputTemplate: '{"s": <s>}' },
            RetryPolicy: { MaximumRetryAttempts: 1 },
          },
        ],
      },
    ],
    ["ListTargetsByRule", { Rule: "fuzz-rule" }],
    ["RemoveTargets", { Rule: "fuzz-rule", Ids: ["q"] }],
    ["DeleteRule", { Name: "fuzz-rule", Force: true }],
    ["CreateArchive", { ArchiveName: "fuzz-archive", EventSourceArn: busArn, RetentionDays: 1 }],
    ["DescribeArchive", { ArchiveName: "fuzz-archive" }],
    ["ListArchives", { EventSourceArn: busArn }],
    [
      "StartReplay",
      {
        ReplayName: "fuzz-replay",
        EventSourceArn: "arn:aws:events:us-east-1:123456789012:archive/fuzz-archive",
        EventStartTime: 1_700_000_000,
        EventEndTime: 1_700_000_100,
        Destination: { Arn: busArn },
      },
    ],
    ["DescribeReplay", { ReplayName: "fuzz-replay" }],
    ["ListReplays", { State: "COMPLETED" }],
    ["CancelReplay", { ReplayName: "fuzz-replay" }],
    ["DeleteArchive", { ArchiveName: "fuzz-archive" }],
    [
      "CreateConnection",
      {
        Name: "fuzz-conn",
        AuthorizationType: "API_KEY",
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "k", ApiKeyValue: "v" } },
      },
    ],
    ["DescribeConnection", { Name: "fuzz-conn" }],
    ["DeauthorizeConnection", { Name: "fuzz-conn" }],
    [
      "UpdateConnection",
      { Name: "fuzz-conn", AuthParameters: { ApiKeyAuthParameters: { ApiKeyValue: "v2" } } },
    ],
    ["ListConnections", {}],
    [
      "CreateApiDestination",
      {
        Name: "fuzz-dest",
        ConnectionArn: "arn:aws:events:us-east-1:123456789012:connection/fuzz-conn/x",
        InvocationEndpoint: "http://127.0.0.1:9/x",
        HttpMethod: "POST",
        InvocationRateLimitPerSecond: 5,
      },
    ],
    ["DescribeApiDestination", { Name: "fuzz-dest" }],
    ["ListApiDestinations", {}],
    ["DeleteApiDestination", { Name: "fuzz-dest" }],
    ["DeleteConnection", { Name: "fuzz-conn" }],
    ["ListDeadLetters", { Limit: 3 }],
    ["RedriveDeadLetters", { DeliveryIds: ["1"] }],
  ];
}

const ODD_VALUES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e300,
  "",
  "x",
  "\u0000",
  "\ud800",
  "a".repeat(5000),
  [],
  [null],
  {},
  { "": 1 },
  true,
  "default",
  "arn:aws:events:us-east-1:123456789012:event-bus/nope",
  "$.detail",
  "{}",
  "[]",
  '{"source": [{"numeric": [">", 1, "<"]}]}',
  '{"a": {"b": [{"anything-but": {"prefix": ""}}]}}',
  2 ** 53,
  -(2 ** 31),
];

/** One random change somewhere in `value`: a member replaced, dropped or added, deep inside too. */
function mutate(value: unknown, random: () => number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  if (Array.isArray(value)) {
    const items = value as unknown[];
    if (items.length === 0 || random() < 0.2) return [...items, pick(ODD_VALUES)];
    const i = Math.floor(random() * items.length);
    return items.map((item, k) => (k === i ? mutate(item, random) : item));
  }
  if (typeof value === "object" && value !== null) {
    const entries: [string, unknown][] = Object.entries(value);
    const roll = random();
    if (entries.length === 0 || roll < 0.1)
      return { ...value, [pick(["Name", "Limit", "Extra", "Detail"])]: pick(ODD_VALUES) };
    const [key, item] = pick(entries);
    if (roll < 0.25) return Object.fromEntries(entries.filter(([k]) => k !== key));
    return { ...value, [key]: random() < 0.5 ? pick(ODD_VALUES) : mutate(item, random) };
  }
  return random() < 0.5 ? pick(ODD_VALUES) : value;
}

/** The JSON text cut, with a byte flipped or a bracket dropped. */
function garble(text: string, random: () => number): string {
  const at = Math.floor(random() * text.length);
  const roll = random();
  if (roll < 0.33) return text.slice(0, at);
  if (roll < 0.66)
    return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 256)) + text.slice(at + 1);
  return text.replace(/[{}[\]]/, "");
}

/** A small seeded PRNG, so a failing run can be repeated. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
