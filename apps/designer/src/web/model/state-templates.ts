/** Every ASL state type, in the palette's order. */
export const STATE_TYPES = ["Task", "Pass", "Choice", "Wait", "Parallel", "Map", "Succeed", "Fail"] as const;
/** One ASL state type. */
export type StateTypeName = (typeof STATE_TYPES)[number];

/** One line saying what a state type is for, shown in the palette. */
export const STATE_TYPE_HINTS: Record<StateTypeName, string> = {
  Task: "Run work on a worker, a service integration or an activity",
  Pass: "Pass input to output, optionally injecting data",
  Choice: "Branch on rules over the input",
  Wait: "Wait for a time or until a timestamp",
  Parallel: "Run branches at the same time",
  Map: "Run the same steps for each item",
  Succeed: "Stop successfully",
  Fail: "Stop with an error and a cause",
};

/**
 * A fresh, valid state of `type`. `uniqueName` gives names for nested states (Parallel, Map) that are
 * unique in the machine; `anyTarget` is a state a new Choice rule may point at.
 */
export function stateTemplate(
  type: StateTypeName,
  uniqueName: (base: string) => string,
  anyTarget: string,
): Record<string, unknown> {
  switch (type) {
    case "Task":
      return {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: "my-function", "Payload.$": "$" },
        End: true,
      };
    case "Pass":
      return { Type: "Pass", End: true };
    case "Choice":
      return { Type: "Choice", Choices: [{ Variable: "$.value", IsPresent: true, Next: anyTarget }] };
    case "Wait":
      return { Type: "Wait", Seconds: 5, End: true };
    case "Parallel": {
      const first = uniqueName("BranchStep");
      return {
        Type: "Parallel",
        Branches: [{ StartAt: first, States: { [first]: { Type: "Pass", End: true } } }],
        End: true,
      };
    }
    case "Map": {
      const step = uniqueName("ItemStep");
      return {
        Type: "Map",
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: step,
          States: { [step]: { Type: "Pass", End: true } },
        },
        End: true,
      };
    }
    case "Succeed":
      return { Type: "Succeed" };
    case "Fail":
      return { Type: "Fail", Error: "Failed", Cause: "Describe what went wrong" };
  }
}
