import type { CompiledPattern, PatternBranch } from "../patterns/compile-pattern.ts";
import { flattenEvent, type FlatEvent } from "../patterns/flatten-event.ts";
import { matchesBranch } from "../patterns/matches.ts";
import { needsConsistencyCheck, type BranchField } from "./array-consistency.ts";
import { branchSteps } from "./branch-steps.ts";
import { EventFields } from "./event-fields.ts";
import { RuleAutomaton, type IndexedStep } from "./rule-automaton.ts";
import { RulePaths } from "./rule-paths.ts";

/** A set of rules that finds the rules matching an event without testing every rule. */
export type PatternIndex = {
  /** Adds (or replaces) a rule. */
  add(ruleId: string, compiled: CompiledPattern): void;
  /** Removes a rule; unknown ids are ignored. */
  remove(ruleId: string): void;
  /** Ids of the rules matching `event`, in the order they were added. */
  match(event: unknown): string[];
  /** Number of rules held. */
  readonly size: number;
};

type Rule = { readonly id: string; readonly order: number; readonly branches: Branch[]; matchedIn: number };

/** A branch of a rule, with the rule's id and order at hand so that reporting it reads no other object. */
type Branch = {
  readonly rule: Rule;
  readonly id: string;
  readonly order: number;
  /** The rule has no other branch, so it cannot be reported twice. */
  readonly alone: boolean;
  readonly pattern: PatternBranch;
  /** The automaton's own (shared) steps of the branch, for removing it. */
  steps: IndexedStep[];
  readonly fields: BranchField[];
  readonly mayBeAbsent: boolean;
  /**
   * Reported as the automaton accepts it when no leaf of the event sits in an array: the rule has no other
   * branch, and a field allowing absence allows nothing else, so that accepting it means the field is
   * absent and needsConsistencyCheck has nothing to re-check.
   */
  readonly plain: boolean;
};

/**
 * Creates an empty rule index: every branch of every rule compiled into one automaton (see
 * RuleAutomaton), walked once per event. Matching costs the event's walk over the fields rules name plus
 * the states it reaches; rules whose most selective field the event does not satisfy cost nothing.
 * Answers exactly as `matches` would for each rule.
 * @example
 * const index = createPatternIndex();
 * index.add("r1", compilePattern('{"source": ["orders"]}'));
 * index.match({ source: "orders" }); // ["r1"]
 */
export function createPatternIndex(): PatternIndex {
  const rules = new Map<string, Rule>();
  const paths = new RulePaths();
  // Plain: nothing to re-check unless leaves sit in arrays, and reported once (see match).
  const automaton = new RuleAutomaton<Branch>((branch) => ({
    order: branch.order,
    label: branch.id,
    plain: branch.plain,
  }));
  const fields = new EventFields();
  let added = 0;
  let matchCount = 0;

  const remove = (ruleId: string): Rule | undefined => {
    const rule = rules.get(ruleId);
    if (rule === undefined) return undefined;
    for (const branch of rule.branches) {
      automaton.remove(branch.steps, branch);
      for (const step of branch.steps) paths.release(step.path);
    }
    rules.delete(ruleId);
    return rule;
  };

  return {
    add(ruleId, compiled) {
      const previous = remove(ruleId);
      const rule: Rule = { id: ruleId, order: previous?.order ?? added++, branches: [], matchedIn: 0 };
      for (const pattern of compiled.branches) {
        // A literal, not a spread: a spread gives each object a hidden class of its own.
        const steps = branchSteps(pattern).map(({ path, matchers, key }) => ({
          path,
          matchers,
          key,
          pathId: paths.use(path),
        }));
        const branchFields = steps.map(({ pathId, matchers }) => ({
          pathId,
          allowsAbsence: matchers.some((m) => m.kind === "exists" && !m.exists),
        }));
        const mayBeAbsent = branchFields.some((f) => f.allowsAbsence);
        const alone = compiled.branches.length === 1;
        const branch: Branch = {
          rule,
          id: ruleId,
          order: rule.order,
          alone,
          pattern,
          steps,
          fields: branchFields,
          mayBeAbsent,
          plain:
            alone &&
            steps.every((step, at) => !branchFields[at]!.allowsAbsence || step.matchers.length === 1),
        };
        rule.branches.push(branch);
        branch.steps = automaton.add(steps, branch);
      }
      rules.set(ruleId, rule);
    },
    remove(ruleId) {
      remove(ruleId);
    },
    match(event) {
      fields.collect(event, paths.trie);
      const accepted: number[] = [];
      const compiled = automaton.run(fields, accepted);
      if (accepted.length === 0) return [];
      const epoch = ++matchCount;
      const matched: number[] = [];
      // Most matches are told from the automaton's own tables: reading each branch object would cost a
      // cache miss per match when an event reaches one rule among thousands.
      const plainEvent = !fields.hasArrayLeaves;
      let flat: FlatEvent | undefined;
      for (const payload of accepted) {
        if (!plainEvent || !compiled.isPlain(payload)) {
          const branch = compiled.payload(payload);
          if (!branch.alone && branch.rule.matchedIn === epoch) continue;
          if (needsConsistencyCheck(branch.fields, branch.mayBeAbsent, fields)) {
            flat ??= flattenEvent(event, paths.wanted);
            if (!matchesBranch(branch.pattern, flat)) continue;
          }
          if (!branch.alone) branch.rule.matchedIn = epoch;
        }
        matched.push(payload);
      }
      if (matched.length > 1) matched.sort((a, b) => compiled.order(a) - compiled.order(b));
      return matched.map((payload) => compiled.label(payload));
    },
    get size() {
      return rules.size;
    },
  };
}
