import { StatesError, StatesFailure } from "./errors.ts";
import type { Json } from "./json.ts";

/** Parses JSON text; a syntax error becomes a States.Runtime failure naming the problem. */
export function parseJsonText(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new StatesFailure(StatesError.Runtime, `Invalid JSON: ${(error as Error).message}`);
  }
}
