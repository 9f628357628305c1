import { Client } from "pg";
import { describeError } from "./describe-error.ts";
import { redactUrl } from "./redact-url.ts";
import { serviceUrl } from "./service-url.ts";
import { uniqueName } from "./unique-name.ts";

/** A database of its own for one test file, on the real PostgreSQL server. */
export interface FreshDatabase {
  /** Connection URL of the new database (same server and credentials as the base URL). */
  readonly url: string;
  /** The database's name, e.g. `sf_engine_store_1a2b_0123456789`. */
  readonly name: string;
  /** Drops the database, closing whatever connections are still open on it. Safe to call twice. */
  drop(): Promise<void>;
}

/** Options of {@link freshDatabase}. */
export interface FreshDatabaseOptions {
  /** Readable part of the name, usually the test file's subject. */
  readonly label?: string;
  /** Database to copy (`CREATE DATABASE ... TEMPLATE`), e.g. one that already holds the migrations. */
  readonly template?: string;
  /** Server to create it on. Defaults to `DATABASE_URL`. */
  readonly baseUrl?: string;
}

const connectTimeoutMs = 10_000;

/**
 * Creates a new, uniquely named database on the server of `DATABASE_URL` (or `baseUrl`) and returns its
 * URL and a `drop()`. Rejects when no URL is set, and when the server cannot be reached, with a message
 * that names the URL (password redacted): a database test must fail loudly, never skip.
 */
export async function freshDatabase(options: FreshDatabaseOptions = {}): Promise<FreshDatabase> {
  const baseUrl = options.baseUrl ?? serviceUrl("DATABASE_URL");
  if (baseUrl === undefined) {
    throw new Error(
      "DATABASE_URL is not set: freshDatabase() needs a PostgreSQL server, e.g. " +
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (or run the test on freshPglite())",
    );
  }
  const name = uniqueName("sf", options.label);
  const template = options.template === undefined ? "" : ` TEMPLATE ${quoteIdentifier(options.template)}`;
  await withClient(baseUrl, (client) => client.query(`CREATE DATABASE ${quoteIdentifier(name)}${template}`));

  const url = new URL(baseUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await withClient(baseUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`),
      );
    },
  };
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  // An idle client whose server goes away emits "error"; without a listener that kills the test process.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot connect to PostgreSQL at ${redactUrl(url)}: ${describeError(error)}`, {
      cause: error,
    });
  }
  try {
    return await use(client);
  } catch (error) {
    throw new Error(`PostgreSQL at ${redactUrl(url)}: ${describeError(error)}`, { cause: error });
  } finally {
    await client.end();
  }
}

function quoteIdentifier(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
