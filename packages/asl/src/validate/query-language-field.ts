import type { QueryLanguage } from "../machine/query-language.ts";
import type { ValidationContext } from "./validation-context.ts";
import { shown } from "./value-checks.ts";

/**
 * Checks a `QueryLanguage` field (of the machine or of a state) and returns the language in force:
 * the field's value when valid, else `inherited`. A JSONata machine cannot hold JSONPath states.
 */
export function resolveQueryLanguage(
  ctx: ValidationContext,
  value: unknown,
  at: string,
  inherited: QueryLanguage,
): QueryLanguage {
  if (value === undefined) return inherited;
  if (value !== "JSONPath" && value !== "JSONata") {
    ctx.report(at, `must be "JSONPath" or "JSONata"; got ${shown(value)}`);
    return inherited;
  }
  if (value === "JSONPath" && ctx.topQueryLanguage === "JSONata") {
    ctx.report(
      at,
      'cannot be "JSONPath" when the machine\'s top-level "QueryLanguage" is "JSONata"; write this state in JSONata, or make the machine JSONPath and set "QueryLanguage": "JSONata" on its JSONata states',
    );
  }
  return value;
}
