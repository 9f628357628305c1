export type { Json, JsonObject } from "./json.ts";
export { isJsonObject, jsonText } from "./json.ts";
export { StatesError, StatesFailure, type Failure, type StatesErrorName } from "./errors.ts";
export { noVariables, type QueryScope, type VariableScope } from "./scope.ts";
