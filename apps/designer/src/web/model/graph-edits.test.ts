import { describe, expect, it } from "vitest";
import { addState } from "./add-state.ts";
import { connectNext } from "./connect-next.ts";
import { deleteState } from "./delete-state.ts";
import type { EditResult } from "./edit-result.ts";
import { renameState } from "./rename-state.ts";
import { detectFormatting } from "./text-format.ts";

// Odd on purpose: tabs, CRLF, unusual key order, an unknown field, compact objects.
const text = [
  "{",
  '\t"States": {',
  '\t\t"Start": {"Next": "Decide", "Type": "Pass", "x-owner": "team-a"},',
  '\t\t"Decide": {',
  '\t\t\t"Type": "Choice",',
  '\t\t\t"Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "Work"}],',
  '\t\t\t"Default": "Done"',
  "\t\t},",
  '\t\t"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",',
  '\t\t\t"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}]},',
  '\t\t"Done": {"Type": "Succeed"}',
  "\t},",
  '\t"StartAt": "Start"',
  "}",
  "",
].join("\r\n");

const lines = (s: string): string[] => s.split("\r\n");
const changedLines = (before: string, after: string): number[] =>
  lines(after).flatMap((line, i) => (line === lines(before)[i] ? [] : [i]));
const ok = (result: EditResult): string => {
  if (!result.ok) throw new Error(result.reason);
  return result.text;
};

describe("renameState", () => {
  it("renames the key and every reference, touching only those lines", () => {
    const after = ok(renameState(text, ["States", "Done"], "Finished"));
    expect(after).toBe(text.replaceAll('"Done"', '"Finished"'));
    expect(changedLines(text, after)).toEqual([6, 8, 9, 10]);
  });

  it("renames the start state in StartAt", () => {
    const after = ok(renameState(text, ["States", "Start"], "Begin"));
    expect(after).toBe(text.replaceAll('"Start"', '"Begin"'));
  });

  it.each([
    ["Work", 'a state named "Work" already exists (names are unique in a machine)'],
    ["", "a state name has 1 to 80 characters"],
    ["x".repeat(81), "a state name has 1 to 80 characters"],
  ])("refuses %j", (name, reason) => {
    expect(renameState(text, ["States", "Done"], name)).toEqual({ ok: false, reason });
  });
});

describe("deleteState", () => {
  it("removes the state and rewires references to its Next", () => {
    const after = ok(deleteState(text, ["States", "Work"]));
    expect(after).not.toContain('"Work"');
    expect(after).toContain('"Next": "Done"}],');
    expect(after).toBe(
      text.replace(/,\r\n\t\t"Work": .*\r\n.*\]\}/, "").replace('"Next": "Work"', '"Next": "Done"'),
    );
  });

  it("turns a plain Next into End when the deleted state ended the machine", () => {
    const after = ok(deleteState(text, ["States", "Done"]));
    expect(after).toContain(
      '"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,',
    );
    expect(after).toContain('"Default": "Done"'); // left for validation to report
  });

  it.each([
    ["Start", '"Next": "Start"'],
    ["Done", '"Done": {'],
  ])("removes the first and last state with one comma (%s)", (name, gone) => {
    const after = ok(deleteState(text, ["States", name]));
    expect(after).not.toContain(gone);
    expect(lines(after)).toHaveLength(lines(text).length - 1);
    expect(JSON.parse(after)).toBeTypeOf("object");
  });

  it("empties a States object holding one state", () => {
    expect(ok(deleteState('{"States": {\n  "A": {"Type": "Pass", "End": true}\n}}', ["States", "A"]))).toBe(
      '{"States": {}}',
    );
  });
});

describe("addState", () => {
  it("appends a uniquely named state with the document's indentation and line endings", () => {
    const result = addState(text, [], "Pass");
    expect(result).toMatchObject({ ok: true, name: "Pass" });
    const after = ok(result);
    expect(after.startsWith(text.slice(0, text.indexOf('"Done": {"Type": "Succeed"}')))).toBe(true);
    expect(after).toContain(
      '\t\t"Done": {"Type": "Succeed"},\r\n\t\t"Pass": {\r\n\t\t\t"Type": "Pass",\r\n\t\t\t"End": true\r\n\t\t}\r\n',
    );
    expect(addState(after, [], "Pass")).toMatchObject({ name: "Pass2" });
  });

  it("names nested states uniquely in the whole machine", () => {
    const first = ok(addState(text, [], "Map"));
    expect(first).toContain('"StartAt": "ItemStep"');
    expect(ok(addState(first, [], "Map"))).toContain('"StartAt": "ItemStep2"');
  });
});

describe("connectNext", () => {
  it("replaces End in place", () => {
    const withEnd = text.replace('"Next": "Done",\r\n', '"End": true,\r\n');
    expect(ok(connectNext(withEnd, ["States", "Work"], "Start"))).toBe(
      text.replace('"Next": "Done",\r\n', '"Next": "Start",\r\n'),
    );
  });

  it("changes an existing Next, or a Choice's Default", () => {
    expect(ok(connectNext(text, ["States", "Start"], "Work"))).toBe(
      text.replace('"Next": "Decide"', '"Next": "Work"'),
    );
    expect(ok(connectNext(text, ["States", "Decide"], "Start"))).toBe(
      text.replace('"Default": "Done"', '"Default": "Start"'),
    );
  });

  it("adds a missing Default on its own line", () => {
    const noDefault = text.replace(',\r\n\t\t\t"Default": "Done"', "");
    expect(ok(connectNext(noDefault, ["States", "Decide"], "Done"))).toBe(text);
  });

  it("refuses to go on from a Succeed", () => {
    expect(connectNext(text, ["States", "Done"], "Start")).toEqual({
      ok: false,
      reason: "a Succeed state cannot go on",
    });
  });
});

describe("detectFormatting", () => {
  it.each([
    [text, { insertSpaces: false, tabSize: 4, eol: "\r\n" }],
    ['{\n    "a": {\n        "b": 1\n    }\n}', { insertSpaces: true, tabSize: 4, eol: "\n" }],
    ['{"a": 1}', { insertSpaces: true, tabSize: 2, eol: "\n" }],
  ])("%#", (input, expected) => {
    expect(detectFormatting(input)).toEqual(expected);
  });
});
