import { Panel, useStore, type ReactFlowState } from "@xyflow/react";
import { XYMinimap, type XYMinimapInstance } from "@xyflow/system";
import { useEffect, useRef } from "react";
import type { MinimapOutline, Rect } from "../layout/minimap-outline.ts";

const WIDTH = 200;
const HEIGHT = 150;
/** Margin around the drawn area, in minimap pixels (React Flow's `offsetScale`). */
const OFFSET = 5;

/** The part of the React Flow store the minimap reads: one subscription for the whole map. */
function viewOf(s: ReactFlowState) {
  return {
    x: s.transform[0],
    y: s.transform[1],
    zoom: s.transform[2],
    width: s.width,
    height: s.height,
    panZoom: s.panZoom,
    translateExtent: s.translateExtent,
  };
}
type View = ReturnType<typeof viewOf>;
const sameView = (a: View, b: View): boolean =>
  (Object.keys(a) as (keyof View)[]).every((key) => a[key] === b[key]);

function union(a: Rect, b: Rect | undefined): Rect {
  if (b === undefined) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/**
 * React Flow's minimap (same look, classes and panning/zooming, through @xyflow/system's XYMinimap),
 * drawing the layout's outline as two paths instead of an element per node: cheap at any size.
 */
export function GraphMiniMap({ outline }: { outline: MinimapOutline }) {
  const view = useStore(viewOf, sameView);
  const svg = useRef<SVGSVGElement>(null);
  const minimap = useRef<XYMinimapInstance | undefined>(undefined);
  const viewScale = useRef(1);
  const transform = useRef<[number, number, number]>([view.x, view.y, view.zoom]);
  transform.current = [view.x, view.y, view.zoom];

  const shown: Rect = {
    x: -view.x / view.zoom,
    y: -view.y / view.zoom,
    width: view.width / view.zoom,
    height: view.height / view.zoom,
  };
  const bounds = union(shown, outline.bounds);
  const scale = Math.max(bounds.width / WIDTH, bounds.height / HEIGHT);
  viewScale.current = scale;
  const offset = OFFSET * scale;
  const x = bounds.x - (scale * WIDTH - bounds.width) / 2 - offset;
  const y = bounds.y - (scale * HEIGHT - bounds.height) / 2 - offset;
  const width = scale * WIDTH + offset * 2;
  const height = scale * HEIGHT + offset * 2;

  const { panZoom, translateExtent } = view;
  useEffect(() => {
    if (svg.current === null || panZoom === null) return;
    const created = XYMinimap({
      domNode: svg.current,
      panZoom,
      getTransform: () => transform.current,
      getViewScale: () => viewScale.current,
    });
    minimap.current = created;
    return () => {
      created.destroy();
      minimap.current = undefined;
    };
  }, [panZoom]);
  useEffect(() => {
    minimap.current?.update({
      translateExtent,
      width: view.width,
      height: view.height,
      pannable: true,
      zoomable: true,
    });
  }, [panZoom, translateExtent, view.width, view.height]);

  return (
    <Panel position="bottom-right" className="react-flow__minimap" data-testid="minimap">
      <svg
        ref={svg}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${x} ${y} ${width} ${height}`}
        className="react-flow__minimap-svg"
        role="img"
        aria-label="Minimap"
      >
        <path className="minimap-groups" d={outline.groups} strokeWidth={scale} />
        <path className="react-flow__minimap-node" d={outline.states} />
        <path
          className="react-flow__minimap-mask"
          d={`M${x - offset},${y - offset}h${width + offset * 2}v${height + offset * 2}h${-width - offset * 2}z
          M${shown.x},${shown.y}h${shown.width}v${shown.height}h${-shown.width}z`}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
}
