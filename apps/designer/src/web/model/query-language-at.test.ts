import { describe, expect, it } from "vitest";
import { queryLanguageAt } from "./query-language-at.ts";

const definition = {
  QueryLanguage: "JSONata",
  States: {
    A: { Type: "Pass" },
    P: {
      Type: "Parallel",
      QueryLanguage: "JSONPath",
      Branches: [{ States: { In: { Type: "Pass" }, Own: { Type: "Pass", QueryLanguage: "JSONata" } } }],
    },
  },
};

describe("queryLanguageAt", () => {
  it("takes the state's own language, else its enclosing state's, else the machine's", () => {
    expect(queryLanguageAt(definition, ["States", "A"])).toBe("JSONata");
    expect(queryLanguageAt(definition, ["States", "P"])).toBe("JSONPath");
    expect(queryLanguageAt(definition, ["States", "P", "Branches", 0, "States", "In"])).toBe("JSONPath");
    expect(queryLanguageAt(definition, ["States", "P", "Branches", 0, "States", "Own"])).toBe("JSONata");
    expect(queryLanguageAt({ States: { A: {} } }, ["States", "A"])).toBe("JSONPath");
  });
});
