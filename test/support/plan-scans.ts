/** A node of `EXPLAIN (FORMAT JSON)`, the fields read here. */
interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
}

/** What {@link planScans} needs: one connection (a transaction), so its settings and PREPARE hold. */
interface Connection {
  query<R extends object = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<{ rows: R[] }>;
}

/**
 * How the generic plan of `statement` reads its tables, one line per scan node: "Seq Scan on executions",
 * "Index Scan using executions_pkey on executions [(arn = ANY ($1))]", ... (the node type, the index and the
 * table it names, and in brackets the condition that bounds an index scan). `parameters` are SQL literals,
 * one per `$n` (their values do not matter: a generic plan is made for any). Run it inside a transaction:
 * it sets `plan_cache_mode` for that transaction only.
 *
 * Prepared statements switch to a generic plan after five executions, and a generic plan guesses the
 * rows of set-returning functions (1,000, or 100 for jsonb_array_elements) instead of counting them: a
 * batched statement joined on such a guess can read a whole table on every call.
 */
export async function planScans(
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
  const visit = (node: PlanNode) => {
    const type = node["Node Type"];
    if (type.endsWith("Scan") && (node["Relation Name"] ?? node["Index Name"]) !== undefined) {
      const index = node["Index Name"] === undefined ? "" : ` using ${node["Index Name"]}`;
      const table = node["Relation Name"] === undefined ? "" : ` on ${node["Relation Name"]}`;
      const bounds = node["Index Cond"] === undefined ? "" : ` [${node["Index Cond"]}]`;
      scans.push(`${type}${index}${table}${bounds}`);
    }
    for (const child of node.Plans ?? []) visit(child);
  };
  const [root] = explained.rows[0]!["QUERY PLAN"] as [{ Plan: PlanNode }];
  visit(root.Plan);
  return scans;
}
