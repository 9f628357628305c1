import type { Json } from "../json.ts";

/**
 * Everything non-deterministic the core needs, injected. The same env answers and the same signals give
 * the same history, byte for byte.
 */
export interface Env {
  /** Milliseconds since the epoch. */
  now(): number;
  /** A uniformly distributed number in [0, 1). */
  random(): number;
  /** A fresh RFC 4122 v4 UUID (States.UUID; task tokens unless `taskToken` is given). */
  uuid(): string;
  /** A fresh task token; the engine makes tokens that name their execution. */
  taskToken?(): string;
  /** Context object fields of the execution (`$$.Execution`, `$$.StateMachine`). */
  execution: ExecutionInfo;
}

/** Identity of an execution, as the Context object shows it. */
export interface ExecutionInfo {
  id: string;
  name: string;
  roleArn: string;
  stateMachineId: string;
  stateMachineName: string;
  /** Extra fields merged into `$$.Execution` (e.g. RedriveCount). */
  extra?: Record<string, Json>;
}
