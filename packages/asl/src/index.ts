export type { Json, JsonObject } from "./json.ts";
export { isJsonObject, jsonText } from "./json.ts";
export { compareNumeric, isNumeric, JsonNumber, toNumber } from "./json-number.ts";
export { stringifyJson } from "./json-stringify.ts";
export { plainNumbers } from "./plain-numbers.ts";
export { StatesError, StatesFailure, type Failure, type StatesErrorName } from "./errors.ts";
export { noVariables, type QueryScope, type VariableScope } from "./scope.ts";
export { parseTimestamp } from "./timestamp.ts";
export { compileChoiceRule, type ChoiceRulePredicate } from "./choice/compile-choice-rule.ts";
export { compileMachine } from "./machine/compile-machine.ts";
export type { MachineRegistry, CompiledMachine, CompiledStateBase } from "./machine/compiled-state.ts";
export { QueryLanguage } from "./machine/query-language.ts";
export { StateType } from "./machine/state-type.ts";
export { advance, startSnapshot, type AdvanceResult } from "./execution/advance.ts";
export type { Command, TaskPurpose } from "./execution/command.ts";
export { mapRunViews, type MapRunView, type MapRunCounts } from "./states/map/map-run-view.ts";
export type { Env, ExecutionInfo } from "./execution/env.ts";
export { detailsKey, printHistoryEvent, type HistoryEvent } from "./execution/history-event.ts";
export type { Signal } from "./execution/signal.ts";
export {
  ExecutionStatus,
  type Snapshot,
  type Frame,
  type MapRunStatus,
  type TaskWait,
} from "./execution/snapshot.ts";
export { taskCommand, taskToken } from "./execution/task-wait.ts";
export { readSnapshot, snapshotText } from "./execution/stored-snapshot.ts";
export {
  runLocal,
  type LocalResult,
  type LocalTaskContext,
  type LocalTaskHandler,
  type RunLocalOptions,
} from "./run-local.ts";
export { parseJson, parseJsonText } from "./json-text.ts";
export { validateDefinition } from "./validate/validate-definition.ts";
export { formatProblem, type Problem } from "./validate/problem.ts";
export { compilePath, pathSyntaxProblem, type CompiledPath } from "./jsonpath/compile-path.ts";
export {
  compileReferencePath,
  referencePathSyntaxProblem,
  type ReferencePath,
} from "./jsonpath/reference-path.ts";
export { PathSyntaxError } from "./jsonpath/path-syntax-error.ts";
export { compilePayloadTemplate, payloadTemplateProblems } from "./io/payload-template.ts";
export { compileIntrinsic, intrinsicSyntaxProblem } from "./intrinsics/compile-intrinsic.ts";
export { IntrinsicSyntaxError } from "./intrinsics/intrinsic-syntax-error.ts";
export type { IntrinsicEnv } from "./intrinsics/intrinsic-env.ts";
export { choiceRuleProblems } from "./choice/choice-rule-problems.ts";
export {
  ComparisonOperators,
  type ComparisonOperandKind,
  type ComparisonOperatorName,
} from "./choice/comparison-operators.ts";
export { TypeTests, type TypeTestName } from "./choice/type-tests.ts";
export { jsonataSyntaxProblem } from "./validate/jsonata-syntax.ts";
export { parsePath } from "./jsonpath/path-parser.ts";
export type { ParsedPath, PathSegment, PathRoot } from "./jsonpath/path-ast.ts";
export { parseIntrinsic } from "./intrinsics/parse-intrinsic.ts";
export type { IntrinsicCall, IntrinsicArgument } from "./intrinsics/intrinsic-ast.ts";
