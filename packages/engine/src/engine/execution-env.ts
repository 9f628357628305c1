import { randomUUID } from "node:crypto";
import type { Env } from "@stepflow/asl";
import { newTaskToken } from "../tasks/task-token.ts";

/** Identity of an execution, for its Context object. */
export interface ExecutionIdentity {
  arn: string;
  name: string;
  roleArn: string;
  machineArn: string;
  machineName: string;
  redriveCount?: number;
}

/** The real-world env of an execution: wall clock, crypto randomness, tokens that name the execution. */
export function executionEnv(id: ExecutionIdentity, now: () => number = Date.now): Env {
  return {
    now,
    random: Math.random,
    uuid: randomUUID,
    taskToken: () => newTaskToken(id.arn),
    execution: {
      id: id.arn,
      name: id.name,
      roleArn: id.roleArn,
      stateMachineId: id.machineArn,
      stateMachineName: id.machineName,
    },
  };
}
