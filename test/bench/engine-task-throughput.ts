// Task throughput (issue 4, "Performance"): (1) 64 one-Task executions in flight, each caller starting the
// next when its execution ended, against raw BullMQ with 64 jobs in flight on the same Redis (add, await
// the worker's "completed", add the next); (2) one execution whose Map runs a no-op Task on each of
// BENCH_MAP_ITEMS (10,000) items, against raw BullMQ draining a backlog of as many jobs (concurrency 64).
// Alternating rounds; BENCH_MAP_ROUNDS (default: the same as BENCH_ROUNDS) for the Map.
//   DATABASE_URL=... REDIS_URL=... node --import tsx bench/engine-task-throughput.ts
import { alternate, closedLoopRate, openServices, printHeader, printRatio } from "./engine-kit.ts";
import { median } from "./measure.ts";
import {
  addAndDrainMs,
  createMapOfTasks,
  drainMs,
  openRawBullmq,
  openTaskBench,
  runMapOfTasks,
  workerPlacement,
} from "./engine-tasks-kit.ts";

const inFlight = 64;
const sampleMs = Number(process.env["BENCH_SAMPLE_MS"] ?? 3000);
const items = Number(process.env["BENCH_MAP_ITEMS"] ?? 10_000);
const mapTimeoutMs = Number(process.env["BENCH_MAP_TIMEOUT_MS"] ?? 600_000);
const only = process.env["BENCH_ONLY"]?.split(",");

printHeader("engine-task-throughput");
console.log(`no-op worker: ${workerPlacement} (BENCH_WORKER=inline|process)`);
const services = await openServices("bench_task_throughput");
const ours = await openTaskBench(services, inFlight);
const raw = await openRawBullmq(services, inFlight);
try {
  if (!only || only.includes("closed-loop")) {
    const series = await alternate(
      () => closedLoopRate(inFlight, sampleMs, async () => (await ours.run(), 1)),
      () => closedLoopRate(inFlight, sampleMs, async () => (await raw.run(), 1)),
    );
    printRatio(
      `Task throughput, ${inFlight} in flight: tasks/s (Task → worker → report → end committed) vs raw BullMQ jobs/s`,
      "per s",
      { name: "stepflow one-Task executions", values: series.ours },
      { name: `raw BullMQ closed loop, ${inFlight} in flight`, values: series.baseline },
      0.5,
    );
  }
  if (!only || only.includes("map")) {
    const stateMachineArn = await createMapOfTasks(ours.engine);
    const mapRounds = Math.max(
      1,
      Number(process.env["BENCH_MAP_ROUNDS"] ?? process.env["BENCH_ROUNDS"] ?? 5),
    );
    const runMap = () => runMapOfTasks(ours, stateMachineArn, items, mapTimeoutMs);
    const runDrain = async (): Promise<number> => {
      await raw.drain(items);
      return items / (drainMs / 1000);
    };
    const ourRates: number[] = [];
    const rawRates: number[] = [];
    const rawWithAddsRates: number[] = [];
    for (let round = 0; round < mapRounds; round++) {
      ourRates.push(await runMap());
      rawRates.push(await runDrain());
      rawWithAddsRates.push(items / (addAndDrainMs / 1000));
      console.log(
        `  round ${round + 1}: map ${ourRates.at(-1)!.toFixed(0)} items/s, raw drain ${rawRates.at(-1)!.toFixed(0)} jobs/s, raw adds + drain ${rawWithAddsRates.at(-1)!.toFixed(0)} jobs/s`,
      );
    }
    printRatio(
      `Map over ${items.toLocaleString("en")} no-op Tasks: items/s (start → Map SUCCEEDED) vs raw BullMQ backlog drain jobs/s (concurrency ${inFlight})`,
      "per s",
      { name: "stepflow Map of Tasks", values: ourRates },
      { name: "raw BullMQ backlog drain", values: rawRates },
      0.5,
    );
    // Not the goal's reference, which leaves the adds out: the same jobs added (addBulk, the worker
    // paused) and then drained, as the Map must add its tasks too. Printed to show how much of the goal
    // BullMQ's own adds take.
    const withAdds = median(ourRates) / median(rawWithAddsRates);
    console.log(
      `  for reference: raw BullMQ adds + drain ${median(rawWithAddsRates).toFixed(0)} jobs/s; ratio of medians ${withAdds.toFixed(2)}×; raw adds + drain / raw drain ${(median(rawWithAddsRates) / median(rawRates)).toFixed(2)}×`,
    );
    if (mapRounds < 5)
      console.log(`  (${mapRounds} rounds: fewer than the 5 the issue asks for; BENCH_MAP_ROUNDS)`);
  }
} finally {
  await raw.close();
  await ours.close();
  await services.close();
}
