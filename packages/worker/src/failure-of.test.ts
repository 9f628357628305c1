import { describe, expect, test } from "vitest";
import { failureOf, FailureStyle } from "./failure-of.ts";
import { TaskFailure } from "./task-failure.ts";

class OrderNotFound extends Error {}
class CardDeclined extends Error {
  override name = "CardDeclined";
}

describe("failureOf, plain style", () => {
  test.each([
    [
      "a TaskFailure with a cause",
      new TaskFailure("Order.Invalid", "no lines"),
      { error: "Order.Invalid", cause: "no lines" },
    ],
    ["a TaskFailure without a cause", new TaskFailure("Order.Invalid"), { error: "Order.Invalid" }],
    ["an Error", new Error("boom"), { error: "Error", cause: "boom" }],
    [
      "a built-in subclass",
      new TypeError("x is not a function"),
      { error: "TypeError", cause: "x is not a function" },
    ],
    [
      "a subclass that names itself",
      new CardDeclined("insufficient funds"),
      { error: "CardDeclined", cause: "insufficient funds" },
    ],
    [
      "a subclass that kept the name Error",
      new OrderNotFound("order 7"),
      { error: "OrderNotFound", cause: "order 7" },
    ],
    ["a string", "plain text", { error: "Error", cause: "plain text" }],
    ["an object", { code: 7 }, { error: "Error", cause: '{"code":7}' }],
    ["undefined", undefined, { error: "Error", cause: "undefined" }],
  ])("%s", (_label, thrown, expected) => {
    expect(failureOf(thrown, FailureStyle.Plain)).toEqual(expected);
  });

  test("truncates names and causes to Step Functions' limits", () => {
    const failure = failureOf(new TaskFailure("E".repeat(300), "c".repeat(40_000)), FailureStyle.Plain);
    expect(failure.error).toHaveLength(256);
    expect(failure.cause).toHaveLength(32_768);
  });
});

describe("failureOf, Lambda style", () => {
  test("an Error becomes Lambda's error payload, with its name as the error", () => {
    const failure = failureOf(new CardDeclined("insufficient funds"), FailureStyle.Lambda);
    expect(failure.error).toBe("CardDeclined");
    const cause = JSON.parse(failure.cause ?? "") as Record<string, unknown>;
    expect(Object.keys(cause)).toEqual(["errorMessage", "errorType", "stackTrace"]);
    expect(cause.errorMessage).toBe("insufficient funds");
    expect(cause.errorType).toBe("CardDeclined");
    expect(cause.stackTrace).toEqual(expect.arrayContaining([expect.stringContaining("failure-of.test.ts")]));
    expect((cause.stackTrace as string[]).every((frame) => !frame.startsWith("at "))).toBe(true);
  });

  test("uses error.name as Lambda does, even for a subclass that kept the name Error", () => {
    expect(failureOf(new OrderNotFound("order 7"), FailureStyle.Lambda).error).toBe("Error");
  });

  test("a thrown non-Error is typed by typeof, as the Node.js Lambda runtime does", () => {
    const failure = failureOf("oops", FailureStyle.Lambda);
    expect(failure).toEqual({
      error: "string",
      cause: JSON.stringify({ errorMessage: "oops", errorType: "string", stackTrace: [] }),
    });
  });

  test("a TaskFailure is reported as given", () => {
    expect(failureOf(new TaskFailure("Lambda.Custom", "why"), FailureStyle.Lambda)).toEqual({
      error: "Lambda.Custom",
      cause: "why",
    });
  });
});

describe("TaskFailure", () => {
  test("keeps error and cause, and a message for logs", () => {
    const failure = new TaskFailure("Order.Invalid", "no lines");
    expect(failure).toBeInstanceOf(Error);
    expect(failure.name).toBe("TaskFailure");
    expect(failure.message).toBe("Order.Invalid: no lines");
    expect([failure.error, failure.cause]).toEqual(["Order.Invalid", "no lines"]);
  });

  test("refuses an empty error name", () => {
    expect(() => new TaskFailure("")).toThrow(TypeError);
  });
});
