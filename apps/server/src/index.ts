// The server itself is not built yet (issue #5); the environment variables it will read are settled here.
export { ENV_VARS, type EnvVar, type EnvVarName, type StepflowProcess } from "./env-vars.ts";
