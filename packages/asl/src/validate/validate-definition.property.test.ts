import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Problem } from "./problem.ts";
import { validateDefinition } from "./validate-definition.ts";

// Valid starting points: the AWS-recorded corpus (JSONPath and JSONata, every state type) plus a Task with
// Retry/Catch, which the corpus lacks.
const corpus = new URL("../../../../../shared/conformance/asl/", import.meta.url);
const seeds: unknown[] = readdirSync(corpus)
  .filter((name) => name.endsWith(".json") && name !== "_index.json")
  .sort()
  .map(
    (name) => (JSON.parse(readFileSync(new URL(name, corpus), "utf8")) as { definition: unknown }).definition,
  );
seeds.push({
  StartAt: "T",
  States: {
    T: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { "Payload.$": "$" },
      TimeoutSeconds: 10,
      HeartbeatSeconds: 5,
      Retry: [{ ErrorEquals: ["States.Timeout"], MaxAttempts: 2 }, { ErrorEquals: ["States.ALL"] }],
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "F", ResultPath: "$.error" }],
      End: true,
    },
    F: { Type: "Fail", Error: "Failed" },
  },
});

type Key = string | number;

function containersOf(value: unknown, path: Key[] = [], out: Key[][] = []): Key[][] {
  if (typeof value !== "object" || value === null) return out;
  out.push(path);
  const entries: [Key, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  for (const [key, child] of entries) containersOf(child, [...path, key], out);
  return out;
}

function at(root: unknown, path: Key[]): Record<Key, unknown> {
  return path.reduce<unknown>((node, key) => (node as Record<Key, unknown>)[key], root) as Record<
    Key,
    unknown
  >;
}

interface Mutation {
  seed: number;
  container: number;
  child: number;
  kind: "replace" | "delete" | "rename" | "insert" | "cycle" | "deepen";
  value: unknown;
  name: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  seed: fc.nat(),
  container: fc.nat(),
  child: fc.nat(),
  kind: fc.constantFrom("replace", "delete", "rename", "insert", "cycle", "deepen"),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.anything({ maxDepth: 2 }),
    fc.constantFrom("{% 1 + %}", "$.a[", "States.Format(", "States.ALL", "", "S"),
  ),
  name: fc.oneof(
    fc.string({ maxLength: 90 }),
    fc.constantFrom("Next", "End", "Type", "__proto__", "constructor", "Parameters", "Arguments"),
  ),
});

function mutate(input: Mutation): unknown {
  const root = structuredClone(seeds[input.seed % seeds.length]);
  const containers = containersOf(root);
  const path = containers[input.container % containers.length]!;
  const node = at(root, path);
  const keys = Object.keys(node);
  const key = Array.isArray(node)
    ? input.child % Math.max(node.length, 1)
    : keys[input.child % Math.max(keys.length, 1)];
  switch (input.kind) {
    case "replace":
      if (key !== undefined) node[key] = input.value;
      break;
    case "delete":
      if (key !== undefined) delete node[key];
      break;
    case "rename":
      if (key !== undefined && !Array.isArray(node)) {
        Object.defineProperty(node, input.name, {
          value: node[key],
          enumerable: true,
          configurable: true,
          writable: true,
        });
        if (input.name !== key) delete node[key];
      }
      break;
    case "insert":
      Object.defineProperty(node, input.name, {
        value: input.value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
      break;
    case "cycle":
      if (key !== undefined) node[key] = root;
      break;
    case "deepen": {
      let deep: unknown = input.value;
      for (let i = 0; i < 700; i++) deep = { a: deep };
      if (key !== undefined) node[key] = deep;
      break;
    }
  }
  return root;
}

function isProblemList(result: unknown): result is Problem[] {
  return (
    Array.isArray(result) &&
    result.every(
      (p: unknown) =>
        typeof p === "object" &&
        p !== null &&
        typeof (p as Problem).path === "string" &&
        typeof (p as Problem).message === "string" &&
        (p as Problem).message !== "",
    )
  );
}

describe("validateDefinition never throws", () => {
  it("on mutated valid definitions, as values and as JSON text", () => {
    fc.assert(
      fc.property(mutation, (input) => {
        const definition = mutate(input);
        const result = validateDefinition(definition);
        expect(isProblemList(result)).toBe(true);
        let text: string | undefined;
        try {
          text = JSON.stringify(definition);
        } catch {
          return;
        }
        if (text === undefined) return;
        expect(isProblemList(validateDefinition(text))).toBe(true);
        expect(isProblemList(validateDefinition(text.slice(0, input.child % (text.length + 1))))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("on arbitrary values", () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4, withBigInt: true, withMap: true, withSet: true }), (value) => {
        expect(isProblemList(validateDefinition(value))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("on hostile objects", () => {
    const throwing = { StartAt: "A" };
    Object.defineProperty(throwing, "States", {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
    expect(validateDefinition(throwing)).toEqual([
      { path: "", message: "the definition could not be validated (boom); pass plain JSON" },
    ]);
    const proxy = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error("no keys");
        },
      },
    );
    expect(isProblemList(validateDefinition(proxy))).toBe(true);
    expect(isProblemList(validateDefinition(undefined))).toBe(true);
    expect(isProblemList(validateDefinition(() => 1))).toBe(true);
  });

  it("gives the same problems for a value and its JSON text", () => {
    fc.assert(
      fc.property(
        mutation.filter((m) => m.kind !== "cycle" && m.kind !== "deepen"),
        (input) => {
          const definition = JSON.parse(
            JSON.stringify(
              mutate({ ...input, value: JSON.parse(JSON.stringify(input.value) ?? "null") as unknown }),
            ),
          ) as unknown;
          expect(validateDefinition(JSON.stringify(definition))).toEqual(validateDefinition(definition));
        },
      ),
      { numRuns: 200 },
    );
  });
});
