import { Agent, request, type OutgoingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createEngine, createMemoryTaskQueue, createPgliteSqlClient, type Engine } from "@stepflow/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { STEP_FUNCTIONS_ACTIONS } from "../src/aws/action-table.ts";
import type { Logger } from "../src/logger.ts";
import { parseAccessKeys } from "../src/security/access-keys.ts";
import { seededRandom } from "../../../test/support/seeded-random.ts";

/**
 * 20,000 seeded random and mutated requests on both protocols (FUZZ_SEED, FUZZ_REQUESTS to vary):
 * none may be answered 5xx, the server must log no unexpected error, and it must still answer.
 */
const SEED = Number(process.env["FUZZ_SEED"] ?? 20_251_122);
const TOTAL = Number(process.env["FUZZ_REQUESTS"] ?? 20_000);
const CONCURRENCY = 16;
const TIMEOUT_MS = 10_000;

type Rng = () => number;

interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  headers: OutgoingHttpHeaders;
  body?: Buffer;
}

interface FuzzAnswer {
  status: number;
  body: string;
  error?: string;
}

// prettier-ignore
const MEMBERS = [
  "stateMachineArn", "executionArn", "name", "input", "definition", "roleArn", "type", "maxResults",
  "nextToken", "taskToken", "output", "error", "cause", "tags", "tagKeys", "resourceArn", "activityArn",
  "workerName", "includeExecutionData", "reverseOrder", "statusFilter", "loggingConfiguration",
  "tracingConfiguration", "publish", "versionDescription", "routingConfiguration", "stateMachineAliasArn",
  "description", "revealSecrets", "inspectionLevel", "mock", "includedData", "traceHeader", "redriveFilter",
  "mapRunArn", "stateName", "variables", "__proto__", "constructor", "",
];

const VALID_DEFINITION = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });

