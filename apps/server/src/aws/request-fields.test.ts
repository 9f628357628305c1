import { describe, expect, it } from "vitest";
import { AwsError } from "../errors/aws-error.ts";
import { RequestFields } from "./request-fields.ts";

function thrown(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AwsError) return error;
    throw error;
  }
  throw new Error("did not throw");
}

describe("RequestFields", () => {
  it("reads present members and treats null as absent", () => {
    const f = new RequestFields({ name: "a", maxResults: 5, publish: true, input: null });
    expect(f.string("name", { min: 1, max: 80 })).toBe("a");
    expect(f.optionalInteger("maxResults", 0, 1000)).toBe(5);
    expect(f.optionalBoolean("publish")).toBe(true);
    expect(f.optionalString("input")).toBeUndefined();
    expect(() => f.done()).not.toThrow();
  });

  it.each([
    [
      {},
      (f: RequestFields) => f.string("name"),
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    ],
    [
      { name: "" },
      (f: RequestFields) => f.string("name", { min: 1 }),
      "1 validation error detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      { input: "xx" },
      (f: RequestFields) => f.optionalString("input", { max: 1, sensitive: true }),
      "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 1",
    ],
    [
      { maxResults: 1001 },
      (f: RequestFields) => f.optionalInteger("maxResults", 0, 1000),
      "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    ],
    [
      { type: "X" },
      (f: RequestFields) => f.optionalEnum("type", ["STANDARD", "EXPRESS"]),
      "1 validation error detected: Value 'X' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]",
    ],
    [
      { tags: [{}] },
      (f: RequestFields) => f.list("tags", true, (v, at) => f.nested(v, at).string("key")),
      "1 validation error detected: Value null at 'tags.1.member.key' failed to satisfy constraint: Member must not be null",
    ],
  ])("reports %j as AWS does", (body, read, message) => {
    const f = new RequestFields(body);
    read(f);
    const error = thrown(() => f.done());
    expect(error.type).toBe("ValidationException");
    expect(error.message).toBe(message);
  });

  it("joins several violations, and throws SerializationException for a wrong type at once", () => {
    const f = new RequestFields({ maxResults: "3" });
    f.string("a");
    f.string("b");
    expect(thrown(() => f.done()).message).toMatch(
      /^2 validation errors detected: Value null at 'a'.*; Value null at 'b'/,
    );
    expect(thrown(() => f.optionalInteger("maxResults", 0, 10))).toMatchObject({
      type: "SerializationException",
    });
    expect(thrown(() => new RequestFields({ x: [] }).optionalObject("x"))).toMatchObject({
      type: "SerializationException",
    });
    expect(thrown(() => new RequestFields({ x: 1.5 }).optionalInteger("x", 0, 9))).toMatchObject({
      type: "SerializationException",
    });
  });

  it("never reads inherited members", () => {
    const f = new RequestFields(JSON.parse('{"__proto__":{"name":"x"}}') as Record<string, unknown>);
    expect(f.optionalString("name")).toBeUndefined();
    expect(f.optionalString("toString")).toBeUndefined();
  });
});
