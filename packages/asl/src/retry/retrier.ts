import type { JsonObject } from "../json.ts";
import { isNumeric, toNumber } from "../json-number.ts";

/** A compiled `Retry` entry (ASL "Retrying after an error"). */
export interface Retrier {
  errorEquals: string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds: number | undefined;
  jitter: "FULL" | "NONE";
}

/** Reads a validated Retry entry, applying the specification's defaults. */
export function compileRetrier(def: JsonObject): Retrier {
  return {
    errorEquals: def.ErrorEquals as string[],
    intervalSeconds: isNumeric(def.IntervalSeconds) ? toNumber(def.IntervalSeconds) : 1,
    maxAttempts: isNumeric(def.MaxAttempts) ? toNumber(def.MaxAttempts) : 3,
    backoffRate: isNumeric(def.BackoffRate) ? toNumber(def.BackoffRate) : 2,
    maxDelaySeconds: isNumeric(def.MaxDelaySeconds) ? toNumber(def.MaxDelaySeconds) : undefined,
    jitter: def.JitterStrategy === "FULL" ? "FULL" : "NONE",
  };
}

/**
 * Delay before retry number `attempt` (0-based) in milliseconds: IntervalSeconds × BackoffRate^attempt,
 * capped at MaxDelaySeconds, then with FULL jitter a uniform draw in [0, delay).
 */
export function retryDelayMs(retrier: Retrier, attempt: number, random: () => number): number {
  let seconds = retrier.intervalSeconds * Math.pow(retrier.backoffRate, attempt);
  if (retrier.maxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.maxDelaySeconds);
  const ms = Math.round(seconds * 1000);
  return retrier.jitter === "FULL" ? Math.floor(random() * ms) : ms;
}
