import { describe, expect, it } from "vitest";
import { StatesFailure } from "../errors.ts";
import type { Json } from "../json.ts";
import { JsonNumber } from "../json-number.ts";
import type { QueryScope } from "../scope.ts";
import { compileIntrinsic, intrinsicSyntaxProblem } from "./compile-intrinsic.ts";
import { IntrinsicSyntaxError } from "./intrinsic-syntax-error.ts";

const input: Json = {
  name: "Ada",
  n: 3,
  half: 1.5,
  big: 1e21,
  small: 0.0001,
  list: [1, 2, 3],
  dup: [1, { a: 1, b: 2 }, 1, { b: 2, a: 1 }, "1"],
  obj: { a: 1, nested: { x: [1, "y"] } },
  template: "Hi {}, {}",
  json: '{"a":[1,2]}',
  text: "a,b;c",
  nothing: null,
};
const variables: Record<string, Json> = { greeting: "hello", counter: 41 };
const scope: QueryScope = {
  input,
  context: { Execution: { Id: "exec-7" } },
  variables: { get: (name) => variables[name] },
};
const env = { random: () => 0.25, uuid: () => "11111111-2222-4333-8444-555555555555" };

const evaluate = (text: string): Json => compileIntrinsic(text)(scope, env);

describe("compileIntrinsic: results", () => {
  it.each<[string, Json]>([
    ["States.Array()", []],
    [
      "States.Array(1, 'two', true, null, $.n, $$.Execution.Id, $greeting)",
      [1, "two", true, null, 3, "exec-7", "hello"],
    ],
    ["States.Array(States.Array(1), -2.5e1)", [[1], new JsonNumber("-2.5e1")]],
    ["States.Format('Hello {}!', $.name)", "Hello Ada!"],
    ["States.Format('{} {} {} {} {}', 1, 1.5, true, null, 'x')", "1 1.5 true null x"],
    ["States.Format('{} and {}', $.big, $.small)", "1.0E21 and 1.0E-4"],
    ["States.Format('{}', $.obj)", "{a=1, nested={x=[1, y]}}"],
    ["States.Format('{}', $.list)", "[1, 2, 3]"],
    ["States.Format('\\{\\} is {} \\'q\\' \\\\', 'literal')", "{} is literal 'q' \\"],
    ["States.Format($.template, 'Bob', $.n)", "Hi Bob, 3"],
    ["States.Format('no placeholders')", "no placeholders"],
    ["States.StringToJson($.json)", { a: [1, 2] }],
    ["States.StringToJson('-0')", 0],
    ["States.StringToJson(' 12 ')", 12],
    ["States.JsonToString($.obj)", '{"a":1,"nested":{"x":[1,"y"]}}'],
    ["States.JsonToString($.half)", "1.5"],
    ["States.JsonToString($.big)", "1.0E21"],
    ["States.JsonToString($.nothing)", "null"],
    ["States.JsonToString('quote\"d')", '"quote\\"d"'],
    ["States.ArrayPartition($.list, 2)", [[1, 2], [3]]],
    ["States.ArrayPartition(States.Array(), 3)", []],
    ["States.ArrayContains($.list, 2)", true],
    ["States.ArrayContains($.dup, $.obj)", false],
    ['States.ArrayContains($.dup, States.StringToJson(\'{"b":2,"a":1}\'))', true],
    ["States.ArrayRange(1, 9, 2)", [1, 3, 5, 7, 9]],
    ["States.ArrayRange(0, 10, 3)", [0, 3, 6, 9]],
    ["States.ArrayRange(5, 1, -2)", [5, 3, 1]],
    ["States.ArrayRange(1, 5, -1)", []],
    ["States.ArrayRange(3, 3, 1)", [3]],
    ["States.ArrayGetItem($.list, 0)", 1],
    ["States.ArrayGetItem($.dup, 1)", { a: 1, b: 2 }],
    ["States.ArrayLength($.list)", 3],
    ["States.ArrayLength(States.Array())", 0],
    ["States.ArrayUnique($.dup)", [1, { a: 1, b: 2 }, "1"]],
    ["States.Base64Encode('Data to encode')", "RGF0YSB0byBlbmNvZGU="],
    ["States.Base64Encode('héllo €')", "aMOpbGxvIOKCrA=="],
    ["States.Base64Decode('aMOpbGxvIOKCrA==')", "héllo €"],
    ["States.Base64Decode('')", ""],
    ["States.Hash('input data', 'MD5')", "812f45842bc6d66ee14572ce20db8e86"],
    ["States.Hash('input data', 'SHA-1')", "aaff4a450a104cd177d28d18d74485e8cae074b7"],
    [
      "States.Hash('input data', 'SHA-256')",
      "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
    ],
    [
      "States.Hash('abc', 'SHA-384')",
      "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
    ],
    [
      'States.JsonMerge($.obj, States.StringToJson(\'{"a":2,"c":3}\'), false)',
      { a: 2, nested: { x: [1, "y"] }, c: 3 },
    ],
    ["States.MathAdd($.n, -1)", 2],
    ["States.MathAdd($counter, 1)", 42],
    ["States.MathAdd(1.5, -1.5)", 1],
    ["States.MathAdd(-1.49, -1.5)", -2],
    ["States.MathRandom(1, 5)", 2],
    ["States.MathRandom(0, 10, 42)", 0],
    ["States.StringSplit($.text, ',;')", ["a", "b", "c"]],
    ["States.StringSplit(',,a,,', ',')", ["a"]],
    ["States.StringSplit('abc', '')", ["abc"]],
    ["States.UUID()", "11111111-2222-4333-8444-555555555555"],
  ])("%s", (text, expected) => {
    expect(evaluate(text)).toEqual(expected);
  });

  it("nests calls the way the developer guide shows", () => {
    const arn = "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe.v2/1.0.0";
    const call =
      "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.Arn, '/'), 2), '.'), 1), 'x')";
    expect(
      compileIntrinsic(call)({ input: { Arn: arn }, context: null, variables: scope.variables }, env),
    ).toBe("1.0.x");
  });

  it("draws a seeded random number reproducibly, inside the range", () => {
    const first = evaluate("States.MathRandom(100, 1000, 7)");
    expect(evaluate("States.MathRandom(100, 1000, 7)")).toBe(first);
    expect(first).toBeGreaterThanOrEqual(100);
    expect(first).toBeLessThan(1000);
  });

  it("hashes SHA-512 to 128 hex digits", () => {
    expect(evaluate("States.Hash('', 'SHA-512')")).toBe(
      "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
    );
  });
});