function makeGenerator(random: Rng, known: { arns: string[] }) {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number) => random() < p;

  const deep = (depth: number) =>
    chance(0.5)
      ? `${"[".repeat(depth)}${"]".repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

  function text(): string {
    switch (int(12)) {
      case 0:
        return "";
      case 1:
        return "x".repeat(chance(0.05) ? 270_000 : pick([81, 257, 2049, 40_000]));
      case 2:
        return pick(known.arns.length > 0 ? known.arns : ["arn:none"]);
      case 3:
        return `arn:aws:states:us-east-1:123456789012:${pick(["stateMachine", "execution", "express", "activity"])}:${word()}${chance(0.5) ? `:${word()}` : ""}`;
      case 4:
        return deep(chance(0.05) ? 100_000 : pick([10, 1000, 5000]));
      case 5:
        return VALID_DEFINITION;
      case 6:
        return mutate(VALID_DEFINITION);
      case 7:
        return "\ud800 \u0000 \u202e é 🚀 \\ \" ' < > %00 %ZZ";
      case 8:
        return pick(["EXPRESS", "STANDARD", "ALL_DATA", "DEBUG", "SUCCEEDED", "null", "{}", "[]", "1e999"]);
      default:
        return word();
    }
  }

  function word(): string {
    const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789-_:./ ?*~!$";
    let out = "";
    for (let i = int(24) + 1; i > 0; i--) out += chars[int(chars.length)];
    return out;
  }

  function value(depth: number): unknown {
    switch (int(depth > 3 ? 5 : 8)) {
      case 0:
        return null;
      case 1:
        return chance(0.5);
      case 2:
        return pick([0, -1, 1, 1.5, 1000, 1001, 2 ** 31, -(2 ** 53), 1e308, 5e-324]);
      case 3:
      case 4:
        return text();
      case 5:
        return Array.from({ length: int(4) }, () => value(depth + 1));
      default:
        return object(depth + 1);
    }
  }

  function object(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let i = int(5); i > 0; i--) {
      Object.defineProperty(out, chance(0.9) ? pick(MEMBERS) : word(), {
        value: value(depth),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  function mutate(json: string): string {
    const at = int(json.length + 1);
    switch (int(5)) {
      case 0:
        return json.slice(0, at);
      case 1:
        return json.slice(0, at) + pick(["{", "}", '"', ",", ":", "\\", "\u0000", "]"]) + json.slice(at);
      case 2:
        return json.slice(0, at) + json.slice(at + 1 + int(8));
      case 3:
        return json.replace(/"[^"]*"/, pick(["1", "null", "[]", "{}", "true", '"x"']));
      default:
        return `${json}${json}`;
    }
  }

  function awsBody(): Buffer {
    switch (int(14)) {
      case 0:
        return Buffer.from(mutate(JSON.stringify(object(0))));
      case 1:
        return Buffer.from([0xff, 0xfe, 0x7b, 0x7d, ...Array.from({ length: int(64) }, () => int(256))]);
      case 2:
        return Buffer.from(pick(["", "null", "[]", "1", '"s"', "{", "\ufeff{}", "{}garbage", "{} {}"]));
      case 3:
        return Buffer.from(deep(chance(0.05) ? 200_000 : pick([100, 10_000])));
      case 4:
        return chance(0.02) ? Buffer.alloc(2_200_000, 0x20) : Buffer.from(JSON.stringify({ input: text() }));
      default:
        return Buffer.from(JSON.stringify(object(0)));
    }
  }

  function awsTarget(): string | undefined {
    switch (int(12)) {
      case 0:
        return undefined;
      case 1:
        return `AWSStepFunctions.${word()}`;
      case 2:
        return pick(["AWSEvents.PutEvents", "DynamoDB_20120810.ListTables", "", ".", "AWSStepFunctions."]);
      case 3:
        return pick([
          "AWSStepFunctions.__proto__",
          "AWSStepFunctions.constructor",
          "AWSStepFunctions.toString",
        ]);
      case 4:
        return `awsstepfunctions.${pick([...STEP_FUNCTIONS_ACTIONS.keys()])}`;
      default:
        return `AWSStepFunctions.${pick([...STEP_FUNCTIONS_ACTIONS.keys()])}`;
    }
  }

  function aws(kind: string): FuzzRequest {
    const headers: OutgoingHttpHeaders = {};
    const target = awsTarget();
    if (target !== undefined) headers["x-amz-target"] = target;
    if (chance(0.9)) {
      headers["content-type"] = pick([
        "application/x-amz-json-1.0",
        "application/x-amz-json-1.0",
        "application/json",
        "text/plain; charset=latin1",
        "multipart/form-data; boundary=x",
      ]);
    }
    if (chance(0.03)) headers["content-encoding"] = pick(["gzip", "deflate", "br", "identity", "x-nope"]);
    if (kind === "aws-signed" || chance(0.02)) headers["authorization"] = authorization();
    if (chance(0.5) || kind === "aws-signed") headers["x-amz-date"] = amzDate();
    const method = chance(0.97) ? "POST" : pick(["GET", "PUT", "DELETE", "PATCH", "OPTIONS"]);
    const path = chance(0.97)
      ? "/"
      : pick(["/?a=1&a=2", "//", "/%ZZ", `/?${"q=1&".repeat(500)}`, "http://sync-h:1/?x", "http://h"]);
    return { kind, method, path, headers, body: awsBody() };
  }

  /** Requests that pass validation, so the actions and the database are reached too. */
  function wellFormed(): FuzzRequest {
    const machine = pick(known.arns);
    const input = () => (chance(0.8) ? JSON.stringify(value(1)) : mutate(JSON.stringify(value(1))));
    const [action, body] = pick<[string, object]>([
      [
        "StartExecution",
        { stateMachineArn: machine, input: input(), ...(chance(0.3) ? { name: word() } : {}) },
      ],
      ["StartSyncExecution", { stateMachineArn: machine, input: input() }],
      ["DescribeStateMachine", { stateMachineArn: machine }],
      ["ListExecutions", { stateMachineArn: machine, maxResults: int(4) }],
      ["CreateStateMachine", { name: word(), roleArn: "arn:aws:iam::1:role/r", definition: text() }],
      ["ValidateStateMachineDefinition", { definition: mutate(VALID_DEFINITION) }],
      ["TestState", { definition: JSON.stringify({ Type: "Pass", Parameters: value(2) }), input: input() }],
      ["ListStateMachines", { maxResults: int(3) }],
    ]);
    const headers = {
      "x-amz-target": `AWSStepFunctions.${action}`,
      "content-type": "application/x-amz-json-1.0",
    };
    return { kind: "aws", method: "POST", path: "/", headers, body: Buffer.from(JSON.stringify(body)) };
  }

  function amzDate(): string {
    const now = Date.now() + pick([0, 0, -16 * 60_000, 16 * 60_000, 86_400_000 * 400]);
    const basic = new Date(now)
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
    return chance(0.9) ? basic : pick(["", "yesterday", "20241301T250000Z", "99999999T999999Z"]);
  }

  function authorization(): string {
    const hex = () => Array.from({ length: 64 }, () => "0123456789abcdef"[int(16)]).join("");
    const date = amzDate().slice(0, 8);
    const key = pick(["AKIDFUZZ", "AKIDNONE", "", "AKIDFUZZ/extra"]);
    const scope = `${key}/${date}/${pick(["us-east-1", "", "x".repeat(40)])}/${pick(["states", "lambda"])}/${pick(["aws4_request", "x"])}`;
    const signed = pick([
      "host;x-amz-date",
      "host;x-amz-date;x-amz-target",
      "x-amz-date",
      "__proto__;host;x-amz-date",
      "Host",
      "",
    ]);
    return pick([
      `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=${signed}, Signature=${hex()}`,
      `AWS4-HMAC-SHA256 Credential=${scope},SignedHeaders=${signed},Signature=${hex()}`,
      `AWS4-HMAC-SHA256 Credential=${scope}`,
      `AWS4-HMAC-SHA256 ${word()}`,
      `Bearer ${word()}`,
      "AWS4-HMAC-SHA256",
      `AWS4-HMAC-SHA256 ${"Credential=a, ".repeat(200)}`,
    ]);
  }

  function v1(): FuzzRequest {
    const uri = (t: string) => encodeURIComponent(t.replace(/[\ud800-\udfff]/g, "?"));
    const arn = () => uri(text().slice(0, 300));
    const segment = () => pick([arn(), arn(), encodeURIComponent(word()), "%ZZ", "%00", "..", "%2F"]);
    const path = pick([
      "/v1/state-machines",
      `/v1/state-machines/${segment()}`,
      `/v1/state-machines/${segment()}/versions`,
      "/v1/executions",
      `/v1/executions/${segment()}`,
      `/v1/executions/${segment()}/${pick(["stop", "redrive", "history", "events"])}`,
      `/v1/tasks/${segment()}/${pick(["success", "failure", "heartbeat"])}`,
      "/v1/activities",
      `/v1/activities/${segment()}`,
      `/v1/activities/${segment()}/task`,
      "/v1/openapi.json",
      `/v1/${word()}`,
    ]);
    const query = chance(0.3)
      ? `?${pick(["maxResults", "nextToken", "status", "stateMachineArn", "reverse", "x"])}=${uri(String(value(3)))}`
      : "";
    const method = pick(["GET", "GET", "POST", "POST", "PATCH", "DELETE", "PUT"]);
    const headers: OutgoingHttpHeaders = {};
    if (chance(0.8))
      headers["content-type"] = pick(["application/json", "text/plain", "application/x-amz-json-1.0"]);
    const body = method === "GET" && chance(0.8) ? undefined : awsBody();
    return { kind: "v1", method, path: `${path}${query}`, headers, body: body ?? Buffer.alloc(0) };
  }

  return (): FuzzRequest => {
    const r = random();
    if (r < 0.1) return wellFormed();
    if (r < 0.6) return aws("aws");
    if (r < 0.7) return aws("aws-signed");
    return v1();
  };
}

function send(agent: Agent, port: number, r: FuzzRequest): Promise<FuzzAnswer> {
  return new Promise((resolve) => {
    const headers = { ...r.headers, "content-length": r.body?.length ?? 0 };
    try {
      validateRequest(r);
    } catch (error) {
      resolve({ status: 0, body: "", error: `unsendable: ${(error as Error).message}` });
      return;
    }
    const req = request(
      { host: "127.0.0.1", port, method: r.method, path: r.path, headers, agent, timeout: TIMEOUT_MS },
      (res) => {
        const status = res.statusCode ?? 0;
        if (String(res.headers["content-type"]).startsWith("text/event-stream")) {
          res.destroy();
          resolve({ status, body: "(event stream)" });
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status, body: Buffer.concat(chunks).toString("utf8").slice(0, 500) }));
        res.on("error", (e) => resolve({ status, body: "", error: e.message }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (e) =>
      resolve({ status: 0, body: "", error: (e as NodeJS.ErrnoException).code ?? e.message }),
    );
    req.end(r.body);
  });
}

/** Node's client refuses what no server could receive (raw spaces in the path, control characters). */
function validateRequest(r: FuzzRequest): void {
  if (/[^\x21-\x7e]/.test(r.path)) throw new Error("path");
  for (const v of Object.values(r.headers)) if (/[^\x20-\x7e]/.test(String(v))) throw new Error("header");
}

describe("fuzzing the AWS protocol and /v1", () => {
  let engine: Engine;
  let server: Server;
  let port: number;
  const logged: string[] = [];

  beforeAll(async () => {
    engine = await createEngine({ sql: await createPgliteSqlClient({}), queue: createMemoryTaskQueue() });
    const log: Logger = {
      error: (fields, message) => logged.push(`error ${message} ${JSON.stringify(fields)}`),
      warn: (fields, message) => logged.push(`warn ${message}`),
    };
    // One process serves both: a second app on another port verifies SigV4.
    const open = createApp({ engine, log, security: { accessKeys: new Map(), apiKeys: [] } });
    server = await new Promise((resolve) => {
      const s = open.listen(0, "127.0.0.1", () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await engine?.close();
  });

  it(`answers ${TOTAL} random and mutated requests without a 5xx (seed ${SEED})`, async () => {
    const secured = createApp({
      engine,
      log: { error: (f, m) => logged.push(`error ${m} ${JSON.stringify(f)}`), warn: () => {} },
      security: { accessKeys: parseAccessKeys("AKIDFUZZ:fuzz-secret"), apiKeys: [] },
    });
    const securedServer: Server = await new Promise((resolve) => {
      const s = secured.listen(0, "127.0.0.1", () => resolve(s));
    });
    const securedPort = (securedServer.address() as AddressInfo).port;
    const known = { arns: [] as string[] };
    for (const type of ["STANDARD", "EXPRESS"] as const) {
      const { stateMachineArn } = await engine.stateMachines.create({
        name: `fuzz-${type}`,
        definition: VALID_DEFINITION,
        roleArn: "arn:aws:iam::123456789012:role/fuzz",
        type,
      });
      known.arns.push(stateMachineArn);
    }
    const next = makeGenerator(seededRandom(SEED), known);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const byStatus = new Map<string, number>();
    const failures: string[] = [];
    let sent = 0;
    const started = Date.now();

    async function lane(): Promise<void> {
      while (sent < TOTAL) {
        sent++;
        const r = next();
        const answer = await send(agent, r.kind === "aws-signed" ? securedPort : port, r);
        const key = `${r.kind} ${answer.status || answer.error}`;
        byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
        if (
          answer.status >= 500 ||
          answer.error === "timeout" ||
          (r.kind === "aws-signed" && answer.status === 200 && r.method === "POST")
        ) {
          const body = r.body && r.body.length > 300 ? `${r.body.length} bytes` : r.body?.toString("utf8");
          failures.push(
            `${answer.status || answer.error} ${r.method} ${r.path.slice(0, 200)} ${JSON.stringify(r.headers)} ${body} → ${answer.body}`,
          );
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    agent.destroy();
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz: ${TOTAL} requests in ${seconds.toFixed(1)} s (seed ${SEED})`,
      Object.fromEntries([...byStatus].sort()),
    );

    // FUZZ_DUMP=<file> writes every failure, for reading more than the first ten.
    if (process.env["FUZZ_DUMP"])
      (await import("node:fs")).writeFileSync(process.env["FUZZ_DUMP"], failures.join("\n"));
    expect(failures.slice(0, 10)).toEqual([]);
    expect(logged.filter((line) => line.startsWith("error")).slice(0, 10)).toEqual([]);
    // The fuzz reached the actions, not only the early rejections.
    expect(byStatus.get("aws 200") ?? 0).toBeGreaterThan(TOTAL / 100);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const list = await fetch(`http://127.0.0.1:${port}/`, {
      method: "POST",
      headers: {
        "x-amz-target": "AWSStepFunctions.ListStateMachines",
        "content-type": "application/x-amz-json-1.0",
      },
      body: "{}",
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { stateMachines: unknown[] }).stateMachines.length).toBeGreaterThanOrEqual(
      2,
    );
    securedServer.closeAllConnections();
    await new Promise<void>((resolve) => securedServer.close(() => resolve()));
  }, 240_000);
});
