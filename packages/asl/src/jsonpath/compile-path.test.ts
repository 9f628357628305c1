import { describe, expect, it } from "vitest";
import type { Json } from "../json.ts";
import { JsonNumber } from "../json-number.ts";
import { parseJson } from "../json-text.ts";
import type { QueryScope } from "../scope.ts";
import { compilePath, pathSyntaxProblem } from "./compile-path.ts";
import { PathSyntaxError } from "./path-syntax-error.ts";

const store: Json = {
  store: {
    book: [
      { category: "reference", author: "Nigel Rees", title: "Sayings", price: 8.95 },
      { category: "fiction", author: "Evelyn Waugh", title: "Sword", price: 12.99 },
      { category: "fiction", author: "Herman Melville", title: "Moby Dick", isbn: "0-553", price: 8.99 },
      { category: "fiction", author: "J. R. R. Tolkien", title: "LOTR", isbn: "0-395", price: 22.99 },
    ],
    bicycle: { color: "red", price: 19.95 },
  },
  expensive: 10,
  "a b": { "c.d": 1 },
  'Test\\""Name"': "escaped",
  arr: [1, 2, 3, 4, 5],
  nums: ["1", 2],
};

const variables: Record<string, Json> = { order: { items: ["x", "y", "z"] }, flag: false };
const scope: QueryScope = {
  input: store,
  context: { Execution: { Id: "exec-1", Input: { k: "v" } }, Map: { Item: { Index: 3 } } },
  variables: { get: (name) => variables[name] },
};

describe("compilePath", () => {
  it.each<[string, Json | undefined, boolean]>([
    ["$", store, true],
    ["$.expensive", 10, true],
    ["$.store.bicycle.color", "red", true],
    ["$['a b']['c.d']", 1, true],
    ['$["a b"]', { "c.d": 1 }, true],
    ['$[\'Test\\""Name"\']', "escaped", true],
    ["$.arr[0]", 1, true],
    ["$.arr[-1]", 5, true],
    ["$.arr[9]", undefined, true],
    ["$.arr.x", undefined, true],
    ["$.expensive.x", undefined, true],
    ["$.missing.deeper", undefined, true],
    ["$.constructor", undefined, true],
    ["$.toString", undefined, true],
    ["$$", scope.context, true],
    ["$$.Execution.Id", "exec-1", true],
    ["$$.Map.Item.Index", 3, true],
    ["$order.items[2]", "z", true],
    ["$order['items'][0]", "x", true],
    ["$flag", false, true],
    ["$nope.x", undefined, true],
    ["$.store.bicycle['color','price']", { color: "red", price: 19.95 }, true],
    ["$.arr.length()", 5, true],
    ["$.arr.sum()", 15, true],
    ["$.arr.max()", 5, true],
    ["$.store.bicycle.keys()", ["color", "price"], true],
    ["$.arr[*]", [1, 2, 3, 4, 5], false],
    ["$.arr[1:3]", [2, 3], false],
    ["$.arr[:2]", [1, 2], false],
    ["$.arr[-2:]", [4, 5], false],
    ["$.arr[0,2]", [1, 3], false],
    ["$.item.items[*]", [], false],
    ["$.item.items[1:5]", [], false],
    ["$.store.book[*].author", ["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"], false],
    ["$.store.*.color", ["red"], false],
    ["$..price", [8.95, 12.99, 8.99, 22.99, 19.95], false],
    ["$..book[2].title", ["Moby Dick"], false],
    ["$.store.book[?(@.isbn)].title", ["Moby Dick", "LOTR"], false],
    ["$.store.book[?(!@.isbn)].title", ["Sayings", "Sword"], false],
    ["$.store.book[?(@.price < 10)].title", ["Sayings", "Moby Dick"], false],
    ["$.store.book[?(@.price > $.expensive)].title", ["Sword", "LOTR"], false],
    ["$.store.book[?(@.category == 'fiction' && @.price >= 22.99)].title", ["LOTR"], false],
    ["$.store.book[?(@.category != 'fiction' || @.price > 20)].title", ["Sayings", "LOTR"], false],
    ["$.store.book[?(@.author =~ /.*rees/i)].title", ["Sayings"], false],
    ["$.store.book[?(@.author =~ /rees/i)].title", [], false],
    ["$.store.book[?(@.category in ['reference', 'x'])].price", [8.95], false],
    ["$.store.book[?(@.category nin ['fiction'])].price", [8.95], false],
    ["$..book[?(@.price == 8.99)].author", ["Herman Melville"], false],
    ["$.nums[?(@ == 1)]", ["1"], false],
    ["$.arr.length()", 5, true],
    ["$.arr[*].length()", 5, false],
  ])("%s", (path, expected, definite) => {
    const compiled = compilePath(path);
    expect(compiled.definite).toBe(definite);
    expect(compiled.get(scope)).toEqual(expected);
  });

  it.each([
    ["", "a path must start with '$'"],
    ["a.b", "a path must start with '$'"],
    ["$.", "expected a property name"],
    ["$.a[", "expected an index, a name"],
    ["$.a[1", "expected ']'"],
    ["$['a", "unterminated quoted name"],
    ["$[0]x", "unexpected 'x'"],
    ["$.a[?(@.b ==)]", "expected a path, a literal"],
    ["$.a.nope()", "unknown path function 'nope()'"],
    ["$.a.length().b", "a path function must be the last step"],
    ["$.a b", "unexpected 'b'"],
    ["$[?(@.a =~ /(/)]", "invalid regular expression"],
  ])("rejects %j", (path, problem) => {
    expect(() => compilePath(path)).toThrow(PathSyntaxError);
    expect(pathSyntaxProblem(path)).toContain(problem);
  });

  it("reports no problem for a valid path", () => {
    expect(pathSyntaxProblem("$.a[0]['b c']")).toBeUndefined();
  });
});

describe("compilePath with number lexemes", () => {
  const doc = parseJson(
    '{"ids":[12345678901234567890,12345678901234567891,2.0],"one":1.0,"list":["a","b"],"n":{"lexeme":"x"}}',
  );
  const get = (path: string) =>
    compilePath(path).get({ input: doc, context: null, variables: { get: () => undefined } });

  it("filters by exact comparison of big integers and by value (2.0 == 2)", () => {
    expect(get("$.ids[?(@ > 12345678901234567890)]")).toEqual([new JsonNumber("12345678901234567891")]);
    expect(get("$.ids[?(@ == 2)]")).toEqual([new JsonNumber("2.0")]);
    expect(get("$.ids.max()")).toBe(12345678901234567000);
  });

  it("does not treat a JsonNumber as an object", () => {
    expect(get("$.one.lexeme")).toBeUndefined();
    expect(get("$.one.*")).toEqual([]);
    expect(get("$..lexeme")).toEqual(["x"]);
  });
});
