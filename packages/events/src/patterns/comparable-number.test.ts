import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { comparableNumber, comparableValue } from "./comparable-number.ts";

const digits = (max: number) => fc.stringMatching(new RegExp(`^[0-9]{1,${max}}$`));
const literal = fc.oneof(
  fc
    .tuple(fc.boolean(), digits(11), fc.option(digits(9)))
    .map(
      ([negative, whole, fraction]) =>
        `${negative ? "-" : ""}${whole}${fraction === null ? "" : `.${fraction}`}`,
    ),
  fc
    .tuple(digits(4), fc.integer({ min: -12, max: 12 }))
    .map(([mantissa, exponent]) => `${mantissa}e${exponent}`),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom("5000000000", "5000000000.000001", "-5000000000", "4999999999.9999999", "-0", "0.000001"),
);

describe("comparableValue", () => {
  it("is comparableNumber as an exact JavaScript number", () => {
    fc.assert(
      fc.property(literal, (text) => {
        const exact = comparableNumber(text);
        expect(comparableValue(text)).toBe(exact === undefined ? undefined : Number(exact));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["12.99", 12_990_000],
    ["-0.5", -500_000],
    ["5000000000", 5e15],
    ["5000000000.000001", undefined],
    ["1e-7", 0],
  ])("%s → %s", (text, expected) => {
    expect(comparableValue(text)).toBe(expected);
  });
});
