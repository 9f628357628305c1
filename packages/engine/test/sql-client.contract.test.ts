import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { createPgSqlClient } from "../src/adapters/pg-sql-client.ts";
import { createPgliteSqlClient } from "../src/adapters/pglite-sql-client.ts";
import { freshDatabase, serviceUrl, type FreshDatabase } from "../../../test/support/index.ts";
import { sqlClientContract } from "./support/sql-client-contract.ts";

describe("PGlite in memory", () => {
  sqlClientContract("pglite", () => createPgliteSqlClient());
});

describe("PGlite in a data directory", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "stepflow-sql-contract-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });
  // One data directory can be open once at a time, so every client the suite opens gets its own.
  let opened = 0;
  sqlClientContract("pglite", () => createPgliteSqlClient({ dataDir: join(dataDir, String((opened += 1))) }));
});

// Without DATABASE_URL a developer sees this block skipped by name; CI always sets it.
describe.skipIf(serviceUrl("DATABASE_URL") === undefined)("PostgreSQL", () => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await freshDatabase({ label: "sql_client_contract" });
  });
  afterAll(async () => {
    await database.drop();
  });
  sqlClientContract("postgres", () => Promise.resolve(createPgSqlClient({ url: database.url, max: 4 })));
});
