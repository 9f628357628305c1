import type { SqlClient, TaskQueue } from "@stepflow/engine";
import type { RoutingTable } from "../rules/routing-table.ts";
import type { EventCommitter } from "./event-committer.ts";
import type { EventArns } from "./event-arns.ts";

/** What the parts of one event bus share. */
export interface BusContext {
  sql: SqlClient;
  queue: TaskQueue;
  routing: RoutingTable;
  /** Commits accepted events (PutEvents, replays), concurrent calls sharing statements. */
  commits: EventCommitter;
  arns: EventArns;
  /** The clock schedules are computed with (the system clock, or a manual one in tests). */
  now: () => Date;
}
