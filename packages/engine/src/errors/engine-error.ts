/**
 * Every error the engine raises to its callers, named as AWS names them so the server can map each code
 * to its HTTP status and `__type` in one table.
 */
export const EngineErrorCode = {
  ActivityDoesNotExist: "ActivityDoesNotExist",
  ExecutionAlreadyExists: "ExecutionAlreadyExists",
  ExecutionDoesNotExist: "ExecutionDoesNotExist",
  ExecutionNotRedrivable: "ExecutionNotRedrivable",
  InvalidArn: "InvalidArn",
  InvalidDefinition: "InvalidDefinition",
  InvalidExecutionInput: "InvalidExecutionInput",
  InvalidName: "InvalidName",
  InvalidOutput: "InvalidOutput",
  InvalidToken: "InvalidToken",
  ResourceNotFound: "ResourceNotFound",
  StateMachineAlreadyExists: "StateMachineAlreadyExists",
  StateMachineDoesNotExist: "StateMachineDoesNotExist",
  StateMachineTypeNotSupported: "StateMachineTypeNotSupported",
  TaskDoesNotExist: "TaskDoesNotExist",
  TaskTimedOut: "TaskTimedOut",
  ValidationException: "ValidationException",
  ConflictException: "ConflictException",
  ServiceUnavailable: "ServiceUnavailable",
} as const;
export type EngineErrorCode = (typeof EngineErrorCode)[keyof typeof EngineErrorCode];

/** An error for the API caller: a stable code and a message that says how to fix the request. */
export class EngineError extends Error {
  readonly code: EngineErrorCode;

  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = code;
    this.code = code;
  }
}
