import type { FlowContext } from "../io/data-flow.ts";
import type { JsonataBindings } from "../jsonata/jsonata-template.ts";
import type { Json, JsonObject } from "../json.ts";
import type { QueryScope, VariableScope } from "../scope.ts";
import { stateContext } from "./context-object.ts";
import type { Env } from "./env.ts";
import type { Frame, Snapshot } from "./snapshot.ts";

/**
 * What expressions in a frame can see: `$$` for the frame's current state, and variables through the scope
 * chain (ASL "Variable scope": a Parallel branch or Map iteration reads its enclosing scopes' variables and
 * assigns only its own). One FlowContext per frame, reused across its states.
 */
export class FrameScopes {
  private readonly flows = new Map<string, FlowContext>();

  constructor(
    private readonly snapshot: Snapshot,
    private readonly env: Env,
    private readonly functions: Record<string, unknown>,
    private readonly execution: () => JsonObject,
  ) {}

  flow(frame: Frame): FlowContext {
    let flow = this.flows.get(frame.id);
    if (flow) return flow;
    const variables: VariableScope = { get: (name) => this.variable(frame, name) };
    flow = {
      scope: (input) => new LazyScope(input, variables, () => stateContext(this.execution(), frame.at)),
      bindings: (states) => this.bindings(frame, states),
      random: () => this.env.random(),
      uuid: () => this.env.uuid(),
    };
    this.flows.set(frame.id, flow);
    return flow;
  }

  bindings(frame: Frame, states: { input: Json; result?: Json; errorOutput?: Json }): JsonataBindings {
    const chain = this.chain(frame);
    const bindings: JsonataBindings = { ...this.functions };
    for (let i = chain.length - 1; i >= 0; i--) Object.assign(bindings, chain[i]!.vars);
    bindings.states = { ...states, context: stateContext(this.execution(), frame.at) };
    return bindings;
  }

  private variable(frame: Frame, name: string): Json | undefined {
    for (const f of this.chain(frame)) if (Object.hasOwn(f.vars, name)) return f.vars[name];
    return undefined;
  }

  /** The frame and its enclosing frames, innermost first. */
  private chain(frame: Frame): Frame[] {
    const chain: Frame[] = [];
    for (let f: Frame | undefined = frame; f; f = f.parent ? this.snapshot.frames[f.parent.frame] : undefined)
      chain.push(f);
    return chain;
  }
}

/** A JSONPath scope whose `$$` is only built if an expression reads it. */
class LazyScope implements QueryScope {
  constructor(
    readonly input: Json,
    readonly variables: VariableScope,
    private readonly makeContext: () => Json,
  ) {}

  get context(): Json {
    return this.makeContext();
  }
}
