import { describe, expect, it } from "vitest";
import { runLocal, type LocalTaskHandler } from "../src/index.ts";

class Declined extends Error {
  override name = "Declined";
}

const chain = (states: Record<string, unknown>, startAt = Object.keys(states)[0]!) => ({
  StartAt: startAt,
  States: states,
});

describe("runLocal", () => {
  it("runs Pass states with Parameters, ResultPath and OutputPath", async () => {
    const result = await runLocal(
      chain({
        A: {
          Type: "Pass",
          Parameters: { "sum.$": "States.MathAdd($.a, $.b)" },
          ResultPath: "$.out",
          Next: "B",
        },
        B: { Type: "Pass", OutputPath: "$.out", End: true },
      }),
      { a: 1, b: 2 },
    );
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { sum: 3 } });
    expect(result.history.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      "PassStateEntered",
      "PassStateExited",
      "PassStateEntered",
      "PassStateExited",
      "ExecutionSucceeded",
    ]);
  });

  it("retries a task with backoff on the virtual clock, then succeeds", async () => {
    let calls = 0;
    const flaky: LocalTaskHandler = () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error("try again"), { name: "Transient" });
      return { ok: calls };
    };
    const result = await runLocal(
      chain({
        Call: {
          Type: "Task",
          Resource: "arn:aws:lambda:us-east-1:123456789012:function:flaky",
          Retry: [{ ErrorEquals: ["Transient"], IntervalSeconds: 60, MaxAttempts: 5 }],
          End: true,
        },
      }),
      {},
      { handlers: { flaky } },
    );
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { ok: 3 } });
    const failures = result.history.filter((e) => e.type === "LambdaFunctionFailed");
    expect(failures).toHaveLength(2);
    const scheduled = result.history
      .filter((e) => e.type === "LambdaFunctionScheduled")
      .map((e) => e.timestamp);
    expect(scheduled[1]! - scheduled[0]!).toBe(60_000);
    expect(scheduled[2]! - scheduled[1]!).toBe(120_000);
  });

  it("catches an exhausted error into ResultPath and goes to the catcher's Next", async () => {
    const result = await runLocal(
      chain({
        Call: {
          Type: "Task",
          Resource: "arn:aws:lambda:us-east-1:123456789012:function:pay",
          Retry: [{ ErrorEquals: ["Declined"], MaxAttempts: 0 }],
          Catch: [{ ErrorEquals: ["Declined"], ResultPath: "$.error", Next: "Handle" }],
          End: true,
        },
        Handle: { Type: "Pass", End: true },
      }),
      { order: 1 },
      { handlers: { pay: () => Promise.reject(new Declined("card expired")) } },
    );
    expect(result).toMatchObject({
      status: "SUCCEEDED",
      output: { order: 1, error: { Error: "Declined", Cause: "card expired" } },
    });
  });

  it("runs Parallel branches and returns their outputs in order", async () => {
    const result = await runLocal(
      chain({
        P: {
          Type: "Parallel",
          Branches: [
            chain({ A: { Type: "Pass", Result: "a", End: true } }),
            chain({
              B: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:b", End: true },
            }),
          ],
          End: true,
        },
      }),
      {},
      { handlers: { b: (input) => ({ got: input }) } },
    );
    expect(result).toMatchObject({ status: "SUCCEEDED", output: ["a", { got: {} }] });
  });

  it("takes a Fail state's ErrorPath and CausePath from a path or an intrinsic function", async () => {
    const result = await runLocal(
      chain({
        F: {
          Type: "Fail",
          ErrorPath: "$.code",
          CausePath: "States.Format('order {} declined: {}', $.order, $.reason)",
        },
      }),
      { code: "Declined", order: 7, reason: "card expired" },
    );
    expect(result).toMatchObject({
      status: "FAILED",
      error: "Declined",
      cause: "order 7 declined: card expired",
    });
    const notText = await runLocal(chain({ F: { Type: "Fail", CausePath: "States.ArrayLength($.a)" } }), {
      a: [1],
    });
    expect(notText).toMatchObject({ status: "FAILED", error: "States.Runtime" });
  });

  it("fails a Parallel state when a branch fails, and stops the other branches", async () => {
    const result = await runLocal(
      chain({
        P: {
          Type: "Parallel",
          Branches: [
            chain({ W: { Type: "Wait", Seconds: 3600, End: true } }),
            chain({ F: { Type: "Fail", Error: "Boom", Cause: "branch 2" } }),
          ],
          End: true,
        },
      }),
    );
    expect(result).toMatchObject({ status: "FAILED", error: "Boom", cause: "branch 2" });
  });

  it("maps over items with MaxConcurrency and an ItemSelector using $$.Map.Item", async () => {
    let running = 0;
    let peak = 0;
    const work: LocalTaskHandler = async (input) => {
      running++;
      peak = Math.max(peak, running);
      await Promise.resolve();
      running--;
      return input;
    };
    const result = await runLocal(
      chain({
        M: {
          Type: "Map",
          ItemsPath: "$.items",
          MaxConcurrency: 2,
          ItemSelector: { "index.$": "$$.Map.Item.Index", "value.$": "$$.Map.Item.Value" },
          ItemProcessor: chain({
            T: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:work", End: true },
          }),
          End: true,
        },
      }),
      { items: ["x", "y", "z"] },
      { handlers: { work } },
    );
    expect(result.output).toEqual([
      { index: 0, value: "x" },
      { index: 1, value: "y" },
      { index: 2, value: "z" },
    ]);
    expect(result.history.filter((e) => e.type === "MapIterationStarted")).toHaveLength(3);
  });

  it("waits on the virtual clock without real time passing", async () => {
    const started = performance.now();
    const result = await runLocal(chain({ W: { Type: "Wait", Seconds: 3600, End: true } }), { a: 1 });
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { a: 1 } });
    expect(performance.now() - started).toBeLessThan(1000);
    const times = result.history.map((e) => e.timestamp);
    expect(times.at(-1)! - times[0]!).toBe(3_600_000);
  });

  it("uses JSONata with variables across states", async () => {
    const result = await runLocal(
      {
        QueryLanguage: "JSONata",
        StartAt: "A",
        States: {
          A: { Type: "Pass", Assign: { total: "{% $states.input.a + $states.input.b %}" }, Next: "B" },
          B: { Type: "Pass", Output: { doubled: "{% $total * 2 %}" }, End: true },
        },
      },
      { a: 2, b: 3 },
    );
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { doubled: 10 } });
  });

  it("reports an invalid definition instead of running it", async () => {
    const result = await runLocal(chain({ A: { Type: "Pass", Next: "Nowhere" } }));
    expect(result.status).toBe("FAILED");
    expect(result.cause).toContain("Nowhere");
  });
});
