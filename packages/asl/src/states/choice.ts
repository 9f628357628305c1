import { StatesError, StatesFailure } from "../errors.ts";
import { compileChoiceRule } from "../choice/compile-choice-rule.ts";
import {
  effectiveInput,
  stateOutput,
  compileAssign,
  type Assigner,
  evaluateAssign,
} from "../io/data-flow.ts";
import { compileJsonataTemplate, type JsonataTemplate } from "../jsonata/jsonata-template.ts";
import { jsonText, type Json, type JsonObject } from "../json.ts";
import type { CompiledStateBase } from "../machine/compiled-state.ts";
import type { QueryScope } from "../scope.ts";
import type { StateHandler } from "./state-handler.ts";

interface Branch {
  next: string;
  jsonPath: ((scope: QueryScope) => boolean) | undefined;
  condition: JsonataTemplate | undefined;
  assign: Assigner | undefined;
  output: JsonataTemplate | undefined;
}

/** A compiled Choice state. */
export interface ChoiceState extends CompiledStateBase {
  branches: Branch[];
  default: string | undefined;
}

/**
 * Choice (ASL "Choice State"): the first rule that matches picks the next state; else Default; else
 * States.NoChoiceMatched. A matched JSONata rule may carry its own Assign and Output.
 */
export const choice: StateHandler<ChoiceState> = {
  compile(base, def) {
    const rules = (def.Choices as JsonObject[]) ?? [];
    return {
      ...base,
      default: typeof def.Default === "string" ? def.Default : undefined,
      branches: rules.map((rule, i) => ({
        next: rule.Next as string,
        jsonPath: base.language === "JSONPath" ? compileChoiceRule(rule) : undefined,
        condition:
          base.language === "JSONata"
            ? compileJsonataTemplate(rule.Condition ?? null, `Choices[${i}].Condition`)
            : undefined,
        assign: compileAssign(rule.Assign, base.language),
        output:
          base.language === "JSONata" && rule.Output !== undefined
            ? compileJsonataTemplate(rule.Output, "Output")
            : undefined,
      })),
    };
  },
  async enter(run, frame, state) {
    const ctx = run.flow(frame);
    const raw = frame.at.input;
    const input = await effectiveInput(state.flow, ctx, raw);
    const scope = state.language === "JSONPath" ? ctx.scope(input) : undefined;
    const bindings = state.language === "JSONata" ? ctx.bindings({ input: raw }) : undefined;
    for (const branch of state.branches) {
      if (!(await matches(branch, scope, bindings))) continue;
      const { output, assigned } = await stateOutput(state.flow, ctx, raw, input);
      const ruleAssigned = await evaluateAssign(branch.assign, ctx, bindings, input);
      const ruleOutput = branch.output && bindings ? await branch.output(bindings) : output;
      return {
        kind: "exit",
        output: ruleOutput,
        assigned: { ...assigned, ...ruleAssigned },
        next: branch.next,
      };
    }
    if (state.default === undefined) {
      throw new StatesFailure(
        StatesError.NoChoiceMatched,
        `No Choice rule matched and no Default was specified.`,
      );
    }
    const { output, assigned } = await stateOutput(state.flow, ctx, raw, input);
    return { kind: "exit", output, assigned, next: state.default };
  },
};

async function matches(
  branch: Branch,
  scope: QueryScope | undefined,
  bindings: Record<string, unknown> | undefined,
): Promise<boolean> {
  if (branch.jsonPath && scope) return branch.jsonPath(scope);
  if (!branch.condition || !bindings) return false;
  const value: Json = await branch.condition(bindings);
  if (typeof value !== "boolean") {
    throw new StatesFailure(
      StatesError.QueryEvaluationError,
      `The Condition of a Choice rule must evaluate to a boolean but was: ${jsonText(value)}`,
    );
  }
  return value;
}
