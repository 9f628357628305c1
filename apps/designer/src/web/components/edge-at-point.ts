/** The drag-and-drop format a palette item carries: the ASL state type. */
export const STATE_TYPE_DRAG_FORMAT = "application/x-stepflow-state-type";

/**
 * The id of the drawn edge whose (20 px wide) interaction stroke is under a screen point, if any.
 * Our edges are not selectable, so React Flow turns their pointer events off and the browser's own
 * hit testing never reports them: the stroke is tested geometrically instead.
 */
export function edgeIdAtPoint(container: Element, clientX: number, clientY: number): string | undefined {
  const strokes = container.querySelectorAll<SVGPathElement>(
    ".react-flow__edge .react-flow__edge-interaction",
  );
  for (const stroke of strokes) {
    const matrix = stroke.getScreenCTM();
    if (matrix === null) continue;
    const point = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
    if (stroke.isPointInStroke(point)) return stroke.closest<SVGGElement>(".react-flow__edge")?.dataset["id"];
  }
  return undefined;
}
