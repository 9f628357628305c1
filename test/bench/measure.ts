import type { Json } from "@stepflow/asl";
import type { PreparedRun } from "./interpreter.ts";

/**
 * Runs `prepared` back to back until `minMs` of run time has accumulated and returns states/s.
 * Only the runs themselves are timed: building each fresh input is outside the clock.
 */
export async function sampleRate(
  prepared: PreparedRun,
  makeInput: () => Json,
  statesPerRun: number,
  minMs: number,
): Promise<number> {
  let elapsed = 0;
  let runs = 0;
  while (elapsed < minMs || runs === 0) {
    const input = makeInput();
    const start = performance.now();
    await prepared.run(input);
    elapsed += performance.now() - start;
    runs++;
  }
  return (runs * statesPerRun) / (elapsed / 1000);
}

/** The median of a non-empty list (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
