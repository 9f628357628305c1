import { isJsonataExpression } from "../../jsonata/jsonata-template.ts";
import { parseTimestamp } from "../../timestamp.ts";
import { checkPathField } from "../jsonpath-syntax.ts";
import { checkIntegerField } from "../numeric-fields.ts";
import { fieldPath } from "../problem-path.ts";
import type { StateUnderCheck } from "../state-under-check.ts";
import { MAX_SECONDS, shown } from "../value-checks.ts";

/** Checks a Wait state (ASL "Wait State"): exactly one of `Seconds`, `Timestamp`, `SecondsPath`, `TimestampPath`. */
export function checkWaitState(s: StateUnderCheck): void {
  const { ctx, at, state } = s;
  const options =
    s.language === "JSONPath"
      ? ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"]
      : ["Seconds", "Timestamp"];
  const present = options.filter((field) => s.carries(field));
  const list = options.map((field) => `"${field}"`).join(", ");
  if (present.length === 0) ctx.report(at, `a Wait state needs exactly one of ${list}`);
  if (present.length > 1) {
    ctx.report(
      at,
      `a Wait state takes exactly one of ${list}; keep only one of ${present.map((f) => `"${f}"`).join(", ")}`,
    );
  }
  if (s.carries("Seconds")) checkIntegerField(s, state.Seconds, fieldPath(at, "Seconds"), 0, MAX_SECONDS);
  if (s.carries("Timestamp")) checkTimestamp(s, state.Timestamp, fieldPath(at, "Timestamp"));
  for (const field of ["SecondsPath", "TimestampPath"]) {
    if (s.carries(field)) checkPathField(ctx, state[field], fieldPath(at, field), "reference");
  }
}

function checkTimestamp(s: StateUnderCheck, value: unknown, at: string): void {
  if (s.language === "JSONata" && isJsonataExpression(value)) return;
  if (typeof value === "string" && parseTimestamp(value) !== undefined) return;
  const orExpression = s.language === "JSONata" ? " or a {% %} JSONata expression" : "";
  s.ctx.report(
    at,
    `must be an RFC 3339 timestamp such as "2016-03-14T01:59:00Z" (upper-case T and Z)${orExpression}; got ${shown(value)}`,
  );
}
