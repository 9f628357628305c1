import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatProblem } from "./problem.ts";
import { validateDefinition } from "./validate-definition.ts";

// Every definition of the corpus was accepted by AWS (each case ran there), so each must validate cleanly.
const corpus = new URL("../../../../../shared/conformance/asl/", import.meta.url);

const cases = readdirSync(corpus)
  .filter((name) => name.endsWith(".json") && name !== "_index.json")
  .sort()
  .map((name) => ({
    name,
    definition: (JSON.parse(readFileSync(new URL(name, corpus), "utf8")) as { definition: unknown })
      .definition,
  }));

describe("validateDefinition on the AWS-recorded conformance corpus", () => {
  it("has cases", () => {
    expect(cases.length).toBeGreaterThan(200);
  });
  it.each(cases)("accepts $name", ({ definition }) => {
    expect(validateDefinition(definition).map(formatProblem)).toEqual([]);
    expect(validateDefinition(JSON.stringify(definition, null, 2)).map(formatProblem)).toEqual([]);
  });
});
