/**
 * One copy of each text and anything-but set the conditions of an automaton compare with. Rules repeat
 * them ("Order 1", a status list) but the compiler makes a string per rule; shared, the copies an event
 * compares with stay in cache across the thousands of states it may reach.
 */
export class SharedValues {
  private readonly texts = new Map<string, string>();
  private readonly sets = new Map<string, ReadonlySet<string | number>>();

  /** The shared copy of `text`. */
  text(text: string): string {
    const shared = this.texts.get(text);
    if (shared !== undefined) return shared;
    this.texts.set(text, text);
    return text;
  }

  /** The shared copy of a set of strings or of comparable numbers. */
  set(values: Iterable<string | number>): ReadonlySet<string | number> {
    const list = [...values];
    const key = JSON.stringify(list.map((v) => [typeof v, v]).sort());
    let shared = this.sets.get(key);
    if (shared === undefined) {
      shared = new Set(list);
      this.sets.set(key, shared);
    }
    return shared;
  }
}
