import type { JsonObject } from "../json.ts";
import { isNumeric, toNumber } from "../json-number.ts";
import { compileDataFlow } from "../io/data-flow.ts";
import { compileCatcher } from "../retry/catcher.ts";
import { compileRetrier } from "../retry/retrier.ts";
import { stateHandlers } from "../states/handlers.ts";
import type { CompileContext } from "../states/state-handler.ts";
import type { CompiledMachine, CompiledStateBase, MachineRegistry } from "./compiled-state.ts";
import { QueryLanguage } from "./query-language.ts";
import type { StateType } from "./state-type.ts";

/**
 * Compiles a validated definition once into the tree the evaluators run: paths, intrinsics, Choice
 * rules and JSONata expressions are all compiled here, never per evaluation.
 * Call `validateDefinition` first; this assumes a valid definition.
 */
export function compileMachine(definition: JsonObject): MachineRegistry {
  const machines = new Map<string, CompiledMachine>();
  const language = definition.QueryLanguage === "JSONata" ? QueryLanguage.JSONata : QueryLanguage.JSONPath;

  const compileOne = (def: JsonObject, id: string, inherited: QueryLanguage): string => {
    const machineLanguage =
      def.QueryLanguage === "JSONata" || def.QueryLanguage === "JSONPath" ? def.QueryLanguage : inherited;
    const states = new Map<string, CompiledStateBase>();
    const machine: CompiledMachine = { id, startAt: def.StartAt as string, states };
    machines.set(id, machine);
    for (const [name, raw] of Object.entries(def.States as JsonObject)) {
      const stateDef = raw as JsonObject;
      const type = stateDef.Type as StateType;
      const stateLanguage =
        stateDef.QueryLanguage === "JSONata" || stateDef.QueryLanguage === "JSONPath"
          ? stateDef.QueryLanguage
          : machineLanguage;
      const base: CompiledStateBase = {
        name,
        type,
        language: stateLanguage,
        next: typeof stateDef.Next === "string" ? stateDef.Next : undefined,
        flow: compileDataFlow(stateDef, stateLanguage, { parameters: type !== "Map" }),
        retriers: ((stateDef.Retry as JsonObject[] | undefined) ?? []).map(compileRetrier),
        catchers: ((stateDef.Catch as JsonObject[] | undefined) ?? []).map((c) =>
          compileCatcher(c, stateLanguage),
        ),
        source: stateDef,
      };
      const ctx: CompileContext = { machineId: id, language: stateLanguage, compileMachine: compileOne };
      states.set(name, stateHandlers[type].compile(base, stateDef, ctx));
    }
    return id;
  };

  compileOne(definition, "", language);
  return {
    root: machines.get("")!,
    machines,
    language,
    timeoutSeconds: isNumeric(definition.TimeoutSeconds) ? toNumber(definition.TimeoutSeconds) : undefined,
  };
}
