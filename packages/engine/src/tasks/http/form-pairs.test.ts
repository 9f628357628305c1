import { describe, expect, it } from "vitest";
import { parseJson, type JsonObject } from "@stepflow/asl";
import { formPairs, formText, type ArrayFormat } from "./form-pairs.ts";

const encoded = (body: JsonObject, format: ArrayFormat) => formText(formPairs(body, format));

describe("URL-encoded HTTP Task bodies", () => {
  // The four examples of AWS "Applying URL-encoding on request body", percent-encoded.
  it.each<[ArrayFormat, string]>([
    ["INDICES", "array%5B0%5D=a&array%5B1%5D=b&array%5B2%5D=c&array%5B3%5D=d"],
    ["REPEAT", "array=a&array=b&array=c&array=d"],
    ["COMMAS", "array=a,b,c,d"],
    ["BRACKETS", "array%5B%5D=a&array%5B%5D=b&array%5B%5D=c&array%5B%5D=d"],
  ])("writes arrays as %s", (format, expected) => {
    expect(encoded({ array: ["a", "b", "c", "d"] }, format)).toBe(expected);
  });

  it("encodes AWS's Stripe invoice example as AWS does", () => {
    expect(
      encoded(
        {
          description: "Monthly subscription",
          metadata: { order_details: "monthly report data" },
          customer: "1234567890",
        },
        "INDICES",
      ),
    ).toBe(
      "description=Monthly%20subscription&metadata%5Border_details%5D=monthly%20report%20data&customer=1234567890",
    );
  });

  it.each<[string, JsonObject, ArrayFormat, [string, string | string[]][]]>([
    [
      "scalars as text, null as empty",
      { n: 1.5, t: true, z: null },
      "INDICES",
      [
        ["n", "1.5"],
        ["t", "true"],
        ["z", ""],
      ],
    ],
    ["empty containers as nothing", { a: [], o: {}, k: "v" }, "INDICES", [["k", "v"]]],
    [
      "objects inside arrays",
      { items: [{ id: 1 }, { id: 2 }] },
      "BRACKETS",
      [
        ["items[][id]", "1"],
        ["items[][id]", "2"],
      ],
    ],
    [
      "a COMMAS array of objects by index",
      { items: [{ id: 1 }, "x"] },
      "COMMAS",
      [
        ["items[0][id]", "1"],
        ["items[1]", "x"],
      ],
    ],
    ["COMMAS items apart", { tags: ["a,b", "c"] }, "COMMAS", [["tags", ["a,b", "c"]]]],
  ])("writes %s", (_, body, format, expected) => {
    expect(formPairs(body, format)).toEqual(expected);
  });

  it("keeps a comma inside a COMMAS item apart from the separators", () => {
    expect(encoded({ tags: ["a,b", "c d"] }, "COMMAS")).toBe("tags=a%2Cb,c%20d");
  });

  it("writes numbers with their lexemes", () => {
    const body = parseJson('{"amount":10.50,"id":12345678901234567890}') as JsonObject;
    expect(encoded(body, "INDICES")).toBe("amount=10.50&id=12345678901234567890");
  });
});
