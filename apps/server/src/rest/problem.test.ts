import { EngineError, EngineErrorCode, SqlError } from "@stepflow/engine";
import { describe, expect, it } from "vitest";
import type { Logger } from "../logger.ts";
import { problemOf } from "./problem.ts";
import { REST_ERROR_TABLE } from "./rest-error-table.ts";
import { RestError } from "./rest-error.ts";

function recorder() {
  const lines: string[] = [];
  const log: Logger = {
    error: (_f, m) => lines.push(`error ${m}`),
    warn: (_f, m) => lines.push(`warn ${m}`),
  };
  return { lines, log };
}

describe("problemOf", () => {
  it.each(Object.values(EngineErrorCode))("maps engine code %s through the REST table", (code) => {
    const { log, lines } = recorder();
    expect(problemOf(new EngineError(code, "why"), log, "r")).toEqual({
      type: `urn:stepflow:problem:${code}`,
      title: REST_ERROR_TABLE[code].title,
      status: REST_ERROR_TABLE[code].status,
      code,
      detail: "why",
    });
    expect(lines).toEqual([]);
  });

  it.each([
    [new RestError("NotFound", "no route", 404), 404, "NotFound"],
    [new URIError("Failed to decode param '%ZZ'"), 400, "ValidationException"],
    [Object.assign(new Error("too large"), { type: "entity.too.large", limit: 5 }), 413, "PayloadTooLarge"],
    [
      Object.assign(new Error("Unexpected token"), { type: "entity.parse.failed" }),
      400,
      "SerializationException",
    ],
    [Object.assign(new Error("bad charset"), { type: "charset.unsupported" }), 400, "SerializationException"],
    [new SqlError("unavailable", "down"), 503, "ServiceUnavailable"],
  ])("answers %s as %i %s", (error, status, code) => {
    const { log, lines } = recorder();
    expect(problemOf(error, log, "r")).toMatchObject({ status, code });
    expect(lines.filter((line) => line.startsWith("error"))).toEqual([]);
  });

  it("answers anything else 500 without details, and logs it", () => {
    const { log, lines } = recorder();
    const answer = problemOf(new TypeError("secret internals"), log, "req-1");
    expect(answer).toMatchObject({ status: 500, code: "InternalFailure" });
    expect(answer.detail).not.toContain("secret");
    expect(answer.detail).toContain("req-1");
    expect(lines).toEqual(["error unexpected error while answering a REST request"]);
  });
});
