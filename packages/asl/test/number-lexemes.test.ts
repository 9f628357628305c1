import { describe, expect, it } from "vitest";
import { JsonNumber, runLocal, stringifyJson, validateDefinition } from "../src/index.ts";

// Definitions and inputs go in as JSON text, so their number lexemes reach the interpreter as written.
const pass = (fields: string) =>
  `{"StartAt":"P","States":{"P":{"Type":"Pass",${fields}${fields === "" ? "" : ","}"End":true}}}`;

async function outputText(definition: string, input: string): Promise<string | undefined> {
  const result = await runLocal(definition, input);
  expect(result).toMatchObject({ status: "SUCCEEDED" });
  return stringifyJson(result.output);
}

describe("number lexemes through the interpreter", () => {
  it("passes input numbers through a Pass state as written", async () => {
    const input = '{"a":1.0,"id":12345678901234567890,"e":1e2,"z":-0,"n":[0.50,3]}';
    expect(await outputText(pass(""), input)).toBe(input);
  });

  it("keeps the lexemes of a definition's Result, Parameters and intrinsic literals", async () => {
    expect(await outputText(pass('"Result":{"r":1.0,"big":98765432109876543210}'), "{}")).toBe(
      '{"r":1.0,"big":98765432109876543210}',
    );
    expect(await outputText(pass('"Parameters":{"p":2.50,"a.$":"States.Array(1.0, 7)"}'), "{}")).toBe(
      '{"p":2.50,"a":[1.0,7]}',
    );
  });

  it("selects with JSONPath filters that compare big integers exactly", async () => {
    const input = '{"items":[{"id":12345678901234567890},{"id":12345678901234567891},{"id":2.0}]}';
    const definition = pass(
      '"Parameters":{"big.$":"$.items[?(@.id > 12345678901234567890)].id","two.$":"$.items[?(@.id == 2)].id"}',
    );
    expect(await outputText(definition, input)).toBe('{"big":[12345678901234567891],"two":[2.0]}');
  });

  it("runs intrinsics on JsonNumbers (indexes, sizes, ranges, sums) and prints them as Java does", async () => {
    const fields = `"Parameters":{
      "item.$":"States.ArrayGetItem($.list, $.one)",
      "parts.$":"States.ArrayPartition($.list, $.two)",
      "range.$":"States.ArrayRange($.one, 3, $.one)",
      "sum.$":"States.MathAdd($.one, $.two)",
      "unique.$":"States.ArrayUnique($.list)",
      "text.$":"States.JsonToString($.list)",
      "format.$":"States.Format('{} {} {}', $.one, $.id, $.e)",
      "parsed.$":"States.StringToJson('[1.0,12345678901234567890]')"}`;
    const input = '{"list":[1.0,2,2.0],"one":1.0,"two":2e0,"id":12345678901234567890,"e":1e2}';
    expect(JSON.parse((await outputText(pass(fields), input))!)).toEqual({
      item: 2,
      parts: [[1, 2], [2]],
      range: [1, 2, 3],
      sum: 3,
      unique: [1, 2],
      text: "[1.0,2,2.0]",
      format: "1.0 12345678901234567890 100.0",
      parsed: [1, 12345678901234567000],
    });
    expect(
      await outputText(
        pass('"Parameters":{"p.$":"States.StringToJson(\'[1.0,12345678901234567890]\')"}'),
        "{}",
      ),
    ).toBe('{"p":[1.0,12345678901234567890]}');
  });

  it("compares Choice operands exactly: big integers by value, 1.0 equal to 1, IsNumeric true", async () => {
    const choice = (rule: string) =>
      `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{${rule},"Next":"Y"}],"Default":"N"},` +
      `"Y":{"Type":"Pass","Result":"yes","End":true},"N":{"Type":"Pass","Result":"no","End":true}}}`;
    const input = '{"id":12345678901234567891,"other":12345678901234567890,"one":1.0}';
    const cases: [string, string][] = [
      ['"Variable":"$.id","NumericEquals":12345678901234567890', "no"],
      ['"Variable":"$.id","NumericGreaterThan":12345678901234567890', "yes"],
      ['"Variable":"$.id","NumericGreaterThanPath":"$.other"', "yes"],
      ['"Variable":"$.one","NumericEquals":1', "yes"],
      ['"Variable":"$.one","NumericLessThan":1.5', "yes"],
      ['"Variable":"$.one","IsNumeric":true', "yes"],
    ];
    for (const [rule, expected] of cases) {
      expect(await outputText(choice(rule), input), rule).toBe(`"${expected}"`);
    }
  });

  it("waits for SecondsPath given as 2.0, and runs a Map with MaxConcurrency 1.0 and Retry fields as decimals", async () => {
    const wait = '{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}';
    const waited = await runLocal(wait, '{"s":2.0}');
    expect(waited.status).toBe("SUCCEEDED");
    const map =
      '{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1.0,"ItemsPath":"$.xs",' +
      '"ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",' +
      '"Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2.0,"IntervalSeconds":1.0,"BackoffRate":1.0}],"End":true}}},"End":true}}}';
    expect(validateDefinition(map)).toEqual([]);
    let calls = 0;
    const result = await runLocal(map, '{"xs":[1.0]}', {
      handlers: {
        f: (input) => {
          calls++;
          if (calls === 1) throw new Error("flaky");
          return input;
        },
      },
    });
    expect(stringifyJson(result.output)).toBe("[1.0]");
    expect(calls).toBe(2);
  });

  it("hands JSONata plain numbers and keeps literal lexemes outside expressions", async () => {
    const definition =
      '{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass",' +
      '"Output":{"sum":"{% $states.input.a + 1 %}","big":"{% $states.input.id > 1e19 %}","lit":1.0},"End":true}}}';
    expect(await outputText(definition, '{"a":1.0,"id":12345678901234567890}')).toBe(
      '{"sum":2,"big":true,"lit":1.0}',
    );
  });

  it("prints lexemes in history payloads", async () => {
    const result = await runLocal(pass(""), '{"a":1.0}');
    expect(result.history[0]?.executionStartedEventDetails?.input).toEqual({ a: new JsonNumber("1.0") });
  });
});
