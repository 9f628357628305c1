import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine, type ExecutionDescription } from "@stepflow/engine";
import { createEventBus, type EventBus } from "../src/index.ts";
import { backends, type Backend } from "./support/backends.ts";
import { runHttpTask } from "./support/http-task-runner.ts";

for (const backend of backends) {
  describe.skipIf(!backend.available)(`HTTP Tasks with the bus's connections on ${backend.name}`, () => {
    let b: Backend;
    let engine: Engine;
    let bus: EventBus;
    let server: Server;
    let endpoint: string;
    const received: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];

    /** Runs a one-state machine whose HTTP Task calls the test server with `parameters`. */
    const call = (parameters: Record<string, unknown>): Promise<ExecutionDescription> =>
      runHttpTask(engine, { ApiEndpoint: `${endpoint}/partner`, Method: "POST", ...parameters });

    beforeAll(async () => {
      b = await backend.open();
      server = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
        req.on("end", () => {
          received.push({ url: req.url ?? "", headers: req.headers, body });
          res.writeHead(200, { "content-type": "application/json" }).end('{"accepted":true}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      engine = await createEngine({ sql: b.sql, queue: b.queue, sweepMs: 200 });
      bus = await createEventBus({ sql: b.sql, queue: b.queue, engine, sweepMs: 200 });
    }, 60_000);

    afterAll(async () => {
      await bus?.close();
      await engine?.close();
      await b?.close();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
    });

    it("sends an API key connection's key and invocation parameters, the connection's values winning", async () => {
      const { ConnectionArn } = await bus.createConnection({
        Name: "partner-key",
        AuthorizationType: "API_KEY",
        AuthParameters: {
          ApiKeyAuthParameters: { ApiKeyName: "X-Api-Key", ApiKeyValue: "s3cret" },
          InvocationHttpParameters: {
            HeaderParameters: [{ Key: "X-Tenant", Value: "acme" }],
            QueryStringParameters: [{ Key: "region", Value: "eu" }],
            BodyParameters: [{ Key: "source", Value: "stepflow" }],
          },
        },
      });
      const done = await call({
        Authentication: { ConnectionArn },
        Headers: { "X-Tenant": "task", "X-Request-Id": "r-1" },
        QueryParameters: { region: "us", page: 2 },
        RequestBody: { source: "task", id: 7 },
      });
      expect(done.status).toBe("SUCCEEDED");
      expect(JSON.parse(done.output!)).toMatchObject({ StatusCode: 200, ResponseBody: { accepted: true } });
      const request = received.at(-1)!;
      expect(request.headers["x-api-key"]).toBe("s3cret");
      expect(request.headers["x-tenant"]).toBe("acme");
      expect(request.headers["x-request-id"]).toBe("r-1");
      expect(request.url).toBe("/partner?region=eu&page=2");
      expect(JSON.parse(request.body)).toEqual({ source: "stepflow", id: 7 });
    });

    it("sends a BASIC connection's credentials", async () => {
      const { ConnectionArn } = await bus.createConnection({
        Name: "partner-basic",
        AuthorizationType: "BASIC",
        AuthParameters: { BasicAuthParameters: { Username: "user", Password: "pa:ss" } },
      });
      const done = await call({ InvocationConfig: { ConnectionArn } });
      expect(done.status).toBe("SUCCEEDED");
      expect(received.at(-1)!.headers.authorization).toBe(
        `Basic ${Buffer.from("user:pa:ss").toString("base64")}`,
      );
    });

    it("fails with Events.ConnectionResource.ResourceNotFound for a deleted connection", async () => {
      const { ConnectionArn: gone } = await bus.createConnection({
        Name: "partner-gone",
        AuthorizationType: "API_KEY",
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "k", ApiKeyValue: "v" } },
      });
      await bus.deleteConnection({ Name: "partner-gone" });
      const before = received.length;
      expect(await call({ Authentication: { ConnectionArn: gone } })).toMatchObject({
        status: "FAILED",
        error: "Events.ConnectionResource.ResourceNotFound",
        cause: `Connection '${gone}' does not exist (create it with CreateConnection on this event bus).`,
      });
      expect(received.length).toBe(before); // nothing was sent without its credentials
    });
  });
}
