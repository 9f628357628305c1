/**
 * A definition of `count` top-level states: a chain of Task and Pass states with a Choice every tenth
 * state (rule to the next state, Default to the one after), a Catch on every Task, and a final Succeed.
 * The first line after `{` is a Comment, so a test can type into it without touching any state.
 */
export function generateDefinition(count: number): string {
  const states: Record<string, unknown> = {};
  const name = (i: number): string => `S${String(i).padStart(4, "0")}`;
  for (let i = 0; i < count - 1; i++) {
    const next = name(i + 1);
    if (i % 10 === 9 && i + 2 < count)
      states[name(i)] = {
        Type: "Choice",
        Choices: [{ Variable: "$.n", NumericGreaterThan: i, Next: next }],
        Default: name(i + 2),
      };
    else if (i % 2 === 0)
      states[name(i)] = {
        Type: "Task",
        Resource: `arn:aws:lambda:us-east-1:123456789012:function:f${i}`,
        Retry: [{ ErrorEquals: ["States.Timeout"], MaxAttempts: 2 }],
        Catch: [{ ErrorEquals: ["States.ALL"], Next: name(count - 1) }],
        Next: next,
      };
    else states[name(i)] = { Type: "Pass", Result: { i }, Next: next };
  }
  states[name(count - 1)] = { Type: "Succeed" };
  return `${JSON.stringify({ Comment: "generated", StartAt: name(0), States: states }, null, 2)}\n`;
}
