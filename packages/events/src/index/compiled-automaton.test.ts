import { describe, expect, it } from "vitest";
import { AutomatonState } from "./automaton-state.ts";
import { CompiledAutomaton } from "./compiled-automaton.ts";
import { EventFields } from "./event-fields.ts";
import { buildPathTrie } from "./path-trie.ts";
import { SharedValues } from "./shared-values.ts";

type Payload = { readonly id: string };

describe("CompiledAutomaton", () => {
  it("keeps reporting each reached state once when its int32 stamps would overflow", () => {
    const shared = new SharedValues();
    const root = new AutomatonState<Payload>();
    const end = new AutomatonState<Payload>();
    end.accepting = { id: "r" };
    // Two conditions leading to the same state: the stamp is what reports it once.
    root.addCondition(0, { kind: "exact-string", value: "a" }, end, shared);
    root.addCondition(0, { kind: "prefix", value: "a", ignoreCase: false }, end, shared);
    const compiled = new CompiledAutomaton(root, 0, shared, (payload: Payload) => ({
      order: 0,
      label: payload.id,
      plain: true,
    }));
    const fields = new EventFields();
    fields.collect({ a: "a" }, buildPathTrie(new Map([["a", 0]])));
    for (const match of [1, 2, 0x7ffffffe, 0x7fffffff, 0x80000000, 0x80000001, 2 ** 40]) {
      const out: number[] = [];
      compiled.run(fields, match, out);
      expect(out.map((entry) => compiled.label(entry))).toEqual(["r"]);
    }
  });
});
