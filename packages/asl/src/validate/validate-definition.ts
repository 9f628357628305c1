import { parseDefinitionText } from "./parse-definition-text.ts";
import { stringifyJson } from "../json-stringify.ts";
import { MAX_DEFINITION_BYTES, MAX_DEFINITION_DEPTH, jsonDepth, utf8Length } from "./definition-limits.ts";
import { findJsonSyntaxError } from "./json-syntax-error.ts";
import type { Problem } from "./problem.ts";

export { formatProblem, type Problem } from "./problem.ts";
import { ValidationContext } from "./validation-context.ts";
import { validateMachine } from "./validate-machine.ts";

/**
 * Checks a state machine definition against every structural rule of the Amazon States Language and
 * returns all problems at once, each with its JSON path; an empty array means the definition is valid.
 * `definition` is parsed JSON or JSON text. Never throws, whatever the input.
 *
 * @example
 * validateDefinition({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } })
 * // [{ path: "States.A.Next", message: 'state "B" does not exist' }]
 */
export function validateDefinition(definition: unknown): Problem[] {
  const ctx = new ValidationContext();
  try {
    validate(ctx, definition);
  } catch (error) {
    // Unreachable for JSON input; a guard for hostile objects (throwing getters, proxies).
    ctx.report("", `the definition could not be validated (${describe(error)}); pass plain JSON`);
  }
  return ctx.problems;
}

function validate(ctx: ValidationContext, definition: unknown): void {
  let value = definition;
  let bytes: number;
  if (typeof definition === "string") {
    bytes = utf8Length(definition);
    try {
      value = parseDefinitionText(definition, (repeated) => ctx.markRepeated(repeated));
    } catch (error) {
      const found = findJsonSyntaxError(definition);
      // The parser recurses: text nested deep enough overflows its stack although it is valid JSON.
      if (found === undefined && error instanceof RangeError) {
        ctx.report("", DEPTH_PROBLEM);
        return;
      }
      const where =
        found === undefined
          ? describe(error)
          : `${found.message} at line ${found.line}, column ${found.column}`;
      ctx.report("", `the definition is not valid JSON: ${where}`);
      return;
    }
  } else {
    const tooDeep = jsonDepth(definition) > MAX_DEFINITION_DEPTH;
    let text: string | undefined;
    try {
      text = stringifyJson(definition);
    } catch (error) {
      // A deep value overflows the stack in stringifyJson; a cyclic one is deep too but fails with a TypeError.
      if (tooDeep && error instanceof RangeError) ctx.report("", DEPTH_PROBLEM);
      else
        ctx.report(
          "",
          `the definition is not plain JSON (${describe(error)}); pass parsed JSON or JSON text`,
        );
      return;
    }
    bytes = text === undefined ? 0 : utf8Length(text);
  }
  if (bytes > MAX_DEFINITION_BYTES) {
    ctx.report(
      "",
      `the definition is ${bytes} bytes of JSON; Step Functions accepts at most ${MAX_DEFINITION_BYTES} (1 MiB); move parts into separate state machines`,
    );
  }
  if (jsonDepth(value) > MAX_DEFINITION_DEPTH) {
    ctx.report("", DEPTH_PROBLEM);
    return;
  }
  validateMachine(ctx, value, "", "Root", "JSONPath");
  ctx.finish();
}

const DEPTH_PROBLEM = `the definition nests deeper than ${MAX_DEFINITION_DEPTH} levels; flatten it`;

function describe(error: unknown): string {
  try {
    return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ");
  } catch {
    return "unknown error";
  }
}
