import { EngineError } from "./errors/engine-error.ts";

/** Region and account that ARNs are minted with. */
export interface ArnScope {
  region: string;
  account: string;
}

/** Builds and reads Step Functions ARNs in AWS form (`arn:aws:states:<region>:<account>:<kind>:...`). */
export function createArns(scope: ArnScope) {
  const base = `arn:aws:states:${scope.region}:${scope.account}`;
  return {
    stateMachine: (name: string) => `${base}:stateMachine:${name}`,
    execution: (machineName: string, name: string) => `${base}:execution:${machineName}:${name}`,
    expressExecution: (machineName: string, name: string) => `${base}:express:${machineName}:${name}`,
    activity: (name: string) => `${base}:activity:${name}`,
  };
}
export type Arns = ReturnType<typeof createArns>;

/** The parts of a state machine ARN, possibly qualified by a version number or an alias name. */
export interface StateMachineRef {
  machineArn: string;
  name: string;
  qualifier: string | undefined;
}

const MACHINE_ARN = /^arn:aws[\w-]*:states:[\w-]*:\d*:stateMachine:([^:]+)(?::([^:]+))?$/;

/** Splits `arn:...:stateMachine:NAME[:VERSION|:ALIAS]`; throws InvalidArn otherwise. */
export function parseStateMachineArn(arn: string): StateMachineRef {
  const match = MACHINE_ARN.exec(arn);
  if (!match) throw new EngineError("InvalidArn", `Invalid Arn: '${arn}' is not a state machine ARN`);
  const name = match[1]!;
  const machineArn = arn.slice(0, arn.indexOf(`:stateMachine:${name}`) + `:stateMachine:${name}`.length);
  return { machineArn, name, qualifier: match[2] };
}

const EXECUTION_ARN = /^arn:aws[\w-]*:states:[\w-]*:\d*:(execution|express):([^:]+):([^:]+)$/;

/** The state machine name and execution name inside an execution ARN; throws InvalidArn otherwise. */
export function parseExecutionArn(arn: string): { machineName: string; name: string } {
  const match = EXECUTION_ARN.exec(arn);
  if (!match) throw new EngineError("InvalidArn", `Invalid Arn: '${arn}' is not an execution ARN`);
  return { machineName: match[2]!, name: match[3]! };
}

// AWS: 1-80 characters; no whitespace, brackets, wildcards, the listed specials, or control characters.
// eslint-disable-next-line no-control-regex -- control characters are exactly what AWS forbids in names
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/** Checks a state machine / execution / activity / alias name as AWS does. */
export function checkName(name: string, what: string): void {
  if (name.length < 1 || name.length > 80 || FORBIDDEN.test(name)) {
    throw new EngineError(
      "InvalidName",
      `Invalid Name: '${name}' (a ${what} name has 1-80 characters and no whitespace, brackets, wildcards, control characters or any of " # % \\ ^ | ~ \` $ & , ; : /)`,
    );
  }
}
