import type { Workload } from "./workload.ts";

/** What one interpreter did on one workload: its per-round states/s, or why it was not timed. */
export interface Outcome {
  interpreter: string;
  rates: number[];
  median?: number;
  problem?: string;
}

const rate = (value: number) => Math.round(value).toLocaleString("en");

/** Prints one workload's medians, the ratio of ours to each peer and the goals, met or not. */
export function printWorkload(workload: Workload, outcomes: Outcome[]): void {
  console.log(`\n${workload.name}: ${workload.description} (${workload.statesPerRun} states per run)`);
  for (const outcome of outcomes) {
    const name = outcome.interpreter.padEnd(24);
    if (outcome.median === undefined) {
      console.log(`  ${name} ${outcome.problem ?? "no sample"}`);
      continue;
    }
    const spread = `${rate(Math.min(...outcome.rates))}–${rate(Math.max(...outcome.rates))}`;
    console.log(`  ${name} ${rate(outcome.median).padStart(10)} states/s   (rounds ${spread})`);
  }
  for (const peer of outcomes.slice(1)) console.log(`  ${comparison(workload, outcomes, peer)}`);
}

/** Prints every goal of issue 3 with the ratio measured for it, met or not. */
export function printGoals(results: { workload: Workload; outcomes: Outcome[] }[]): void {
  console.log("\nGoals (issue 3, ratios of medians in this run):");
  for (const { workload, outcomes } of results) {
    for (const peer of outcomes.slice(1)) {
      if (workload.goals.some((goal) => goal.peer === peer.interpreter)) {
        console.log(`  ${workload.name.padEnd(21)} ${comparison(workload, outcomes, peer)}`);
      }
    }
  }
}

function comparison(workload: Workload, outcomes: Outcome[], peer: Outcome): string {
  const ours = outcomes[0];
  const goal = workload.goals.find((candidate) => candidate.peer === peer.interpreter);
  const target = goal ? `goal ≥ ${goal.ratio}×` : "no goal";
  if (ours?.median === undefined || peer.median === undefined) {
    return `ours / ${peer.interpreter}: n/a (${target}${goal ? ": not measurable" : ""})`;
  }
  const ratio = ours.median / peer.median;
  const verdict = goal ? (ratio >= goal.ratio ? ": met" : ": NOT MET") : "";
  return `ours / ${peer.interpreter}: ${ratio.toFixed(2)}×   (${target}${verdict})`;
}
