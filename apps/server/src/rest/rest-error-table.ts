import type { EngineErrorCode } from "@stepflow/engine";

/** How one engine error is answered by the REST API: HTTP status and problem title. */
export interface RestStatus {
  status: number;
  title: string;
}

/**
 * Every engine error code → REST status and title. Exhaustive by type, so a code added to the engine does
 * not compile until it is mapped. Unlike the AWS protocol (always 400), REST uses 404 for missing
 * resources, 409 for conflicts and 410 for task tokens that are no longer waited for.
 */
export const REST_ERROR_TABLE: { readonly [code in EngineErrorCode]: RestStatus } = {
  ActivityDoesNotExist: { status: 404, title: "Activity does not exist" },
  ExecutionAlreadyExists: { status: 409, title: "Execution already exists" },
  ExecutionDoesNotExist: { status: 404, title: "Execution does not exist" },
  ExecutionNotRedrivable: { status: 409, title: "Execution cannot be redriven" },
  InvalidArn: { status: 400, title: "Invalid ARN" },
  InvalidDefinition: { status: 400, title: "Invalid state machine definition" },
  InvalidExecutionInput: { status: 400, title: "Invalid execution input" },
  InvalidName: { status: 400, title: "Invalid name" },
  InvalidOutput: { status: 400, title: "Invalid task output" },
  InvalidToken: { status: 400, title: "Invalid token" },
  ResourceNotFound: { status: 404, title: "Resource not found" },
  StateMachineAlreadyExists: { status: 409, title: "State machine already exists" },
  StateMachineDoesNotExist: { status: 404, title: "State machine does not exist" },
  StateMachineTypeNotSupported: { status: 400, title: "Not supported for this state machine type" },
  TaskDoesNotExist: { status: 404, title: "Task does not exist" },
  TaskTimedOut: { status: 410, title: "Task no longer pending" },
  ValidationException: { status: 400, title: "Invalid request" },
  ConflictException: { status: 409, title: "Conflict" },
  ServiceUnavailable: { status: 503, title: "Service unavailable" },
};
