import { describe, expect, it } from "vitest";
import { compilePattern } from "./compile-pattern.ts";
import { InvalidEventPatternError } from "./invalid-event-pattern-error.ts";

const reason = (pattern: string): string => {
  try {
    compilePattern(pattern);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventPatternError);
    expect((error as InvalidEventPatternError).code).toBe("InvalidEventPatternException");
    return (error as InvalidEventPatternError).reason;
  }
  return "accepted";
};

describe("compilePattern rejects what EventBridge rejects, with its reasons", () => {
  it.each([
    ['{"int": 42}', '"int" must be an object or an array'],
    ['{"resources": []}', "Empty arrays are not allowed"],
    ['{"detail": {}}', "Empty objects are not allowed"],
    ['{"a": [{"NUMERIC": ["=", 5]}]}', "Unrecognized match type NUMERIC"],
    ['{"a": [{"numeric": [">", 0, "<"]}]}', "Value of < must be numeric"],
    ['{"a": [{"numeric": [">", 0, ">", 0]}]}', "Bad numeric range operator: >"],
    ['{"a": [{"numeric": [">", 5, "<", 1]}]}', "Bottom must be less than top"],
    ['{"a": [{"numeric": ["<", 6e9]}]}', "Value must be between -5000000000 and 5000000000, inclusive"],
    ['{"a": [{"prefix": ["x"]}]}', "prefix match pattern must be a string"],
    ['{"a": [{"suffix": 1}]}', "suffix match pattern must be a string"],
    ['{"a": [{"equals-ignore-case": ["x"]}]}', "equals-ignore-case match pattern must be a string"],
    ['{"a": [{"cidr": "10.0.0.1"}]}', "Malformed CIDR, one '/' required"],
    ['{"a": [{"cidr": "10.0.0.0/x"}]}', "Malformed CIDR, mask bits must be an integer"],
    ['{"a": [{"cidr": ["bad"]}]}', "prefix match pattern must be a string"],
    ['{"a": [{"anything-but": {"prefix": [123, "x"]}}]}', "prefix/suffix match pattern must be a string"],
    ['{"a": [{"anything-but": {"wildcard": [123]}}]}', "wildcard match pattern must be a string"],
    [
      '{"a": [{"anything-but": {"equals-ignore-case": 123}}]}',
      "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
    ],
    [
      '{"a": [{"anything-but": ["x", 1]}]}',
      "Inside anything but list, either all values are number or string, mixed type is not supported",
    ],
    ['{"a": [{"anything-but": {"contains": "x"}}]}', "Unsupported anything-but pattern: contains"],
    ['{"a": [{"exists": "yes"}]}', "exists match pattern must be either true or false."],
    ['{"a": [{"prefix": "x", "suffix": "y"}]}', "Only one key allowed in match expression"],
    ['{"$or": [{"a": ["x"]}]}', "There must have at least 2 Objects in $or relationship."],
    ['{"$or": {"a": ["x"]}}', "It must be an Array followed with $or."],
    ['{"$or": [{"a": ["x"]}, ["b"]]}', "Only JSON object is allowed in array of $or relationship."],
    [
      '{"$or": [{"prefix": ["x"]}, {"b": ["y"]}]}',
      "prefix is Ruler reserved fieldName which cannot be used inside $or.",
    ],
    ['{"a": [{"wildcard": "a**b"}]}', "Consecutive wildcard characters at pos 2"],
    [
      '{"EventBusArn": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}',
      "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character",
    ],
    [
      '{"not": closed mark"',
      "Unrecognized token 'closed': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
    ],
    [
      '{"a": ["x"]',
      'Unexpected end-of-input: expected close marker for Object (start marker at [Source: (String)"{"a": ["x"]"; line: 1, column: 1])',
    ],
    ["", "Filter is not an object"],
  ])("%s", (pattern, expected) => {
    expect(reason(pattern)).toBe(expected);
  });

  it("puts Jackson's location after the reason, like AWS", () => {
    expect(() => compilePattern('{"int": 42}')).toThrow(
      'Event pattern is not valid. Reason: "int" must be an object or an array\n at [Source: (String)"{"int": 42}"; line: 1, column: 11]',
    );
  });
});

describe("compilePattern accepts", () => {
  it.each([
    '{"a": [{"wildcard": "/Users/*/dir/dir/dir/dir/dir/doc.txt"}]}',
    '{"a": [{"wildcard": "*/datasync/*.bif"}, {"wildcard": "*/datasync/*.tif"}]}',
    '{"a": [{"anything-but": {"wildcard": ["*/init/*", "*/dir/*"]}}]}',
    '{"a": [{"numeric": ["=", 3.018e2]}]}',
    '{"a": [{"prefix": {"equals-ignore-case": "x"}}]}',
    '{"a": [1]} trailing text is never read',
  ])("%s", (pattern) => {
    expect(reason(pattern)).toBe("accepted");
  });

  it("keeps the last of a repeated key", () => {
    const compiled = compilePattern('{"a": ["x"], "a": ["y"]}');
    expect(compiled.branches[0]?.get("a")).toEqual([{ kind: "exact-string", value: "y" }]);
  });

  it("expands $or into branches", () => {
    const compiled = compilePattern('{"source": ["s"], "$or": [{"a": ["1"]}, {"b": ["2"]}]}');
    expect(compiled.branches.map((b) => [...b.keys()])).toEqual([
      ["source", "a"],
      ["source", "b"],
    ]);
  });
});
