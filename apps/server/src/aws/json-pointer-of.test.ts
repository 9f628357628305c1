import { describe, expect, it } from "vitest";
import { jsonPointerOf } from "./json-pointer-of.ts";

describe("jsonPointerOf", () => {
  it.each([
    ["", ""],
    ["StartAt", "/StartAt"],
    ["States.A.Next", "/States/A/Next"],
    ["States.Charge.Retry[0].ErrorEquals", "/States/Charge/Retry/0/ErrorEquals"],
    ['States["a.b"].Next', "/States/a.b/Next"],
    ['States["x\\"y"][2]', '/States/x"y/2'],
    ["States.a/b~c", "/States/a~1b~0c"],
  ])("%s → %s", (path, pointer) => {
    expect(jsonPointerOf(path)).toBe(pointer);
  });
});
