import { StatesError, StatesFailure } from "../errors.ts";
import { isJsonObject, type Json, type JsonObject } from "../json.ts";
import { integerValue, isNumeric, toNumber } from "../json-number.ts";
import type { IntrinsicArgument } from "./intrinsic-ast.ts";
import type { IntrinsicEnv } from "./intrinsic-env.ts";
import { javaJsonText } from "./java-json.ts";

/** Evaluates one intrinsic function over its already evaluated arguments. */
export type IntrinsicEvaluator = (values: readonly Json[], env: IntrinsicEnv) => Json;

/** One `States.*` intrinsic function: its arity and how to build its evaluator. */
export interface IntrinsicFunction {
  readonly name: string;
  readonly minArgs: number;
  /** Infinity for variadic functions. */
  readonly maxArgs: number;
  /**
   * Builds the evaluator from the arguments as written (States.Format reads its template's escapes).
   * Returns a problem message instead when a literal argument can never be valid.
   */
  compile(args: readonly IntrinsicArgument[]): IntrinsicEvaluator | string;
}

/** An intrinsic whose evaluator does not depend on how its arguments were written. */
export function simpleIntrinsic(
  name: string,
  minArgs: number,
  maxArgs: number,
  evaluate: IntrinsicEvaluator,
): IntrinsicFunction {
  return { name, minArgs, maxArgs, compile: () => evaluate };
}

/** The failure an intrinsic raises when its arguments are unusable at run time. */
export function intrinsicFailure(name: string, problem: string): StatesFailure {
  return new StatesFailure(StatesError.IntrinsicFailure, `Invalid arguments in ${name}: ${problem}`);
}

const ordinals = ["first", "second", "third", "fourth", "fifth"];

function argumentName(position: number): string {
  return `the ${ordinals[position] ?? `${position + 1}th`} argument`;
}

function shown(value: Json | undefined): string {
  return value === undefined ? "missing" : javaJsonText(value);
}

/** The argument at `position` when it is a string; fails otherwise. */
export function stringArgument(name: string, values: readonly Json[], position: number): string {
  const value = values[position];
  if (typeof value !== "string") {
    throw intrinsicFailure(name, `${argumentName(position)} must be a string, but was ${shown(value)}`);
  }
  return value;
}

/** The argument at `position` when it is an array; fails otherwise. */
export function arrayArgument(name: string, values: readonly Json[], position: number): Json[] {
  const value = values[position];
  if (!Array.isArray(value)) {
    throw intrinsicFailure(name, `${argumentName(position)} must be an array, but was ${shown(value)}`);
  }
  return value;
}

/** The argument at `position` when it is a JSON object; fails otherwise. */
export function objectArgument(name: string, values: readonly Json[], position: number): JsonObject {
  const value = values[position];
  if (!isJsonObject(value)) {
    throw intrinsicFailure(name, `${argumentName(position)} must be a JSON object, but was ${shown(value)}`);
  }
  return value;
}

/** The argument at `position` when it is a boolean; fails otherwise. */
export function booleanArgument(name: string, values: readonly Json[], position: number): boolean {
  const value = values[position];
  if (typeof value !== "boolean") {
    throw intrinsicFailure(name, `${argumentName(position)} must be a boolean, but was ${shown(value)}`);
  }
  return value;
}

/** The argument at `position` when it is an integer (a number without a fraction); fails otherwise. */
export function integerArgument(name: string, values: readonly Json[], position: number): number {
  const value = values[position];
  const integer = integerValue(value);
  if (integer === undefined) {
    throw intrinsicFailure(name, `${argumentName(position)} must be an integer, but was ${shown(value)}`);
  }
  return integer;
}

/**
 * The argument at `position` when it is a number, rounded to the nearest integer the way Java's
 * Math.round does (halves towards positive infinity): AWS rounds MathAdd and MathRandom arguments.
 */
export function roundedArgument(name: string, values: readonly Json[], position: number): number {
  const value = values[position];
  if (!isNumeric(value)) {
    throw intrinsicFailure(name, `${argumentName(position)} must be a number, but was ${shown(value)}`);
  }
  return Math.floor(toNumber(value) + 0.5);
}
