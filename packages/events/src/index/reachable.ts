/** An automaton state as the value indexes see it: a stamp saying in which match it was last reached. */
export interface Reachable {
  seen: number;
}

/**
 * The states one value leads to: nearly always one, held directly (a list would cost the lookup two
 * more memory reads, which with thousands of rules are cache misses).
 */
export type Targets<T> = T | T[];

/**
 * Queues `target` for the match numbered `epoch` unless it is queued already: a state is reached once per
 * event however many leaves or conditions lead to it.
 */
export function reach<T extends Reachable>(target: T, epoch: number, out: T[]): void {
  if (target.seen === epoch) return;
  target.seen = epoch;
  out.push(target);
}

/** Queues every target (see {@link reach}). */
export function reachAll<T extends Reachable>(
  targets: Targets<T> | readonly T[] | undefined,
  epoch: number,
  out: T[],
): void {
  if (targets === undefined) return;
  if (!Array.isArray(targets)) return reach(targets as T, epoch, out);
  for (const target of targets as readonly T[]) reach(target, epoch, out);
}

/** Adds `target` under `key`. */
export function addTarget<K, T>(map: Map<K, Targets<T>>, key: K, target: T): void {
  const existing = map.get(key);
  if (existing === undefined) map.set(key, target);
  else if (Array.isArray(existing)) existing.push(target);
  else map.set(key, [existing, target]);
}

/** Removes one occurrence of `target` under `key`, and the key when nothing is left under it. */
export function removeTarget<K, T>(map: Map<K, Targets<T>>, key: K, target: T): void {
  const existing = map.get(key);
  if (existing === undefined) return;
  if (!Array.isArray(existing)) {
    if (existing === target) map.delete(key);
    return;
  }
  removeOne(existing, target);
  if (existing.length === 1) map.set(key, existing[0]!);
}

/** Removes one occurrence of `item` from `list` (order is not kept). */
export function removeOne<T>(list: T[], item: T): boolean {
  const at = list.indexOf(item);
  if (at < 0) return false;
  list[at] = list[list.length - 1]!;
  list.pop();
  return true;
}
