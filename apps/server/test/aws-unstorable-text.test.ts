import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  StartExecutionCommand,
  TagResourceCommand,
  ValidationException,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type Backend } from "./support/backends.ts";
import { startSfnServer, until, type SfnServer } from "./support/sfn-server.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
const definition = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });

// Found by the fuzz test: PostgreSQL stores neither U+0000 nor an unpaired surrogate escape in jsonb, so
// execution data is kept as JSON text; a NUL character in a text member (a tag) is still refused.
for (const b of backends) {
  describe.skipIf(!b.available)(`text PostgreSQL cannot store, on ${b.name}`, () => {
    let backend: Backend;
    let s: SfnServer;

    beforeAll(async () => {
      backend = await b.open();
      s = await startSfnServer(backend);
    });
    afterAll(async () => {
      await s?.close();
      await backend?.close();
    });

    it("runs an execution whose input holds \\u0000 or a lone surrogate, as AWS does, through a Task too", async () => {
      const { stateMachineArn } = await s.client.send(
        new CreateStateMachineCommand({
          name: "nul",
          roleArn,
          definition: JSON.stringify({
            StartAt: "Echo",
            States: {
              Echo: {
                Type: "Task",
                Resource: "arn:aws:lambda:us-east-1:123456789012:function:echo",
                End: true,
              },
            },
          }),
        }),
      );
      s.serve("echo", (input) => input);
      for (const input of ['{"a":"x\\u0000y"}', '["\\ud800"]', '["\\ud83d\\ude80"]']) {
        const { executionArn } = await s.client.send(new StartExecutionCommand({ stateMachineArn, input }));
        const done = await until(async () => {
          const d = await s.client.send(new DescribeExecutionCommand({ executionArn }));
          return d.status === "RUNNING" ? undefined : d;
        }, "the execution to end");
        expect(done.status).toBe("SUCCEEDED");
        expect(JSON.parse(done.output!)).toEqual(JSON.parse(input));
      }
      expect(s.logged.filter((l) => l.level === "error")).toEqual([]);
    });

    it("answers a NUL character in a stored member as ValidationException", async () => {
      const { stateMachineArn } = await s.client.send(
        new CreateStateMachineCommand({ name: "nul-tags", roleArn, definition }),
      );
      await expect(
        s.client.send(
          new TagResourceCommand({ resourceArn: stateMachineArn, tags: [{ key: "k", value: "a\u0000b" }] }),
        ),
      ).rejects.toBeInstanceOf(ValidationException);
      expect(s.logged.filter((l) => l.level === "error")).toEqual([]);
    });
  });
}
