import { describe, expect, it } from "vitest";
import { AwsError } from "../errors/aws-error.ts";
import { EVENTS_ACTIONS } from "./events-actions.ts";
import { EVENTS_REQUEST_SHAPES } from "./events-request-shapes.ts";
import { readShape, type Shape } from "./wire-shape.ts";

const shape: Shape & { kind: "structure" } = {
  kind: "structure",
  required: ["Name"],
  members: {
    Name: { kind: "string", min: 1, max: 8, pattern: "[a-z]+" },
    Mode: { kind: "string", enum: ["A", "B"] },
    Count: { kind: "integer", min: 1, max: 100 },
    Secret: { kind: "string", min: 3, sensitive: true },
    At: { kind: "timestamp" },
    Flag: { kind: "boolean" },
    Items: {
      kind: "list",
      max: 2,
      member: { kind: "structure", required: ["Id"], members: { Id: { kind: "string", max: 2 } } },
    },
    Paths: { kind: "map", key: { kind: "string" }, value: { kind: "string", max: 3 } },
  },
};

function error(body: unknown): AwsError {
  try {
    readShape(shape, body);
  } catch (e) {
    expect(e).toBeInstanceOf(AwsError);
    return e as AwsError;
  }
  throw new Error("accepted");
}

describe("readShape", () => {
  it("returns the known members, nulls dropped, timestamps as Dates", () => {
    expect(
      readShape(shape, {
        Name: "abc",
        Mode: null,
        At: 1_700_000_000.5,
        Flag: false,
        Items: [{ Id: "x", Other: 1 }, null],
        Paths: { a: "$.b", gone: null },
        Unknown: [1],
      }),
    ).toEqual({
      Name: "abc",
      At: new Date(1_700_000_000_500),
      Flag: false,
      Items: [{ Id: "x" }],
      Paths: { a: "$.b" },
    });
  });

  it.each([
    [{ Name: 1 }, "'name' must be a string, not a number"],
    [{ Name: "a", Count: 1.5 }, "'count' must be an integer, not a number"],
    [{ Name: "a", Flag: "true" }, "'flag' must be a boolean, not a string"],
    [{ Name: "a", At: "2024-01-01" }, "'at' must be a timestamp (epoch seconds), not a string"],
    [{ Name: "a", Items: {} }, "'items' must be a list, not an object"],
    [{ Name: "a", Items: ["x"] }, "'items.1.member' must be an object, not a string"],
    [{ Name: "a", Paths: [] }, "'paths' must be a map, not a list"],
    [[], "'request body' must be an object, not a list"],
  ])("throws SerializationException for a wrong JSON type: %j", (body, message) => {
    const e = error(body);
    expect(e.type).toBe("SerializationException");
    expect(e.message).toBe(message);
  });

  it("collects every constraint violation into one ValidationException in AWS's words", () => {
    const e = error({
      Mode: "C",
      Count: 0,
      Secret: "no",
      Items: [{ Id: "long" }, {}, { Id: "a" }],
      Paths: { k: "$.toolong" },
    });
    expect(e.type).toBe("ValidationException");
    expect(e.status).toBe(400);
    expect(e.message).toBe(
      "8 validation errors detected: " +
        "Value null at 'name' failed to satisfy constraint: Member must not be null; " +
        "Value 'C' at 'mode' failed to satisfy constraint: Member must satisfy enum value set: [A, B]; " +
        "Value '0' at 'count' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value at 'secret' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
        'Value \'[{"Id":"long"}, {}, {"Id":"a"}]\' at \'items\' failed to satisfy constraint: Member must have length less than or equal to 2; ' +
        "Value 'long' at 'items.1.member.id' failed to satisfy constraint: Member must have length less than or equal to 2; " +
        "Value null at 'items.2.member.id' failed to satisfy constraint: Member must not be null; " +
        "Value '$.toolong' at 'paths.k.member' failed to satisfy constraint: Member must have length less than or equal to 3",
    );
  });

  it("matches patterns against the whole value", () => {
    expect(error({ Name: "abc1" }).message).toBe(
      "1 validation error detected: Value 'abc1' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+",
    );
  });
});

describe("the action table", () => {
  it("has a request shape for every action and an action for every shape", () => {
    expect([...EVENTS_ACTIONS.keys()].sort()).toEqual(Object.keys(EVENTS_REQUEST_SHAPES).sort());
  });
});
