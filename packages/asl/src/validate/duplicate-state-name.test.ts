import { describe, expect, it } from "vitest";
import { validateDefinition } from "./validate-definition.ts";

describe("validateDefinition: duplicate state names in definition text", () => {
  it("reports a state name given twice in one States object, with its path", () => {
    const text = `{"StartAt":"A","States":{
      "A":{"Type":"Pass","Next":"B"},
      "B":{"Type":"Pass","End":true},
      "A":{"Type":"Pass","Result":1,"Next":"B"}}}`;
    expect(validateDefinition(text)).toEqual([
      {
        path: "States.A",
        message: expect.stringContaining(
          'DUPLICATE_STATE_NAME: state name "A" appears more than once',
        ) as string,
      },
    ]);
  });

  it("finds duplicates inside nested machines too", () => {
    const text = `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
      {"StartAt":"X","States":{"X":{"Type":"Pass","End":true},"X":{"Type":"Succeed"}}}]}}}`;
    expect(validateDefinition(text).map((p) => p.path)).toEqual(["States.P.Branches[0].States.X"]);
  });

  it("accepts number lexemes that JSON.parse would change, and duplicate keys elsewhere", () => {
    const text = `{"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":2.0,"Next":"B"},
      "B":{"Type":"Pass","Result":{"x":1,"x":2},"End":true}}}`;
    expect(validateDefinition(text)).toEqual([]);
  });
});

describe("validateDefinition: text without repeated names", () => {
  it("is not misled by a string holding a member-like text", () => {
    const text = `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":"{\\"x\\":1}","End":true}}}`;
    expect(validateDefinition(text)).toEqual([]);
  });
});
