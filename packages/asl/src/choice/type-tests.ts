import type { Json } from "../json.ts";
import { isNumeric } from "../json-number.ts";
import { parseTimestamp } from "../timestamp.ts";

/**
 * The type-test operators of JSONPath Choice rules (`IsNull: true` etc.) by ASL name: each says whether a
 * present value is of that type. `IsPresent` is not here: it looks at whether the Variable matched at all,
 * which the rule compiler handles.
 */
export const TypeTests = {
  IsNull: (value: Json) => value === null,
  IsNumeric: (value: Json) => isNumeric(value),
  IsString: (value: Json) => typeof value === "string",
  IsBoolean: (value: Json) => typeof value === "boolean",
  IsTimestamp: (value: Json) => typeof value === "string" && parseTimestamp(value) !== undefined,
} as const satisfies Record<string, (value: Json) => boolean>;

/** The ASL name of a type-test operator. */
export type TypeTestName = keyof typeof TypeTests;
