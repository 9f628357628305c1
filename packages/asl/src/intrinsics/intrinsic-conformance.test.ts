import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { StatesFailure } from "../errors.ts";
import type { Json, JsonObject } from "../json.ts";
import { compilePayloadTemplate } from "../io/payload-template.ts";
import { noVariables } from "../scope.ts";

// Recorded against AWS; see /work/shared/conformance/asl/README.md. Every case whose machine is a single
// JSONPath Pass state with Parameters (and no other data-flow field) is the payload template's result
// alone: the intrinsic function cases and the path cases among them.
const corpus = new URL("../../../../../shared/conformance/asl/", import.meta.url);

interface ConformanceCase {
  id: string;
  definition?: { QueryLanguage?: string; StartAt: string; States: Record<string, JsonObject> };
  input?: Json;
  inputText?: string;
  expected: { status: string; output?: Json; error?: string; cause?: string };
}

const dataFlowFields = ["InputPath", "ResultPath", "OutputPath", "Assign", "Result", "QueryLanguage"];

function passParameters(testCase: ConformanceCase): Json | undefined {
  const states = Object.values(testCase.definition?.States ?? {});
  const state = states[0];
  if (states.length !== 1 || state?.Type !== "Pass" || state.Parameters === undefined) return undefined;
  if (testCase.definition?.QueryLanguage === "JSONata") return undefined;
  if (dataFlowFields.some((field) => field in state)) return undefined;
  return state.Parameters;
}

const cases = readdirSync(corpus)
  .filter((name) => name.endsWith(".json") && !name.startsWith("_"))
  .sort()
  .map((name) => JSON.parse(readFileSync(new URL(name, corpus), "utf8")) as ConformanceCase)
  .filter((testCase) => passParameters(testCase) !== undefined);

/** `{{ph:...}}` placeholders in recorded text match any non-empty text. */
function matchesRecorded(actual: string, recorded: string): boolean {
  const pattern = recorded
    .split(/\{\{ph:[^}]*\}\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".+");
  return new RegExp(`^${pattern}$`, "s").test(actual);
}

const prefix = /^An error occurred while executing the state '[^']*' \(entered at the event id #\d+\)\. /;

describe("payload templates against AWS-recorded Pass state cases", () => {
  it("finds the intrinsic function cases", () => {
    expect(cases.filter((c) => c.id.startsWith("intrinsic_functions/")).length).toBeGreaterThanOrEqual(34);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, testCase) => {
    const input =
      testCase.inputText === undefined ? (testCase.input ?? null) : (JSON.parse(testCase.inputText) as Json);
    const context = { Execution: { Id: "arn:exec", Input: input, Name: "exec" }, State: { Name: "State_0" } };
    const env = { random: () => 0.5, uuid: () => "0e5e4c44-8f0e-4d42-9a45-1f2e3d4c5b6a" };
    const template = compilePayloadTemplate(passParameters(testCase) ?? null);
    const run = () => template({ input, context, variables: noVariables }, env);
    if (testCase.expected.status === "SUCCEEDED") {
      expect(run()).toEqual(testCase.expected.output);
      return;
    }
    expect(run).toThrow(StatesFailure);
    try {
      run();
    } catch (error) {
      const failure = error as StatesFailure;
      expect(failure.error).toBe(testCase.expected.error);
      const cause = (testCase.expected.cause ?? "").replace(prefix, "");
      expect(matchesRecorded(failure.cause ?? "", cause), `${failure.cause} ~ ${cause}`).toBe(true);
    }
  });
});
