import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { StatesFailure } from "../errors.ts";
import { isJsonObject, type Json, type JsonObject } from "../json.ts";
import { noVariables } from "../scope.ts";
import { choiceRuleProblems } from "./choice-rule-problems.ts";
import { compileChoiceRule } from "./compile-choice-rule.ts";

// Recorded against AWS; see /work/shared/conformance/asl/README.md. Each case is one Choice state whose
// branches are Pass states with a fixed Result, so the chosen branch is visible in the output.
const corpus = new URL("../../../../../shared/conformance/asl/", import.meta.url);

interface ConformanceCase {
  id: string;
  definition: { StartAt: string; States: Record<string, JsonObject> };
  input?: Json;
  inputText?: string;
  expected: { status: string; output?: Json; error?: string; cause?: string };
}

const cases = readdirSync(corpus)
  .filter((name) => name.startsWith("choice_operators_") && name.endsWith(".json"))
  .sort()
  .map((name) => JSON.parse(readFileSync(new URL(name, corpus), "utf8")) as ConformanceCase);

/** Runs the Choice state at StartAt and then the Pass state it chose: the execution's outcome. */
function run(testCase: ConformanceCase): { output: Json } | { error: string; cause: string | undefined } {
  const { StartAt, States } = testCase.definition;
  const choice = States[StartAt];
  if (choice?.Type !== "Choice" || !Array.isArray(choice.Choices)) throw new Error("not a Choice case");
  const input =
    testCase.inputText === undefined ? (testCase.input ?? null) : (JSON.parse(testCase.inputText) as Json);
  const scope = { input, context: {}, variables: noVariables };
  const rules = choice.Choices.filter(isJsonObject).map((rule) => ({
    matches: compileChoiceRule(rule),
    next: rule.Next,
  }));
  let next: Json | undefined = choice.Default;
  try {
    const chosen = rules.find((rule) => rule.matches(scope));
    if (chosen !== undefined) next = chosen.next;
  } catch (error) {
    if (error instanceof StatesFailure) return { error: error.error, cause: error.cause };
    throw error;
  }
  if (typeof next !== "string") return { error: "States.NoChoiceMatched", cause: undefined };
  const pass = States[next];
  if (pass?.Type !== "Pass" || pass.Result === undefined)
    throw new Error(`${next} is not a Pass with Result`);
  return { output: pass.Result };
}

describe("Choice operators against the AWS-recorded conformance cases", () => {
  it("finds all 126 public choice_operators cases", () => {
    expect(cases).toHaveLength(126);
  });

  it.each(cases.map((testCase) => [testCase.id, testCase] as const))("%s", (_id, testCase) => {
    const { States, StartAt } = testCase.definition;
    const choices = States[StartAt]?.Choices;
    expect(Array.isArray(choices)).toBe(true);
    (choices as Json[]).forEach((rule, index) => {
      expect(choiceRuleProblems(rule, `States.${StartAt}.Choices[${index}]`)).toEqual([]);
    });
    const outcome = run(testCase);
    if (testCase.expected.status === "SUCCEEDED") {
      expect(outcome).toEqual({ output: testCase.expected.output });
    } else {
      expect(outcome).toMatchObject({ error: testCase.expected.error });
      if (testCase.expected.cause !== undefined && "cause" in outcome) {
        expect(testCase.expected.cause.endsWith(outcome.cause ?? "")).toBe(true);
      }
    }
  });
});
