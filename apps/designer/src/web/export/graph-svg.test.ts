import { describe, expect, it } from "vitest";
import { graphSvg, type SvgTheme } from "./graph-svg.ts";

const THEME: SvgTheme = {
  background: "#fff",
  node: "#eee",
  group: "#f8f8f8",
  stroke: "#333",
  text: "#000",
  muted: "#666",
  problem: "#c00",
};

describe("graphSvg", () => {
  const svg = graphSvg(
    [
      {
        id: "Fan",
        name: "Fan",
        type: "Parallel",
        x: 0,
        y: 0,
        width: 300,
        height: 200,
        isGroup: true,
        problems: 0,
      },
      {
        id: "A<&>",
        name: "A<&>",
        type: "Task",
        x: 20,
        y: 260,
        width: 180,
        height: 56,
        isGroup: false,
        problems: 2,
      },
    ],
    [
      {
        id: "Fan->A<&>#catch",
        kind: "catch",
        path: "M0 0 L10 10",
        label: "States.ALL",
        labelX: 5,
        labelY: 5,
      },
    ],
    THEME,
  );

  it("covers every node with a margin", () => {
    expect(svg).toContain('viewBox="-24 -24 348 364"');
  });

  it("draws groups before edges before states, escaping names", () => {
    const group = svg.indexOf('data-id="Fan"');
    const edge = svg.indexOf("data-edge=");
    const state = svg.indexOf('data-id="A&lt;&amp;&gt;"');
    expect(group).toBeGreaterThan(-1);
    expect(edge).toBeGreaterThan(group);
    expect(state).toBeGreaterThan(edge);
    expect(svg).not.toContain("A<&>");
  });

  it("dashes catch edges, labels them and marks problems", () => {
    expect(svg).toMatch(/data-kind="catch"><path [^>]*stroke-dasharray="6 4"/);
    expect(svg).toContain(">States.ALL</text>");
    expect(svg).toContain("Task · 2 problem(s)");
    expect(svg).toContain('stroke="#c00"');
  });
});
