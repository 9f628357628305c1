// @wmfs/statebox ships no types; this declares the part of its API the benchmark uses.
declare module "@wmfs/statebox" {
  interface ExecutionDescription {
    executionName: string;
    status: string;
    ctx: unknown;
    errorCode?: string;
    errorMessage?: string;
  }
  interface StateMachine {
    runState: (execution: ExecutionDescription) => unknown;
  }
  class Statebox {
    constructor(options?: { messages?: { info(message: string): void; warning(message: unknown): void } });
    readonly ready: Promise<void>;
    dao: { executions: Record<string, ExecutionDescription> };
    stateMachines: { stateMachines: Map<string, StateMachine> };
    createStateMachines(definitions: Record<string, unknown>, env: object): Promise<unknown>;
    startExecution(
      input: unknown,
      stateMachineName: string,
      options: { sendResponse?: string },
    ): Promise<ExecutionDescription>;
  }
  export default Statebox;
}
