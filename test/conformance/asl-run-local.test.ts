import { runLocal } from "@stepflow/asl";
import { expect, it } from "vitest";
import { loadAslCases } from "./asl-cases.ts";
import { outcomeMismatch } from "./expected-match.ts";
import { report, type Verdict } from "./report.ts";

const cases = loadAslCases();

it(`runs all ${cases.length} AWS-recorded ASL cases through runLocal`, async () => {
  expect(cases.length).toBeGreaterThan(200);
  const verdicts: Verdict[] = [];
  for (const c of cases) {
    const definition = c.definitionText ?? JSON.stringify(c.definition);
    const input = c.inputText ?? JSON.stringify(c.input);
    let diff: string | undefined;
    try {
      const result = await runLocal(definition, input);
      diff = outcomeMismatch(c.expected, result);
    } catch (error) {
      diff = `threw: ${error instanceof Error ? error.stack : String(error)}`;
    }
    verdicts.push({ id: c.id, category: c.category, diff });
  }
  const text = report("ASL conformance through runLocal", verdicts);
  console.log(text);
  expect(verdicts.filter((v) => v.diff).map((v) => v.id)).toEqual([]);
}, 120_000);
