/** What {@link sequentialScans} needs: one connection (a transaction), so its settings and PREPARE hold. */
interface Connection {
  query<R extends object = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<{ rows: R[] }>;
}

/**
 * The tables the generic plan of `statement` reads with a sequential scan. `parameters` are SQL literals,
 * one per `$n` (their values do not matter: a generic plan is made for any). Run it inside a transaction:
 * it sets `plan_cache_mode` for that transaction only.
 *
 * Prepared statements switch to a generic plan after five executions, and a generic plan guesses the
 * rows of set-returning functions (1,000, or 100 for jsonb_array_elements) instead of counting them: a
 * batched statement joined on such a guess can read a whole table on every call.
 */
export async function sequentialScans(
  connection: Connection,
  statement: string,
  parameters: readonly string[],
): Promise<string[]> {
  await connection.query("SET LOCAL plan_cache_mode = force_generic_plan");
  await connection.query(`PREPARE planned AS ${statement}`);
  const explained = await connection.query<{ "QUERY PLAN": unknown }>(
    `EXPLAIN (FORMAT JSON) EXECUTE planned (${parameters.join(", ")})`,
  );
  await connection.query("DEALLOCATE planned");
  const scans: string[] = [];
  const visit = (node: Record<string, unknown>) => {
    if (node["Node Type"] === "Seq Scan") scans.push(String(node["Relation Name"]));
    for (const child of (node["Plans"] as Record<string, unknown>[] | undefined) ?? []) visit(child);
  };
  const [root] = explained.rows[0]!["QUERY PLAN"] as [{ Plan: Record<string, unknown> }];
  visit(root.Plan);
  return scans;
}
