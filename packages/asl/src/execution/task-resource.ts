import type { JsonObject } from "../json.ts";

/**
 * `resourceType` and `resource` as Step Functions shows them in task events: for an optimised
 * integration `arn:aws:states:::lambda:invoke.waitForTaskToken` → `lambda` / `invoke.waitForTaskToken`;
 * for any other ARN, its service and the whole ARN.
 */
export function taskResourceDetails(arn: string): JsonObject {
  const parts = arn.split(":");
  if (parts[2] === "states" && parts[3] === "" && parts[4] === "" && parts.length >= 7) {
    return { resourceType: parts[5]!, resource: parts.slice(6).join(":") };
  }
  return { resourceType: parts[2] ?? "unknown", resource: arn };
}
