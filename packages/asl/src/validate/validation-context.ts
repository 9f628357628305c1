import type { QueryLanguage } from "../machine/query-language.ts";
import type { Problem } from "./problem.ts";

/** What one validation run accumulates while it walks a definition (and its nested machines). */
export class ValidationContext {
  readonly problems: Problem[] = [];
  /** The machine-wide query language: a JSONata machine cannot hold JSONPath states. */
  topQueryLanguage: QueryLanguage = "JSONPath";
  // State names and Map labels are unique across the whole definition, nested machines included.
  private readonly stateNames = new Map<string, string>();
  private readonly labels = new Map<string, string>();
  private readonly deferred: (() => void)[] = [];
  // Values whose key appeared more than once in their object in the definition text (the last one kept).
  private readonly repeated = new WeakSet<object>();

  /** Records a problem at `path`. */
  report(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Registers a state name; returns the path of an earlier state with the same name, if any. */
  claimStateName(name: string, path: string): string | undefined {
    const earlier = this.stateNames.get(name);
    if (earlier === undefined) this.stateNames.set(name, path);
    return earlier;
  }

  /** True when some machine of the definition (nested ones included) has a state called `name`. */
  hasStateName(name: string): boolean {
    return this.stateNames.has(name);
  }

  /** Runs `check` once every state of the definition is registered (transition targets need them all). */
  defer(check: () => void): void {
    this.deferred.push(check);
  }

  /** Runs the deferred checks. */
  finish(): void {
    for (const check of this.deferred.splice(0)) check();
  }

  /** Records that `value` was given under a key its object already had (only objects can be told apart). */
  markRepeated(value: unknown): void {
    if (typeof value === "object" && value !== null) this.repeated.add(value);
  }

  /** True when `value` came from a key that was repeated in its object in the definition text. */
  wasRepeated(value: unknown): boolean {
    return typeof value === "object" && value !== null && this.repeated.has(value);
  }

  /** Registers a Map `Label`; returns the path of an earlier Map with the same label, if any. */
  claimLabel(label: string, path: string): string | undefined {
    const earlier = this.labels.get(label);
    if (earlier === undefined) this.labels.set(label, path);
    return earlier;
  }
}
