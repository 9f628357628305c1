// Memory (issue 4, "Performance"): the RSS of an engine process holding BENCH_WAITING (10,000) executions
// in a one-hour Wait, against the same process idle before it started them (its baseline, measured in the
// same run). The engine runs as a child process (node --expose-gc), which starts the executions itself.
// BENCH_ROUNDS rounds, each a fresh process, database and Redis prefix.
//   DATABASE_URL=... REDIS_URL=... node --import tsx bench/engine-memory.ts
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { median } from "./measure.ts";
import { openServices, printHeader, rounds, seriesLine } from "./engine-kit.ts";

const count = Number(process.env["BENCH_WAITING"] ?? 10_000);
const memoryRounds = Number(process.env["BENCH_MEMORY_ROUNDS"] ?? rounds);

async function measure(): Promise<{ idle: number; waiting: number; running: number; seconds: number }> {
  const services = await openServices("bench_memory");
  try {
    const child = spawn(
      process.execPath,
      // The child loads the packages as this process does: built (the default) or from source.
      [
        ...process.execArgv,
        "--expose-gc",
        fileURLToPath(new URL("./engine-memory-process.ts", import.meta.url)),
      ],
      {
        env: {
          ...process.env,
          BENCH_DATABASE_URL: services.databaseUrl,
          BENCH_REDIS_URL: services.redisUrl,
          BENCH_PREFIX: services.prefix,
          BENCH_WAITING: String(count),
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    if (code !== 0) throw new Error(`the engine process exited with ${code}: ${out}`);
    const lines = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, number>);
    const idle = lines.find((l) => "idle" in l)!;
    const waiting = lines.find((l) => "waiting" in l)!;
    return {
      idle: idle.idle!,
      waiting: waiting.waiting!,
      running: waiting.running!,
      seconds: waiting.seconds!,
    };
  } finally {
    await services.close();
  }
}

printHeader("engine-memory");
const results = [];
for (let round = 0; round < memoryRounds; round++) {
  const result = await measure();
  results.push(result);
  console.log(
    `  round ${round + 1}: idle ${result.idle.toFixed(1)} MB, with ${result.running} waiting ${result.waiting.toFixed(1)} MB (started in ${result.seconds.toFixed(1)} s)`,
  );
}
const waiting = results.map((r) => r.waiting);
const idle = results.map((r) => r.idle);
console.log(`\nMemory: engine process RSS with ${count.toLocaleString("en")} executions in a one-hour Wait`);
console.log(seriesLine(`engine RSS, ${count.toLocaleString("en")} waiting`, waiting, "MB", 1));
console.log(seriesLine("engine RSS idle (baseline, same process)", idle, "MB", 1));
const perExecution = ((median(waiting) - median(idle)) * 2 ** 20) / count;
console.log(
  `  ratio of medians ${(median(waiting) / median(idle)).toFixed(2)}×; ${perExecution.toFixed(0)} bytes per waiting execution; ` +
    `goal < 200 MB: ${median(waiting) < 200 ? "met" : "NOT MET"}`,
);
if (memoryRounds < 5) console.log(`  (${memoryRounds} rounds: fewer than 5; BENCH_MEMORY_ROUNDS)`);
