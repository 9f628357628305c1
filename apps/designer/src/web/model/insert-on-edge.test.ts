import { describe, expect, it } from "vitest";
import type { EditResult } from "./edit-result.ts";
import { insertOnEdge } from "./insert-on-edge.ts";

const text = [
  "{",
  '\t"StartAt": "Start",',
  '\t"States": {',
  '\t\t"Start": {"Type": "Pass", "Next": "Decide"},',
  '\t\t"Decide": {"Type": "Choice", "Choices": [',
  '\t\t\t{"Variable": "$.a", "IsPresent": true, "Next": "Work"},',
  '\t\t\t{"Variable": "$.b", "IsPresent": true, "Next": "Work"}], "Default": "Done"},',
  '\t\t"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",',
  '\t\t\t"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}]},',
  '\t\t"Done": {"Type": "Succeed"}',
  "\t}",
  "}",
  "",
].join("\r\n");

const ok = (result: EditResult): string => {
  if (!result.ok) throw new Error(result.reason);
  return result.text;
};
type States = Record<string, Record<string, unknown>>;
const states = (after: string): States => (JSON.parse(after) as { States: States }).States;

describe("insertOnEdge", () => {
  it("puts a new state on a Next, going on where the Next went", () => {
    const result = insertOnEdge(text, ["States", "Start"], "next", "Decide", "Wait");
    expect(result).toMatchObject({ ok: true, name: "Wait" });
    const after = ok(result);
    expect(after).toBe(
      text
        .replace('"Type": "Pass", "Next": "Decide"', '"Type": "Pass", "Next": "Wait"')
        .replace(
          '\t\t"Done": {"Type": "Succeed"}\r\n',
          '\t\t"Done": {"Type": "Succeed"},\r\n\t\t"Wait": {\r\n\t\t\t"Type": "Wait",\r\n\t\t\t"Seconds": 5,\r\n\t\t\t"Next": "Decide"\r\n\t\t}\r\n',
        ),
    );
  });

  it("rewires every Choice rule to the target, and only those", () => {
    const after = states(ok(insertOnEdge(text, ["States", "Decide"], "choice", "Work", "Pass")));
    expect(after["Decide"]?.["Choices"]).toEqual([
      { Variable: "$.a", IsPresent: true, Next: "Pass" },
      { Variable: "$.b", IsPresent: true, Next: "Pass" },
    ]);
    expect(after["Decide"]?.["Default"]).toBe("Done");
    expect(after["Pass"]).toEqual({ Type: "Pass", Next: "Work" });
  });

  it("rewires a catcher without touching the Task's own Next, and gives a Choice a Default", () => {
    const after = states(ok(insertOnEdge(text, ["States", "Work"], "catch", "Done", "Choice")));
    expect(after["Work"]?.["Next"]).toBe("Done");
    expect(after["Work"]?.["Catch"]).toEqual([{ ErrorEquals: ["States.ALL"], Next: "Choice" }]);
    expect(after["Choice"]?.["Default"]).toBe("Done");
  });

  it("inserts a Parallel whose branch state is named uniquely", () => {
    const after = states(ok(insertOnEdge(text, ["States", "Decide"], "default", "Done", "Parallel")));
    expect(after["Decide"]?.["Default"]).toBe("Parallel");
    expect(after["Parallel"]?.["Next"]).toBe("Done");
    expect(after["Parallel"]).not.toHaveProperty("End");
  });

  it.each([
    [["States", "Start"], "next", "Decide", "Succeed", "a Succeed state cannot go on to Decide"],
    [["States", "Start"], "next", "Done", "Pass", "Start does not go to Done any more"],
    [["States", "Gone"], "next", "Done", "Pass", "Gone does not go to Done any more"],
  ] as const)("refuses %j %s → %s with %s", (source, kind, target, type, reason) => {
    expect(insertOnEdge(text, [...source], kind, target, type)).toEqual({ ok: false, reason });
  });
});
