import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../src/engine/create-engine.ts";
import type { RoutingConfigurationItem } from "../src/api/aliases.ts";
import { backends, type Backend } from "./support/engine-backends.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
const passing = (result: string) =>
  JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", Result: result, End: true } } });

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const backend of backends) {
  describe.skipIf(!backend.available)(`state machine aliases on ${backend.name}`, () => {
    let b: Backend;
    let engine: Engine;

    /** A machine with two published versions whose Pass states return "v1" and "v2". */
    async function twoVersions(name: string) {
      const created = await engine.stateMachines.create({
        name,
        definition: passing("v1"),
        roleArn,
        publish: true,
      });
      const updated = await engine.stateMachines.update({
        stateMachineArn: created.stateMachineArn,
        definition: passing("v2"),
        publish: true,
      });
      return {
        machineArn: created.stateMachineArn,
        v1: created.stateMachineVersionArn!,
        v2: updated.stateMachineVersionArn!,
      };
    }

    beforeAll(async () => {
      b = await backend.open();
      engine = await createEngine({ sql: b.sql, queue: b.queue, sweepMs: 200 });
    }, 60_000);

    afterAll(async () => {
      await engine?.close();
      await b?.close();
    });

    it("creates (idempotently), describes, updates, lists and deletes an alias", async () => {
      const { machineArn, v1, v2 } = await twoVersions("aliased");
      const routing = [{ stateMachineVersionArn: v1, weight: 100 }];
      const created = await engine.aliases.create({
        name: "live",
        description: "prod",
        routingConfiguration: routing,
      });
      expect(created.stateMachineAliasArn).toBe(`${machineArn}:live`);
      const again = await engine.aliases.create({
        name: "live",
        description: "prod",
        routingConfiguration: routing,
      });
      expect(again).toEqual(created);
      for (const different of [
        { name: "live", description: "other", routingConfiguration: routing },
        {
          name: "live",
          description: "prod",
          routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }],
        },
      ]) {
        await expect(engine.aliases.create(different)).rejects.toMatchObject({
          code: "ConflictException",
          message:
            "Failed to create alias because an alias with the same name and a different routing configuration already exists.",
        });
      }

      const aliasArn = created.stateMachineAliasArn;
      expect(await engine.aliases.describe(aliasArn)).toMatchObject({
        stateMachineAliasArn: aliasArn,
        name: "live",
        description: "prod",
        routingConfiguration: routing,
        creationDate: created.creationDate,
      });

      await engine.aliases.update({ stateMachineAliasArn: aliasArn, description: "new description" });
      const split = [
        { stateMachineVersionArn: v1, weight: 50 },
        { stateMachineVersionArn: v2, weight: 50 },
      ];
      const { updateDate } = await engine.aliases.update({
        stateMachineAliasArn: aliasArn,
        routingConfiguration: split,
      });
      const described = await engine.aliases.describe(aliasArn);
      expect(described).toMatchObject({
        description: "new description",
        routingConfiguration: split,
        updateDate,
      });
      await expect(engine.aliases.update({ stateMachineAliasArn: aliasArn })).rejects.toMatchObject({
        code: "ValidationException",
      });
      const other = await twoVersions("other-machine");
      await expect(
        engine.aliases.update({
          stateMachineAliasArn: aliasArn,
          routingConfiguration: [{ stateMachineVersionArn: other.v1, weight: 100 }],
        }),
      ).rejects.toMatchObject({ code: "ValidationException" });

      await engine.aliases.create({
        name: "beta",
        routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }],
      });
      await engine.aliases.create({
        name: "gamma",
        routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }],
      });
      const seen: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await engine.aliases.list({
          stateMachineArn: machineArn,
          maxResults: 1,
          ...(nextToken === undefined ? {} : { nextToken }),
        });
        expect(page.stateMachineAliases.length).toBeLessThanOrEqual(1);
        seen.push(...page.stateMachineAliases.map((a) => a.stateMachineAliasArn));
        nextToken = page.nextToken;
      } while (nextToken !== undefined);
      expect(seen).toEqual([`${machineArn}:live`, `${machineArn}:beta`, `${machineArn}:gamma`]);
      // A version ARN lists the aliases that route to that version.
      const toV2 = await engine.aliases.list({ stateMachineArn: v2 });
      expect(toV2.stateMachineAliases.map((a) => a.stateMachineAliasArn)).toEqual([
        `${machineArn}:live`,
        `${machineArn}:beta`,
      ]);
      await expect(engine.aliases.list({ stateMachineArn: `${machineArn}-missing` })).rejects.toMatchObject({
        code: "StateMachineDoesNotExist",
      });

      await expect(engine.stateMachines.deleteVersion(v2)).rejects.toMatchObject({
        code: "ConflictException",
      });
      await engine.aliases.delete(aliasArn);
      await engine.aliases.delete(aliasArn); // deleting a missing alias succeeds, as on AWS
      await expect(engine.aliases.describe(aliasArn)).rejects.toMatchObject({ code: "ResourceNotFound" });
      await expect(
        engine.aliases.update({ stateMachineAliasArn: aliasArn, description: "x" }),
      ).rejects.toMatchObject({
        code: "ResourceNotFound",
        message: "Request references a resource that does not exist.",
      });
      expect((await engine.aliases.list({ stateMachineArn: machineArn })).stateMachineAliases).toHaveLength(
        2,
      );
      await expect(engine.aliases.describe(v1)).rejects.toMatchObject({ code: "InvalidArn" });

      // Deleting the machine takes its aliases with it.
      await engine.stateMachines.delete(machineArn);
      await expect(engine.aliases.describe(`${machineArn}:beta`)).rejects.toMatchObject({
        code: "ResourceNotFound",
      });
    });

    it("rejects invalid names and routing configurations as AWS does", async () => {
      const { machineArn, v1, v2 } = await twoVersions("validated");
      const other = await twoVersions("validated-other");
      const pattern = "^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$";
      const names: [string, string][] = [
        [
          "123",
          `Value '123' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`,
        ],
        ["", "Member must have length greater than or equal to 1"],
        ["A".repeat(81), "Member must have length less than or equal to 80"],
        [
          "INVALID ALIAS",
          `Value 'INVALID ALIAS' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`,
        ],
        ["!INVALID", "Member must satisfy regular expression pattern"],
        ["ALIAS@", "Member must satisfy regular expression pattern"],
      ];
      for (const [name, message] of names) {
        await expect(
          engine.aliases.create({
            name,
            routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }],
          }),
        ).rejects.toMatchObject({
          code: "ValidationException",
          message: expect.stringContaining(message) as unknown,
        });
      }
      const v = (arn: string, weight: number): RoutingConfigurationItem => ({
        stateMachineVersionArn: arn,
        weight,
      });
      const routings: [string, RoutingConfigurationItem[], string, string][] = [
        ["empty", [], "ValidationException", "Member must have length greater than or equal to 1"],
        [
          "three",
          [v(v1, 50), v(v2, 30), v(v1, 20)],
          "ValidationException",
          "Member must have length less than or equal to 2",
        ],
        [
          "dup",
          [v(v1, 50), v(v1, 50)],
          "ValidationException",
          `Routing configuration must contain distinct state machine version ARNs. Received: [${v1}, ${v1}]`,
        ],
        [
          "machine",
          [v(machineArn, 100)],
          "ValidationException",
          `Routing configuration must contain state machine version ARNs. Received: [${machineArn}]`,
        ],
        [
          "big",
          [v(v1, 101)],
          "ValidationException",
          "Value '101' at 'routingConfiguration.1.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100",
        ],
        ["negative", [v(v1, -1)], "ValidationException", "Member must have value greater than or equal to 0"],
        ["fraction", [v(v1, 50.5), v(v2, 49.5)], "ValidationException", "Member must be an integer"],
        [
          "under",
          [v(v1, 70), v(v2, 29)],
          "ValidationException",
          "Sum of routing configuration weights must equal 100. Received: [70, 29]",
        ],
        [
          "over",
          [v(v1, 70), v(v2, 31)],
          "ValidationException",
          "Sum of routing configuration weights must equal 100. Received: [70, 31]",
        ],
        [
          "two-machines",
          [v(v1, 50), v(other.v1, 50)],
          "ValidationException",
          "versions of the same state machine",
        ],
        ["missing", [v(`${machineArn}:99`, 100)], "ResourceNotFound", `${machineArn}:99`],
      ];
      for (const [name, routingConfiguration, code, message] of routings) {
        await expect(engine.aliases.create({ name, routingConfiguration }), name).rejects.toMatchObject({
          code,
          message: expect.stringContaining(message) as unknown,
        });
      }
      expect((await engine.aliases.list({ stateMachineArn: machineArn })).stateMachineAliases).toEqual([]);
    });

    it("starts executions through an alias: records the alias and the version it picked, by weight", async () => {
      const { machineArn, v1, v2 } = await twoVersions("routed");
      const { stateMachineAliasArn } = await engine.aliases.create({
        name: "canary",
        routingConfiguration: [
          { stateMachineVersionArn: v1, weight: 100 },
          { stateMachineVersionArn: v2, weight: 0 },
        ],
      });
      const runAll = async (count: number) => {
        const picked: string[] = [];
        for (let i = 0; i < count; i++) {
          const { executionArn } = await engine.executions.start({ stateMachineArn: stateMachineAliasArn });
          const done = await until(async () => {
            const d = await engine.executions.describe(executionArn);
            return d.status === "RUNNING" ? undefined : d;
          }, "execution to finish");
          expect(done).toMatchObject({ status: "SUCCEEDED", stateMachineAliasArn });
          // The output proves which version's definition ran, not just which was recorded.
          expect(JSON.parse(done.output!)).toBe(done.stateMachineVersionArn === v1 ? "v1" : "v2");
          picked.push(done.stateMachineVersionArn!);
        }
        return picked;
      };
      expect(new Set(await runAll(12))).toEqual(new Set([v1]));

      await engine.aliases.update({
        stateMachineAliasArn,
        routingConfiguration: [
          { stateMachineVersionArn: v1, weight: 0 },
          { stateMachineVersionArn: v2, weight: 100 },
        ],
      });
      expect(new Set(await runAll(12))).toEqual(new Set([v2]));

      await engine.aliases.update({
        stateMachineAliasArn,
        routingConfiguration: [
          { stateMachineVersionArn: v1, weight: 50 },
          { stateMachineVersionArn: v2, weight: 50 },
        ],
      });
      // 40 fair coin flips all landing on one side has odds of 2^-39.
      expect(new Set(await runAll(40))).toEqual(new Set([v1, v2]));

      const listed = await engine.executions.list({ stateMachineArn: machineArn, maxResults: 1000 });
      expect(listed.executions).toHaveLength(64);
      for (const item of listed.executions) expect(item).toMatchObject({ stateMachineAliasArn });
      await expect(
        engine.executions.start({ stateMachineArn: `${machineArn}:no-such-alias` }),
      ).rejects.toMatchObject({ code: "ResourceNotFound" });
    }, 60_000);
  });
}
