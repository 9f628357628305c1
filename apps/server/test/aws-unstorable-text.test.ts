import {
  CreateStateMachineCommand,
  InvalidExecutionInput,
  StartExecutionCommand,
  TagResourceCommand,
  ValidationException,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type Backend } from "./support/backends.ts";
import { startSfnServer, type SfnServer } from "./support/sfn-server.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
const definition = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });

// Found by the fuzz test: PostgreSQL stores neither U+0000 nor an unpaired surrogate escape in jsonb.
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

    it("answers an execution input with \\u0000 or a lone surrogate as InvalidExecutionInput", async () => {
      const { stateMachineArn } = await s.client.send(
        new CreateStateMachineCommand({ name: "nul", roleArn, definition }),
      );
      for (const input of ['{"a":"x\\u0000y"}', '["\\ud800"]']) {
        await expect(
          s.client.send(new StartExecutionCommand({ stateMachineArn, input })),
        ).rejects.toBeInstanceOf(InvalidExecutionInput);
      }
      const ok = await s.client.send(
        new StartExecutionCommand({ stateMachineArn, input: '["\\ud83d\\ude80"]' }),
      );
      expect(ok.executionArn).toContain(":execution:nul:");
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
