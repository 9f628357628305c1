import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";

/** An embedded PGlite database of its own for one test file. */
export interface FreshPglite {
  readonly db: PGlite;
  /** Where its files live; `undefined` when it is in memory. */
  readonly dataDir: string | undefined;
  /** Closes the database and deletes its data directory. Safe to call twice. */
  close(): Promise<void>;
}

/** Options of {@link freshPglite}. */
export interface FreshPgliteOptions {
  /** Keep the database in memory instead of a temporary directory (no on-disk durability to test). */
  readonly inMemory?: boolean;
}

/**
 * Starts an embedded PGlite in a new temporary directory (or in memory). Creating a new data directory
 * runs initdb, which takes seconds: create one per test file (in `beforeAll`), not one per test.
 */
export async function freshPglite(options: FreshPgliteOptions = {}): Promise<FreshPglite> {
  const dataDir = options.inMemory ? undefined : await mkdtemp(join(tmpdir(), "stepflow-pglite-"));
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    db,
    dataDir,
    close: async () => {
      if (!db.closed) await db.close();
      if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
