import type { Engine } from "@stepflow/engine";
import { describe, expect, it } from "vitest";
import { OPENAPI_DOCUMENT } from "../src/rest/openapi.ts";
import { restApi } from "../src/rest/rest-api.ts";
import { stderrLogger } from "../src/logger.ts";

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

// Only route registration runs here: no route is called, so the engine is never used beyond these two.
const engine = {
  arns: { stateMachine: (name: string) => `arn:aws:states:us-east-1:123456789012:stateMachine:${name}` },
  onCompletion: () => () => undefined,
} as unknown as Engine;

/** Every `METHOD /path` the Express router serves, with `:param` written as OpenAPI's `{param}`. */
function expressRoutes(): string[] {
  const stack = (restApi({ engine, log: stderrLogger }) as unknown as { stack: Layer[] }).stack;
  return stack
    .flatMap((layer) =>
      layer.route === undefined
        ? []
        : Object.keys(layer.route.methods)
            .filter((method) => method !== "_all")
            .map((method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, "{$1}")}`),
    )
    .sort();
}

function documentedRoutes(): string[] {
  return Object.entries(OPENAPI_DOCUMENT.paths)
    .flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

describe("the OpenAPI document", () => {
  it("describes exactly the routes the REST router serves", () => {
    const served = expressRoutes();
    expect(served.length).toBeGreaterThan(15);
    expect(documentedRoutes()).toEqual(served);
  });

  it("declares every path parameter and resolves every schema reference", () => {
    const text = JSON.stringify(OPENAPI_DOCUMENT);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/(\w+)"/g)) {
      expect(OPENAPI_DOCUMENT.components.schemas, name).toHaveProperty(name!);
    }
    const ids = new Set<string>();
    for (const [path, operations] of Object.entries(OPENAPI_DOCUMENT.paths)) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const operation of Object.values(operations)) {
        const declared = (operation.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
        expect(declared, `${operation.operationId} ${path}`).toEqual(params);
        expect(ids.has(operation.operationId), operation.operationId).toBe(false);
        ids.add(operation.operationId);
      }
    }
  });

  it("is OpenAPI 3.1 served under /v1", () => {
    expect(OPENAPI_DOCUMENT.openapi).toBe("3.1.0");
    expect(OPENAPI_DOCUMENT.servers).toEqual([{ url: "/v1" }]);
  });
});
