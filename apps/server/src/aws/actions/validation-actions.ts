import { validateDefinition } from "@stepflow/asl";
import type { ActionTable } from "../action.ts";
import { jsonPointerOf } from "../json-pointer-of.ts";
import { LIMITS } from "../limits.ts";

/** A ValidateStateMachineDefinition diagnostic, as AWS shapes it. */
interface Diagnostic {
  severity: "ERROR";
  code: string;
  message: string;
  location?: string;
}

/** ValidateStateMachineDefinition: every problem of the definition as an ERROR diagnostic. */
export const validationActions: ActionTable = {
  ValidateStateMachineDefinition(request) {
    const definition = request.string("definition", { max: LIMITS.definition.max, sensitive: true });
    request.optionalEnum("type", ["STANDARD", "EXPRESS"]);
    request.optionalEnum("severity", ["ERROR", "WARNING"]);
    const maxResults = request.optionalInteger("maxResults", 0, 100);
    request.done();
    const limit = maxResults === undefined || maxResults === 0 ? 100 : maxResults;
    const diagnostics: Diagnostic[] =
      definition.trim() === ""
        ? [{ severity: "ERROR", code: "MISSING_DESCRIPTION", message: "The definition is empty" }]
        : validateDefinition(definition).map((problem) => {
            const code = problem.message.startsWith("the definition is not valid JSON")
              ? "INVALID_JSON_DESCRIPTION"
              : problem.message.startsWith("DUPLICATE_STATE_NAME:")
                ? "DUPLICATE_STATE_NAME"
                : "SCHEMA_VALIDATION_FAILED";
            const diagnostic: Diagnostic = { severity: "ERROR", code, message: problem.message };
            if (problem.path !== "") diagnostic.location = jsonPointerOf(problem.path);
            return diagnostic;
          });
    return Promise.resolve({
      result: diagnostics.length === 0 ? "OK" : "FAIL",
      diagnostics: diagnostics.slice(0, limit),
      truncated: diagnostics.length > limit,
    });
  },
};
