import {
  formatProblem,
  isJsonObject,
  jsonText,
  parseJsonText,
  runLocal,
  validateDefinition,
  type Json,
  type JsonObject,
  type LocalResult,
  type LocalTaskHandler,
} from "@stepflow/asl";
import { EngineError } from "@stepflow/engine";
import { AwsError } from "../../errors/aws-error.ts";
import type { ActionTable } from "../action.ts";
import { LIMITS } from "../limits.ts";
import type { RequestFields } from "../request-fields.ts";

/** The TestState answer, as AWS shapes it. */
interface TestStateOutput {
  status: "SUCCEEDED" | "FAILED" | "RETRIABLE" | "CAUGHT_ERROR";
  output?: string;
  error?: string;
  cause?: string;
  nextState?: string;
}

interface Mock {
  result?: string;
  errorOutput?: { error?: string; cause?: string };
}

/**
 * TestState: runs one state on the pure core (runLocal) in a machine where every state it can go to is a
 * pass-through Succeed stub, so the stub entered names `nextState`. Task states run their `mock`
 * (Stepflow does not invoke resources from TestState). Status: a first run without Catch tells
 * SUCCEEDED, RETRIABLE (a retrier ran the state again) or the error; a second run with Catch and no
 * Retry tells CAUGHT_ERROR (and its output and next state) from FAILED.
 */
export const testStateActions: ActionTable = {
  async TestState(request) {
    const definitionText = request.string("definition", LIMITS.definition);
    request.optionalString("roleArn", LIMITS.arn);
    const inputText = request.optionalString("input", LIMITS.data) ?? "{}";
    request.optionalEnum("inspectionLevel", ["INFO", "DEBUG", "TRACE"]);
    request.optionalBoolean("revealSecrets");
    const stateName = request.optionalString("stateName", LIMITS.name);
    const mock = readMock(request);
    if (request.optionalString("variables", LIMITS.data) !== undefined) {
      throw new AwsError("ValidationException", "TestState 'variables' is not supported by Stepflow yet");
    }
    request.done();

    const state = parseState(definitionText, stateName);
    const input = parseInput(inputText);
    const name = stateName ?? "TestState";
    if (state.Type === "Task" && mock === undefined) {
      throw new AwsError(
        "ValidationException",
        "TestState of a Task state needs a 'mock' (result or errorOutput): Stepflow does not invoke resources from TestState",
      );
    }

    let calls = 0;
    const handler: LocalTaskHandler = () => {
      calls++;
      if (mock?.errorOutput !== undefined) {
        const { error = "", cause } = mock.errorOutput;
        // runLocal reads `error` / `cause` off what a handler throws.
        throw Object.assign(new Error(cause ?? error), { error, cause });
      }
      return parseJsonText(mock?.result ?? "{}");
    };
    const run = (keep: "Retry" | "Catch") => {
      const { machine, stubs } = oneStateMachine(name, state, keep);
      // Every resource the state reaches (a Task, or tasks inside a Map/Parallel) answers with the mock.
      const handlers = new Proxy({}, { get: () => handler });
      return runLocal(machine, input, { handlers }).then((result) => ({
        result,
        stubs,
      }));
    };

    const first = await run("Retry");
    const retried = calls > 1 || countEvents(first.result, /^(Map|Parallel)StateStarted$/) > 1;
    if (first.result.status === "SUCCEEDED" && !retried) return succeeded(first.result, first.stubs);
    const failure = firstFailure(first.result);
    if (retried) return withFailure({ status: "RETRIABLE" }, failure);
    const second = await run("Catch");
    if (second.result.status === "SUCCEEDED") {
      return withFailure({ ...succeeded(second.result, second.stubs), status: "CAUGHT_ERROR" }, failure);
    }
    return withFailure({ status: "FAILED" }, failure);
  },
};

function readMock(request: RequestFields): Mock | undefined {
  const mock = request.optionalObject("mock");
  if (mock === undefined) return undefined;
  const out: Mock = {};
  if (typeof mock.result === "string") out.result = mock.result;
  if (isJsonObject(mock.errorOutput)) {
    const e = mock.errorOutput as { error?: unknown; cause?: unknown };
    out.errorOutput = {};
    if (typeof e.error === "string") out.errorOutput.error = e.error;
    if (typeof e.cause === "string") out.errorOutput.cause = e.cause;
  }
  if (out.result === undefined && out.errorOutput === undefined) {
    throw new AwsError("ValidationException", "A mock needs 'result' (JSON text) or 'errorOutput'");
  }
  return out;
}

