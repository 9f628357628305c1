import { JsonNumberText } from "../json/json-number-text.ts";
import { eventLeafOf, type EventLeaf } from "./event-leaf.ts";
import { stepInto, type PathNode } from "./path-trie.ts";

const NO_LEAVES: readonly EventLeaf[] = [];

/**
 * The leaves of one event at the paths the index's rules name, by path id. One instance is reused by
 * every match of an index (matching is synchronous), so an event costs no per-path allocation beyond the
 * leaves it actually has there.
 */
export class EventFields {
  private readonly leavesById: (EventLeaf[] | undefined)[] = [];
  private readonly arrayLeavesById: number[] = [];
  private readonly touched: number[] = [];
  private arrayLeafCount = 0;

  /** Reads `event` (plain JSON or `parseEvent` output) into leaves, visiting only the trie's paths. */
  collect(event: unknown, trie: PathNode): void {
    for (let id = this.touched.pop(); id !== undefined; id = this.touched.pop()) {
      this.leavesById[id] = undefined;
      this.arrayLeavesById[id] = 0;
    }
    this.arrayLeafCount = 0;
    this.visit(event, trie, trie, false);
  }

  /** The leaves at a path. */
  leaves(pathId: number): readonly EventLeaf[] {
    return this.leavesById[pathId] ?? NO_LEAVES;
  }

  /** Whether any leaf at any path sits in an array (if not, no match needs array consistency checked). */
  get hasArrayLeaves(): boolean {
    return this.arrayLeafCount > 0;
  }

  /** How many leaves at a path sit in arrays. */
  arrayLeaves(pathId: number): number {
    return this.arrayLeavesById[pathId] ?? 0;
  }

  // The same walk as flattenEvent: arrays are transparent, objects are walked by own enumerable keys,
  // JsonNumberText is a scalar; only the order of visiting differs, which no match depends on.
  private visit(value: unknown, node: PathNode, root: PathNode, inArray: boolean): void {
    if (Array.isArray(value)) {
      for (const element of value as unknown[]) this.visit(element, node, root, true);
      return;
    }
    if (typeof value === "object" && value !== null && !(value instanceof JsonNumberText)) {
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const child = stepInto(node, key, node === root);
        if (child !== undefined) this.visit((value as Record<string, unknown>)[key], child, root, inArray);
      }
      return;
    }
    if (node.pathId < 0) return;
    const leaf = eventLeafOf(value, inArray);
    if (leaf !== undefined) this.add(node.pathId, leaf);
  }

  private add(pathId: number, leaf: EventLeaf): void {
    const list = this.leavesById[pathId];
    if (list === undefined) {
      this.leavesById[pathId] = [leaf];
      this.arrayLeavesById[pathId] = 0;
      this.touched.push(pathId);
    } else {
      list.push(leaf);
    }
    if (leaf.inArray) {
      this.arrayLeavesById[pathId] = (this.arrayLeavesById[pathId] ?? 0) + 1;
      this.arrayLeafCount++;
    }
  }
}
