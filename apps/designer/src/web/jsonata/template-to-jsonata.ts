import { ConversionRefused } from "./conversion-refused.ts";
import { intrinsicToJsonata } from "./intrinsic-to-jsonata.ts";
import { pathToJsonata } from "./path-to-jsonata.ts";
import { isFields, type Fields } from "../model/is-fields.ts";

/** The JSONata expression for the value of a `key.$` field: an intrinsic call or a JSONPath. */
export function dynamicToJsonata(text: string, input: string): string {
  if (typeof text !== "string") throw new ConversionRefused("a field ending in .$ must hold a string");
  return /^\s*States\./.test(text) ? intrinsicToJsonata(text, input) : pathToJsonata(text, input);
}

/**
 * A payload template (Parameters, ResultSelector, ItemSelector, Assign) as a JSONata field value:
 * every `key.$` becomes `key` holding a `{% %}` expression, literals stay as they are.
 *
 * @example templateToJsonata({ "id.$": "$.order.id", kind: "x" }, "$states.input")
 *   // { id: "{% $states.input.order.id %}", kind: "x" }
 */
export function templateToJsonata(template: unknown, input: string): unknown {
  if (Array.isArray(template)) return template.map((item) => templateToJsonata(item, input));
  if (!isFields(template)) {
    if (typeof template === "string" && template.startsWith("{%"))
      throw new ConversionRefused(`the literal string ${JSON.stringify(template)} would read as JSONata`);
    return template;
  }
  const out: Fields = {};
  for (const [key, value] of Object.entries(template)) {
    const dynamic = key.endsWith(".$");
    const name = dynamic ? key.slice(0, -2) : key;
    if (Object.hasOwn(out, name)) throw new ConversionRefused(`the template sets "${name}" twice`);
    out[name] = dynamic
      ? `{% ${dynamicToJsonata(value as string, input)} %}`
      : templateToJsonata(value, input);
  }
  return out;
}

/** The same template as one JSONata expression, to embed in a larger one (an Output's `$merge`). */
export function templateExpression(template: unknown, input: string): string {
  if (Array.isArray(template))
    return `[${template.map((item) => templateExpression(item, input)).join(", ")}]`;
  if (!isFields(template)) return JSON.stringify(template) ?? "null";
  const fields = Object.entries(template).map(([key, value]) =>
    key.endsWith(".$")
      ? `${JSON.stringify(key.slice(0, -2))}: ${dynamicToJsonata(value as string, input)}`
      : `${JSON.stringify(key)}: ${templateExpression(value, input)}`,
  );
  return `{${fields.join(", ")}}`;
}

/** A whole-value `{% expr %}` becomes `expr`; anything else its JSONata literal. */
export function asExpression(value: unknown): string {
  if (typeof value === "string") {
    const match = /^\{%(.*)%\}$/s.exec(value);
    if (match) return `(${match[1]!.trim()})`;
  }
  return JSON.stringify(value) ?? "null";
}
