import { defineProject, type UserWorkspaceConfig } from "vitest/config";

/** One project per package; every project resolves sibling packages from their TypeScript sources. */
export function stepflowProject(name: string, overrides: UserWorkspaceConfig["test"] = {}) {
  return defineProject({
    resolve: { conditions: ["@stepflow/source"] },
    ssr: { resolve: { conditions: ["@stepflow/source"] } },
    test: {
      name,
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: 20_000,
      hookTimeout: 60_000,
      ...overrides,
    },
  });
}
