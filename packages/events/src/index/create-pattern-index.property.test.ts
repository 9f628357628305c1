import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJsonText } from "../json/parse-json-text.ts";
import { compilePattern, type CompiledPattern } from "../patterns/compile-pattern.ts";
import { matches } from "../patterns/matches.ts";
import { createPatternIndex } from "./create-pattern-index.ts";

// Random rules and events over a few shared paths, values chosen to collide often: the index must answer
// exactly as `matches` does rule by rule, including arrays (array-consistent matching), null and empty
// strings, numbers at EventBridge's edges, `$or`, exists: false, dotted keys, and rules replaced or removed.

const strings = ["a", "A", "ab", "aB", "b", "ba", "", "10.0.0.1", "10.1.2.3", "::1"];
const numbers = [
  "0",
  "1",
  "1.0",
  "-1",
  "-0",
  "2.5",
  "5000000000",
  "5000000000.5",
  "-5000000000",
  "1e-7",
  "0.000001",
  "12345678901234567890",
];
const literals = ["true", "false", "null"];
const paths = [["a"], ["b"], ["d", "c"], ["d", "e", "f"], ["g.h"]];

const str = fc.constantFrom(...strings);
const num = fc.constantFrom(...numbers);
const quoted = str.map((s) => JSON.stringify(s));
const condition: fc.Arbitrary<string> = fc.oneof(
  quoted,
  num,
  fc.constantFrom(...literals),
  str.map((s) => `{"prefix": ${JSON.stringify(s)}}`),
  str.map((s) => `{"prefix": {"equals-ignore-case": ${JSON.stringify(s)}}}`),
  str.map((s) => `{"suffix": ${JSON.stringify(s)}}`),
  str.map((s) => `{"suffix": {"equals-ignore-case": ${JSON.stringify(s)}}}`),
  str.map((s) => `{"equals-ignore-case": ${JSON.stringify(s)}}`),
  fc.constantFrom("a*", "*b", "a*b", "*", "1*").map((w) => `{"wildcard": "${w}"}`),
  fc.constantFrom(
    '{"numeric": ["=", 1]}',
    '{"numeric": [">", 0]}',
    '{"numeric": [">=", 1, "<", 2.5]}',
    '{"numeric": [">", -1, "<=", 1]}',
    '{"numeric": ["<", 0.000001]}',
    '{"numeric": [">=", 5000000000]}',
    '{"numeric": ["<=", -5000000000]}',
  ),
  fc
    .oneof(
      quoted,
      fc.array(quoted, { minLength: 1, maxLength: 3 }).map((l) => `[${l.join(", ")}]`),
    )
    .map((v) => `{"anything-but": ${v}}`),
  fc.constantFrom("1", "[0, 2.5]", "[-1, 5000000000]").map((v) => `{"anything-but": ${v}}`),
  fc
    .tuple(fc.constantFrom("prefix", "suffix", "equals-ignore-case"), fc.constantFrom("a", "b", "A", "ab"))
    .map(([op, v]) => `{"anything-but": {"${op}": "${v}"}}`),
  fc.constantFrom("a*", "*b").map((w) => `{"anything-but": {"wildcard": "${w}"}}`),
  fc.boolean().map((b) => `{"exists": ${b}}`),
  fc.constantFrom("10.0.0.0/8", "10.0.0.1/32", "::/0").map((c) => `{"cidr": "${c}"}`),
);

/** A pattern object over some of the paths (nested as objects, dotted keys as written). */
const fields = fc
  .uniqueArray(fc.tuple(fc.nat(paths.length - 1), fc.array(condition, { minLength: 1, maxLength: 3 })), {
    minLength: 1,
    maxLength: 3,
    selector: ([p]) => p,
  })
  .map((entries) => {
    const root: Record<string, unknown> = {};
    for (const [p, conditions] of entries) {
      const segments = paths[p]!;
      let node = root;
      for (const segment of segments.slice(0, -1)) node = (node[segment] ??= {}) as Record<string, unknown>;
      node[segments.at(-1)!] = `[${conditions.join(", ")}]`;
    }
    return root;
  });

const patternText = fc
  .tuple(fields, fc.option(fc.array(fields, { minLength: 2, maxLength: 3 })))
  .map(([base, or]) => render(or === null ? base : { ...base, $or: or }));

function render(node: unknown): string {
  if (typeof node === "string") return node;
  if (Array.isArray(node)) return `[${node.map(render).join(", ")}]`;
  return `{${Object.entries(node as Record<string, unknown>)
    .map(([k, v]) => `${JSON.stringify(k)}: ${render(v)}`)
    .join(", ")}}`;
}

const scalar = fc.oneof(quoted, num, fc.constantFrom(...literals));
const leafValue = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }).map((l) => `[${l.join(", ")}]`) },
);
/** Event text over the same paths, sometimes as arrays of objects, sometimes with dotted keys. */
const eventText: fc.Arbitrary<string> = fc
  .record(
    {
      a: leafValue,
      b: leafValue,
      d: fc.oneof(
        fc.record(
          { c: leafValue, e: fc.oneof(fc.record({ f: leafValue }, { requiredKeys: [] }), leafValue) },
          { requiredKeys: [] },
        ),
        fc
          .array(
            fc.record(
              { c: leafValue, e: fc.record({ f: leafValue }, { requiredKeys: [] }) },
              { requiredKeys: [] },
            ),
            { maxLength: 3 },
          )
          .map((elements) => elements.map((e) => JSON.parse(render(e)) as unknown)),
      ),
      "d.c": leafValue,
      g: fc.record({ h: leafValue }, { requiredKeys: [] }),
      "g.h": leafValue,
    },
    { requiredKeys: [] },
  )
  .map((record) =>
    render(
      Object.fromEntries(
        Object.entries(record).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
      ),
    ),
  );

/** A change to the rule set: add (or replace) rule `id`, or remove it. */
const change = fc.tuple(fc.nat(15), fc.option(patternText, { freq: 4 }));

function compiled(text: string): CompiledPattern | undefined {
  try {
    return compilePattern(text);
  } catch {
    return undefined; // e.g. anything-but mixing numbers and strings: not a rule PutRule would accept
  }
}

describe("createPatternIndex against matches", () => {
  it("answers exactly like matching every rule one by one, through adds, replacements and removals", () => {
    fc.assert(
      fc.property(
        fc.array(change, { minLength: 1, maxLength: 40 }),
        fc.array(eventText, { minLength: 1, maxLength: 8 }),
        (changes, texts) => {
          const index = createPatternIndex();
          const rules = new Map<string, CompiledPattern>();
          for (const [id, text] of changes) {
            const rule = text === null ? undefined : compiled(text);
            if (rule === undefined) {
              index.remove(`r${id}`);
              rules.delete(`r${id}`);
            } else {
              index.add(`r${id}`, rule);
              rules.set(`r${id}`, rule);
            }
          }
          expect(index.size).toBe(rules.size);
          for (const text of texts) {
            const event = parseJsonText(text);
            const expected = [...rules].filter(([, rule]) => matches(rule, event)).map(([id]) => id);
            expect(
              index.match(event),
              `${text}\n${[...rules].map(([id, r]) => `${id}: ${r.source}`).join("\n")}`,
            ).toEqual(expected);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
