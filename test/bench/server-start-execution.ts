/**
 * Server benchmark (issue 5): requests per second through the AWS JSON protocol next to bare Express
 * routes on the same server, measured in one run with 32 concurrent keep-alive clients.
 *   StartExecution (STANDARD, first state a Task)  vs  POST /bare/insert (one single-row INSERT)
 *   StartExecution (STANDARD, 3 Pass states)        vs  POST /bare/insert
 *   StartSyncExecution (EXPRESS, 3 Pass states)     vs  POST /bare/constant
 *   StartSyncExecution (EXPRESS, 3 Pass states)     vs  POST /bare/lookup (one SELECT of the machine row)
 * Goal: ratio of medians ≥ 0.7 for the first and the last. Needs DATABASE_URL and REDIS_URL.
 *
 *   npm run bench:server --workspace @stepflow/test
 *   BENCH_ROUNDS=7 BENCH_SAMPLE_MS=3000 BENCH_CLIENTS=32 npm run bench:server --workspace @stepflow/test
 */
import { fork } from "node:child_process";
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";
import { median } from "./measure.ts";
import type { BenchServerReady } from "./server-bench-app.ts";

const ROUNDS = Math.max(5, Number(process.env["BENCH_ROUNDS"] ?? 5));
const SAMPLE_MS = Number(process.env["BENCH_SAMPLE_MS"] ?? 2000);
const CLIENTS = Number(process.env["BENCH_CLIENTS"] ?? 32);
const GOAL = 0.7;

interface Target {
  label: string;
  path: string;
  headers: Record<string, string>;
  body: (i: number) => string;
}

interface Comparison {
  name: string;
  ours: Target;
  bare: Target;
  goal: number | undefined;
}

function awsTarget(action: string, stateMachineArn: string): Target {
  return {
    label: action,
    path: "/",
    headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": `AWSStepFunctions.${action}` },
    body: (i) =>
      JSON.stringify({ stateMachineArn, input: JSON.stringify({ order: { id: i, items: [1, 2, 3] } }) }),
  };
}

function bareTarget(path: string, stateMachineArn: string): Target {
  return {
    label: `POST ${path}`,
    path,
    headers: { "content-type": "application/json" },
    body: (i) =>
      JSON.stringify({ stateMachineArn, input: JSON.stringify({ order: { id: i, items: [1, 2, 3] } }) }),
  };
}

function post(agent: Agent, port: number, target: Target, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: target.path,
        agent,
        headers: { ...target.headers, "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Requests per second of `CLIENTS` loops posting to `target` back to back for `SAMPLE_MS`. */
async function sample(agent: Agent, port: number, target: Target): Promise<number> {
  let done = 0;
  let failed = 0;
  let counter = 0;
  const started = performance.now();
  const deadline = started + SAMPLE_MS;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const status = await post(agent, port, target, target.body(counter++));
        if (status === 200) done++;
        else failed++;
      }
    }),
  );
  if (failed > 0) throw new Error(`${target.label}: ${failed} requests failed`);
  return done / ((performance.now() - started) / 1000);
}

function row(cells: string[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(44) : cell.padStart(16))).join(" ");
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(new URL("./server-bench-app.ts", import.meta.url)), [], {
    // The server loads the packages as this process does: built (the default) or from source.
    execArgv: [
      ...process.execArgv,
      // BENCH_PROFILE=<dir>: a V8 CPU profile of the server process, written when it stops.
      ...(process.env["BENCH_PROFILE"]
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env["BENCH_PROFILE"]}`]
        : []),
    ],
    stdio: "inherit",
  });
  const ready = await new Promise<BenchServerReady>((resolve, reject) => {
    child.once("message", (m) => resolve(m as BenchServerReady));
    child.once("exit", (code) => reject(new Error(`the benchmark server exited with ${code}`)));
  });
  const { port, machines } = ready;
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const only = process.env["BENCH_ONLY"];
  const side = process.env["BENCH_SIDE"];
  const all: Comparison[] = [
    {
      name: "StartExecution, Task first",
      ours: awsTarget("StartExecution", machines.task),
      bare: bareTarget("/bare/insert", machines.task),
      goal: GOAL,
    },
    {
      name: "StartExecution, 3 Pass states",
      ours: awsTarget("StartExecution", machines.pass),
      bare: bareTarget("/bare/insert", machines.pass),
      goal: undefined,
    },
    {
      name: "StartSyncExecution, EXPRESS 3 Pass",
      ours: awsTarget("StartSyncExecution", machines.express),
      bare: bareTarget("/bare/constant", machines.express),
      goal: GOAL,
    },
    {
      name: "StartSyncExecution vs one SELECT (how much is the machine lookup)",
      ours: awsTarget("StartSyncExecution", machines.express),
      bare: bareTarget("/bare/lookup", machines.express),
      goal: undefined,
    },
  ];
  const comparisons = all.filter((c) => only === undefined || c.name.includes(only));
  console.log(
    `server benchmark: ${CLIENTS} clients, ${ROUNDS} rounds of ${SAMPLE_MS} ms per side, node ${process.version}`,
  );
  try {
    for (const c of comparisons) {
      // Warm-up: JIT, pool connections, caches.
      await sample(agent, port, c.ours);
      await sample(agent, port, c.bare);
      const ours: number[] = [];
      const bare: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate which side goes first, so drift (autovacuum, table growth) is shared.
        const pair = round % 2 === 0 ? [c.ours, c.bare] : [c.bare, c.ours];
        for (const target of pair) {
          // BENCH_SIDE=ours|bare measures one side only (for a CPU profile of just that side).
          if (side !== undefined && target !== (side === "ours" ? c.ours : c.bare)) continue;
          (target === c.ours ? ours : bare).push(await sample(agent, port, target));
        }
      }
      if (side !== undefined) {
        const xs = side === "ours" ? ours : bare;
        console.log(`\n${c.name}: ${side} only, median ${median(xs).toFixed(0)} req/s`);
        continue;
      }
      const ratio = median(ours) / median(bare);
      const range = (xs: number[]) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;
      console.log(`\n${c.name}`);
      console.log(row(["", "median req/s", "range"]));
      console.log(row([c.ours.label, median(ours).toFixed(0), range(ours)]));
      console.log(row([c.bare.label, median(bare).toFixed(0), range(bare)]));
      const verdict =
        c.goal === undefined
          ? "(no goal)"
          : ratio >= c.goal
            ? `goal ≥ ${c.goal}: met`
            : `goal ≥ ${c.goal}: NOT met`;
      console.log(`ratio ours/bare: ${ratio.toFixed(2)}  ${verdict}`);
    }
  } finally {
    agent.destroy();
    child.send("stop");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
