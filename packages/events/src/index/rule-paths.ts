import { pathPrefixes } from "../patterns/flatten-event.ts";
import { buildPathTrie, type PathNode } from "./path-trie.ts";

/**
 * The field paths the rules of an index name, each with a small stable id (the index of its leaves in
 * EventFields), counted by use so that a path no rule names any more stops costing event walks.
 */
export class RulePaths {
  private readonly ids = new Map<string, number>();
  private readonly uses = new Map<string, number>();
  private trieCache: PathNode | undefined;
  private wantedCache: Set<string> | undefined;

  /** Records one more use of `path`; returns its id. */
  use(path: string): number {
    let id = this.ids.get(path);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(path, id);
    }
    const uses = this.uses.get(path) ?? 0;
    this.uses.set(path, uses + 1);
    if (uses === 0) this.changed();
    return id;
  }

  /** Forgets one use of `path`. */
  release(path: string): void {
    const uses = (this.uses.get(path) ?? 1) - 1;
    if (uses > 0) {
      this.uses.set(path, uses);
      return;
    }
    this.uses.delete(path);
    this.changed();
  }

  /** The trie of the paths in use, for walking events. */
  get trie(): PathNode {
    return (this.trieCache ??= buildPathTrie(
      new Map([...this.uses.keys()].map((p) => [p, this.ids.get(p)!])),
    ));
  }

  /**
   * The paths in use and their prefixes, as `flattenEvent`'s `wanted`, plus the empty path: flattenEvent
   * joins a top-level `""` key as the path `""`, and without it there the two walks would differ.
   */
  get wanted(): ReadonlySet<string> {
    return (this.wantedCache ??= new Set(["", ...[...this.uses.keys()].flatMap(pathPrefixes)]));
  }

  private changed(): void {
    this.trieCache = undefined;
    this.wantedCache = undefined;
  }
}
