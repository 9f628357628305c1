import jsonata from "jsonata";
import { isJsonataExpression } from "../jsonata/jsonata-template.ts";
import { fieldPath, indexPath } from "./problem-path.ts";
import type { ValidationContext } from "./validation-context.ts";
import { isFields } from "./value-checks.ts";

interface JsonataError {
  message?: unknown;
  code?: unknown;
  position?: unknown;
}

/**
 * Why a `{% ... %}` string does not compile with the `jsonata` library, or undefined when it does.
 * Only syntax is checked: unknown functions and variables are found when the expression runs.
 */
export function jsonataSyntaxProblem(expression: string): string | undefined {
  const body = expression.slice(2, -2);
  try {
    jsonata(body);
    return undefined;
  } catch (error) {
    const { message, code, position } = (
      typeof error === "object" && error !== null ? error : {}
    ) as JsonataError;
    const where = typeof position === "number" ? ` at character ${position}` : "";
    const tag = typeof code === "string" ? ` (${code}${where})` : where;
    const text = typeof message === "string" ? message : String(error);
    return `JSONata expression does not compile: ${text}${tag}; fix the expression between {% and %}`;
  }
}

/** Compiles every whole `{% %}` string anywhere inside `value` and reports those that do not compile. */
export function checkJsonataStrings(ctx: ValidationContext, value: unknown, at: string): void {
  if (isJsonataExpression(value)) {
    const problem = jsonataSyntaxProblem(value);
    if (problem !== undefined) ctx.report(at, problem);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkJsonataStrings(ctx, item, indexPath(at, index)));
  } else if (isFields(value)) {
    for (const [key, item] of Object.entries(value)) checkJsonataStrings(ctx, item, fieldPath(at, key));
  }
}
