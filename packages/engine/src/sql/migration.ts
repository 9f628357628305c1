import { createHash } from "node:crypto";

/** One numbered, append-only schema change. */
export interface Migration {
  /** 1, 2, 3, ... in the order they apply; never reused. */
  version: number;
  /** Readable name, e.g. `executions` for `0001_executions.sql`. */
  name: string;
  /** Statements to run (no transaction control: `migrate` runs them inside its own transaction). */
  sql: string;
}

/**
 * SHA-256 (hex) of a migration's text with line endings normalised to `\n`, so a checkout that converts
 * them (git autocrlf) does not look like an edited migration.
 */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql.replace(/\r\n?/g, "\n")).digest("hex");
}
