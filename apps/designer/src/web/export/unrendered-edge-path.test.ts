import { describe, expect, it } from "vitest";
import { unrenderedEdgePath } from "./unrendered-edge-path.ts";

const source = { x: 0, y: 0, width: 200, height: 52 };

describe("unrenderedEdgePath", () => {
  it("runs from the bottom of the source to the top of the target when top-down", () => {
    expect(unrenderedEdgePath(source, { ...source, y: 100 }, false)).toEqual({
      path: "M100 52L100 100",
      labelX: 100,
      labelY: 76,
    });
  });

  it("runs from the right of the source to the left of the target when left-right", () => {
    expect(unrenderedEdgePath(source, { ...source, x: 300 }, true)).toEqual({
      path: "M200 26L300 26",
      labelX: 250,
      labelY: 26,
    });
  });

  it("steps around when the target is beside the source", () => {
    const { path } = unrenderedEdgePath(source, { ...source, x: 400, y: 200 }, false);
    expect(path.startsWith("M100 52")).toBe(true);
    expect(path.endsWith("500 200")).toBe(true);
    expect(path).toContain("Q");
  });
});
