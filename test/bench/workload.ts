import type { JsonObject, Json } from "@stepflow/asl";

/** The peers a workload's goals are measured against, by npm package name. */
export const Peer = {
  AwsLocal: "aws-local-stepfunctions",
  Statebox: "@wmfs/statebox",
} as const;
/** The name of one peer interpreter. */
export type Peer = (typeof Peer)[keyof typeof Peer];

/** A goal of issue 3: ours must run at least `ratio` times the states/s of `peer` (medians, same run). */
export interface Goal {
  peer: Peer;
  ratio: number;
}

/** One benchmark workload: a definition every interpreter runs, its input and the output it must produce. */
export interface Workload {
  name: string;
  description: string;
  definition: JsonObject;
  /** A fresh input per run, so an interpreter that mutates its input cannot disturb the next run. */
  makeInput: () => Json;
  expectedOutput: Json;
  /** States entered by one run (Map iterations' states included), checked against each interpreter. */
  statesPerRun: number;
  goals: Goal[];
}
