import { basename } from "node:path";
import { test as base, expect } from "vitest";
import { freshDatabase, type FreshDatabase } from "./fresh-database.ts";
import { freshPglite, type FreshPglite } from "./fresh-pglite.ts";
import { redisPrefix, type RedisPrefix } from "./redis-prefix.ts";

/** The fixtures {@link serviceTest} hands to a test that names them. */
export interface ServiceFixtures {
  /** A new database on the PostgreSQL server of `DATABASE_URL`, dropped after the file. */
  database: FreshDatabase;
  /** An embedded PGlite in a temporary directory, closed and deleted after the file. */
  pglite: FreshPglite;
  /** A key prefix on the Redis server of `REDIS_URL`, its keys deleted after the file. */
  redis: RedisPrefix;
}

function fileLabel(): string {
  const path = expect.getState().testPath;
  return path === undefined ? "test" : basename(path).replace(/\.test\.[cm]?[jt]sx?$/, "");
}

/**
 * Vitest's `test` with per-file service fixtures: a fixture is created the first time a test of the file
 * asks for it (`serviceTest("...", async ({ database }) => ...)`) and shared by the file's later tests.
 * When its service cannot be reached, every test that asks for it fails with the service's URL in the
 * message; none is skipped. Files that must also run without services decide with `skipIf` themselves.
 */
export const serviceTest = base.extend<ServiceFixtures>({
  database: [
    // Vitest reads a fixture's dependencies from the destructured first parameter, so it must stay.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const database = await freshDatabase({ label: fileLabel() });
      try {
        await use(database);
      } finally {
        await database.drop();
      }
    },
    { scope: "file" },
  ],
  pglite: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const pglite = await freshPglite();
      try {
        await use(pglite);
      } finally {
        await pglite.close();
      }
    },
    { scope: "file" },
  ],
  redis: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const prefix = await redisPrefix({ label: fileLabel() });
      try {
        await use(prefix);
      } finally {
        await prefix.cleanup();
      }
    },
    { scope: "file" },
  ],
});
