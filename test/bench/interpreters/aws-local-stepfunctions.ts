import { StateMachine } from "aws-local-stepfunctions";
import type { Json } from "@stepflow/asl";
import type { Interpreter } from "../interpreter.ts";
import { Peer } from "../workload.ts";

type Definition = ConstructorParameters<typeof StateMachine>[0];
/** Workload inputs are plain JSON (no JsonNumber lexemes), which is what the peer takes. */
type PeerInput = Parameters<StateMachine["run"]>[0];

/** aws-local-stepfunctions: one StateMachine per workload (validated once), one `run` per execution. */
export const awsLocalStepfunctions: Interpreter = {
  name: Peer.AwsLocal,
  prepare(workload) {
    let machine: StateMachine;
    try {
      machine = new StateMachine(workload.definition as unknown as Definition);
    } catch (error) {
      return Promise.resolve({ unsupported: `rejects the definition: ${String(error)}` });
    }
    return Promise.resolve({
      run: async (input: Json) => await machine.run(input as PeerInput).result,
      runCounted: async (input: Json) => {
        const execution = machine.run(input as PeerInput);
        let states = 0;
        for await (const event of execution.eventLogs) if (event.type === "StateEntered") states++;
        return { output: await execution.result, states };
      },
    });
  },
};
