import { isJsonObject, jsonText, type Json } from "../json.ts";
import { compileIntrinsic, intrinsicSyntaxProblem } from "../intrinsics/compile-intrinsic.ts";
import type { IntrinsicEnv } from "../intrinsics/intrinsic-env.ts";
import { compileParsedPath, pathRootValue, pathSyntaxProblem } from "../jsonpath/compile-path.ts";
import { parsePath } from "../jsonpath/path-parser.ts";
import { PathSyntaxError } from "../jsonpath/path-syntax-error.ts";
import type { QueryScope } from "../scope.ts";
import { StatesError, StatesFailure } from "../errors.ts";

/** A compiled payload template: builds a fresh value for each evaluation. */
export type PayloadTemplate = (scope: QueryScope, env: IntrinsicEnv) => Json;

type Node = (scope: QueryScope, env: IntrinsicEnv) => Json;

/**
 * Compiles a JSONPath-language payload template (Parameters, ResultSelector, ItemSelector, Assign): a key
 * ending in `.$` takes a path (`$...`, `$$...`, `$name...`) or an intrinsic call and loses its `.$`;
 * objects and arrays recurse; other values are copied. A definite path that matches nothing fails with
 * States.Runtime, as on AWS. Throws PathSyntaxError / IntrinsicSyntaxError for invalid `.$` values
 * (the validator reports them first, see {@link payloadTemplateProblems}).
 * @example compilePayloadTemplate({ "id.$": "$.order.id", source: "web" })(scope, env) // { id: 7, source: "web" }
 */
export function compilePayloadTemplate(template: Json): PayloadTemplate {
  return compileNode(template);
}

function compileNode(template: Json): Node {
  if (Array.isArray(template)) {
    const items = template.map(compileNode);
    return (scope, env) => items.map((item) => item(scope, env));
  }
  if (!isJsonObject(template)) return () => template;
  const keys: string[] = [];
  const values: Node[] = [];
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith(".$")) {
      keys.push(key.slice(0, -2));
      values.push(compileDynamic(key, value));
    } else {
      keys.push(key);
      values.push(compileNode(value));
    }
  }
  const size = keys.length;
  return (scope, env) => {
    const out: { [key: string]: Json } = {};
    for (let index = 0; index < size; index++)
      out[keys[index] as string] = (values[index] as Node)(scope, env);
    return out;
  };
}

function compileDynamic(key: string, value: Json): Node {
  if (typeof value !== "string") {
    throw new PathSyntaxError(
      jsonText(value),
      0,
      `the value of '${key}' must be a path or an intrinsic function call`,
    );
  }
  if (value.startsWith("States.")) return compileIntrinsic(value, key);
  const parsed = parsePath(value);
  const path = compileParsedPath(value, parsed);
  return (scope) => {
    const found = path.get(scope);
    if (found !== undefined) return found;
    const input = pathRootValue(parsed.root, scope);
    throw new StatesFailure(
      StatesError.Runtime,
      `The JSONPath '${value}' specified for the field '${key}' could not be found in the input '${jsonText(input)}'`,
    );
  };
}

/** One problem found in a payload template: where (`at` extended with the key) and what. */
export interface PayloadTemplateProblem {
  path: string;
  message: string;
}

/**
 * Lists the syntax problems of a payload template's `.$` fields (a value that is not a string, a bad path,
 * a bad intrinsic call), each located below `at` (e.g. `States.Init.Parameters.user.id.$`).
 */
export function payloadTemplateProblems(template: Json, at: string): PayloadTemplateProblem[] {
  const problems: PayloadTemplateProblem[] = [];
  collectProblems(template, at, problems);
  return problems;
}

function collectProblems(template: Json, at: string, problems: PayloadTemplateProblem[]): void {
  if (Array.isArray(template)) {
    template.forEach((item, index) => collectProblems(item, `${at}[${index}]`, problems));
    return;
  }
  if (!isJsonObject(template)) return;
  for (const [key, value] of Object.entries(template)) {
    const where = `${at}.${key}`;
    if (!key.endsWith(".$")) {
      collectProblems(value, where, problems);
      continue;
    }
    const message = dynamicProblem(value);
    if (message !== undefined) problems.push({ path: where, message });
  }
}

function dynamicProblem(value: Json): string | undefined {
  if (typeof value !== "string") {
    return `must be a JSONPath or an intrinsic function call (a string), but is ${jsonText(value)}`;
  }
  if (value.startsWith("States.")) return intrinsicSyntaxProblem(value);
  if (!value.startsWith("$")) {
    return `must be a JSONPath (starting with '$') or an intrinsic function call (States.*), but is ${JSON.stringify(value)}`;
  }
  return pathSyntaxProblem(value);
}
