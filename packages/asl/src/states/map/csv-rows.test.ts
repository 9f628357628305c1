import { describe, expect, it } from "vitest";
import { csvRows } from "./csv-rows.ts";

describe("csvRows", () => {
  it.each([
    [
      "plain rows, LF",
      "a,b\n1,2\n",
      ",",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "CRLF and no final newline",
      "a,b\r\n1,2",
      ",",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    ["quoted delimiter, quote and newline", 'x\n"a,""b""\nc"', ",", [["x"], ['a,"b"\nc']]],
    [
      "empty fields kept",
      "a,,c\n,\n",
      ",",
      [
        ["a", "", "c"],
        ["", ""],
      ],
    ],
    ["blank lines skipped", "a\n\n\nb\n", ",", [["a"], ["b"]]],
    ["another delimiter", "a|b;c\n", "|", [["a", "b;c"]]],
    ["a quoted empty field is a row", '""\n', ",", [[""]]],
  ])("%s", (_name, text, delimiter, rows) => {
    expect(csvRows(text, delimiter)).toEqual(rows);
  });
});
