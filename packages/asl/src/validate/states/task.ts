import { checkPathField } from "../jsonpath-syntax.ts";
import { fieldPath } from "../problem-path.ts";
import type { StateUnderCheck } from "../state-under-check.ts";
import { checkTimeouts } from "../timeouts.ts";
import { has, isFields, shown } from "../value-checks.ts";
import { checkHttpTask, isHttpTaskResource } from "./http-task.ts";

/** Checks the fields only a Task has (ASL "Task State"): `Resource`, `Credentials`, timeouts. */
export function checkTaskState(s: StateUnderCheck): void {
  const { ctx, at, state } = s;
  const resource = state.Resource;
  if (!has(state, "Resource")) {
    ctx.report(
      at,
      'a Task state needs "Resource": the ARN of the work to run, such as "arn:aws:states:::lambda:invoke"',
    );
  } else if (typeof resource !== "string" || !isArn(resource)) {
    ctx.report(
      fieldPath(at, "Resource"),
      `must be an ARN (arn:partition:service:region:account:resource), such as "arn:aws:states:::lambda:invoke"; got ${shown(resource)}`,
    );
  } else if (isHttpTaskResource(resource)) {
    checkHttpTask(s, resource);
  }
  if (has(state, "Credentials")) checkCredentials(s, state.Credentials, fieldPath(at, "Credentials"));
  checkTimeouts(s);
}

// `arn:aws:states:::lambda:invoke` has empty region and account: six colon-separated parts, some empty.
function isArn(text: string): boolean {
  const parts = text.split(":");
  return parts[0] === "arn" && parts.length >= 6 && parts[1] !== "" && parts[2] !== "";
}

function checkCredentials(s: StateUnderCheck, value: unknown, at: string): void {
  if (!isFields(value)) {
    s.ctx.report(at, `must be an object with "RoleArn" (or "RoleArnPath"); got ${shown(value)}`);
    return;
  }
  const allowed = s.language === "JSONPath" ? ["RoleArn", "RoleArnPath"] : ["RoleArn"];
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      const hint = key === "RoleArnPath" ? 'use "RoleArn" with a {% %} expression instead' : 'use "RoleArn"';
      s.ctx.report(fieldPath(at, key), `"${key}" is not allowed here; ${hint}`);
    }
  }
  const hasRole = has(value, "RoleArn");
  const hasPath = s.language === "JSONPath" && has(value, "RoleArnPath");
  if (hasRole === hasPath) {
    s.ctx.report(
      at,
      hasRole
        ? 'cannot have both "RoleArn" and "RoleArnPath"; keep one'
        : 'needs "RoleArn" (or "RoleArnPath")',
    );
  }
  if (hasRole && typeof value.RoleArn !== "string") {
    s.ctx.report(fieldPath(at, "RoleArn"), `must be a role ARN string; got ${shown(value.RoleArn)}`);
  }
  if (hasPath) checkPathField(s.ctx, value.RoleArnPath, fieldPath(at, "RoleArnPath"), "path-or-intrinsic");
}
