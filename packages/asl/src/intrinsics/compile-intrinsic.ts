import { StatesError, StatesFailure } from "../errors.ts";
import { jsonText, type Json } from "../json.ts";
import { compileParsedPath, pathRootValue } from "../jsonpath/compile-path.ts";
import type { QueryScope } from "../scope.ts";
import type { IntrinsicArgument, IntrinsicCall } from "./intrinsic-ast.ts";
import type { IntrinsicEnv } from "./intrinsic-env.ts";
import { intrinsicFunctions } from "./intrinsic-registry.ts";
import { IntrinsicSyntaxError } from "./intrinsic-syntax-error.ts";
import { parseIntrinsic } from "./parse-intrinsic.ts";

/** A compiled intrinsic function call. */
export type CompiledIntrinsic = (scope: QueryScope, env: IntrinsicEnv) => Json;

/**
 * Compiles an intrinsic function call (`States.Format('{} items', $.count)`) into an evaluator.
 * `field` names the payload field (`"id.$"`) in the message when a path argument matches nothing.
 * Throws {@link IntrinsicSyntaxError} for bad syntax, unknown functions and wrong argument counts;
 * evaluation throws StatesFailure (States.IntrinsicFailure for unusable arguments, States.Runtime for a
 * path that matches nothing).
 * @example compileIntrinsic("States.MathAdd($.n, 1)")({ input: { n: 1 }, context: {}, variables }, env) // 2
 */
export function compileIntrinsic(text: string, field = text): CompiledIntrinsic {
  return compileCall(text, parseIntrinsic(text), field);
}

/** The problem with an intrinsic function call, or undefined when it compiles. */
export function intrinsicSyntaxProblem(text: string): string | undefined {
  try {
    compileIntrinsic(text);
    return undefined;
  } catch (error) {
    if (error instanceof IntrinsicSyntaxError) return error.message;
    throw error;
  }
}

function compileCall(text: string, call: IntrinsicCall, field: string): CompiledIntrinsic {
  const fn = intrinsicFunctions.get(call.name);
  if (fn === undefined) {
    throw new IntrinsicSyntaxError(text, `unknown intrinsic function '${call.name}'`);
  }
  const count = call.args.length;
  if (count < fn.minArgs || count > fn.maxArgs) {
    const expected =
      fn.minArgs === fn.maxArgs
        ? `exactly ${fn.minArgs}`
        : fn.maxArgs === Infinity
          ? `at least ${fn.minArgs}`
          : `${fn.minArgs} to ${fn.maxArgs}`;
    throw new IntrinsicSyntaxError(
      text,
      `${call.name} takes ${expected} argument(s), but ${count} were given`,
    );
  }
  const evaluate = fn.compile(call.args);
  if (typeof evaluate === "string") throw new IntrinsicSyntaxError(text, `${call.name}: ${evaluate}`);
  const args = call.args.map((arg) => compileArgument(text, arg, field));
  return (scope, env) =>
    evaluate(
      args.map((arg) => arg(scope, env)),
      env,
    );
}

function compileArgument(text: string, arg: IntrinsicArgument, field: string): CompiledIntrinsic {
  switch (arg.kind) {
    case "string":
    case "literal": {
      const value = arg.value;
      return () => value;
    }
    case "call":
      return compileCall(text, arg.call, field);
    case "path": {
      const path = compileParsedPath(arg.text, arg.path);
      const root = arg.path.root;
      return (scope) => {
        const value = path.get(scope);
        if (value !== undefined) return value;
        const input = pathRootValue(root, scope);
        throw new StatesFailure(
          StatesError.Runtime,
          `The JSONPath '${arg.text}' specified for the field '${field}' could not be found in the input '${jsonText(input)}'`,
        );
      };
    }
  }
}
