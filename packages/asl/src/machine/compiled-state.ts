import type { JsonObject } from "../json.ts";
import type { DataFlow } from "../io/data-flow.ts";
import type { Catcher } from "../retry/catcher.ts";
import type { Retrier } from "../retry/retrier.ts";
import type { QueryLanguage } from "./query-language.ts";
import type { StateType } from "./state-type.ts";

/** What every compiled state has; each state type's handler extends it with its own fields. */
export interface CompiledStateBase {
  name: string;
  type: StateType;
  language: QueryLanguage;
  /** The transition target, or undefined for End states (and Choice, Succeed, Fail). */
  next: string | undefined;
  flow: DataFlow;
  retriers: Retrier[];
  catchers: Catcher[];
  /** The state's definition, for history details and error messages. */
  source: JsonObject;
}

/** A compiled (sub-)machine: the top level, a Parallel branch or a Map item processor. */
export interface CompiledMachine {
  id: string;
  startAt: string;
  states: Map<string, CompiledStateBase>;
}

/** All machines of one definition, by id; the top level is "". */
export interface MachineRegistry {
  root: CompiledMachine;
  machines: Map<string, CompiledMachine>;
  timeoutSeconds: number | undefined;
  language: QueryLanguage;
}
