// Runs one workload on Stepflow's runLocal only, for profiling:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --conditions=@stepflow/source --import tsx bench/profile.ts pass-chain [seconds]
import type { Workload } from "./workload.ts";
import { stepflow } from "./interpreters/stepflow.ts";
import { sampleRate } from "./measure.ts";
import { choiceLoop } from "./workloads/choice-loop.ts";
import { inlineMap } from "./workloads/inline-map.ts";
import { passChain } from "./workloads/pass-chain.ts";

const workloads: Workload[] = [passChain(), choiceLoop("linked"), choiceLoop("math-add"), inlineMap()];
const workload = workloads.find((candidate) => candidate.name === process.argv[2]);
if (!workload) throw new Error(`usage: profile.ts <${workloads.map((w) => w.name).join("|")}> [seconds]`);
const prepared = await stepflow.prepare(workload);
if ("unsupported" in prepared) throw new Error(prepared.unsupported);
const rate = await sampleRate(
  prepared,
  workload.makeInput,
  workload.statesPerRun,
  Number(process.argv[3] ?? 5) * 1000,
);
console.log(`${workload.name}: ${Math.round(rate).toLocaleString("en")} states/s`);
