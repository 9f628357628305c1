import type { EventTargetInput } from "./event-target-input.ts";
import { parseJsonPath } from "./json-path.ts";
import { PredefinedPlaceholders, templatePlaceholders } from "./template-placeholders.ts";
import { TargetValidationError } from "./target-validation-error.ts";

const MAX_PATHS = 100;

/**
 * Validates a target's Input / InputPath / InputTransformer as PutTargets does.
 * @throws TargetValidationError with AWS's message.
 */
export function validateTarget(target: EventTargetInput): void {
  const id = target.Id ?? "target";
  const given = [target.Input, target.InputPath, target.InputTransformer].filter(
    (x) => x !== undefined,
  ).length;
  if (given > 1) {
    throw new TargetValidationError(
      `Only one of Input, InputPath, or InputTransformer must be provided for target ${id}.`,
    );
  }
  if (target.InputPath !== undefined && parseJsonPath(target.InputPath) === undefined) {
    throw new TargetValidationError(`InputPath for target ${id} is an invalid JSONPath.`);
  }
  const transformer = target.InputTransformer;
  if (transformer === undefined) return;
  const paths = transformer.InputPathsMap ?? {};
  const names = Object.keys(paths);
  if (names.length > MAX_PATHS) {
    throw new TargetValidationError(`InputPathsMap for target ${id} has more than ${MAX_PATHS} entries.`);
  }
  for (const name of names) {
    if (PredefinedPlaceholders.has(name) || name.startsWith("aws.events.")) {
      throw new TargetValidationError(`InputTransformer for target ${id} contains reserved key ${name}.`);
    }
    if (parseJsonPath(paths[name] ?? "") === undefined) {
      throw new TargetValidationError(
        `InputPathsMap for target ${id} contains invalid JSONPath ${paths[name] ?? ""}.`,
      );
    }
  }
  const template = transformer.InputTemplate;
  for (const { name } of templatePlaceholders(template)) {
    if (!Object.hasOwn(paths, name) && !PredefinedPlaceholders.has(name)) {
      throw new TargetValidationError(`InputTemplate for target ${id} contains invalid placeholder ${name}.`);
    }
    if (name === "aws.events.event.json" && !template.trimStart().startsWith("{")) {
      throw new TargetValidationError(
        `InputTemplate for target ${id} contains placeholder aws.events.event.json valid only for JSON template.`,
      );
    }
  }
}
