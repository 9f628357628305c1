/** An automaton state as the value indexes see it: a stamp saying in which match it was last reached. */
export interface Reachable {
  seen: number;
}

/**
 * Queues `target` for the match numbered `epoch` unless it is queued already: a state is reached once per
 * event however many leaves or conditions lead to it.
 */
export function reach<T extends Reachable>(target: T, epoch: number, out: T[]): void {
  if (target.seen === epoch) return;
  target.seen = epoch;
  out.push(target);
}

/** Queues every target of a list (see {@link reach}). */
export function reachAll<T extends Reachable>(
  targets: readonly T[] | undefined,
  epoch: number,
  out: T[],
): void {
  if (targets === undefined) return;
  for (const target of targets) reach(target, epoch, out);
}

/** Adds `target` under `key`. */
export function addTarget<K, T>(map: Map<K, T[]>, key: K, target: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [target]);
  else list.push(target);
}

/** Removes one occurrence of `target` under `key`, and the key when nothing is left under it. */
export function removeTarget<K, T>(map: Map<K, T[]>, key: K, target: T): void {
  const list = map.get(key);
  if (list === undefined) return;
  removeOne(list, target);
  if (list.length === 0) map.delete(key);
}

/** Removes one occurrence of `item` from `list` (order is not kept). */
export function removeOne<T>(list: T[], item: T): boolean {
  const at = list.indexOf(item);
  if (at < 0) return false;
  list[at] = list[list.length - 1]!;
  list.pop();
  return true;
}
