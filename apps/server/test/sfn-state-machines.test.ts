import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DeleteStateMachineVersionCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  ListStateMachineVersionsCommand,
  ListTagsForResourceCommand,
  PublishStateMachineVersionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
  InvalidArn,
  InvalidDefinition,
  InvalidName,
  ResourceNotFound,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
  ValidationException,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type Backend } from "./support/backends.ts";
import { startSfnServer, type SfnServer } from "./support/sfn-server.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
const pass = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", End: true } } });

describe("state machines, versions, tags and validation through @aws-sdk/client-sfn", () => {
  let backend: Backend;
  let s: SfnServer;

  beforeAll(async () => {
    backend = await backends[0]!.open();
    s = await startSfnServer(backend);
  });
  afterAll(async () => {
    await s?.close();
    await backend?.close();
  });

  it("creates, describes, lists, updates and deletes a state machine", async () => {
    const created = await s.client.send(
      new CreateStateMachineCommand({ name: "crud", definition: pass, roleArn }),
    );
    expect(created.stateMachineArn).toBe("arn:aws:states:us-east-1:123456789012:stateMachine:crud");
    expect(created.creationDate).toBeInstanceOf(Date);
    expect(Math.abs(created.creationDate!.getTime() - Date.now())).toBeLessThan(60_000);

    const described = await s.client.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }),
    );
    expect(described).toMatchObject({
      name: "crud",
      definition: pass,
      roleArn,
      type: "STANDARD",
      status: "ACTIVE",
    });
    expect(described.creationDate?.getTime()).toBe(created.creationDate?.getTime());

    const listed = await s.client.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines?.map((m) => m.name)).toContain("crud");

    const next = JSON.stringify({ StartAt: "B", States: { B: { Type: "Succeed" } } });
    const updated = await s.client.send(
      new UpdateStateMachineCommand({ stateMachineArn: created.stateMachineArn, definition: next }),
    );
    expect(updated.updateDate).toBeInstanceOf(Date);
    expect(updated.revisionId).not.toBe(described.revisionId);
    expect(
      (await s.client.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn })))
        .definition,
    ).toBe(next);

    await s.client.send(new DeleteStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    await expect(
      s.client.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });

  it("pages through ListStateMachines", async () => {
    for (const i of [1, 2, 3]) {
      await s.client.send(new CreateStateMachineCommand({ name: `page-${i}`, definition: pass, roleArn }));
    }
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await s.client.send(new ListStateMachinesCommand({ maxResults: 1, nextToken }));
      expect(page.stateMachines!.length).toBeLessThanOrEqual(1);
      names.push(...page.stateMachines!.map((m) => m.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(names.filter((n) => n.startsWith("page-"))).toEqual(["page-1", "page-2", "page-3"]);
  });

  it("publishes, lists, describes and deletes versions", async () => {
    const { stateMachineArn, stateMachineVersionArn } = await s.client.send(
      new CreateStateMachineCommand({
        name: "versioned",
        definition: pass,
        roleArn,
        publish: true,
        versionDescription: "v1",
      }),
    );
    expect(stateMachineVersionArn).toBe(`${stateMachineArn}:1`);
    const again = await s.client.send(new PublishStateMachineVersionCommand({ stateMachineArn }));
    expect(again.stateMachineVersionArn).toBe(`${stateMachineArn}:1`); // same revision: same version, as on AWS
    const next = JSON.stringify({ StartAt: "B", States: { B: { Type: "Succeed" } } });
    await s.client.send(new UpdateStateMachineCommand({ stateMachineArn, definition: next }));
    const second = await s.client.send(
      new PublishStateMachineVersionCommand({ stateMachineArn, description: "v2" }),
    );
    expect(second.stateMachineVersionArn).toBe(`${stateMachineArn}:2`);
    expect(second.creationDate).toBeInstanceOf(Date);
    const versions = await s.client.send(new ListStateMachineVersionsCommand({ stateMachineArn }));
    expect(versions.stateMachineVersions?.map((v) => v.stateMachineVersionArn)).toEqual([
      `${stateMachineArn}:2`,
      `${stateMachineArn}:1`,
    ]);
    const v1 = await s.client.send(
      new DescribeStateMachineCommand({ stateMachineArn: `${stateMachineArn}:1` }),
    );
    expect(v1).toMatchObject({ stateMachineArn: `${stateMachineArn}:1`, definition: pass });
    await s.client.send(
      new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${stateMachineArn}:1` }),
    );
    const after = await s.client.send(new ListStateMachineVersionsCommand({ stateMachineArn }));
    expect(after.stateMachineVersions?.map((v) => v.stateMachineVersionArn)).toEqual([
      `${stateMachineArn}:2`,
    ]);
    await expect(
      s.client.send(
        new CreateStateMachineCommand({
          name: "bad-desc",
          definition: pass,
          roleArn,
          versionDescription: "x",
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it("tags and untags a state machine; a deleted machine's tags are gone", async () => {
    const { stateMachineArn } = await s.client.send(
      new CreateStateMachineCommand({
        name: "tagged",
        definition: pass,
        roleArn,
        tags: [{ key: "team", value: "a" }],
      }),
    );
    await s.client.send(
      new TagResourceCommand({
        resourceArn: stateMachineArn,
        tags: [
          { key: "env", value: "dev" },
          { key: "team", value: "b" },
        ],
      }),
    );
    expect(
      (await s.client.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags,
    ).toEqual([
      { key: "env", value: "dev" },
      { key: "team", value: "b" },
    ]);
    await s.client.send(
      new UntagResourceCommand({ resourceArn: stateMachineArn, tagKeys: ["team", "absent"] }),
    );
    expect(
      (await s.client.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags,
    ).toEqual([{ key: "env", value: "dev" }]);
    await s.client.send(new DeleteStateMachineCommand({ stateMachineArn }));
    await expect(
      s.client.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn })),
    ).rejects.toBeInstanceOf(ResourceNotFound);
    await s.client.send(new CreateStateMachineCommand({ name: "tagged", definition: pass, roleArn }));
    expect(
      (await s.client.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags,
    ).toEqual([]);
    await expect(
      s.client.send(
        new ListTagsForResourceCommand({
          resourceArn: "arn:aws:states:us-east-1:123456789012:execution:x:y",
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidArn);
    const many = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    await expect(
      s.client.send(new TagResourceCommand({ resourceArn: stateMachineArn, tags: many })),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it("validates a definition with AWS's response shape", async () => {
    const ok = await s.client.send(new ValidateStateMachineDefinitionCommand({ definition: pass }));
    expect(ok).toMatchObject({ result: "OK", diagnostics: [] });
    const bad = await s.client.send(
      new ValidateStateMachineDefinitionCommand({
        definition: JSON.stringify({ StartAt: "X", States: { A: { Type: "Pass", Next: "B" } } }),
      }),
    );
    expect(bad.result).toBe("FAIL");
    expect(bad.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: "ERROR",
          code: "SCHEMA_VALIDATION_FAILED",
          location: "/States/A/Next",
        }),
      ]),
    );
    const notJson = await s.client.send(new ValidateStateMachineDefinitionCommand({ definition: "{" }));
    expect(notJson.diagnostics?.[0]).toMatchObject({ severity: "ERROR", code: "INVALID_JSON_DESCRIPTION" });
  });

  it("throws the SDK's typed errors", async () => {
    const missing = "arn:aws:states:us-east-1:123456789012:stateMachine:nope";
    await expect(
      s.client.send(new DescribeStateMachineCommand({ stateMachineArn: missing })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(
      s.client.send(new DescribeStateMachineCommand({ stateMachineArn: "not-an-arn" })),
    ).rejects.toBeInstanceOf(InvalidArn);
    const invalid = s.client.send(
      new CreateStateMachineCommand({
        name: "invalid",
        roleArn,
        definition: JSON.stringify({ StartAt: "X", States: { A: { Type: "Pass", End: true } } }),
      }),
    );
    await expect(invalid).rejects.toBeInstanceOf(InvalidDefinition);
    await expect(invalid).rejects.toMatchObject({
      name: "InvalidDefinition",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      s.client.send(new CreateStateMachineCommand({ name: "bad name", definition: pass, roleArn })),
    ).rejects.toBeInstanceOf(InvalidName);
    await s.client.send(new CreateStateMachineCommand({ name: "taken", definition: pass, roleArn }));
    await expect(
      s.client.send(
        new CreateStateMachineCommand({ name: "taken", definition: pass, roleArn: `${roleArn}-other` }),
      ),
    ).rejects.toBeInstanceOf(StateMachineAlreadyExists);
    await expect(
      s.client.send(new CreateStateMachineCommand({ name: "x".repeat(81), definition: pass, roleArn })),
    ).rejects.toMatchObject({
      name: "ValidationException",
      message: `1 validation error detected: Value '${"x".repeat(81)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80`,
    });
    await expect(s.client.send(new ListStateMachinesCommand({ maxResults: 1001 }))).rejects.toBeInstanceOf(
      ValidationException,
    );
    expect(s.logged).toEqual([]);
  });
});
