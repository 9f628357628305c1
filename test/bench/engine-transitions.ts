// Durable transitions (issue 4, "Performance"): a 10-Pass chain started by 8 concurrent callers in
// process. A Pass-only chain runs to its end inside StartExecution and is committed in one statement, so
// this measures executions/s × 10 states against PostgreSQL's own 10-row multi-row INSERT per commit at 8
// clients (written in node with pg, the pgbench custom script of the issue), alternating.
//   DATABASE_URL=... REDIS_URL=... node --import tsx bench/engine-transitions.ts
import {
  alternate,
  closedLoopRate,
  openEngine,
  openServices,
  pgClients,
  printHeader,
  printRatio,
} from "./engine-kit.ts";

const clients = 8;
const states = 10;
const sampleMs = Number(process.env["BENCH_SAMPLE_MS"] ?? 2000);

const passChain = {
  StartAt: "P0",
  States: Object.fromEntries(
    Array.from({ length: states }, (_, i) => [
      `P${i}`,
      {
        Type: "Pass",
        Parameters: { "n.$": "$.n", step: i, "tag.$": "$.tag" },
        ...(i === states - 1 ? { End: true } : { Next: `P${i + 1}` }),
      },
    ]),
  ),
};

printHeader("engine-transitions");
const services = await openServices("bench_transitions");
const bench = await openEngine(services, { background: false, poolSize: clients });
const baseline = await pgClients(services.databaseUrl, clients);
try {
  await baseline[0]!.query(
    "CREATE TABLE bench_rows (id bigserial PRIMARY KEY, n int NOT NULL, step int NOT NULL, tag text NOT NULL)",
  );
  const { stateMachineArn } = await bench.engine.stateMachines.create({
    name: "pass-chain",
    definition: JSON.stringify(passChain),
    roleArn: "arn:aws:iam::123456789012:role/bench",
  });
  const insert = `INSERT INTO bench_rows (n, step, tag) VALUES ${Array.from({ length: states }, (_, i) => `($1, ${i}, $2)`).join(", ")}`;
  let n = 0;
  const series = await alternate(
    () =>
      closedLoopRate(clients, sampleMs, async () => {
        await bench.engine.executions.start({
          stateMachineArn,
          input: JSON.stringify({ n: n++, tag: "bench" }),
        });
        return states;
      }),
    () =>
      closedLoopRate(clients, sampleMs, async (caller) => {
        await baseline[caller]!.query(insert, [n++, "bench"]);
        return states;
      }),
  );
  const { rows } = await bench.sql.query<{ status: string; n: string }>(
    "SELECT status, count(*) AS n FROM executions GROUP BY status",
  );
  console.log(`executions by status: ${rows.map((r) => `${r.status} ${r.n}`).join(", ")}`);
  printRatio(
    `10-Pass chain, ${clients} concurrent StartExecution callers: states committed/s vs 10-row INSERT rows/s at ${clients} clients`,
    "states|rows/s",
    { name: "stepflow (executions/s × 10 states)", values: series.ours },
    { name: `pg 10-row multi-row INSERT, ${clients} clients`, values: series.baseline },
    0.3,
  );
} finally {
  await Promise.all(baseline.map((c) => c.end()));
  await bench.close();
  await services.close();
}
