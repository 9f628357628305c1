import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runLocal } from "../src/index.ts";
import { conformanceDir } from "../../../test/conformance/conformance-dir.ts";

// Every AWS-recorded definition of the corpus, run on arbitrary inputs: whatever the input, runLocal ends
// with a status (an ASL error when the input does not fit), it never throws.
const corpus = join(conformanceDir(), "asl");
const definitions = readdirSync(corpus)
  .filter((f) => f.endsWith(".json") && !f.startsWith("_"))
  .map((f) => (JSON.parse(readFileSync(join(corpus, f), "utf8")) as { definition: unknown }).definition);

const statuses = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];

describe("runLocal on arbitrary inputs", () => {
  it("ends every corpus definition with a status, never an exception", async () => {
    expect(definitions.length).toBeGreaterThan(200);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: definitions.length - 1 }),
        fc.jsonValue({ maxDepth: 6 }),
        async (index, input) => {
          // As text: a string input to runLocal is read as JSON text.
          const result = await runLocal(definitions[index], JSON.stringify(input));
          expect(statuses).toContain(result.status);
          if (result.status === "FAILED")
            expect(typeof result.error === "string" || result.error === undefined).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  it("accepts any JSON text as input, and reports text that is not JSON", async () => {
    const definition = { StartAt: "P", States: { P: { Type: "Pass", End: true } } };
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const result = await runLocal(definition, JSON.stringify(value));
        expect(result.status).toBe("SUCCEEDED");
      }),
      { numRuns: 200 },
    );
    await expect(runLocal(definition, "{not json")).rejects.toMatchObject({ error: "States.Runtime" });
  });
});
