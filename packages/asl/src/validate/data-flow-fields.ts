import { isJsonataExpression } from "../jsonata/jsonata-template.ts";
import { checkPathField, checkPayloadTemplate } from "./jsonpath-syntax.ts";
import { fieldPath } from "./problem-path.ts";
import type { StateUnderCheck } from "./state-under-check.ts";
import { isFields, shown } from "./value-checks.ts";

/**
 * Checks the input/output processing fields a state carries (ASL "Input and Output Processing"):
 * `InputPath`, `OutputPath`, `ResultPath`, `Parameters`, `ResultSelector` in JSONPath states, `Arguments`
 * in JSONata states, and `Assign` in both. Fields the state may not carry are reported elsewhere.
 */
export function checkDataFlowFields(s: StateUnderCheck): void {
  const { ctx, at } = s;
  for (const field of ["InputPath", "OutputPath"]) {
    if (s.carries(field)) checkPathField(ctx, s.state[field], fieldPath(at, field), "path", true);
  }
  if (s.carries("ResultPath"))
    checkPathField(ctx, s.state.ResultPath, fieldPath(at, "ResultPath"), "result", true);
  for (const field of ["Parameters", "ResultSelector"]) {
    if (s.carries(field)) checkPayloadTemplate(ctx, s.state[field], fieldPath(at, field));
  }
  if (s.carries("Arguments")) {
    const value = s.state.Arguments;
    if (!isFields(value) && !isJsonataExpression(value)) {
      ctx.report(
        fieldPath(at, "Arguments"),
        `must be an object or a {% %} JSONata expression; got ${shown(value)}`,
      );
    }
  }
  if (s.carries("Assign")) checkAssign(s, s.state.Assign, fieldPath(at, "Assign"));
}

/** Checks an `Assign` block (of a state, a Choice rule or a catcher). */
export function checkAssign(s: StateUnderCheck, value: unknown, at: string): void {
  if (!isFields(value)) {
    s.ctx.report(at, `must be an object mapping variable names to values; got ${shown(value)}`);
    return;
  }
  for (const key of Object.keys(value)) {
    const name = s.language === "JSONPath" && key.endsWith(".$") ? key.slice(0, -2) : key;
    if (!VARIABLE_NAME.test(name)) {
      s.ctx.report(
        fieldPath(at, key),
        `"${name}" is not a valid variable name; use letters, digits and "_", not starting with a digit`,
      );
    } else if (name === "states") {
      s.ctx.report(
        fieldPath(at, key),
        `"states" is reserved by Step Functions; choose another variable name`,
      );
    }
  }
  if (s.language === "JSONPath") checkPayloadTemplate(s.ctx, value, at);
}

// Variable names follow JSONata's: they are referenced as `$name` from both query languages.
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
