import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CreateStateMachineCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartSyncExecutionCommand,
} from "@aws-sdk/client-sfn";
import { SignatureV4 } from "@smithy/signature-v4";
import { createEngine, createMemoryTaskQueue, createPgliteSqlClient, type Engine } from "@stepflow/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import type { Logger } from "../src/logger.ts";
import { parseAccessKeys } from "../src/security/access-keys.ts";
import { NodeSha256 } from "../src/security/node-sha256.ts";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const OTHER_SECRET = "another+secret/for/the-second-key";

describe("SigV4 verification on the AWS protocol", () => {
  let engine: Engine;
  let server: Server;
  let url: string;
  const logged: string[] = [];
  const clients: SFNClient[] = [];

  function client(accessKeyId: string, secretAccessKey: string): SFNClient {
    const c = new SFNClient({
      endpoint: url,
      region: "eu-west-3",
      credentials: { accessKeyId, secretAccessKey },
      maxAttempts: 1,
      disableHostPrefix: true,
    });
    clients.push(c);
    return c;
  }

  /** Signs a ListStateMachines request as the SDK would, at `date`, with `secret`. */
  async function signed(
    options: { body?: string; date?: Date; secret?: string; service?: string; bodyHashHeader?: boolean } = {},
  ) {
    const body = options.body ?? "{}";
    const host = new URL(url).host;
    const signer = new SignatureV4({
      credentials: { accessKeyId: "AKIDGOOD", secretAccessKey: options.secret ?? SECRET },
      region: "us-east-1",
      service: options.service ?? "states",
      sha256: NodeSha256,
      // Clients choose whether to send and sign x-amz-content-sha256; both ways must verify.
      applyChecksum: options.bodyHashHeader ?? false,
    });
    const request = await signer.sign(
      {
        method: "POST",
        protocol: "http:",
        hostname: host.split(":")[0]!,
        port: Number(host.split(":")[1]),
        path: "/",
        query: {},
        headers: {
          host,
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": "AWSStepFunctions.ListStateMachines",
        },
        body,
      },
      options.date === undefined ? {} : { signingDate: options.date },
    );
    return { headers: request.headers as Record<string, string>, body };
  }

  async function send(headers: Record<string, string>, body: string) {
    const { host: _host, ...rest } = headers; // fetch sets Host itself (the same value)
    const res = await fetch(url, { method: "POST", headers: rest, body });
    return { status: res.status, body: (await res.json()) as { __type: string; message: string } };
  }

  beforeAll(async () => {
    engine = await createEngine({ sql: await createPgliteSqlClient({}), queue: createMemoryTaskQueue() });
    const log: Logger = {
      error: (fields, message) => logged.push(JSON.stringify({ message, ...fields })),
      warn: (fields, message) => logged.push(JSON.stringify({ message, ...fields })),
    };
    const app = createApp({
      engine,
      log,
      security: { accessKeys: parseAccessKeys(`AKIDGOOD:${SECRET}, AKIDTWO:${OTHER_SECRET}`), apiKeys: [] },
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await engine?.close();
  });

  it("accepts the SDK with a configured key (any region), including a host-prefixed action", async () => {
    const sfn = client("AKIDGOOD", SECRET);
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: "signed",
        roleArn: "arn:aws:iam::123456789012:role/r",
        type: "EXPRESS",
        definition: JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }),
      }),
    );
    const run = await sfn.send(
      new StartSyncExecutionCommand({ stateMachineArn: created.stateMachineArn!, input: '{"a":"ü"}' }),
    );
    expect(run.output).toBe('{"a":"ü"}');
    const list = await client("AKIDTWO", OTHER_SECRET).send(new ListStateMachinesCommand({}));
    expect(list.stateMachines?.map((m) => m.name)).toEqual(["signed"]);
  });

  it("rejects a wrong secret with InvalidSignatureException", async () => {
    await expect(
      client("AKIDGOOD", "not-the-secret").send(new ListStateMachinesCommand({})),
    ).rejects.toMatchObject({
      name: "InvalidSignatureException",
      $metadata: { httpStatusCode: 403 },
      message: expect.stringContaining("does not match the signature you provided") as string,
    });
  });

  it("rejects an unknown access key with UnrecognizedClientException", async () => {
    await expect(client("AKIDNOBODY", SECRET).send(new ListStateMachinesCommand({}))).rejects.toMatchObject({
      name: "UnrecognizedClientException",
      $metadata: { httpStatusCode: 403 },
      message: "The security token included in the request is invalid.",
    });
  });

  it("accepts a correctly signed raw request and rejects it once the body is altered", async () => {
    const { headers, body } = await signed({ body: '{"maxResults":5}' });
    expect((await send(headers, body)).status).toBe(200);
    const altered = await send(headers, '{"maxResults":6}');
    expect(altered).toEqual({
      status: 403,
      body: {
        __type: "InvalidSignatureException",
        message: expect.stringContaining("does not match the signature you provided") as string,
      },
    });
    // With a signed x-amz-content-sha256, the header must be the body's hash.
    const hashed = await signed({ body: '{"maxResults":5}', bodyHashHeader: true });
    expect(hashed.headers["x-amz-content-sha256"]).toMatch(/^[0-9a-f]{64}$/);
    expect((await send(hashed.headers, hashed.body)).status).toBe(200);
    expect((await send(hashed.headers, '{"maxResults":6}')).body).toEqual({
      __type: "InvalidSignatureException",
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    });
  });

  it("rejects a changed signed header (the target)", async () => {
    const { headers, body } = await signed();
    const res = await send({ ...headers, "x-amz-target": "AWSStepFunctions.ListActivities" }, body);
    expect(res).toMatchObject({ status: 403, body: { __type: "InvalidSignatureException" } });
  });

  it("rejects a request signed more than 15 minutes ago or ahead, with AWS's messages", async () => {
    const expired = await signed({ date: new Date(Date.now() - 16 * 60_000) });
    const res = await send(expired.headers, expired.body);
    expect(res.status).toBe(403);
    expect(res.body.__type).toBe("InvalidSignatureException");
    expect(res.body.message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
    const ahead = await signed({ date: new Date(Date.now() + 16 * 60_000) });
    expect((await send(ahead.headers, ahead.body)).body.message).toMatch(/^Signature not yet current: /);
    const skewed = await signed({ date: new Date(Date.now() - 14 * 60_000) });
    expect((await send(skewed.headers, skewed.body)).status).toBe(200);
  });

  it("rejects missing and malformed authorization and a credential scoped to another service", async () => {
    const { headers, body } = await signed();
    const { authorization, ...unsigned } = headers;
    expect(await send(unsigned, body)).toEqual({
      status: 403,
      body: { __type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" },
    });
    const incomplete = await send(
      { ...unsigned, authorization: "AWS4-HMAC-SHA256 Credential=AKIDGOOD" },
      body,
    );
    expect(incomplete.status).toBe(403);
    expect(incomplete.body.__type).toBe("IncompleteSignatureException");
    expect(incomplete.body.message).toContain("Authorization header requires 'Signature' parameter.");
    const basic = await send({ ...unsigned, authorization: "Basic dXNlcjpwYXNz" }, body);
    expect(basic.body.__type).toBe("IncompleteSignatureException");
    const lambda = await signed({ service: "lambda" });
    expect((await send(lambda.headers, lambda.body)).body).toEqual({
      __type: "InvalidSignatureException",
      message: "Credential should be scoped to correct service: 'states'.",
    });
    const token = await send({ ...headers, "x-amz-security-token": "session" }, body);
    expect(token.body.__type).toBe("UnrecognizedClientException");
    expect(authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDGOOD\//);
  });

  it("verifies before it looks at the target, and never logs a secret", async () => {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "x-amz-target": "AWSStepFunctions.NoSuchThing",
        "content-type": "application/x-amz-json-1.0",
      },
      body: "{",
    });
    expect(res.status).toBe(403);
    expect(logged.join("\n")).not.toContain(SECRET);
    expect(logged.join("\n")).not.toContain(OTHER_SECRET);
  });
});
