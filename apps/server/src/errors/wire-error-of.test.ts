import { EngineError, EngineErrorCode, SqlError } from "@stepflow/engine";
import { describe, expect, it } from "vitest";
import type { Logger } from "../logger.ts";
import { AwsError } from "./aws-error.ts";
import { wireErrorOf } from "./wire-error-of.ts";

function recorder() {
  const lines: string[] = [];
  const log: Logger = {
    error: (_f, m) => lines.push(`error ${m}`),
    warn: (_f, m) => lines.push(`warn ${m}`),
  };
  return { lines, log };
}

describe("wireErrorOf", () => {
  it.each(Object.values(EngineErrorCode))("maps engine code %s through the table", (code) => {
    const { log, lines } = recorder();
    const wire = wireErrorOf(new EngineError(code, "why"), log, "r1");
    expect(wire).toEqual({ status: code === "ServiceUnavailable" ? 503 : 400, type: code, message: "why" });
    expect(lines).toEqual([]);
  });

  it("answers protocol errors as raised, an unreachable database as 503, bodies as 400/413", () => {
    const { log } = recorder();
    expect(wireErrorOf(new AwsError("UnknownOperationException", "no"), log, "r")).toEqual({
      status: 400,
      type: "UnknownOperationException",
      message: "no",
    });
    expect(wireErrorOf(new SqlError("unavailable", "down"), log, "r")).toMatchObject({
      status: 503,
      type: "ServiceUnavailable",
    });
    const tooLarge = Object.assign(new Error("request entity too large"), {
      type: "entity.too.large",
      limit: 10,
    });
    expect(wireErrorOf(tooLarge, log, "r")).toMatchObject({ status: 413, type: "ValidationException" });
    const encoding = Object.assign(new Error('unsupported content encoding "x"'), {
      type: "encoding.unsupported",
    });
    expect(wireErrorOf(encoding, log, "r")).toMatchObject({ status: 400, type: "SerializationException" });
  });

  it("answers anything else as InternalFailure without details, and logs it", () => {
    const { log, lines } = recorder();
    const wire = wireErrorOf(new TypeError("secret internals at line 3"), log, "req-9");
    expect(wire.status).toBe(500);
    expect(wire.type).toBe("InternalFailure");
    expect(wire.message).not.toContain("secret");
    expect(wire.message).toContain("req-9");
    expect(lines).toEqual(["error unexpected error while answering a request"]);
  });
});
