import { fieldPath } from "../problem-path.ts";
import type { ValidationContext } from "../validation-context.ts";
import { checkKnownKeys, get, isFields, shown } from "../value-checks.ts";

/** How a Map runs its iterations: in the parent execution, or as child executions (a Distributed Map). */
export type MapMode = "INLINE" | "DISTRIBUTED";

/**
 * Checks an item processor's `ProcessorConfig`: `Mode` INLINE (default) or DISTRIBUTED, and for DISTRIBUTED
 * the child executions' `ExecutionType` (STANDARD or EXPRESS). Returns the mode.
 */
export function checkProcessorConfig(ctx: ValidationContext, config: unknown, at: string): MapMode {
  if (!isFields(config)) {
    ctx.report(at, `must be an object such as {"Mode": "INLINE"}; got ${shown(config)}`);
    return "INLINE";
  }
  checkKnownKeys(ctx, config, at, ["Mode", "ExecutionType"], "ProcessorConfig");
  const mode = get(config, "Mode");
  if (mode !== undefined && mode !== "INLINE" && mode !== "DISTRIBUTED") {
    ctx.report(fieldPath(at, "Mode"), `must be "INLINE" or "DISTRIBUTED"; got ${shown(mode)}`);
  }
  const executionType = get(config, "ExecutionType");
  if (mode === "DISTRIBUTED") {
    if (executionType === undefined) {
      ctx.report(
        at,
        'a DISTRIBUTED Map needs "ExecutionType": "STANDARD" or "EXPRESS" for its child executions',
      );
    } else if (executionType !== "STANDARD" && executionType !== "EXPRESS") {
      ctx.report(
        fieldPath(at, "ExecutionType"),
        `must be "STANDARD" or "EXPRESS"; got ${shown(executionType)}`,
      );
    }
    return "DISTRIBUTED";
  }
  if (executionType !== undefined) {
    ctx.report(
      fieldPath(at, "ExecutionType"),
      'is only allowed with "Mode": "DISTRIBUTED"; remove it or set the mode',
    );
  }
  return "INLINE";
}
