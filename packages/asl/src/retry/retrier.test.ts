import { describe, expect, it } from "vitest";
import { compileRetrier, retryDelayMs } from "./retrier.ts";

describe("retrier", () => {
  it("applies the specification's defaults", () => {
    expect(compileRetrier({ ErrorEquals: ["States.ALL"] })).toEqual({
      errorEquals: ["States.ALL"],
      intervalSeconds: 1,
      maxAttempts: 3,
      backoffRate: 2,
      maxDelaySeconds: undefined,
      jitter: "NONE",
    });
  });
  it("backs off exponentially and caps at MaxDelaySeconds", () => {
    const r = compileRetrier({ ErrorEquals: ["X"], IntervalSeconds: 2, BackoffRate: 3, MaxDelaySeconds: 10 });
    expect([0, 1, 2].map((n) => retryDelayMs(r, n, () => 0.5))).toEqual([2000, 6000, 10000]);
  });
  it("draws full jitter from the injected random source", () => {
    const r = compileRetrier({ ErrorEquals: ["X"], IntervalSeconds: 4, JitterStrategy: "FULL" });
    expect(retryDelayMs(r, 0, () => 0.25)).toBe(1000);
  });
});
