import type { QueryLanguage } from "../machine/query-language.ts";
import type { StateType } from "../machine/state-type.ts";
import type { ValidationContext } from "./validation-context.ts";
import type { Fields } from "./value-checks.ts";

/** A transition found in a state (`Next`, `Default`, a Choice rule's or a catcher's `Next`). */
export interface Transition {
  target: string;
  /** Path of the field naming the target. */
  at: string;
}

/** The kinds of nested state machine: a Parallel branch, a Map `ItemProcessor`, a legacy Map `Iterator`. */
export type NestedMachineKind = "Branch" | "ItemProcessor" | "Iterator";

/** One state being validated, with what its type-specific rules need. */
export interface StateUnderCheck {
  ctx: ValidationContext;
  state: Fields;
  at: string;
  type: StateType;
  language: QueryLanguage;
  /** True when the state has `field` and its type and query language allow it. */
  carries(field: string): boolean;
  /** Transitions out of this state; the machine checks that each target exists. */
  transitions: Transition[];
  /** Validates a nested machine (a branch or an item processor) in this state's query language. */
  nested(machine: unknown, at: string, kind: NestedMachineKind): void;
}