describe("compileIntrinsic: run-time failures", () => {
  it.each<[string, string, string]>([
    [
      "States.StringToJson($.n)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.StringToJson: the first argument must be a string, but was 3",
    ],
    [
      "States.StringToJson('{oops')",
      "States.IntrinsicFailure",
      'Invalid arguments in States.StringToJson: the argument is not valid JSON: "{oops"',
    ],
    [
      "States.Format($.n)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.Format: the first argument must be a string, but was 3",
    ],
    [
      "States.Format($.template, 1)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.Format: the template has 2 placeholder(s) '{}' but 1 value(s) follow it",
    ],
    [
      "States.ArrayPartition($.obj, 2)",
      "States.IntrinsicFailure",
      'Invalid arguments in States.ArrayPartition: the first argument must be an array, but was {"a":1,"nested":{"x":[1,"y"]}}',
    ],
    [
      "States.ArrayPartition($.list, 0)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.ArrayPartition: the chunk size must be a positive integer, but was 0",
    ],
    [
      "States.ArrayPartition($.list, 1.5)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.ArrayPartition: the second argument must be an integer, but was 1.5",
    ],
    [
      "States.ArrayContains('x', 1)",
      "States.IntrinsicFailure",
      'Invalid arguments in States.ArrayContains: the first argument must be an array, but was "x"',
    ],
    [
      "States.ArrayRange(1, 2, 0)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.ArrayRange: the step (third argument) must not be 0",
    ],
    [
      "States.ArrayRange(1, 2.5, 1)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.ArrayRange: the second argument must be an integer, but was 2.5",
    ],
    [
      "States.ArrayRange(0, 1000, 1)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.ArrayRange: the range would have 1001 items; at most 1000 are allowed",
    ],
    [
      "States.ArrayGetItem($.list, 3)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.ArrayGetItem: the index 3 is out of bounds for an array of length 3",
    ],
    [
      "States.ArrayGetItem($.list, -1)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.ArrayGetItem: the index -1 is out of bounds for an array of length 3",
    ],
    [
      "States.ArrayGetItem($.list, '1')",
      "States.IntrinsicFailure",
      'Invalid arguments in States.ArrayGetItem: the second argument must be an integer, but was "1"',
    ],
    [
      "States.ArrayLength($.nothing)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.ArrayLength: the first argument must be an array, but was null",
    ],
    [
      "States.ArrayUnique($.n)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.ArrayUnique: the first argument must be an array, but was 3",
    ],
    [
      "States.Base64Encode($.n)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.Base64Encode: the first argument must be a string, but was 3",
    ],
    [
      "States.Base64Decode('abc')",
      "States.IntrinsicFailure",
      "Invalid arguments in States.Base64Decode: the input is not valid Base64",
    ],
    [
      "States.Hash('x', 'SHA-3')",
      "States.IntrinsicFailure",
      "Invalid arguments in States.Hash: the hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was 'SHA-3'",
    ],
    [
      "States.Hash($.list, 'MD5')",
      "States.IntrinsicFailure",
      "Invalid arguments in States.Hash: the first argument must be a string, but was [1,2,3]",
    ],
    [
      "States.JsonMerge($.obj, $.obj, true)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.JsonMerge: deep merging is not supported; the third argument must be false",
    ],
    [
      "States.JsonMerge($.obj, $.list, false)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.JsonMerge: the second argument must be a JSON object, but was [1,2,3]",
    ],
    [
      "States.JsonMerge($.obj, $.obj, 'false')",
      "States.IntrinsicFailure",
      'Invalid arguments in States.JsonMerge: the third argument must be a boolean, but was "false"',
    ],
    [
      "States.MathAdd($.name, 1)",
      "States.IntrinsicFailure",
      'Invalid arguments in States.MathAdd: the first argument must be a number, but was "Ada"',
    ],
    [
      "States.MathRandom(5, 5)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.MathRandom: the end (5) must be greater than the start (5)",
    ],
    [
      "States.MathRandom(1, 5, 'seed')",
      "States.IntrinsicFailure",
      'Invalid arguments in States.MathRandom: the third argument must be a number, but was "seed"',
    ],
    [
      "States.StringSplit($.text, 1)",
      "States.IntrinsicFailure",
      "Invalid arguments in States.StringSplit: the second argument must be a string, but was 1",
    ],
    [
      "States.Array($.missing)",
      "States.Runtime",
      `The JSONPath '$.missing' specified for the field 'States.Array($.missing)' could not be found in the input '${JSON.stringify(input)}'`,
    ],
    [
      "States.Array($nope.x)",
      "States.Runtime",
      "The JSONPath '$nope.x' specified for the field 'States.Array($nope.x)' could not be found in the input 'null'",
    ],
  ])("%s", (text, error, cause) => {
    const run = () => evaluate(text);
    expect(run).toThrow(StatesFailure);
    try {
      run();
    } catch (failure) {
      expect((failure as StatesFailure).toFailure()).toEqual({ error, cause });
    }
  });

  it("names the payload field of a path that matches nothing", () => {
    expect(() => compileIntrinsic("States.Array($$.Nope)", "list.$")(scope, env)).toThrow(
      `The JSONPath '$$.Nope' specified for the field 'list.$' could not be found in the input '{"Execution":{"Id":"exec-7"}}'`,
    );
  });

  it("limits Base64 and Hash input to 10,000 characters", () => {
    const long = { input: { s: "x".repeat(10001) }, context: null, variables: scope.variables };
    expect(() => compileIntrinsic("States.Base64Encode($.s)")(long, env)).toThrow("at most 10000 characters");
    expect(() => compileIntrinsic("States.Hash($.s, 'MD5')")(long, env)).toThrow("at most 10000 characters");
  });
});

