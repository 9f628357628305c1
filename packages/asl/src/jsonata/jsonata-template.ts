import jsonata from "jsonata";
import { StatesError, StatesFailure } from "../errors.ts";
import { isJsonObject, jsonText, type Json } from "../json.ts";
import { plainBindings } from "../plain-numbers.ts";

/** Bindings visible to a JSONata expression: `$states` plus every variable in scope. */
export type JsonataBindings = Record<string, unknown>;

/** A compiled value that may hold `{% %}` expressions anywhere inside it. */
export type JsonataTemplate = (bindings: JsonataBindings) => Promise<Json>;

const EXPRESSION = /^\{%(.*)%\}$/s;

/** True when a string is a whole `{% ... %}` JSONata expression. */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === "string" && EXPRESSION.test(value);
}

/**
 * Compiles a field value of a JSONata state (Arguments, Output, Assign, Items, ...): every string that is a
 * whole `{% %}` expression is compiled once; everything else is literal. `field` names the field in error
 * causes (`Output/result`), as AWS does.
 */
export function compileJsonataTemplate(value: Json, field: string): JsonataTemplate {
  if (typeof value === "string") {
    const match = EXPRESSION.exec(value);
    return match ? compileExpression(match[1]!, field) : () => Promise.resolve(value);
  }
  if (Array.isArray(value)) {
    if (!containsExpression(value)) return () => Promise.resolve(value);
    const parts = value.map((item, index) => compileJsonataTemplate(item, `${field}[${index}]`));
    // A one-element array around an expression is a JSONata sequence of one, which is its item: AWS returns
    // the object for `["{% $merge([...]) %}"]` (recorded case evaluate_jsonata test_merge_with_dynamic_args).
    if (parts.length === 1 && isJsonataExpression(value[0])) return parts[0]!;
    return async (bindings) => Promise.all(parts.map((part) => part(bindings)));
  }
  if (isJsonObject(value)) {
    if (!containsExpression(value)) return () => Promise.resolve(value);
    const entries = Object.entries(value).map(
      ([key, item]) => [key, compileJsonataTemplate(item, `${field}/${key}`)] as const,
    );
    return async (bindings) => {
      const out: Record<string, Json> = {};
      for (const [key, part] of entries) out[key] = await part(bindings);
      return out;
    };
  }
  return () => Promise.resolve(value);
}

function containsExpression(value: Json): boolean {
  if (typeof value === "string") return EXPRESSION.test(value);
  if (Array.isArray(value)) return value.some(containsExpression);
  if (isJsonObject(value)) return Object.values(value).some(containsExpression);
  return false;
}

function compileExpression(source: string, field: string): JsonataTemplate {
  const text = source.trim();
  const expression = jsonata(text);
  return async (bindings) => {
    let result: unknown;
    try {
      // JSONata knows only JavaScript numbers: lexemes such as 1.0 do not survive an expression.
      result = await expression.evaluate(undefined, plainBindings(bindings));
    } catch (error) {
      if (error instanceof StatesFailure) throw error;
      throw new StatesFailure(
        StatesError.QueryEvaluationError,
        `The JSONata expression '${text}' specified for the field '${field}' threw an error during evaluation. ${jsonataMessage(error)}`,
      );
    }
    if (result === undefined) {
      throw new StatesFailure(
        StatesError.QueryEvaluationError,
        `The JSONata expression '${text}' specified for the field '${field}' returned nothing (undefined).`,
      );
    }
    if (typeof result === "function" || isJsonataFunction(result)) {
      throw new StatesFailure(
        StatesError.QueryEvaluationError,
        `The JSONata expression '${text}' specified for the field '${field}' returned an unsupported result type.`,
      );
    }
    return toJson(result);
  };
}

function isJsonataFunction(value: unknown): boolean {
  return typeof value === "object" && value !== null && "_jsonata_lambda" in value;
}

/** JSONata results carry sequence markers and may hold non-finite numbers; make them plain JSON. */
function toJson(value: unknown): Json {
  if (Array.isArray(value)) return value.map(toJson);
  if (isJsonObject(value)) {
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toJson(item);
    return out;
  }
  return value as Json;
}

function jsonataMessage(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error) return String(error.message);
  return jsonText(error);
}
