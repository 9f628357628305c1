/** The eight ASL state types. */
export const StateType = {
  Pass: "Pass",
  Task: "Task",
  Choice: "Choice",
  Wait: "Wait",
  Succeed: "Succeed",
  Fail: "Fail",
  Parallel: "Parallel",
  Map: "Map",
} as const;
export type StateType = (typeof StateType)[keyof typeof StateType];
