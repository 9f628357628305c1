/** A node of the trie of the paths rules name: one dot-free key segment per level. */
export type PathNode = {
  readonly children: Map<string, PathNode>;
  /** The id of the rule path ending here, or -1 when the node is only on the way to longer paths. */
  pathId: number;
};

/**
 * Builds the trie of dot-joined pattern paths (`detail.customer.region` → `detail` › `customer` ›
 * `region`). A path string and its segments correspond one to one (split on every dot), so an event key
 * holding dots walks several levels and meets the same node as the nested form, as event-ruler's
 * flattening makes them equal.
 */
export function buildPathTrie(paths: ReadonlyMap<string, number>): PathNode {
  const root: PathNode = { children: new Map(), pathId: -1 };
  for (const [path, id] of paths) {
    let node = root;
    for (const segment of path.split(".")) node = childOf(node, segment);
    node.pathId = id;
  }
  return root;
}

function childOf(node: PathNode, segment: string): PathNode {
  let child = node.children.get(segment);
  if (child === undefined) {
    child = { children: new Map(), pathId: -1 };
    node.children.set(segment, child);
  }
  return child;
}

/**
 * The node an event key leads to from `node`, or undefined when no rule path goes there. At the root the
 * empty key leads back to the root: `flattenEvent` joins `""` and `key` as `key`, and the index must see
 * the same paths.
 */
export function stepInto(node: PathNode, key: string, isRoot: boolean): PathNode | undefined {
  const child = node.children.get(key);
  if (child !== undefined || !key.includes(".")) return child ?? (isRoot && key === "" ? node : undefined);
  let at: PathNode | undefined = node;
  for (const segment of key.split(".")) {
    at = at.children.get(segment);
    if (at === undefined) return undefined;
  }
  return at;
}
