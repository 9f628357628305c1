import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "@stepflow/engine";
import {
  closedPort,
  startHttpPeer,
  type HttpPeer,
  type ReceivedRequest,
} from "../../../test/support/index.ts";
import { createEventBus, type EventBus } from "../src/index.ts";
import { backends, until, type Backend } from "./support/backends.ts";
import { runHttpTask } from "./support/http-task-runner.ts";

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

for (const backend of backends) {
  describe.skipIf(!backend.available)(`connection states on ${backend.name}`, () => {
    let b: Backend;
    let engine: Engine;
    let bus: EventBus;
    let peer: HttpPeer;
    /** Token requests of client "app" wait for this before answering (the race test holds them). */
    let tokenGate: Promise<void> = Promise.resolve();

    // The authorization server grants client "app" with secret "good" and refuses anything else with 401.
    const token = (request: ReceivedRequest, res: ServerResponse) => {
      void tokenGate.then(() => {
        if (request.headers.authorization !== basic("app", "good")) {
          res.writeHead(401, { "content-type": "application/json" }).end('{"error":"invalid_client"}');
        } else {
          res
            .writeHead(200, { "content-type": "application/json" })
            .end('{"access_token":"tok","expires_in":3600}');
        }
      });
    };
    const api = (_: ReceivedRequest, res: ServerResponse) => res.writeHead(200).end("{}");

    const oauth = (endpoint: string, secret: string) => ({
      OAuthParameters: {
        ClientParameters: { ClientID: "app", ClientSecret: secret },
        AuthorizationEndpoint: endpoint,
        HttpMethod: "POST",
      },
    });
    const stateOf = (Name: string) => bus.describeConnection({ Name });
    const settled = (Name: string) =>
      until(async () => {
        const d = await stateOf(Name);
        return d.ConnectionState === "AUTHORIZING" ? undefined : d;
      }, `${Name} to leave AUTHORIZING`);

    beforeAll(async () => {
      b = await backend.open();
      peer = await startHttpPeer({
        "/oauth/token": token,
        "/oauth/busy": (_, res) => res.writeHead(503).end("try later"),
        "/api": api,
      });
      engine = await createEngine({ sql: b.sql, queue: b.queue, sweepMs: 200 });
      bus = await createEventBus({
        sql: b.sql,
        queue: b.queue,
        engine,
        sweepMs: 200,
        backoff: { baseDelayMs: 20, maxDelayMs: 50 },
      });
    }, 60_000);

    afterAll(async () => {
      await bus?.close();
      await engine?.close();
      await b?.close();
      await peer?.close();
    });

    it("an OAuth connection is AUTHORIZING, then AUTHORIZED with LastAuthorizedTime once it has a token", async () => {
      const created = await bus.createConnection({
        Name: "oauth-ok",
        AuthorizationType: "OAUTH_CLIENT_CREDENTIALS",
        AuthParameters: oauth(`${peer.url}/oauth/token`, "good"),
      });
      expect(created.ConnectionState).toBe("AUTHORIZING");
      const described = await settled("oauth-ok");
      expect(described.ConnectionState).toBe("AUTHORIZED");
      expect(described.StateReason).toBeUndefined();
      expect(described.LastAuthorizedTime!.getTime()).toBeGreaterThanOrEqual(created.CreationTime.getTime());
    });

    it("a refused token request deauthorizes the connection; its deliveries fail, are retried and dead-lettered; UpdateConnection re-authorizes", async () => {
      const { ConnectionArn } = await bus.createConnection({
        Name: "oauth-refused",
        AuthorizationType: "OAUTH_CLIENT_CREDENTIALS",
        AuthParameters: oauth(`${peer.url}/oauth/token`, "wrong"),
      });
      const deauthorized = await settled("oauth-refused");
      expect(deauthorized).toMatchObject({ ConnectionState: "DEAUTHORIZED" });
      expect(deauthorized.StateReason).toMatch(
        /^The OAuth token request failed: POST .*\/oauth\/token answered 401/,
      );
      expect(deauthorized.StateReason).not.toContain("wrong");
      expect(deauthorized.LastAuthorizedTime).toBeUndefined();
      expect(
        (await bus.listConnections({ ConnectionState: "DEAUTHORIZED" })).Connections.map((c) => c.Name),
      ).toContain("oauth-refused");

      const { ApiDestinationArn } = await bus.createApiDestination({
        Name: "refused-api",
        ConnectionArn,
        InvocationEndpoint: `${peer.url}/api`,
        HttpMethod: "POST",
      });
      await bus.putRule({ Name: "refused", EventPattern: JSON.stringify({ source: ["refused"] }) });
      await bus.putTargets({
        Rule: "refused",
        Targets: [{ Id: "api", Arn: ApiDestinationArn, RetryPolicy: { MaximumRetryAttempts: 2 } }],
      });
      const tokensBefore = peer.on("/oauth/token").length;
      const { Entries } = await bus.putEvents({
        Entries: [{ Source: "refused", DetailType: "T", Detail: '{"n":1}' }],
      });
      const [dead] = await until(async () => {
        const letters = (await bus.listDeadLetters()).DeadLetters.filter(
          (d) => d.EventId === Entries[0]!.EventId,
        );
        return letters.length > 0 ? letters : undefined;
      }, "the dead letter");
      expect(dead!.Attempts).toBe(3); // the first attempt and MaximumRetryAttempts retries
      expect(dead!.LastError).toBe(
        `Connection authorization failed for ${ConnectionArn}: the connection is DEAUTHORIZED (${deauthorized.StateReason}); UpdateConnection re-authorizes it`,
      );
      // A DEAUTHORIZED connection neither asks for tokens nor calls the API.
      expect(peer.on("/oauth/token").length).toBe(tokensBefore);
      expect(peer.on("/api").filter((r) => r.body.includes(Entries[0]!.EventId!))).toEqual([]);

      const updated = await bus.updateConnection({
        Name: "oauth-refused",
        AuthParameters: { OAuthParameters: { ClientParameters: { ClientSecret: "good" } } },
      });
      expect(updated.ConnectionState).toBe("AUTHORIZING");
      expect(await settled("oauth-refused")).toMatchObject({ ConnectionState: "AUTHORIZED" });
      expect((await stateOf("oauth-refused")).StateReason).toBeUndefined();
      await bus.redriveDeadLetters({ DeliveryIds: [dead!.DeliveryId] });
      await until(
        () => peer.on("/api").find((r) => r.body.includes(Entries[0]!.EventId!)),
        "the redriven delivery",
      );
    });

    it("an unreachable authorization endpoint deauthorizes the connection", async () => {
      await bus.createConnection({
        Name: "oauth-unreachable",
        AuthorizationType: "OAUTH_CLIENT_CREDENTIALS",
        AuthParameters: oauth(`http://127.0.0.1:${await closedPort()}/token`, "good"),
      });
      const described = await settled("oauth-unreachable");
      expect(described.ConnectionState).toBe("DEAUTHORIZED");
      expect(described.StateReason).toMatch(
        /^The OAuth token request failed: POST .*\/token failed: .*ECONNREFUSED/,
      );
    });

    it("a token request answered 503 fails the call but does not deauthorize the connection", async () => {
      const { ConnectionArn } = await bus.createConnection({
        Name: "oauth-busy",
        AuthorizationType: "OAUTH_CLIENT_CREDENTIALS",
        AuthParameters: oauth(`${peer.url}/oauth/busy`, "good"),
      });
      const failed = await runHttpTask(engine, {
        ApiEndpoint: `${peer.url}/api`,
        Method: "GET",
        Authentication: { ConnectionArn },
      });
      expect(failed).toMatchObject({
        status: "FAILED",
        error: "Events.ConnectionResource.InvalidConnectionState",
      });
      expect(failed.cause).toContain("/oauth/busy answered 503");
      expect(await stateOf("oauth-busy")).toMatchObject({ ConnectionState: "AUTHORIZING" });
    });

    it("DeauthorizeConnection removes the secret: HTTP Tasks fail with InvalidConnectionState until UpdateConnection gives one", async () => {
      const { ConnectionArn } = await bus.createConnection({
        Name: "key-conn",
        AuthorizationType: "API_KEY",
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "x-api-key", ApiKeyValue: "k-1" } },
      });
      const authorized = await stateOf("key-conn");
      expect(authorized.ConnectionState).toBe("AUTHORIZED");
      const call = () =>
        runHttpTask(engine, {
          ApiEndpoint: `${peer.url}/api`,
          Method: "POST",
          Authentication: { ConnectionArn },
        });
      expect(await call()).toMatchObject({ status: "SUCCEEDED" });

      const answer = await bus.deauthorizeConnection({ Name: "key-conn" });
      expect(answer).toMatchObject({ ConnectionArn, ConnectionState: "DEAUTHORIZING" });
      expect(answer.LastAuthorizedTime).toEqual(authorized.LastAuthorizedTime);
      const deauthorized = await stateOf("key-conn");
      expect(deauthorized.ConnectionState).toBe("DEAUTHORIZED");
      expect(deauthorized.AuthParameters).toEqual({ ApiKeyAuthParameters: { ApiKeyName: "x-api-key" } });
      const apiBefore = peer.on("/api").length;
      const failed = await call();
      expect(failed).toMatchObject({
        status: "FAILED",
        error: "Events.ConnectionResource.InvalidConnectionState",
      });
      expect(failed.cause).toContain("the connection is DEAUTHORIZED");
      expect(peer.on("/api").length).toBe(apiBefore);

      // The secret is gone: an update must bring one.
      await expect(
        bus.updateConnection({
          Name: "key-conn",
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "x-key" } },
        }),
      ).rejects.toMatchObject({ code: "ValidationException" });
      // A description alone does not re-authorize it.
      await bus.updateConnection({ Name: "key-conn", Description: "partner" });
      expect(await stateOf("key-conn")).toMatchObject({
        ConnectionState: "DEAUTHORIZED",
        Description: "partner",
      });

      const updated = await bus.updateConnection({
        Name: "key-conn",
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyValue: "k-2" } },
      });
      expect(updated.ConnectionState).toBe("AUTHORIZED");
      expect(updated.LastAuthorizedTime!.getTime()).toBeGreaterThan(authorized.LastAuthorizedTime!.getTime());
      expect(await call()).toMatchObject({ status: "SUCCEEDED" });
      expect(peer.on("/api").at(-1)!.headers["x-api-key"]).toBe("k-2");
    });

    it("a token request of replaced credentials that fails late does not deauthorize the new ones", async () => {
      let open!: () => void;
      tokenGate = new Promise((resolve) => (open = resolve));
      await bus.createConnection({
        Name: "oauth-race",
        AuthorizationType: "OAUTH_CLIENT_CREDENTIALS",
        AuthParameters: oauth(`${peer.url}/oauth/token`, "stale"),
      });
      const stale = basic("app", "stale");
      await until(
        () => peer.on("/oauth/token").some((r) => r.headers.authorization === stale) || undefined,
        "the first token request",
      );
      await bus.updateConnection({
        Name: "oauth-race",
        AuthParameters: { OAuthParameters: { ClientParameters: { ClientSecret: "good" } } },
      });
      open();
      tokenGate = Promise.resolve();
      expect(await settled("oauth-race")).toMatchObject({ ConnectionState: "AUTHORIZED" });
    });
  });
}
