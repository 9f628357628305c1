/** Slots (int32) of an entry: 64 bytes, one memory line when aligned. */
const ENTRY_SLOTS = 16;
const HASH = 0;
const LENGTH = 1;
const VALUE = 2;
const CHARS = 3;
/** Keys of up to this many UTF-16 units are held in their entry, two a slot; longer ones in a Map. */
const INLINE_CHARS = (ENTRY_SLOTS - CHARS) * 2;
const EMPTY = -1;

/**
 * Strings to small non-negative integers, read in about one memory line a lookup: an open-addressing table
 * whose entries hold the key's own characters. A Map of strings reads its buckets, its entry and the key
 * string, three places in memory; with a thousand keys (every source of a bus's rules), one per event,
 * each of those is likely a cache miss. Values are fixed when built.
 */
export class ExactTextTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly long = new Map<string, number>();

  constructor(entries: ReadonlyMap<string, number>) {
    let capacity = 8;
    while (capacity < entries.size * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * ENTRY_SLOTS);
    for (let entry = 0; entry < capacity; entry++) this.slots[entry * ENTRY_SLOTS + LENGTH] = EMPTY;
    for (const [key, value] of entries) {
      if (key.length > INLINE_CHARS) this.long.set(key, value);
      else this.put(key, value);
    }
  }

  /** The value of `text`, or -1. */
  get(text: string): number {
    const length = text.length;
    if (length > INLINE_CHARS) return this.long.get(text) ?? -1;
    const slots = this.slots;
    const hash = hashOf(text);
    for (let entry = hash & this.mask; ; entry = (entry + 1) & this.mask) {
      const at = entry * ENTRY_SLOTS;
      const held = slots[at + LENGTH]!;
      if (held === EMPTY) return -1;
      if (held === length && slots[at + HASH] === hash && this.holds(at, text)) return slots[at + VALUE]!;
    }
  }

  private holds(at: number, text: string): boolean {
    const slots = this.slots;
    for (let i = 0; i < text.length; i += 2) {
      const pair = text.charCodeAt(i) | (i + 1 < text.length ? text.charCodeAt(i + 1) << 16 : 0);
      if (slots[at + CHARS + (i >> 1)] !== pair) return false;
    }
    return true;
  }

  private put(key: string, value: number): void {
    const hash = hashOf(key);
    let entry = hash & this.mask;
    while (this.slots[entry * ENTRY_SLOTS + LENGTH] !== EMPTY) entry = (entry + 1) & this.mask;
    const at = entry * ENTRY_SLOTS;
    this.slots[at + HASH] = hash;
    this.slots[at + LENGTH] = key.length;
    this.slots[at + VALUE] = value;
    for (let i = 0; i < key.length; i += 2) {
      this.slots[at + CHARS + (i >> 1)] =
        key.charCodeAt(i) | (i + 1 < key.length ? key.charCodeAt(i + 1) << 16 : 0);
    }
  }
}

/** FNV-1a over the UTF-16 units, non-negative. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 1;
}
