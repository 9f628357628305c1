import { isJsonObject, stringifyJson, type Json, type JsonObject } from "@stepflow/asl";

/** How arrays are written in URL-encoded data (AWS HTTP Task `RequestEncodingOptions.ArrayFormat`). */
export const ArrayFormat = {
  /** `a[0]=x&a[1]=y` (the default) */
  INDICES: "INDICES",
  /** `a=x&a=y` */
  REPEAT: "REPEAT",
  /** `a=x,y` */
  COMMAS: "COMMAS",
  /** `a[]=x&a[]=y` */
  BRACKETS: "BRACKETS",
} as const;
export type ArrayFormat = (typeof ArrayFormat)[keyof typeof ArrayFormat];

/**
 * One field of URL-encoded data, not yet percent-encoded. A COMMAS array keeps its items apart, so the
 * commas between them stay literal while a comma inside an item is encoded.
 */
export type FormPair = [key: string, value: string | string[]];

/**
 * Flattens a JSON object into form fields as the HTTP Task does: nested objects as `outer[inner]`, arrays
 * in `format`, `null` as an empty value, empty objects and arrays as nothing. A COMMAS array of objects or
 * arrays cannot be joined with commas, so its items fall back to INDICES.
 *
 * @example formPairs({ a: ["x", "y"], b: { c: 1 } }, "BRACKETS") // [["a[]", "x"], ["a[]", "y"], ["b[c]", "1"]]
 */
export function formPairs(object: JsonObject, format: ArrayFormat): FormPair[] {
  const pairs: FormPair[] = [];
  const add = (key: string, value: Json): void => {
    if (Array.isArray(value)) {
      if (format === ArrayFormat.COMMAS && value.every((item) => !isStructure(item))) {
        if (value.length > 0) pairs.push([key, value.map(scalarText)]);
        return;
      }
      value.forEach((item, index) => {
        const itemKey =
          format === ArrayFormat.REPEAT
            ? key
            : format === ArrayFormat.BRACKETS
              ? `${key}[]`
              : `${key}[${index}]`;
        add(itemKey, item);
      });
    } else if (isJsonObject(value)) {
      for (const [name, inner] of Object.entries(value)) add(`${key}[${name}]`, inner);
    } else {
      pairs.push([key, scalarText(value)]);
    }
  };
  for (const [name, value] of Object.entries(object)) add(name, value);
  return pairs;
}

/** `a=x&b=y,z` with keys and values percent-encoded as RFC 3986 (space as %20, brackets as %5B %5D). */
export function formText(pairs: readonly FormPair[]): string {
  return pairs
    .map(([key, value]) => {
      const text = Array.isArray(value) ? value.map(encodeURIComponent).join(",") : encodeURIComponent(value);
      return `${encodeURIComponent(key)}=${text}`;
    })
    .join("&");
}

function isStructure(value: Json): boolean {
  return Array.isArray(value) || isJsonObject(value);
}

function scalarText(value: Json): string {
  return value === null ? "" : typeof value === "string" ? value : stringifyJson(value)!;
}
