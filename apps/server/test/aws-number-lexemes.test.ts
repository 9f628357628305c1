import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  InvalidDefinition,
  StartExecutionCommand,
  TestStateCommand,
  ValidateStateMachineDefinitionCommand,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type Backend } from "./support/backends.ts";
import { startSfnServer, until, type SfnServer } from "./support/sfn-server.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
// Definitions and inputs are JSON text written by hand: JSON.stringify of an object would print 1.0 as 1.
const definition = `{"StartAt":"Mark","States":{
  "Mark":{"Type":"Pass","Result":{"ratio":1.0,"big":98765432109876543210},"ResultPath":"$.mark","Next":"Check"},
  "Check":{"Type":"Choice","Choices":[{"Variable":"$.id","NumericGreaterThan":12345678901234567889,"Next":"Done"}],
    "Default":"Wrong"},
  "Wrong":{"Type":"Fail","Error":"Wrong","Cause":"big integers compared inexactly"},
  "Done":{"Type":"Pass","End":true}}}`;
const input = '{"a":1.0,"id":12345678901234567890,"e":1e2,"z":-0}';
const output =
  '{"a":1.0,"id":12345678901234567890,"e":1e2,"z":-0,"mark":{"ratio":1.0,"big":98765432109876543210}}';

// AWS keeps JSON number lexemes as written: 1.0 stays 1.0, and ids beyond 2^53 keep every digit.
for (const b of backends) {
  describe.skipIf(!b.available)(`number lexemes over the AWS JSON protocol, on ${b.name}`, () => {
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

    it("returns StartExecution's input lexemes in DescribeExecution's output and in the history", async () => {
      const { stateMachineArn } = await s.client.send(
        new CreateStateMachineCommand({ name: "lexemes", roleArn, definition }),
      );
      const { executionArn } = await s.client.send(new StartExecutionCommand({ stateMachineArn, input }));
      const done = await until(async () => {
        const d = await s.client.send(new DescribeExecutionCommand({ executionArn }));
        return d.status === "RUNNING" ? undefined : d;
      }, "the execution to end");
      expect(done).toMatchObject({ status: "SUCCEEDED", input, output });

      const { events = [] } = await s.client.send(new GetExecutionHistoryCommand({ executionArn }));
      expect(events[0]?.executionStartedEventDetails?.input).toBe(input);
      const exited = events.find((e) => e.type === "PassStateExited");
      expect(exited?.stateExitedEventDetails?.output).toBe(
        '{"a":1.0,"id":12345678901234567890,"e":1e2,"z":-0,"mark":{"ratio":1.0,"big":98765432109876543210}}',
      );
      expect(events.at(-1)?.executionSucceededEventDetails?.output).toBe(output);
      expect(s.logged.filter((l) => l.level === "error")).toEqual([]);
    });

    it("keeps lexemes in TestState's output", async () => {
      const result = await s.client.send(
        new TestStateCommand({
          definition: '{"Type":"Pass","Parameters":{"v.$":"$.id","r":2.50},"End":true}',
          roleArn,
          input: '{"id":12345678901234567890}',
        }),
      );
      expect(result).toMatchObject({ status: "SUCCEEDED", output: '{"v":12345678901234567890,"r":2.50}' });
    });

    it("refuses a definition that names a state twice, at the state's path", async () => {
      const twice = `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true},"A":{"Type":"Succeed"}}}`;
      const create = s.client.send(
        new CreateStateMachineCommand({ name: "twice", roleArn, definition: twice }),
      );
      await expect(create).rejects.toBeInstanceOf(InvalidDefinition);
      await expect(create).rejects.toThrow(/DUPLICATE_STATE_NAME/);
      const validated = await s.client.send(new ValidateStateMachineDefinitionCommand({ definition: twice }));
      expect(validated).toMatchObject({
        result: "FAIL",
        diagnostics: [{ severity: "ERROR", code: "DUPLICATE_STATE_NAME", location: "/States/A" }],
      });
    });
  });
}
