import { compileMachine, type JsonObject, type MachineRegistry, parseJson } from "@stepflow/asl";

/** Compiled machines by definition hash: each definition is compiled once per process. */
export class MachineCache {
  private readonly machines = new Map<string, MachineRegistry>();

  get(hash: string, definitionText: string): MachineRegistry {
    let machine = this.machines.get(hash);
    if (!machine) {
      machine = compileMachine(parseJson(definitionText) as JsonObject);
      this.machines.set(hash, machine);
    }
    return machine;
  }
}
