/** Something with a due time in epoch milliseconds. */
export interface Due {
  dueAt: number;
}

/**
 * A binary min-heap on `dueAt`: the embedded queue's delayed jobs, so one timer serves them all however
 * many there are. Entries are never removed from the middle; callers skip the ones they cancelled.
 */
export class DueHeap<T extends Due> {
  readonly #items: T[] = [];

  get size(): number {
    return this.#items.length;
  }

  /** The entry due first, without removing it. */
  peek(): T | undefined {
    return this.#items[0];
  }

  push(item: T): void {
    const items = this.#items;
    let index = items.push(item) - 1;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex] as T;
      if (parent.dueAt <= item.dueAt) break;
      items[index] = parent;
      index = parentIndex;
    }
    items[index] = item;
  }

  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const leftItem = items[left] as T;
      const rightItem = items[right];
      const child = rightItem !== undefined && rightItem.dueAt < leftItem.dueAt ? right : left;
      const childItem = items[child] as T;
      if (last.dueAt <= childItem.dueAt) break;
      items[index] = childItem;
      index = child;
    }
    items[index] = last;
    return top;
  }
}
