import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json, JsonObject } from "@stepflow/asl";
import { createEngine, type Engine } from "../src/engine/create-engine.ts";
import type { ExecutionDescription } from "../src/api/executions.ts";
import type { ConnectionLookup } from "../src/ports/http-connections.ts";
import { closedPort, until } from "../../../test/support/index.ts";
import { backends, type Backend } from "./support/engine-backends.ts";
import { json, startHttpPeer, type HttpPeer } from "../../../test/support/http-peer.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
const HTTP = "arn:aws:states:::http:invoke";
const CONNECTION = "arn:aws:events:us-east-1:123456789012:connection/partner/1";
// The engine's own request timeout for these tests (AWS: 60 s), well above the 1 s TimeoutSeconds test.
const HTTP_TIMEOUT_MS = 3500;

for (const backend of backends) {
  describe.skipIf(!backend.available)(`HTTP Task (http:invoke) on ${backend.name}`, () => {
    let b: Backend;
    let engine: Engine;
    let peer: HttpPeer;
    let machines = 0;
    const flakyCalls = new Map<string, number>();

    /** Creates a machine of one HTTP Task state `Call` (plus `extra` states) and runs it to its end. */
    async function run(
      call: JsonObject,
      input: Json = {},
      extra: JsonObject = {},
    ): Promise<{ done: ExecutionDescription; output: Json }> {
      const definition = {
        StartAt: "Call",
        States: { Call: { Type: "Task", Resource: HTTP, End: true, ...call }, ...extra },
      };
      const { stateMachineArn } = await engine.stateMachines.create({
        name: `http-${++machines}`,
        definition: JSON.stringify(definition),
        roleArn,
      });
      const { executionArn } = await engine.executions.start({
        stateMachineArn,
        input: JSON.stringify(input),
      });
      const done = await until(async () => {
        const d = await engine.executions.describe(executionArn);
        return d.status === "RUNNING" ? undefined : d;
      }, `execution ${executionArn} to end`);
      return { done, output: done.output === undefined ? null : (JSON.parse(done.output) as Json) };
    }

    beforeAll(async () => {
      b = await backend.open();
      peer = await startHttpPeer({
        "/echo": (request, res) =>
          res
            .writeHead(200, { "content-type": "application/json; charset=utf-8", "x-trace": "t-1" })
            .end(JSON.stringify({ method: request.method, url: request.url, body: request.body })),
        "/text": (_, res) =>
          res.writeHead(201, "Made It", { "content-type": "text/plain" }).end("plain words"),
        "/broken": json(500, { message: "the database is down" }),
        "/flaky": (request, res) => {
          const key = new URL(request.url, "http://x").searchParams.get("key") ?? "";
          const calls = (flakyCalls.get(key) ?? 0) + 1;
          flakyCalls.set(key, calls);
          if (calls <= 2) json(503, { retry: true })(request, res);
          else json(200, { calls })(request, res);
        },
        "/hang": () => {}, // never answers
        "/picture": (_, res) =>
          res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from([137, 80, 78, 71])),
      });
      engine = await createEngine({
        sql: b.sql,
        queue: b.queue,
        sweepMs: 200,
        httpTimeoutMs: HTTP_TIMEOUT_MS,
      });
    }, 60_000);

    afterAll(async () => {
      await engine?.close();
      await b?.close();
      await peer?.close();
    });

    it("GETs with query parameters and answers { Headers, ResponseBody, StatusCode, StatusText }", async () => {
      const { done, output } = await run(
        {
          Parameters: {
            "ApiEndpoint.$": "States.Format('{}/echo?fixed=1', $.base)",
            Method: "GET",
            QueryParameters: { currency: "usd", tag: ["a b", "c"] },
          },
        },
        { base: peer.url },
      );
      expect(done.status).toBe("SUCCEEDED");
      const request = peer.on("/echo").at(-1)!;
      expect(request.method).toBe("GET");
      expect(request.url).toBe("/echo?fixed=1&currency=usd&tag=a+b&tag=c");
      expect(request.headers["user-agent"]).toBe("Amazon|StepFunctions|HttpInvoke|us-east-1");
      expect(request.headers.range).toBe("bytes=0-262144");
      expect(output).toMatchObject({
        StatusCode: 200,
        StatusText: "OK",
        Headers: { "content-type": ["application/json; charset=utf-8"], "x-trace": ["t-1"] },
        ResponseBody: { method: "GET", url: "/echo?fixed=1&currency=usd&tag=a+b&tag=c", body: "" },
      });
      const history = await engine.executions.history({ executionArn: done.executionArn });
      expect(history.events.find((e) => e.type === "TaskScheduled")?.taskScheduledEventDetails).toMatchObject(
        {
          resourceType: "http",
          resource: "invoke",
        },
      );
    });

    it("POSTs a JSON RequestBody with the task's headers, and hands back a text answer as text", async () => {
      await run(
        {
          Parameters: {
            ApiEndpoint: `${peer.url}/echo`,
            Method: "POST",
            Headers: { "X-Request-Id": "r-42", "X-Count": 3 },
            RequestBody: { "order.$": "$.order", note: "ünïcode" },
          },
        },
        { order: { id: 7, items: ["x"] } },
      );
      const request = peer.on("/echo").at(-1)!;
      expect(request.method).toBe("POST");
      expect(request.headers["content-type"]).toBe("application/json; charset=UTF-8");
      expect(request.headers["x-request-id"]).toBe("r-42");
      expect(request.headers["x-count"]).toBe("3");
      expect(JSON.parse(request.body)).toEqual({ order: { id: 7, items: ["x"] }, note: "ünïcode" });

      const text = await run({
        Parameters: { ApiEndpoint: `${peer.url}/text`, Method: "PUT", RequestBody: "raw" },
      });
      expect(text.output).toMatchObject({
        StatusCode: 201,
        StatusText: "Made It",
        ResponseBody: "plain words",
      });
      expect(peer.on("/text").at(-1)!.body).toBe("raw");
    });

    it.each([
      ["INDICES", "tags%5B0%5D=a&tags%5B1%5D=b&meta%5Bk%5D=v%20w"],
      ["REPEAT", "tags=a&tags=b&meta%5Bk%5D=v%20w"],
      ["COMMAS", "tags=a,b&meta%5Bk%5D=v%20w"],
      ["BRACKETS", "tags%5B%5D=a&tags%5B%5D=b&meta%5Bk%5D=v%20w"],
    ])("URL-encodes the RequestBody with ArrayFormat %s", async (format, expected) => {
      const { done } = await run({
        Parameters: {
          ApiEndpoint: `${peer.url}/echo`,
          Method: "POST",
          Headers: { "content-type": "application/x-www-form-urlencoded" },
          RequestBody: { tags: ["a", "b"], meta: { k: "v w" } },
          Transform: { RequestBodyEncoding: "URL_ENCODED", RequestEncodingOptions: { ArrayFormat: format } },
        },
      });
      expect(done.status).toBe("SUCCEEDED");
      const request = peer.on("/echo").at(-1)!;
      expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(request.body).toBe(expected);
    });

    it("fails with States.Http.StatusCode.500 on a 500 answer, caught by Catch with the answer as cause", async () => {
      const { done, output } = await run(
        {
          Parameters: { ApiEndpoint: `${peer.url}/broken`, Method: "GET" },
          Catch: [{ ErrorEquals: ["States.Http.StatusCode.500"], ResultPath: "$.failure", Next: "Handled" }],
        },
        { order: 1 },
        { Handled: { Type: "Pass", End: true } },
      );
      expect(done.status).toBe("SUCCEEDED");
      const failure = (output as { failure: { Error: string; Cause: string } }).failure;
      expect(failure.Error).toBe("States.Http.StatusCode.500");
      expect(JSON.parse(failure.Cause)).toMatchObject({
        StatusCode: 500,
        StatusText: "Internal Server Error",
        ResponseBody: { message: "the database is down" },
        Headers: { "content-type": ["application/json"] },
      });
    });

    it("retries a 503 twice and succeeds on the third call", async () => {
      const { done, output } = await run(
        {
          Parameters: { "ApiEndpoint.$": "States.Format('{}/flaky?key=retry', $.base)", Method: "GET" },
          Retry: [
            {
              ErrorEquals: ["States.Http.StatusCode.503"],
              IntervalSeconds: 1,
              BackoffRate: 1,
              MaxAttempts: 3,
            },
          ],
        },
        { base: peer.url },
      );
      expect(done.status).toBe("SUCCEEDED");
      expect(output).toMatchObject({ StatusCode: 200, ResponseBody: { calls: 3 } });
      expect(flakyCalls.get("retry")).toBe(3);
    });

    it("aborts the request when the Task's TimeoutSeconds passes (States.Timeout)", async () => {
      const before = peer.on("/hang").length;
      const { done } = await run({
        Parameters: { ApiEndpoint: `${peer.url}/hang`, Method: "GET" },
        TimeoutSeconds: 1,
      });
      expect(done).toMatchObject({ status: "FAILED", error: "States.Timeout" });
      const request = peer.on("/hang")[before]!;
      // Well before the engine's own request timeout: the task's end is what aborted it.
      await until(() => (request.abandoned ? true : undefined), "the hanging request to be aborted", 1500);
      const history = await engine.executions.history({ executionArn: done.executionArn });
      expect(history.events.map((e) => e.type)).not.toContain("TaskSucceeded");
    });

    it("aborts the request when the execution is stopped", async () => {
      const before = peer.on("/hang").length;
      const { stateMachineArn } = await engine.stateMachines.create({
        name: `http-${++machines}`,
        roleArn,
        definition: JSON.stringify({
          StartAt: "Call",
          States: {
            Call: {
              Type: "Task",
              Resource: HTTP,
              Parameters: { ApiEndpoint: `${peer.url}/hang`, Method: "GET" },
              End: true,
            },
          },
        }),
      });
      const { executionArn } = await engine.executions.start({ stateMachineArn });
      const request = await until(() => peer.on("/hang")[before], "the request to arrive", 5000);
      await engine.executions.stop({ executionArn, error: "Operator", cause: "changed my mind" });
      await until(() => (request.abandoned ? true : undefined), "the request to be aborted", 1500);
      expect((await engine.executions.describe(executionArn)).status).toBe("ABORTED");
    });

    it("fails with States.Http.Socket when the answer does not come within the request timeout", async () => {
      const started = Date.now();
      const { done } = await run({ Parameters: { ApiEndpoint: `${peer.url}/hang`, Method: "GET" } });
      expect(done).toMatchObject({
        status: "FAILED",
        error: "States.Http.Socket",
        cause: `GET ${peer.url}/hang did not complete within ${HTTP_TIMEOUT_MS / 1000} seconds`,
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(HTTP_TIMEOUT_MS);
    });

    it("fails with States.Http.Socket when the connection is refused, and Retry on it applies", async () => {
      const port = await closedPort();
      const { done } = await run({
        Parameters: { ApiEndpoint: `http://127.0.0.1:${port}/nothing?secret=s`, Method: "GET" },
        Retry: [{ ErrorEquals: ["States.Http.Socket"], IntervalSeconds: 1, MaxAttempts: 1 }],
      });
      expect(done).toMatchObject({ status: "FAILED", error: "States.Http.Socket" });
      expect(done.cause).toBe(
        `GET http://127.0.0.1:${port}/nothing failed: connect ECONNREFUSED 127.0.0.1:${port}`,
      );
      const history = await engine.executions.history({ executionArn: done.executionArn });
      expect(history.events.filter((e) => e.type === "TaskScheduled")).toHaveLength(2);
    });

    it.each<[string, JsonObject, string, string]>([
      [
        "a method chosen at run time that is not one",
        { ApiEndpoint: "http://127.0.0.1:1/", "Method.$": "$.method" },
        "States.Runtime",
        "the field 'Method' must be one of GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD; got \"FETCH\"",
      ],
      [
        "a header the task may not set",
        { ApiEndpoint: "http://127.0.0.1:1/", Method: "GET", Headers: { Authorization: "Bearer x" } },
        "States.Runtime",
        "the header 'Authorization' cannot be set by an HTTP Task (put credentials in the connection)",
      ],
      [
        "an endpoint that is not http(s)",
        { ApiEndpoint: "ftp://example.com/file", Method: "GET" },
        "States.Runtime",
        "the field 'ApiEndpoint' must be an https:// (or http://) URL; got \"ftp://example.com/file\"",
      ],
      [
        "an endpoint with credentials in it",
        { ApiEndpoint: "https://user:secret@example.com/", Method: "GET" },
        "States.Runtime",
        "the field 'ApiEndpoint' cannot hold credentials; put them in a connection",
      ],
      [
        "a GET with a body",
        { ApiEndpoint: "http://127.0.0.1:1/", Method: "GET", RequestBody: { a: 1 } },
        "States.Runtime",
        "a GET request cannot have a RequestBody; use POST, PUT or PATCH",
      ],
    ])("fails on %s with States.Runtime and says what to fix", async (_, parameters, error, problem) => {
      const { done } = await run({ Parameters: parameters }, { method: "FETCH" });
      expect(done).toMatchObject({
        status: "FAILED",
        error,
        cause: `The parameters of the HTTP Task 'Call' could not be used to start the task: ${problem}`,
      });
    });

    it("fails with States.Runtime on a binary answer", async () => {
      const { done } = await run({ Parameters: { ApiEndpoint: `${peer.url}/picture`, Method: "GET" } });
      expect(done).toMatchObject({
        status: "FAILED",
        error: "States.Runtime",
        cause: "The HTTP Task cannot read a response of type 'image/png'",
      });
    });

    it("fails with Events.ConnectionResource.ResourceNotFound when no connection store knows the ARN", async () => {
      const { done } = await run({
        Parameters: {
          ApiEndpoint: `${peer.url}/echo`,
          Method: "GET",
          Authentication: { ConnectionArn: CONNECTION },
        },
      });
      expect(done).toMatchObject({ status: "FAILED", error: "Events.ConnectionResource.ResourceNotFound" });
      expect(done.cause).toContain("this engine has no event bus holding connections");
    });

    it("merges a connection's headers, query and body parameters over the task's (connection wins)", async () => {
      const lookups: string[] = [];
      const unregister = engine.registerHttpConnections({
        lookup: (arn): Promise<ConnectionLookup> => {
          lookups.push(arn);
          if (arn !== CONNECTION) {
            return Promise.resolve({
              problem: "ResourceNotFound",
              message: `Connection '${arn}' does not exist.`,
            });
          }
          return Promise.resolve({
            parameters: {
              headers: { "x-api-key": "k-123", "header-param": "connection" },
              queryParameters: { QueryParam: "connection" },
              bodyParameters: { BodyParam: "connection" },
            },
          });
        },
      });
      try {
        const { done } = await run({
          Parameters: {
            ApiEndpoint: `${peer.url}/echo`,
            Method: "POST",
            InvocationConfig: { ConnectionArn: CONNECTION },
            Headers: { "Header-Param": "task", "Request-Id": "r-1" },
            QueryParameters: { QueryParam: "task", Other: "task" },
            RequestBody: { BodyParam: "task", Job: "engineer" },
          },
        });
        expect(done.status).toBe("SUCCEEDED");
        const request = peer.on("/echo").at(-1)!;
        expect(request.headers["x-api-key"]).toBe("k-123");
        expect(request.headers["header-param"]).toBe("connection");
        expect(request.headers["request-id"]).toBe("r-1");
        expect(request.url).toBe("/echo?QueryParam=connection&Other=task");
        expect(JSON.parse(request.body)).toEqual({ BodyParam: "connection", Job: "engineer" });

        const missing = await run({
          Parameters: {
            ApiEndpoint: `${peer.url}/echo`,
            Method: "GET",
            Authentication: { ConnectionArn: `${CONNECTION}x` },
          },
        });
        expect(missing.done).toMatchObject({
          status: "FAILED",
          error: "Events.ConnectionResource.ResourceNotFound",
          cause: `Connection '${CONNECTION}x' does not exist.`,
        });
        expect(lookups).toEqual([CONNECTION, `${CONNECTION}x`]);
      } finally {
        unregister();
      }
    });

    it("runs an HTTP Task in a synchronous EXPRESS execution", async () => {
      const { stateMachineArn } = await engine.stateMachines.create({
        name: "http-express",
        type: "EXPRESS",
        roleArn,
        definition: JSON.stringify({
          StartAt: "Call",
          States: {
            Call: {
              Type: "Task",
              Resource: HTTP,
              Parameters: { ApiEndpoint: `${peer.url}/echo`, Method: "DELETE" },
              OutputPath: "$.ResponseBody",
              End: true,
            },
          },
        }),
      });
      const result = await engine.executions.startSync({ stateMachineArn, input: "{}" });
      expect(result).toMatchObject({
        status: "SUCCEEDED",
        output: JSON.stringify({ method: "DELETE", url: "/echo", body: "" }),
      });
    });

    it.skipIf(!backend.name.includes("bullmq"))(
      "sends a pending HTTP Task again when the queue lost its lists but kept the job's hash",
      async () => {
        // Nobody serves integrations while the queue is damaged: the job waits in the queue.
        await engine.close();
        const idle = await createEngine({ sql: b.sql, queue: b.queue, background: false });
        const { stateMachineArn } = await idle.stateMachines.create({
          name: "http-after-loss",
          roleArn,
          definition: JSON.stringify({
            StartAt: "Call",
            States: {
              Call: {
                Type: "Task",
                Resource: HTTP,
                Parameters: { ApiEndpoint: `${peer.url}/echo`, Method: "GET" },
                OutputPath: "$.StatusCode",
                End: true,
              },
            },
          }),
        });
        const { executionArn } = await idle.executions.start({ stateMachineArn, input: "{}" });
        await until(
          async () => ((await b.queue.counts("stepflow-integration-http")).waiting === 1 ? true : undefined),
          "the job to wait",
        );
        await idle.close();
        // Re-adding a job id whose hash survived is taken for a duplicate: the rebuild must remove it first.
        await b.loseQueue!({ keepJobData: true });
        engine = await createEngine({
          sql: b.sql,
          queue: b.queue,
          sweepMs: 200,
          httpTimeoutMs: HTTP_TIMEOUT_MS,
        });
        const done = await until(async () => {
          const d = await engine.executions.describe(executionArn);
          return d.status === "RUNNING" ? undefined : d;
        }, "the execution to end");
        expect(done).toMatchObject({ status: "SUCCEEDED", output: "200" });
      },
      30_000,
    );
  });
}
