export { createApp, type AppOptions } from "./app.ts";
export { STEP_FUNCTIONS_ACTIONS } from "./aws/action-table.ts";
export { awsJsonProtocol, type AwsJsonProtocolOptions } from "./aws/aws-json-protocol.ts";
export type { Action, ActionContext, ActionTable } from "./aws/action.ts";
export { AwsError } from "./errors/aws-error.ts";
export { ENGINE_ERROR_TABLE, type WireError } from "./errors/engine-error-table.ts";
export { wireErrorOf, type WireErrorBody } from "./errors/wire-error-of.ts";
export { stderrLogger, type Logger } from "./logger.ts";
export { ENV_VARS, type EnvVar, type EnvVarName, type StepflowProcess } from "./env-vars.ts";