describe("compileIntrinsic: compile-time problems", () => {
  it.each<[string, string]>([
    ["States.Nope(1)", "unknown intrinsic function 'States.Nope'"],
    ["States.UUID(1)", "States.UUID takes exactly 0 argument(s), but 1 were given"],
    ["States.ArrayRange(1, 2)", "States.ArrayRange takes exactly 3 argument(s), but 2 were given"],
    ["States.MathRandom(1)", "States.MathRandom takes 2 to 3 argument(s), but 1 were given"],
    ["States.Format()", "States.Format takes at least 1 argument(s), but 0 were given"],
    ["States.Format('{} {}', 1)", "the template has 2 placeholder(s) '{}' but 1 value(s) follow it"],
    ["States.Format(1)", "the first argument (the template) must be a string"],
    ["States.Array(States.Nope())", "unknown intrinsic function 'States.Nope'"],
    ["States.Array(1", "expected ',' or ')' but found the end"],
    ["States.Array(1,)", "expected an argument"],
    ["States.Array('abc)", "unterminated string literal"],
    ["States.Array(abc)", "expected an argument"],
    ["States.Array(1) x", "unexpected 'x' after the call"],
    ["States.Array($.a[)", "expected an index, a name"],
    ["Format('x')", "expected an intrinsic function name"],
    ["States.Array(1.2.3)", "expected an argument"],
  ])("%s", (text, problem) => {
    expect(() => compileIntrinsic(text)).toThrow(IntrinsicSyntaxError);
    expect(intrinsicSyntaxProblem(text)).toContain(problem);
  });

  it("accepts blanks around arguments and reports no problem for valid calls", () => {
    expect(intrinsicSyntaxProblem(" States.Array( 1 ,  $.a ,States.UUID( ) ) ")).toBeUndefined();
  });
});
