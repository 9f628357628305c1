import { SqlError } from "@stepflow/engine";
import { AwsError } from "../errors/aws-error.ts";

/** The AWS error type for client data the database refused, by action (ValidationException otherwise). */
const TYPE_BY_ACTION: Readonly<Record<string, string>> = {
  StartExecution: "InvalidExecutionInput",
  StartSyncExecution: "InvalidExecutionInput",
  SendTaskSuccess: "InvalidOutput",
};

/**
 * Turns a PostgreSQL data exception (SQLSTATE class 22) raised while storing a request's values into a
 * 400 in AWS shape, or returns undefined for any other error. JSON text can carry what PostgreSQL cannot
 * store (`\u0000` in text and jsonb, an unpaired surrogate escape in jsonb), so such a request is the
 * client's error, never an InternalFailure.
 */
export function dataExceptionOf(error: unknown, action: string): AwsError | undefined {
  if (!(error instanceof SqlError) || error.sqlState?.startsWith("22") !== true) return undefined;
  return new AwsError(
    TYPE_BY_ACTION[action] ?? "ValidationException",
    `The request holds text that cannot be stored (a NUL character \\u0000 or an unpaired UTF-16 surrogate): ${error.message}`,
  );
}
