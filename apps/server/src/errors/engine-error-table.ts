import type { EngineErrorCode } from "@stepflow/engine";

/** How one engine error is answered on the wire: HTTP status and AWS `__type`. */
export interface WireError {
  status: number;
  type: string;
}

/**
 * Every engine error code → HTTP status and AWS `__type`. Exhaustive by type, so a code added to the
 * engine does not compile until it is mapped here. AWS answers all Step Functions client errors with 400.
 */
export const ENGINE_ERROR_TABLE: { readonly [code in EngineErrorCode]: WireError } = {
  ActivityDoesNotExist: { status: 400, type: "ActivityDoesNotExist" },
  ExecutionAlreadyExists: { status: 400, type: "ExecutionAlreadyExists" },
  ExecutionDoesNotExist: { status: 400, type: "ExecutionDoesNotExist" },
  ExecutionNotRedrivable: { status: 400, type: "ExecutionNotRedrivable" },
  InvalidArn: { status: 400, type: "InvalidArn" },
  InvalidDefinition: { status: 400, type: "InvalidDefinition" },
  InvalidExecutionInput: { status: 400, type: "InvalidExecutionInput" },
  InvalidName: { status: 400, type: "InvalidName" },
  InvalidOutput: { status: 400, type: "InvalidOutput" },
  InvalidToken: { status: 400, type: "InvalidToken" },
  ResourceNotFound: { status: 400, type: "ResourceNotFound" },
  StateMachineAlreadyExists: { status: 400, type: "StateMachineAlreadyExists" },
  StateMachineDoesNotExist: { status: 400, type: "StateMachineDoesNotExist" },
  StateMachineTypeNotSupported: { status: 400, type: "StateMachineTypeNotSupported" },
  TaskDoesNotExist: { status: 400, type: "TaskDoesNotExist" },
  TaskTimedOut: { status: 400, type: "TaskTimedOut" },
  ValidationException: { status: 400, type: "ValidationException" },
  ConflictException: { status: 400, type: "ConflictException" },
  ServiceUnavailable: { status: 503, type: "ServiceUnavailable" },
};
