import type { WildcardPattern } from "./wildcard.ts";

/** The largest wildcard complexity EventBridge accepts for one field of a rule. */
export const MaxWildcardComplexity = 10;

const STAR = -1;
const OTHER = "\u0000other";

type State = {
  readonly id: number;
  readonly star: boolean;
  readonly literal: Map<string, State[]>;
  readonly prefix: Map<string, State>;
  readonly starts: State[];
  sharedStar: State | undefined;
  readonly weight: Set<string>;
};

/**
 * Estimates event-ruler's wildcard complexity for the wildcard patterns of one field: the largest total
 * weight of the automaton states that some input can keep active at once, where a state weighs one per
 * pattern passing through it. As in event-ruler's byte machine, patterns share states up to and including
 * their first `*`, and the value's enclosing quotes are part of the input.
 */
export function wildcardComplexity(patterns: readonly WildcardPattern[]): number {
  if (patterns.length === 0) return 0;
  const states: State[] = [];
  const make = (star: boolean): State => {
    const state: State = {
      id: states.length,
      star,
      literal: new Map(),
      prefix: new Map(),
      starts: [],
      sharedStar: undefined,
      weight: new Set(),
    };
    states.push(state);
    return state;
  };
  const root = make(false);
  const alphabet = new Set<string>();
  for (const pattern of new Set(patterns.map((p) => p.source))) {
    const tokens = tokenize(patterns.find((p) => p.source === pattern)?.pieces ?? []);
    let current = root;
    let determinate = true;
    for (const token of tokens) {
      let next: State;
      if (token === STAR) {
        next = determinate ? (current.sharedStar ?? make(true)) : make(true);
        if (determinate) current.sharedStar = next;
        if (!current.starts.includes(next)) current.starts.push(next);
        determinate = false;
      } else {
        alphabet.add(token);
        const existing = determinate ? current.prefix.get(token) : undefined;
        next = existing ?? make(false);
        if (determinate) current.prefix.set(token, next);
        const targets = current.literal.get(token) ?? [];
        if (!targets.includes(next)) targets.push(next);
        current.literal.set(token, targets);
      }
      next.weight.add(pattern);
      current = next;
    }
  }
  const closure = (set: Set<State>): Set<State> => {
    const out = new Set(set);
    const todo = [...set];
    for (let s = todo.pop(); s !== undefined; s = todo.pop()) {
      for (const star of s.starts) {
        if (!out.has(star)) {
          out.add(star);
          todo.push(star);
        }
      }
    }
    return out;
  };
  const inputs = [...alphabet, OTHER];
  const seen = new Set<string>();
  const pending = [closure(new Set([root]))];
  let maximum = 0;
  while (pending.length > 0 && seen.size < 20_000) {
    const active = pending.pop() ?? new Set<State>();
    for (const input of inputs) {
      const step = new Set<State>();
      for (const s of active) {
        if (s.star) step.add(s);
        for (const t of s.literal.get(input) ?? []) step.add(t);
      }
      if (step.size === 0) continue;
      const next = closure(step);
      let weight = 0;
      for (const s of next) weight += s.weight.size;
      if (weight > MaxWildcardComplexity) return weight;
      maximum = Math.max(maximum, weight);
      const key = [...next]
        .map((s) => s.id)
        .sort((a, b) => a - b)
        .join(",");
      if (!seen.has(key)) {
        seen.add(key);
        pending.push(next);
      }
    }
  }
  return maximum;
}

function tokenize(pieces: readonly string[]): Array<string | typeof STAR> {
  const tokens: Array<string | typeof STAR> = ['"'];
  pieces.forEach((piece, i) => {
    if (i > 0) tokens.push(STAR);
    tokens.push(...piece);
  });
  tokens.push('"');
  return tokens;
}
