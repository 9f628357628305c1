import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CreateConnectionCommand,
  DeauthorizeConnectionCommand,
  DescribeConnectionCommand,
  ListConnectionsCommand,
  UpdateConnectionCommand,
} from "@aws-sdk/client-eventbridge";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  InvalidDefinition,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type Backend } from "./support/backends.ts";
import { startEventsServer, type EventsServer } from "./support/events-server.ts";
import { until } from "./support/sfn-server.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
describe.each(backends.filter((b) => b.available))(
  "HTTP Task through the AWS SDKs (EventBridge connection + Step Functions) on $name",
  (setup) => {
    let backend: Backend;
    let server: EventsServer;
    let partner: Server;
    let partnerUrl: string;
    const received: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];

    beforeAll(async () => {
      backend = await setup.open();
      server = await startEventsServer(backend);
      partner = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
        req.on("end", () => {
          received.push({ url: req.url ?? "", headers: req.headers, body });
          res.writeHead(202, { "content-type": "application/json" }).end('{"ticket":"T-9"}');
        });
      });
      await new Promise<void>((resolve) => partner.listen(0, "127.0.0.1", resolve));
      partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
    }, 60_000);

    afterAll(async () => {
      await server?.close();
      await backend?.close();
      await new Promise<void>((resolve) => partner?.close(() => resolve()));
    });

    it("calls the endpoint with the connection's API key and records the answer as the task's result", async () => {
      const { ConnectionArn } = await server.events.send(
        new CreateConnectionCommand({
          Name: "ticketing",
          AuthorizationType: "API_KEY",
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "x-api-key", ApiKeyValue: "k-1" } },
        }),
      );
      const { stateMachineArn } = await server.sfn.send(
        new CreateStateMachineCommand({
          name: "open-ticket",
          roleArn,
          definition: JSON.stringify({
            StartAt: "Open",
            States: {
              Open: {
                Type: "Task",
                Resource: "arn:aws:states:::http:invoke",
                Parameters: {
                  ApiEndpoint: `${partnerUrl}/tickets`,
                  Method: "POST",
                  Authentication: { ConnectionArn },
                  "RequestBody.$": "$",
                },
                ResultSelector: { "status.$": "$.StatusCode", "ticket.$": "$.ResponseBody.ticket" },
                End: true,
              },
            },
          }),
        }),
      );
      const { executionArn } = await server.sfn.send(
        new StartExecutionCommand({ stateMachineArn, input: '{"title":"printer on fire"}' }),
      );
      const done = await until(async () => {
        const d = await server.sfn.send(new DescribeExecutionCommand({ executionArn }));
        return d.status === "RUNNING" ? undefined : d;
      }, "the execution to end");
      expect(done.status).toBe("SUCCEEDED");
      expect(JSON.parse(done.output!)).toEqual({ status: 202, ticket: "T-9" });
      expect(received).toHaveLength(1);
      expect(received[0]!.headers["x-api-key"]).toBe("k-1");
      expect(JSON.parse(received[0]!.body)).toEqual({ title: "printer on fire" });
      const { events } = await server.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
      expect(events?.find((e) => e.type === "TaskScheduled")?.taskScheduledEventDetails).toMatchObject({
        resourceType: "http",
        resource: "invoke",
      });
      expect(server.logged).toEqual([]);
    });

    it("DeauthorizeConnection and UpdateConnection round-trip; a deauthorized connection fails the task as AWS does", async () => {
      const { ConnectionArn } = await server.events.send(
        new CreateConnectionCommand({
          Name: "billing",
          AuthorizationType: "BASIC",
          AuthParameters: { BasicAuthParameters: { Username: "u", Password: "p-1" } },
        }),
      );
      const { stateMachineArn } = await server.sfn.send(
        new CreateStateMachineCommand({
          name: "bill",
          roleArn,
          definition: JSON.stringify({
            StartAt: "Bill",
            States: {
              Bill: {
                Type: "Task",
                Resource: "arn:aws:states:::http:invoke",
                Parameters: {
                  ApiEndpoint: `${partnerUrl}/bills`,
                  Method: "POST",
                  Authentication: { ConnectionArn },
                },
                End: true,
              },
            },
          }),
        }),
      );
      const run = async () => {
        const { executionArn } = await server.sfn.send(
          new StartExecutionCommand({ stateMachineArn, input: "{}" }),
        );
        return until(async () => {
          const d = await server.sfn.send(new DescribeExecutionCommand({ executionArn }));
          return d.status === "RUNNING" ? undefined : d;
        }, "the execution to end");
      };

      const deauthorized = await server.events.send(new DeauthorizeConnectionCommand({ Name: "billing" }));
      expect(deauthorized).toMatchObject({ ConnectionArn, ConnectionState: "DEAUTHORIZING" });
      expect(deauthorized.LastAuthorizedTime).toBeInstanceOf(Date);
      const described = await server.events.send(new DescribeConnectionCommand({ Name: "billing" }));
      expect(described).toMatchObject({
        ConnectionState: "DEAUTHORIZED",
        AuthParameters: { BasicAuthParameters: { Username: "u" } },
      });
      expect(described.LastModifiedTime!.getTime()).toBeGreaterThanOrEqual(described.CreationTime!.getTime());
      const listed = await server.events.send(
        new ListConnectionsCommand({ ConnectionState: "DEAUTHORIZED" }),
      );
      expect(listed.Connections?.map((c) => c.Name)).toEqual(["billing"]);
      const before = received.length;
      const failed = await run();
      expect(failed).toMatchObject({
        status: "FAILED",
        error: "Events.ConnectionResource.InvalidConnectionState",
      });
      expect(received).toHaveLength(before);

      const updated = await server.events.send(
        new UpdateConnectionCommand({
          Name: "billing",
          AuthParameters: { BasicAuthParameters: { Password: "p-2" } },
        }),
      );
      expect(updated).toMatchObject({ ConnectionArn, ConnectionState: "AUTHORIZED" });
      expect(updated.LastAuthorizedTime!.getTime()).toBeGreaterThanOrEqual(
        deauthorized.LastAuthorizedTime!.getTime(),
      );
      expect(await run()).toMatchObject({ status: "SUCCEEDED" });
      expect(received.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from("u:p-2").toString("base64")}`);
      expect(server.logged).toEqual([]);
    });

    it("refuses an HTTP Task with .waitForTaskToken as an InvalidDefinition", async () => {
      const create = server.sfn.send(
        new CreateStateMachineCommand({
          name: "callback-http",
          roleArn,
          definition: JSON.stringify({
            StartAt: "Open",
            States: {
              Open: {
                Type: "Task",
                Resource: "arn:aws:states:::http:invoke.waitForTaskToken",
                Parameters: { ApiEndpoint: `${partnerUrl}/tickets`, Method: "POST" },
                End: true,
              },
            },
          }),
        }),
      );
      await expect(create).rejects.toBeInstanceOf(InvalidDefinition);
      await expect(create).rejects.toMatchObject({
        message: expect.stringContaining(
          "the HTTP Task supports only the request-response pattern",
        ) as unknown,
      });
    });
  },
);
