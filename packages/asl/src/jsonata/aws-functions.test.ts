import { describe, expect, it } from "vitest";
import { runLocal } from "../run-local.ts";

const outputOf = (expression: string) =>
  runLocal(
    {
      QueryLanguage: "JSONata",
      StartAt: "P",
      States: { P: { Type: "Pass", Output: `{% ${expression} %}`, End: true } },
    },
    {},
  );

describe("$random", () => {
  it("with a seed gives Java's new Random(seed).nextDouble(), the same every time", async () => {
    // new java.util.Random(42).nextDouble() in any JVM.
    expect(await outputOf("[$random(42), $random(42)]")).toMatchObject({
      status: "SUCCEEDED",
      output: [0.7275636800328681, 0.7275636800328681],
    });
    expect(await outputOf("$random(0)")).toMatchObject({ output: 0.730967787376657 });
  });

  it("without a seed draws from the execution's random source, in [0, 1)", async () => {
    const { output } = await outputOf("$random()");
    expect(output).toBeGreaterThanOrEqual(0);
    expect(output).toBeLessThan(1);
  });

  it("fails with States.QueryEvaluationError on a seed that is not a number", async () => {
    expect(await outputOf('$random("x")')).toMatchObject({
      status: "FAILED",
      error: "States.QueryEvaluationError",
    });
  });
});