function parseState(text: string, stateName: string | undefined): JsonObject {
  let parsed: Json;
  try {
    parsed = parseJsonText(text);
  } catch (error) {
    throw new EngineError(
      "InvalidDefinition",
      `Invalid State Machine Definition: ${(error as Error).message}`,
    );
  }
  if (!isJsonObject(parsed))
    throw new EngineError("InvalidDefinition", "Invalid State Machine Definition: a state is a JSON object");
  // A whole machine may be sent with a stateName, as AWS allows: test that state of it.
  if (stateName !== undefined && isJsonObject(parsed.States ?? null)) {
    const inner = (parsed.States as JsonObject)[stateName];
    if (!isJsonObject(inner ?? null)) {
      throw new EngineError(
        "InvalidDefinition",
        `Invalid State Machine Definition: no state named '${stateName}'`,
      );
    }
    return {
      ...(parsed.QueryLanguage === undefined ? {} : { QueryLanguage: parsed.QueryLanguage }),
      ...(inner as JsonObject),
    };
  }
  return parsed;
}

function parseInput(text: string): Json {
  try {
    return parseJsonText(text);
  } catch (error) {
    throw new EngineError("InvalidExecutionInput", `Invalid Execution Input: ${(error as Error).message}`);
  }
}

/** The state under test plus one pass-through Succeed stub named after each state it can go to. */
function oneStateMachine(name: string, state: JsonObject, keep: "Retry" | "Catch") {
  const tested: JsonObject = { ...state };
  delete tested[keep === "Retry" ? "Catch" : "Retry"];
  const targets = new Set<string>();
  const add = (target: Json | undefined) => typeof target === "string" && targets.add(target);
  add(tested.Next);
  add(tested.Default);
  for (const list of [tested.Choices, tested.Catch]) {
    if (Array.isArray(list)) for (const item of list) if (isJsonObject(item)) add(item.Next);
  }
  // A target named like the tested state (a loop) gets a stub of its own under a fresh name.
  const testedName = targets.has(name) ? `${name}#tested` : name;
  const states: JsonObject = { [testedName]: tested };
  for (const target of targets) states[target] = { Type: "Succeed" };
  const machine: JsonObject = { StartAt: testedName, States: states };
  if (typeof state.QueryLanguage === "string") machine.QueryLanguage = state.QueryLanguage;
  const problems = validateDefinition(machine);
  if (problems.length > 0) {
    throw new EngineError(
      "InvalidDefinition",
      `Invalid State Machine Definition: '${problems.map(formatProblem).join("; ")}'`,
    );
  }
  return { machine, stubs: targets };
}

function succeeded(result: LocalResult, stubs: ReadonlySet<string>): TestStateOutput {
  const out: TestStateOutput = { status: "SUCCEEDED", output: jsonText(result.output ?? null) };
  const entered = result.history.filter((e) => e.type.endsWith("StateEntered")).at(-1);
  const enteredName = entered?.stateEnteredEventDetails?.name;
  if (typeof enteredName === "string" && stubs.has(enteredName)) {
    out.nextState = enteredName;
  }
  return out;
}

function countEvents(result: LocalResult, type: RegExp): number {
  return result.history.filter((e) => type.test(e.type)).length;
}

/** The first failure the tested state met (a task failure or the execution's own). */
function firstFailure(result: LocalResult): { error?: string; cause?: string } {
  for (const event of result.history) {
    const details = event.taskFailedEventDetails ?? event.executionFailedEventDetails;
    if (details) {
      const out: { error?: string; cause?: string } = {};
      if (typeof details.error === "string") out.error = details.error;
      if (typeof details.cause === "string") out.cause = details.cause;
      return out;
    }
  }
  const out: { error?: string; cause?: string } = {};
  if (result.error !== undefined) out.error = result.error;
  if (result.cause !== undefined) out.cause = result.cause;
  return out;
}

function withFailure(out: TestStateOutput, failure: { error?: string; cause?: string }): TestStateOutput {
  if (failure.error !== undefined) out.error = failure.error;
  if (failure.cause !== undefined) out.cause = failure.cause;
  return out;
}
