import { Panel, useReactFlow } from "@xyflow/react";
import { graphSvg, type SvgEdge, type SvgNode, type SvgTheme } from "../export/graph-svg.ts";
import { unrenderedEdgePath } from "../export/unrendered-edge-path.ts";
import type { StateFlowNode } from "./StateNode.tsx";
import type { TransitionFlowEdge } from "./TransitionEdge.tsx";

const LIGHT: SvgTheme = {
  background: "#ffffff",
  node: "#f4f6fa",
  group: "#fafbfd",
  stroke: "#4a5568",
  text: "#1a202c",
  muted: "#5a6473",
  problem: "#c53030",
};
const DARK: SvgTheme = {
  background: "#15181e",
  node: "#232833",
  group: "#1b1f27",
  stroke: "#a0aec0",
  text: "#edf2f7",
  muted: "#a0aec0",
  problem: "#fc8181",
};

const PNG_SCALE = 2;

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Renders an SVG text to a PNG blob through an offscreen canvas (no library, no network). */
async function svgToPng(svg: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(image.naturalWidth * PNG_SCALE);
    canvas.height = Math.ceil(image.naturalHeight * PNG_SCALE);
    const context = canvas.getContext("2d");
    if (context === null) throw new Error("no 2D canvas");
    context.scale(PNG_SCALE, PNG_SCALE);
    context.drawImage(image, 0, 0);
    return await new Promise((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob === null ? reject(new Error("PNG encoding failed")) : resolve(blob)),
        "image/png",
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Export buttons: the whole graph (not just the visible part) as SVG or PNG, in the current theme. */
export function ExportButtons({ dark, fileName }: { dark: boolean; fileName: string }) {
  const flow = useReactFlow<StateFlowNode, TransitionFlowEdge>();
  const buildSvg = (): string => {
    const nodes: SvgNode[] = flow.getNodes().flatMap((node) => {
      const internal = flow.getInternalNode(node.id);
      // Hidden: the previous definition's, while a newly opened one is laid out (GraphPane).
      if (internal === undefined || node.hidden === true) return [];
      const { node: state, problems } = node.data;
      return [
        {
          id: node.id,
          name: state.name,
          type: state.type,
          ...internal.internals.positionAbsolute,
          width: node.width ?? 0,
          height: node.height ?? 0,
          isGroup: state.isGroup,
          problems,
        },
      ];
    });
    const boxes = new Map(nodes.map((node) => [node.id, node]));
    const edges: SvgEdge[] = flow.getEdges().flatMap((edge) => {
      const kind = edge.data?.kind ?? "next";
      const label = edge.data?.label;
      // React Flow's rendered path is in graph coordinates: reuse it rather than re-route edges.
      const path = document.querySelector<SVGPathElement>(
        `g[data-testid="${CSS.escape(`edge:${edge.source}->${edge.target}`)}"][data-kind="${kind}"] path`,
      );
      const d = path?.getAttribute("d");
      if (path !== null && typeof d === "string") {
        const middle = path.getPointAtLength(path.getTotalLength() / 2);
        return [
          {
            id: edge.id,
            kind,
            path: d,
            ...(label === undefined ? {} : { label, labelX: middle.x, labelY: middle.y }),
          },
        ];
      }
      // A large graph renders only what is on screen: draw the others as React Flow would.
      const source = boxes.get(edge.source);
      const target = boxes.get(edge.target);
      if (source === undefined || target === undefined) return [];
      const drawn = unrenderedEdgePath(source, target, flow.getNode(edge.source)?.data.horizontal ?? false);
      return [
        {
          id: edge.id,
          kind,
          path: drawn.path,
          ...(label === undefined ? {} : { label, labelX: drawn.labelX, labelY: drawn.labelY }),
        },
      ];
    });
    return graphSvg(nodes, edges, dark ? DARK : LIGHT);
  };
  return (
    <Panel position="top-right" className="export-buttons">
      <button
        type="button"
        data-testid="export-svg"
        onClick={() => download(new Blob([buildSvg()], { type: "image/svg+xml" }), `${fileName}.svg`)}
      >
        SVG
      </button>
      <button
        type="button"
        data-testid="export-png"
        onClick={() => {
          svgToPng(buildSvg()).then(
            (blob) => download(blob, `${fileName}.png`),
            (error: unknown) => console.warn("PNG export failed", error),
          );
        }}
      >
        PNG
      </button>
    </Panel>
  );
}
