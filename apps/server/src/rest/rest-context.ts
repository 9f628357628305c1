import type { Engine } from "@stepflow/engine";
import type { Logger } from "../logger.ts";

/** What the REST routes work with. */
export interface RestContext {
  engine: Engine;
  log: Logger;
}
