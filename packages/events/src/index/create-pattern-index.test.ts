import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePattern } from "../patterns/compile-pattern.ts";
import { matches } from "../patterns/matches.ts";
import { createPatternIndex } from "./create-pattern-index.ts";

const word = fc.constantFrom("a", "b", "c", "orders", "ord");
const condition = fc.oneof(
  word.map((w) => JSON.stringify(w)),
  word.map((w) => JSON.stringify({ prefix: w })),
  fc.integer({ min: 0, max: 5 }).map((n) => JSON.stringify({ numeric: [">", n] })),
  word.map((w) => JSON.stringify({ "anything-but": w })),
  fc.boolean().map((b) => JSON.stringify({ exists: b })),
);
const field = (name: string) =>
  fc.option(fc.array(condition, { minLength: 1, maxLength: 3 }).map((cs) => `"${name}": [${cs.join(", ")}]`));
const patternText = fc
  .tuple(field("source"), field("detail-type"), field("x"), fc.option(fc.tuple(field("y"), field("z"))))
  .map(([s, t, x, or]) => {
    const parts = [s, t].filter((p) => p !== null);
    if (x !== null) parts.push(`"detail": {${x}}`);
    if (or !== null && or[0] !== null && or[1] !== null) parts.push(`"$or": [{${or[0]}}, {${or[1]}}]`);
    return parts.length === 0 ? '{"source": ["a"]}' : `{${parts.join(", ")}}`;
  });
const value = fc.oneof(
  word,
  fc.integer({ min: 0, max: 6 }),
  fc.constant(null),
  fc.array(word, { maxLength: 2 }),
);
const event = fc.record(
  {
    source: word,
    "detail-type": word,
    detail: fc.record({ x: value }, { requiredKeys: [] }),
    y: value,
    z: value,
  },
  { requiredKeys: ["source", "detail-type"] },
);

describe("createPatternIndex", () => {
  it("answers exactly like matching every rule one by one", () => {
    fc.assert(
      fc.property(
        fc.array(patternText, { minLength: 1, maxLength: 25 }),
        fc.array(event, { maxLength: 10 }),
        fc.nat(),
        (texts, events, removeSeed) => {
          const index = createPatternIndex();
          const rules = new Map(texts.map((t, i) => [`r${i}`, compilePattern(t)]));
          for (const [id, compiled] of rules) index.add(id, compiled);
          const removed = `r${removeSeed % texts.length}`;
          index.remove(removed);
          rules.delete(removed);
          for (const e of events) {
            const expected = [...rules].filter(([, c]) => matches(c, e)).map(([id]) => id);
            expect(index.match(e)).toEqual(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("replaces a rule added twice and forgets removed ones", () => {
    const index = createPatternIndex();
    index.add("r", compilePattern('{"source": ["a"]}'));
    index.add("r", compilePattern('{"source": ["b"]}'));
    expect(index.match({ source: "a" })).toEqual([]);
    expect(index.match({ source: "b" })).toEqual(["r"]);
    index.remove("r");
    expect(index.size).toBe(0);
    expect(index.match({ source: "b" })).toEqual([]);
  });
});
