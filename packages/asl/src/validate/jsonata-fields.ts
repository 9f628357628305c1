import { checkJsonataStrings } from "./jsonata-syntax.ts";
import { fieldPath, indexPath } from "./problem-path.ts";
import type { StateUnderCheck } from "./state-under-check.ts";
import { has, isFields } from "./value-checks.ts";

// Fields whose strings are names, ARNs or nested machines, never evaluated as JSONata.
const NOT_EVALUATED = new Set([
  "Type",
  "Comment",
  "QueryLanguage",
  "Next",
  "End",
  "Default",
  "Resource",
  "Branches",
  "ItemProcessor",
  "Iterator",
  "Label",
  "Retry",
]);

/**
 * In a JSONata state, compiles every `{% %}` string of the evaluated fields (`Arguments`, `Output`, `Assign`,
 * `Items`, `Seconds`, `Condition`, catcher `Output`, ...) and reports those that do not compile.
 */
export function checkJsonataFields(s: StateUnderCheck): void {
  for (const [field, value] of Object.entries(s.state)) {
    if (NOT_EVALUATED.has(field) || !s.carries(field)) continue;
    const at = fieldPath(s.at, field);
    if ((field === "Catch" || field === "Choices") && Array.isArray(value)) {
      const evaluated = field === "Catch" ? ["Output", "Assign"] : ["Condition", "Output", "Assign"];
      value.forEach((entry, index) => {
        if (!isFields(entry)) return;
        for (const key of evaluated.filter((k) => has(entry, k))) {
          checkJsonataStrings(s.ctx, entry[key], fieldPath(indexPath(at, index), key));
        }
      });
    } else {
      checkJsonataStrings(s.ctx, value, at);
    }
  }
}
