import { describe, expect, it } from "vitest";
import { setStateField, setStateFields } from "./set-state-field.ts";

const TEXT = [
  "{",
  '\t"StartAt": "A",',
  '\t"States": {',
  '\t\t"A": {"Type": "Task", "Resource": "arn:old", "Next": "B",',
  '\t\t\t"Retry": [{"ErrorEquals": ["States.ALL"]}]},',
  '\t\t"B": {',
  '\t\t\t"Type": "Pass",',
  '\t\t\t"End": true',
  "\t\t}",
  "\t}",
  "}",
].join("\n");

const ok = (result: ReturnType<typeof setStateField>): string => {
  if (!result.ok) throw new Error(result.reason);
  return result.text;
};

describe("setStateField", () => {
  it.each([
    [
      "replaces a scalar in place",
      ["States", "A", "Resource"],
      "arn:new",
      TEXT.replace("arn:old", "arn:new"),
    ],
    [
      "adds a property on its own line",
      ["States", "B", "Comment"],
      "hi",
      TEXT.replace('\t\t\t"End": true', '\t\t\t"End": true,\n\t\t\t"Comment": "hi"'),
    ],
    [
      "removes a property and one comma",
      ["States", "B", "End"],
      undefined,
      TEXT.replace(',\n\t\t\t"End": true', ""),
    ],
    [
      "sets a field inside a list item",
      ["States", "A", "Retry", 0, "ErrorEquals", 0],
      "States.Timeout",
      TEXT.replace('["States.ALL"]', '["States.Timeout"]'),
    ],
  ])("%s", (_, location, value, expected) => {
    expect(ok(setStateField(TEXT, location, value))).toBe(expected);
  });

  it("appends to an array with index -1 and keeps other lines", () => {
    const after = ok(setStateField(TEXT, ["States", "A", "Retry", -1], { ErrorEquals: ["E"] }));
    expect((JSON.parse(after) as { States: { A: { Retry: unknown } } }).States.A.Retry).toEqual([
      { ErrorEquals: ["States.ALL"] },
      { ErrorEquals: ["E"] },
    ]);
    expect(after.split("\n").slice(5)).toEqual(TEXT.split("\n").slice(5));
  });

  it("switches End to Next as one edit", () => {
    const after = ok(
      setStateFields(TEXT, [
        { location: ["States", "B", "Next"], value: "A" },
        { location: ["States", "B", "End"], value: undefined },
      ]),
    );
    expect((JSON.parse(after) as { States: { B: unknown } }).States.B).toEqual({ Type: "Pass", Next: "A" });
  });

  it("refuses text that does not parse", () => {
    expect(setStateField("{", ["a"], 1).ok).toBe(false);
  });

  it("renames a key in place, keeping its position, then sets its value", () => {
    const text = ok(
      setStateFields(TEXT, [
        { location: ["States", "A", "Resource"], value: "arn:x", renameTo: "Comment" },
        { location: ["States", "B", "Type"], value: "Succeed", renameTo: "Type" },
      ]),
    );
    expect(text).toBe(
      TEXT.replace('"Resource": "arn:old"', '"Comment": "arn:x"').replace(
        '"Type": "Pass"',
        '"Type": "Succeed"',
      ),
    );
  });
});
