import { addTarget, reachAll, removeTarget, type Reachable, type Targets } from "./reachable.ts";

/**
 * Prefix (or suffix) conditions of one field: targets by affix, and the distinct affix lengths in use.
 * A value finds its targets with one map lookup per distinct length, whatever the number of affixes.
 */
export class AffixIndex<T extends Reachable> {
  private readonly byAffix = new Map<string, Targets<T>>();
  private readonly lengthUses = new Map<number, number>();
  private lengths: number[] = [];

  constructor(private readonly side: "prefix" | "suffix") {}

  /** Number of distinct affixes held (0: skip the lookups). */
  get size(): number {
    return this.byAffix.size;
  }

  add(affix: string, target: T): void {
    addTarget(this.byAffix, affix, target);
    const uses = this.lengthUses.get(affix.length) ?? 0;
    this.lengthUses.set(affix.length, uses + 1);
    if (uses === 0) this.lengths = [...this.lengthUses.keys()].sort((a, b) => a - b);
  }

  remove(affix: string, target: T): void {
    removeTarget(this.byAffix, affix, target);
    const uses = (this.lengthUses.get(affix.length) ?? 1) - 1;
    if (uses > 0) {
      this.lengthUses.set(affix.length, uses);
      return;
    }
    this.lengthUses.delete(affix.length);
    this.lengths = [...this.lengthUses.keys()].sort((a, b) => a - b);
  }

  /** Queues the targets of every affix `text` starts (or ends) with. */
  collect(text: string, epoch: number, out: T[]): void {
    for (const length of this.lengths) {
      if (length > text.length) return;
      const affix = this.side === "prefix" ? text.slice(0, length) : text.slice(text.length - length);
      reachAll(this.byAffix.get(affix), epoch, out);
    }
  }
}
