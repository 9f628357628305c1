// `npm run bench`: states/s of Stepflow's runLocal and of two peer interpreters on the same workloads,
// measured side by side in one process (issue 3, "Performance"). It prints; it is not a test.
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import type { Interpreter, PreparedRun } from "./interpreter.ts";
import { awsLocalStepfunctions } from "./interpreters/aws-local-stepfunctions.ts";
import { statebox } from "./interpreters/statebox.ts";
import { stepflow } from "./interpreters/stepflow.ts";
import { median, sampleRate } from "./measure.ts";
import { printGoals, printWorkload, type Outcome } from "./report.ts";
import { verifyRun } from "./verify.ts";
import type { Workload } from "./workload.ts";
import { choiceLoop } from "./workloads/choice-loop.ts";
import { inlineMap } from "./workloads/inline-map.ts";
import { passChain } from "./workloads/pass-chain.ts";

const rounds = Math.max(5, Number(process.env.BENCH_ROUNDS ?? 7));
const sampleMs = Number(process.env.BENCH_SAMPLE_MS ?? 500);
const only = process.env.BENCH_ONLY?.split(",");

const interpreters: Interpreter[] = [stepflow, awsLocalStepfunctions, statebox];
const workloads: Workload[] = [passChain(), choiceLoop("linked"), choiceLoop("math-add"), inlineMap()].filter(
  (workload) => !only || only.includes(workload.name),
);

console.log(`@stepflow/asl from ${fileURLToPath(import.meta.resolve("@stepflow/asl"))}`);
console.log(
  `node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}; ` +
    `${rounds} alternating rounds of ≥ ${sampleMs} ms per interpreter after a warm-up; ` +
    `states/s are medians of the rounds`,
);
const results: { workload: Workload; outcomes: Outcome[] }[] = [];
for (const workload of workloads) results.push({ workload, outcomes: await benchmark(workload) });
printGoals(results);

async function benchmark(workload: Workload): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const active: { outcome: Outcome; prepared: PreparedRun; interpreter: Interpreter }[] = [];
  for (const interpreter of interpreters) {
    const outcome: Outcome = { interpreter: interpreter.name, rates: [] };
    outcomes.push(outcome);
    const prepared = await interpreter.prepare(workload);
    if ("unsupported" in prepared) {
      outcome.problem = `cannot run it: ${prepared.unsupported}`;
      continue;
    }
    const problem = await verifyRun(prepared, workload);
    if (problem) outcome.problem = `not timed, ${problem}`;
    else active.push({ outcome, prepared, interpreter });
  }
  const sample = async (entry: (typeof active)[number]) => {
    entry.interpreter.reset?.();
    try {
      return await sampleRate(entry.prepared, workload.makeInput, workload.statesPerRun, sampleMs);
    } catch (error) {
      entry.outcome.problem = `failed while timed: ${error instanceof Error ? error.message : String(error)}`;
      return undefined;
    }
  };
  for (const entry of active) await sample(entry);
  for (let round = 0; round < rounds; round++) {
    for (const entry of active) {
      if (entry.outcome.problem) continue;
      const rate = await sample(entry);
      if (rate !== undefined) entry.outcome.rates.push(rate);
    }
  }
  for (const outcome of outcomes) if (outcome.rates.length > 0) outcome.median = median(outcome.rates);
  printWorkload(workload, outcomes);
  return outcomes;
}
