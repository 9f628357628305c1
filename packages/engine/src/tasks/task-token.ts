import { randomUUID } from "node:crypto";
import { EngineError } from "../errors/engine-error.ts";

/**
 * Task tokens name their execution, so a callback finds its execution without a lookup table:
 * `<base64url(execution ARN)>.<random UUID>`. The random part makes a token unguessable.
 */
export function newTaskToken(executionArn: string): string {
  return `${Buffer.from(executionArn).toString("base64url")}.${randomUUID()}`;
}

/** The execution ARN inside a task token; InvalidToken when the token is not one of ours. */
export function executionOfToken(token: string): string {
  const dot = token.indexOf(".");
  const arn = dot > 0 ? Buffer.from(token.slice(0, dot), "base64url").toString("utf8") : "";
  if (!arn.startsWith("arn:") || token.length > 1024)
    throw new EngineError("InvalidToken", "Invalid Token: the task token is malformed");
  return arn;
}
