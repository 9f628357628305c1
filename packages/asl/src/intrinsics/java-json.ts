import type { Json } from "../json.ts";
import { isJsonObject } from "../json.ts";
import { JsonNumber } from "../json-number.ts";

const INTEGER_LEXEME = /^-?\d+$/;

/**
 * Prints a number as Step Functions (Java, Jackson) does: integers plainly, other values like Java's
 * Double.toString (`1.5`, `1.0E21`, `1.0E-4`). A {@link JsonNumber} written as an integer prints its
 * digits however many (a Java BigInteger; `-0` is 0); one written with a fraction or exponent is a Java
 * double, so `1.0` prints `1.0` and `1e2` prints `100.0`.
 */
export function javaNumberText(value: number | JsonNumber): string {
  if (value instanceof JsonNumber) {
    return INTEGER_LEXEME.test(value.lexeme)
      ? BigInt(value.lexeme).toString()
      : javaDoubleText(value.valueOf());
  }
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return Object.is(value, -0) ? "0" : String(value);
  return javaDoubleText(value);
}

function javaDoubleText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) return Number.isInteger(value) ? `${value}.0` : String(value);
  const [mantissa = "0", exponent = "0"] = value.toExponential().split("e");
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** Compact JSON with numbers printed as Step Functions prints them (see {@link javaNumberText}). */
export function javaJsonText(value: Json): string {
  if (typeof value === "number" || value instanceof JsonNumber) return javaNumberText(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(javaJsonText).join(",")}]`;
  const parts: string[] = [];
  if (isJsonObject(value))
    for (const [key, item] of Object.entries(value))
      parts.push(`${JSON.stringify(key)}:${javaJsonText(item)}`);
  return `{${parts.join(",")}}`;
}
