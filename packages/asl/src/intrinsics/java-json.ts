import type { Json } from "../json.ts";

/**
 * Prints a number as Step Functions (Java, Jackson) does: integers plainly, other values like Java's
 * Double.toString (`1.5`, `1.0E21`, `1.0E-4`).
 */
export function javaNumberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return Object.is(value, -0) ? "0" : String(value);
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) return String(value);
  const [mantissa = "0", exponent = "0"] = value.toExponential().split("e");
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** Compact JSON with numbers printed as Step Functions prints them (see {@link javaNumberText}). */
export function javaJsonText(value: Json): string {
  if (typeof value === "number") return javaNumberText(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(javaJsonText).join(",")}]`;
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value)) parts.push(`${JSON.stringify(key)}:${javaJsonText(item)}`);
  return `{${parts.join(",")}}`;
}
