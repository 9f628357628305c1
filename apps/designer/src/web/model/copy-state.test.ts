import { describe, expect, it } from "vitest";
import { copyState, duplicateState, pasteState } from "./copy-state.ts";
import type { EditResult } from "./edit-result.ts";

// Tabs, CRLF, compact objects and an unknown field, as in graph-edits.test.ts.
const text = [
  "{",
  '\t"States": {',
  '\t\t"Start": {"Next": "Fan", "Type": "Pass", "x-owner": "team-a"},',
  '\t\t"Fan": {"Type": "Parallel", "Next": "Done", "Branches": [',
  '\t\t\t{"StartAt": "Left", "States": {"Left": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "Right"}], "Default": "Right"},',
  '\t\t\t\t"Right": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Left"}]}}}',
  "\t\t]},",
  '\t\t"Done": {"Type": "Succeed"}',
  "\t},",
  '\t"StartAt": "Start"',
  "}",
  "",
].join("\r\n");

const ok = (result: EditResult): string => {
  if (!result.ok) throw new Error(result.reason);
  return result.text;
};

describe("duplicateState", () => {
  it("appends '<name> copy' with the same transitions, in the document's style, touching no other line", () => {
    const result = duplicateState(text, ["States", "Start"]);
    expect(result).toMatchObject({ ok: true, name: "Start copy" });
    expect(ok(result)).toBe(
      text.replace(
        '\t\t"Done": {"Type": "Succeed"}\r\n',
        '\t\t"Done": {"Type": "Succeed"},\r\n\t\t"Start copy": {\r\n\t\t\t"Next": "Fan",\r\n\t\t\t"Type": "Pass",\r\n\t\t\t"x-owner": "team-a"\r\n\t\t}\r\n',
      ),
    );
  });

  it("numbers further copies", () => {
    const once = ok(duplicateState(text, ["States", "Done"]));
    const twice = duplicateState(once, ["States", "Done"]);
    expect(twice).toMatchObject({ name: "Done copy 2" });
    expect(duplicateState(ok(twice), ["States", "Done copy"])).toMatchObject({ name: "Done copy copy" });
  });

  it("renames nested states and their references, so names stay unique in the machine", () => {
    const after = JSON.parse(ok(duplicateState(text, ["States", "Fan"]))) as {
      States: Record<string, unknown>;
    };
    expect(after.States["Fan copy"]).toEqual({
      Type: "Parallel",
      Next: "Done",
      Branches: [
        {
          StartAt: "Left copy",
          States: {
            "Left copy": {
              Type: "Choice",
              Choices: [{ Variable: "$.a", IsPresent: true, Next: "Right copy" }],
              Default: "Right copy",
            },
            "Right copy": {
              Type: "Task",
              Resource: "arn:aws:states:::lambda:invoke",
              End: true,
              Catch: [{ ErrorEquals: ["States.ALL"], Next: "Left copy" }],
            },
          },
        },
      ],
    });
    // The original is untouched.
    expect(JSON.stringify(after.States["Fan"])).toContain('"StartAt":"Left"');
  });

  it("refuses a state that is gone", () => {
    expect(duplicateState(text, ["States", "Nope"])).toEqual({
      ok: false,
      reason: "the state is not in the document any more",
    });
  });
});

describe("copyState and pasteState", () => {
  it("pastes a copied state into another scope", () => {
    const copied = copyState(text, ["States", "Done"]);
    expect(copied).toEqual({ name: "Done", type: "Succeed", state: { Type: "Succeed" } });
    if (copied === undefined) return;
    const scope = ["States", "Fan", "Branches", 0];
    const result = pasteState(text, scope, copied);
    expect(result).toMatchObject({ ok: true, name: "Done copy" });
    const after = JSON.parse(ok(result)) as {
      States: { Fan: { Branches: { States: Record<string, unknown> }[] } };
    };
    expect(Object.keys(after.States.Fan.Branches[0]?.States ?? {})).toEqual(["Left", "Right", "Done copy"]);
  });

  it("keeps what was copied even after the original changes", () => {
    const copied = copyState(text, ["States", "Start"]);
    if (copied === undefined) throw new Error("not copied");
    const edited = text.replace('"x-owner": "team-a"', '"x-owner": "team-b"');
    expect(ok(pasteState(edited, [], copied))).toContain('"x-owner": "team-a"');
  });

  it("refuses a scope without States", () => {
    const copied = copyState(text, ["States", "Done"]);
    if (copied === undefined) throw new Error("not copied");
    expect(pasteState(text, ["States", "Done"], copied)).toEqual({
      ok: false,
      reason: "there is no States object to paste into",
    });
  });
});

describe("copy and paste keep number lexemes", () => {
  it("copies 1.0 and a big integer as written, not as 1 and a rounded number", () => {
    const source = [
      "{",
      '  "StartAt": "P",',
      '  "States": {',
      '    "P": {"Type": "Pass", "Result": {"ratio": 1.0, "id": 12345678901234567890}, "End": true}',
      "  }",
      "}",
    ].join("\n");
    const copied = ok(duplicateState(source, ["States", "P"]));
    expect(copied).toContain('"ratio": 1.0');
    expect(copied).toContain('"id": 12345678901234567890');
    expect(copied.match(/"ratio": 1\.0/g)).toHaveLength(2);
  });
});
