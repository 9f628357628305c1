import { EngineError } from "../errors/engine-error.ts";
import type { SqlClient, SqlExecutor } from "../ports/sql-client.ts";

/** One tag as the Step Functions API spells it. */
export interface Tag {
  key: string;
  value: string;
}

/** AWS allows at most 50 tags on one resource. */
export const MAX_TAGS_PER_RESOURCE = 50;

const TAGGABLE_ARN = /^arn:aws[\w-]*:states:[\w-]*:\d*:(stateMachine|activity):[^:]+$/;

/** Tags on state machines and activities: TagResource, UntagResource, ListTagsForResource. */
export function createTagApi(sql: SqlClient) {
  async function checkResource(db: SqlExecutor, resourceArn: string): Promise<void> {
    const kind = TAGGABLE_ARN.exec(resourceArn)?.[1];
    if (kind === undefined) {
      throw new EngineError(
        "InvalidArn",
        `Invalid Arn: '${resourceArn}' (only state machines and activities can be tagged)`,
      );
    }
    const table = kind === "activity" ? "activities" : "state_machines";
    const { rows } = await db.query(`SELECT 1 FROM ${table} WHERE arn = $1`, [resourceArn]);
    if (rows.length === 0) throw new EngineError("ResourceNotFound", `Resource not found: '${resourceArn}'`);
  }

  return {
    /** Adds tags, replacing the value of keys that exist; more than 50 tags in all is refused. */
    async tag(resourceArn: string, tags: readonly Tag[]): Promise<void> {
      await sql.transaction(async (tx) => {
        await checkResource(tx, resourceArn);
        const { rows } = await tx.query<{ key: string }>("SELECT key FROM tags WHERE resource_arn = $1", [
          resourceArn,
        ]);
        const keys = new Set([...rows.map((r) => r.key), ...tags.map((t) => t.key)]);
        if (keys.size > MAX_TAGS_PER_RESOURCE) {
          // AWS answers TooManyTags; the engine has no such code, and the limit is a request problem.
          throw new EngineError(
            "ValidationException",
            `Too many tags: '${resourceArn}' would have ${keys.size} tags; the limit is ${MAX_TAGS_PER_RESOURCE}`,
          );
        }
        for (const { key, value } of tags) {
          await tx.query(
            `INSERT INTO tags (resource_arn, key, value) VALUES ($1, $2, $3)
               ON CONFLICT (resource_arn, key) DO UPDATE SET value = EXCLUDED.value`,
            [resourceArn, key, value],
          );
        }
      });
    },

    /** Removes tags by key; keys that are not set are ignored, as on AWS. */
    async untag(resourceArn: string, keys: readonly string[]): Promise<void> {
      await sql.transaction(async (tx) => {
        await checkResource(tx, resourceArn);
        for (const key of keys)
          await tx.query("DELETE FROM tags WHERE resource_arn = $1 AND key = $2", [resourceArn, key]);
      });
    },

    /** The tags of a resource, ordered by key. */
    async list(resourceArn: string): Promise<Tag[]> {
      await checkResource(sql, resourceArn);
      const { rows } = await sql.query<Tag>(
        "SELECT key, value FROM tags WHERE resource_arn = $1 ORDER BY key",
        [resourceArn],
      );
      return rows.map((r) => ({ key: r.key, value: r.value }));
    },

    /** Drops every tag of a deleted resource, so a resource created later under the same ARN starts bare. */
    async forget(resourceArn: string): Promise<void> {
      await sql.query("DELETE FROM tags WHERE resource_arn = $1", [resourceArn]);
    },
  };
}

export type TagApi = ReturnType<typeof createTagApi>;
