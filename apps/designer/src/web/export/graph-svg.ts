/** A node as the export draws it, in absolute graph coordinates. */
export interface SvgNode {
  id: string;
  name: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  isGroup: boolean;
  problems: number;
}

/** An edge as the export draws it: React Flow's own path and where its label sits. */
export interface SvgEdge {
  id: string;
  kind: string;
  path: string;
  label?: string;
  labelX?: number;
  labelY?: number;
}

/** Colours of the exported picture (light or dark theme). */
export interface SvgTheme {
  background: string;
  node: string;
  group: string;
  stroke: string;
  text: string;
  muted: string;
  problem: string;
}

const MARGIN = 24;

const escape = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/**
 * A standalone SVG of the whole graph (not just the visible part): groups first, then edges, then
 * states, so nothing is hidden behind a group's frame. Needs no stylesheet and no fonts from the net.
 */
export function graphSvg(nodes: SvgNode[], edges: SvgEdge[], theme: SvgTheme): string {
  const minX = Math.min(0, ...nodes.map((n) => n.x)) - MARGIN;
  const minY = Math.min(0, ...nodes.map((n) => n.y)) - MARGIN;
  const maxX = Math.max(0, ...nodes.map((n) => n.x + n.width)) + MARGIN;
  const maxY = Math.max(0, ...nodes.map((n) => n.y + n.height)) + MARGIN;
  const width = Math.ceil(maxX - minX);
  const height = Math.ceil(maxY - minY);
  const box = (node: SvgNode): string => {
    const fill = node.isGroup ? theme.group : theme.node;
    const stroke = node.problems > 0 ? theme.problem : theme.stroke;
    const label = node.type === "Branch" ? node.name : `${node.name}`;
    const meta =
      node.type === "Branch" ? "" : node.type + (node.problems > 0 ? ` · ${node.problems} problem(s)` : "");
    return [
      `<g data-id="${escape(node.id)}" data-type="${escape(node.type)}">`,
      `<rect x="${node.x}" y="${node.y}" width="${node.width}" height="${node.height}" rx="6" fill="${fill}" stroke="${stroke}"/>`,
      `<text x="${node.x + 10}" y="${node.y + 20}" font-size="13" font-weight="600" fill="${theme.text}">${escape(label)}</text>`,
      meta === ""
        ? ""
        : `<text x="${node.x + 10}" y="${node.y + 38}" font-size="11" fill="${theme.muted}">${escape(meta)}</text>`,
      "</g>",
    ].join("");
  };
  const edge = (e: SvgEdge): string => {
    const dash = e.kind === "catch" ? ` stroke-dasharray="6 4"` : "";
    const label =
      e.label === undefined || e.labelX === undefined || e.labelY === undefined
        ? ""
        : `<text x="${e.labelX}" y="${e.labelY}" font-size="10" text-anchor="middle" fill="${theme.muted}" paint-order="stroke" stroke="${theme.background}" stroke-width="3">${escape(e.label)}</text>`;
    return `<g data-edge="${escape(e.id)}" data-kind="${escape(e.kind)}"><path d="${escape(e.path)}" fill="none" stroke="${theme.stroke}" stroke-width="1.5"${dash} marker-end="url(#arrow)"/>${label}</g>`;
  };
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${minX} ${minY} ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${theme.stroke}"/></marker></defs>`,
    `<rect x="${minX}" y="${minY}" width="${width}" height="${height}" fill="${theme.background}"/>`,
    ...nodes.filter((n) => n.isGroup).map(box),
    ...edges.map(edge),
    ...nodes.filter((n) => !n.isGroup).map(box),
    "</svg>",
  ].join("\n");
}
