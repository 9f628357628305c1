import { choiceRuleProblems } from "../choice/choice-rule-problems.ts";
import { intrinsicSyntaxProblem } from "../intrinsics/compile-intrinsic.ts";
import { payloadTemplateProblems } from "../io/payload-template.ts";
import type { Json } from "../json.ts";
import { pathSyntaxProblem } from "../jsonpath/compile-path.ts";
import { PathSyntaxError } from "../jsonpath/path-syntax-error.ts";
import { compileReferencePath } from "../jsonpath/reference-path.ts";
import type { ValidationContext } from "./validation-context.ts";
import { isFields, shown } from "./value-checks.ts";

/**
 * What a `*Path` field accepts: any Path, a Reference Path (a single node), a Reference Path into the state
 * input only (`ResultPath`), or a Path or an intrinsic function call.
 */
export type PathKind = "path" | "reference" | "result" | "path-or-intrinsic";

/** Checks a JSONPath-valued field (`InputPath`, `ItemsPath`, `SecondsPath`, `CausePath`, ...). */
export function checkPathField(
  ctx: ValidationContext,
  value: unknown,
  at: string,
  kind: PathKind,
  nullable = false,
): void {
  if (value === null && nullable) return;
  if (typeof value !== "string") {
    const example = kind === "path-or-intrinsic" ? ' or an intrinsic such as "States.Format(...)"' : "";
    ctx.report(
      at,
      `must be a JSONPath string such as "$.field"${example}${nullable ? " or null" : ""}; got ${shown(value)}`,
    );
    return;
  }
  const problem =
    kind === "path-or-intrinsic" && value.startsWith("States.")
      ? intrinsicSyntaxProblem(value)
      : kind === "reference" || kind === "result"
        ? referencePathProblem(value)
        : pathSyntaxProblem(value);
  if (problem === undefined && kind === "result" && !/^\$(?![$\w])/.test(value)) {
    ctx.report(
      at,
      'must start with "$" (the state input); a result cannot be written to the Context object or a variable',
    );
    return;
  }
  if (problem !== undefined) ctx.report(at, problem);
}

/** Checks a JSONPath payload template (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`, ...). */
export function checkPayloadTemplate(ctx: ValidationContext, value: unknown, at: string): void {
  if (!isFields(value)) {
    ctx.report(
      at,
      `must be an object (a payload template; keys ending in ".$" take a path); got ${shown(value)}`,
    );
    return;
  }
  for (const problem of payloadTemplateProblems(value as Json, at)) ctx.report(problem.path, problem.message);
}

/** Checks one top-level JSONPath Choice rule (`Next`, operators, `Variable`, `And`/`Or`/`Not`). */
export function checkJsonPathChoiceRule(
  ctx: ValidationContext,
  rule: Record<string, unknown>,
  at: string,
): void {
  for (const problem of choiceRuleProblems(rule, at)) ctx.report(problem.path, problem.message);
}

function referencePathProblem(text: string): string | undefined {
  try {
    compileReferencePath(text);
    return undefined;
  } catch (error) {
    if (error instanceof PathSyntaxError) return error.message;
    throw error;
  }
}
