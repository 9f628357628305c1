import { describe, expect, it } from "vitest";
import { scopeForNewState } from "./scope-for-new-state.ts";
import { buildStateGraph } from "./state-graph.ts";

const graph = buildStateGraph({
  StartAt: "Fan",
  States: {
    Fan: {
      Type: "Parallel",
      Next: "Each",
      Branches: [{ StartAt: "A", States: { A: { Type: "Pass", End: true } } }],
    },
    Each: { Type: "Map", End: true, Iterator: { StartAt: "B", States: { B: { Type: "Pass", End: true } } } },
  },
});
const node = (id: string) => graph.nodes.find((n) => n.id === id);

describe("scopeForNewState", () => {
  it.each([
    [undefined, [], "the top level"],
    ["Fan", [], "the top level"],
    ["Fan/0", ["States", "Fan", "Branches", 0], "Branch 1 of Fan"],
    ["Fan/0/A", ["States", "Fan", "Branches", 0], "the scope of A"],
    ["Each", ["States", "Each", "Iterator"], "the items of Each"],
  ])("%s", (id, location, label) => {
    expect(scopeForNewState(id === undefined ? undefined : node(id), graph.nodes)).toEqual({
      location,
      label,
    });
  });
});
