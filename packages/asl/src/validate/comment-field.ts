import type { ValidationContext } from "./validation-context.ts";
import { shown } from "./value-checks.ts";

/** Checks a `Comment` (of a machine, state, retrier, catcher or Choice rule): any string. */
export function checkComment(ctx: ValidationContext, value: unknown, at: string): void {
  if (value !== undefined && typeof value !== "string")
    ctx.report(at, `must be a string; got ${shown(value)}`);
}
