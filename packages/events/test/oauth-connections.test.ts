import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "@stepflow/engine";
import { startHttpPeer, type HttpPeer, type ReceivedRequest } from "../../../test/support/index.ts";
import { createEventBus, type EventBus } from "../src/index.ts";
import { backends, until, type Backend } from "./support/backends.ts";
import { runHttpTask } from "./support/http-task-runner.ts";

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

for (const backend of backends) {
  describe.skipIf(!backend.available)(`OAUTH_CLIENT_CREDENTIALS connections on ${backend.name}`, () => {
    let b: Backend;
    let engine: Engine;
    let bus: EventBus;
    let peer: HttpPeer;
    // The authorization server issues tok-1, tok-2, ... to client "app" with secret "s3cret"; the API
    // accepts only the tokens in `valid` (revoking one makes it answer 401).
    let issued = 0;
    const valid = new Set<string>();
    let apiRefusesAll = false;

    const token = (request: ReceivedRequest, res: ServerResponse) => {
      if (request.headers.authorization !== basic("app", "s3cret")) {
        res.writeHead(401, { "content-type": "application/json" }).end('{"error":"invalid_client"}');
        return;
      }
      const accessToken = `tok-${++issued}`;
      valid.add(accessToken);
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ access_token: accessToken, token_type: "Bearer", expires_in: 3600 }));
    };
    const api = (request: ReceivedRequest, res: ServerResponse) => {
      const presented = request.headers.authorization?.replace(/^Bearer /, "") ?? "";
      if (apiRefusesAll || !valid.has(presented)) res.writeHead(401).end("token expired");
      else res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    };

    const connection = async (name: string, secret = "s3cret") =>
      (
        await bus.createConnection({
          Name: name,
          AuthorizationType: "OAUTH_CLIENT_CREDENTIALS",
          AuthParameters: {
            OAuthParameters: {
              ClientParameters: { ClientID: "app", ClientSecret: secret },
              AuthorizationEndpoint: `${peer.url}/oauth/token`,
              HttpMethod: "POST",
              OAuthHttpParameters: {
                BodyParameters: [
                  { Key: "grant_type", Value: "client_credentials" },
                  { Key: "scope", Value: "orders:write" },
                ],
                QueryStringParameters: [{ Key: "audience", Value: "orders" }],
                HeaderParameters: [{ Key: "X-Tenant", Value: "acme" }],
              },
            },
          },
        })
      ).ConnectionArn;

    beforeAll(async () => {
      b = await backend.open();
      peer = await startHttpPeer({ "/oauth/token": token, "/api": api });
      engine = await createEngine({ sql: b.sql, queue: b.queue, sweepMs: 200 });
      bus = await createEventBus({
        sql: b.sql,
        queue: b.queue,
        engine,
        sweepMs: 200,
        backoff: { baseDelayMs: 20, maxDelayMs: 100 },
      });
    }, 60_000);

    afterAll(async () => {
      await bus?.close();
      await engine?.close();
      await b?.close();
      await peer?.close();
    });

    it("HTTP Task: fetches a token as EventBridge does, reuses it, and refreshes it once on a 401", async () => {
      // CreateConnection already asks for the first token (AUTHORIZING → AUTHORIZED).
      const tokensBefore = peer.on("/oauth/token").length;
      const ConnectionArn = await connection("orders-oauth");
      expect((await bus.describeConnection({ Name: "orders-oauth" })).AuthParameters).toMatchObject({
        OAuthParameters: {
          ClientParameters: { ClientID: "app" },
          AuthorizationEndpoint: `${peer.url}/oauth/token`,
          HttpMethod: "POST",
        },
      });
      const call = () =>
        runHttpTask(engine, {
          ApiEndpoint: `${peer.url}/api`,
          Method: "POST",
          Authentication: { ConnectionArn },
        });
      expect(await call()).toMatchObject({ status: "SUCCEEDED" });
      expect(await call()).toMatchObject({ status: "SUCCEEDED" });
      const tokenRequests = peer.on("/oauth/token").slice(tokensBefore);
      expect(tokenRequests).toHaveLength(1); // cached until it expires
      const [request] = tokenRequests;
      expect(request).toMatchObject({ method: "POST", url: "/oauth/token?audience=orders" });
      expect(request!.headers.authorization).toBe(basic("app", "s3cret"));
      expect(request!.headers["x-tenant"]).toBe("acme");
      expect(request!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
        grant_type: "client_credentials",
        scope: "orders:write",
      });
      const first = peer.on("/api").at(-1)!.headers.authorization!;
      expect(first).toMatch(/^Bearer tok-\d+$/);

      // The API stops accepting the token: one 401, a new token, the request once more.
      valid.delete(first.slice("Bearer ".length));
      const apiBefore = peer.on("/api").length;
      expect(await call()).toMatchObject({ status: "SUCCEEDED" });
      const calls = peer.on("/api").slice(apiBefore);
      expect(calls.map((c) => c.headers.authorization)).toEqual([first, `Bearer tok-${issued}`]);
      expect(peer.on("/oauth/token").length).toBe(tokensBefore + 2);

      // An endpoint that keeps refusing fresh tokens fails the task with its 401, after one refresh only.
      apiRefusesAll = true;
      const refusedBefore = peer.on("/oauth/token").length;
      expect(await call()).toMatchObject({ status: "FAILED", error: "States.Http.StatusCode.401" });
      expect(peer.on("/oauth/token").length).toBe(refusedBefore + 1);
      apiRefusesAll = false;
    });

    it("HTTP Task: a refused token request fails the task with Events.ConnectionResource.InvalidConnectionState", async () => {
      const ConnectionArn = await connection("orders-bad-secret", "wrong");
      const apiBefore = peer.on("/api").length;
      const done = await runHttpTask(engine, {
        ApiEndpoint: `${peer.url}/api`,
        Method: "GET",
        Authentication: { ConnectionArn },
      });
      expect(done).toMatchObject({
        status: "FAILED",
        error: "Events.ConnectionResource.InvalidConnectionState",
      });
      expect(done.cause).toContain(`Connection '${ConnectionArn}' could not authorize the request`);
      expect(done.cause).toContain("/oauth/token answered 401");
      expect(done.cause).not.toContain("wrong"); // the secret stays secret
      expect(peer.on("/api").length).toBe(apiBefore); // nothing was sent without its credentials
    });

    it("API destination: delivers with the token, refreshes it on a 401, and dead-letters a refused authorization", async () => {
      const ConnectionArn = await connection("hooks-oauth");
      const good = await bus.createApiDestination({
        Name: "orders-api",
        ConnectionArn,
        InvocationEndpoint: `${peer.url}/api`,
        HttpMethod: "POST",
      });
      const badConnection = await connection("hooks-bad-secret", "wrong");
      const bad = await bus.createApiDestination({
        Name: "orders-api-bad",
        ConnectionArn: badConnection,
        InvocationEndpoint: `${peer.url}/api`,
        HttpMethod: "POST",
      });
      await bus.putRule({ Name: "oauth-hooks", EventPattern: JSON.stringify({ source: ["oauth"] }) });
      await bus.putTargets({
        Rule: "oauth-hooks",
        Targets: [
          { Id: "good", Arn: good.ApiDestinationArn },
          { Id: "bad", Arn: bad.ApiDestinationArn, RetryPolicy: { MaximumRetryAttempts: 0 } },
        ],
      });
      const put = async (order: number) =>
        (
          await bus.putEvents({
            Entries: [{ Source: "oauth", DetailType: "Test", Detail: JSON.stringify({ order }) }],
          })
        ).Entries[0]!.EventId!;
      // HTTP Task calls earlier in this file carry no event.
      const callsOf = (eventId: string) => peer.on("/api").filter((c) => c.body.includes(eventId));
      const first = await put(1);
      const [delivered] = await until(() => {
        const calls = callsOf(first).filter((c) => valid.has(c.headers.authorization?.slice(7) ?? ""));
        return calls.length > 0 ? calls : undefined;
      }, "the first delivery");
      expect(JSON.parse(delivered!.body)).toMatchObject({ detail: { order: 1 } });

      // The API stops accepting the cached token: one 401, a new token, the event sent once more.
      const stale = delivered!.headers.authorization!;
      valid.delete(stale.slice("Bearer ".length));
      const second = await put(2);
      const calls = await until(() => {
        const got = callsOf(second);
        return got.length === 2 ? got : undefined;
      }, "the second event's two calls");
      expect(calls.map((c) => c.headers.authorization)).toEqual([stale, `Bearer tok-${issued}`]);

      const dead = await until(async () => {
        const letters = (await bus.listDeadLetters()).DeadLetters.filter((d) => d.TargetId === "bad");
        return letters.length > 0 ? letters : undefined;
      }, "the dead letter");
      // The refusal deauthorized the connection (at creation, or at this delivery if it came first).
      expect(dead[0]!.LastError).toMatch(
        new RegExp(
          `^Connection authorization failed for ${badConnection}: .*POST .*/oauth/token answered 401`,
        ),
      );
      // Nothing reached the API without a token.
      expect(peer.on("/api").every((c) => c.headers.authorization?.startsWith("Bearer tok-"))).toBe(true);
    });

    it("CreateConnection refuses OAuth parameters that could never get a token", async () => {
      await expect(
        bus.createConnection({
          Name: "oauth-missing",
          AuthorizationType: "OAUTH_CLIENT_CREDENTIALS",
          AuthParameters: {},
        }),
      ).rejects.toMatchObject({ code: "ValidationException" });
      await expect(
        bus.createConnection({
          Name: "oauth-method",
          AuthorizationType: "OAUTH_CLIENT_CREDENTIALS",
          AuthParameters: {
            OAuthParameters: {
              ClientParameters: { ClientID: "a", ClientSecret: "b" },
              AuthorizationEndpoint: `${peer.url}/oauth/token`,
              HttpMethod: "DELETE",
            },
          },
        }),
      ).rejects.toThrow("HttpMethod GET, POST or PUT");
    });
  });
}
