import { closestName } from "./did-you-mean.ts";
import type { Transition } from "./state-under-check.ts";
import type { ValidationContext } from "./validation-context.ts";

/** The states of one (possibly nested) machine and the transitions out of each. */
export interface MachineGraph {
  /** Path of the machine's `StartAt` field. */
  startAtPath: string;
  startAt: string | undefined;
  /** State name → path of the state and its transitions. */
  states: Map<string, { at: string; transitions: Transition[] }>;
  /** True for a Parallel branch or Map item processor, whose transitions cannot leave it. */
  nested: boolean;
}

/**
 * Checks a machine's transitions (ASL "Transitions"): `StartAt` and every `Next`, `Default` and catcher
 * `Next` name a state of the same machine, and every state is reachable from `StartAt`.
 */
export function checkTransitions(ctx: ValidationContext, graph: MachineGraph): void {
  const names = [...graph.states.keys()];
  const missing = (target: string): string => {
    if (graph.nested && ctx.hasStateName(target)) {
      return `state "${target}" is outside this branch; a transition cannot leave its Parallel branch or Map item processor`;
    }
    const near = closestName(target, names);
    return near === undefined
      ? `state "${target}" does not exist`
      : `state "${target}" does not exist; did you mean "${near}"?`;
  };
  if (graph.startAt !== undefined && !graph.states.has(graph.startAt)) {
    ctx.report(graph.startAtPath, missing(graph.startAt));
  }
  for (const { transitions } of graph.states.values()) {
    for (const transition of transitions) {
      if (!graph.states.has(transition.target)) ctx.report(transition.at, missing(transition.target));
    }
  }
  if (graph.startAt === undefined || !graph.states.has(graph.startAt)) return;
  const reached = new Set([graph.startAt]);
  const queue = [graph.startAt];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    for (const { target } of graph.states.get(name)?.transitions ?? []) {
      if (graph.states.has(target) && !reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  for (const [name, { at }] of graph.states) {
    if (!reached.has(name)) {
      ctx.report(
        at,
        `state "${name}" is not reachable from "${graph.startAt}"; transition to it from another state or remove it`,
      );
    }
  }
}
