import { describe, expect, it } from "vitest";
import { nodeHandles } from "./node-handles.ts";

const box = { x: 40, y: 80, width: 200, height: 52 };

describe("nodeHandles", () => {
  it("centres the target on the top edge and the source on the bottom edge, top-down", () => {
    expect(nodeHandles(box, false, true)).toEqual([
      { type: "target", position: "top", x: 96, y: -4, width: 8, height: 8 },
      { type: "source", position: "bottom", x: 96, y: 48, width: 8, height: 8 },
    ]);
  });

  it("uses the left and right edges, left-right", () => {
    expect(nodeHandles(box, true, true).map(({ x, y, position }) => ({ x, y, position }))).toEqual([
      { x: -4, y: 22, position: "left" },
      { x: 196, y: 22, position: "right" },
    ]);
  });

  it("gives a branch frame none", () => {
    expect(nodeHandles(box, false, false)).toEqual([]);
  });
});
