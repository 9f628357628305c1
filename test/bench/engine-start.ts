// StartExecution in process (issue 4, "Performance"): 32 concurrent callers against PostgreSQL's
// single-row INSERT commits/s at 32 clients, alternating. Two machines: one that ends at once (the start
// is one statement) and one whose first state is a Task (the start also dispatches a job to BullMQ; no
// worker runs, so the jobs wait in Redis).
//   DATABASE_URL=... REDIS_URL=... node --import tsx bench/engine-start.ts
import {
  alternate,
  closedLoopRate,
  openEngine,
  openServices,
  pgClients,
  printHeader,
  printRatio,
} from "./engine-kit.ts";

const clients = 32;
const sampleMs = Number(process.env["BENCH_SAMPLE_MS"] ?? 2000);
const roleArn = "arn:aws:iam::123456789012:role/bench";

printHeader("engine-start");
const services = await openServices("bench_start");
const bench = await openEngine(services, { background: false, poolSize: clients });
const baseline = await pgClients(services.databaseUrl, clients);
try {
  await baseline[0]!.query(
    "CREATE TABLE bench_rows (id bigserial PRIMARY KEY, n int NOT NULL, tag text NOT NULL)",
  );
  const machines = {
    "ends at once (Pass)": { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
    "first state is a Task": {
      StartAt: "T",
      States: {
        T: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:noop", End: true },
      },
    },
  };
  let n = 0;
  for (const [label, definition] of Object.entries(machines)) {
    const { stateMachineArn } = await bench.engine.stateMachines.create({
      name: label.replace(/\W+/g, "-"),
      definition: JSON.stringify(definition),
      roleArn,
    });
    const series = await alternate(
      () =>
        closedLoopRate(clients, sampleMs, async () => {
          await bench.engine.executions.start({ stateMachineArn, input: JSON.stringify({ n: n++ }) });
          return 1;
        }),
      () =>
        closedLoopRate(clients, sampleMs, async (caller) => {
          await baseline[caller]!.query("INSERT INTO bench_rows (n, tag) VALUES ($1, $2)", [n++, "bench"]);
          return 1;
        }),
    );
    printRatio(
      `StartExecution, ${label}, ${clients} concurrent callers vs single-row INSERT commits/s at ${clients} clients`,
      "per s",
      { name: "stepflow StartExecution", values: series.ours },
      { name: `pg single-row INSERT, ${clients} clients`, values: series.baseline },
      0.5,
    );
  }
} finally {
  await Promise.all(baseline.map((c) => c.end()));
  await bench.close();
  await services.close();
}
