import type { EventTargetInput, TransformContext, TransformOutcome } from "./event-target-input.ts";
import { parseJsonPath, readJsonPath } from "./json-path.ts";
import { templatePlaceholders } from "./template-placeholders.ts";

/**
 * Computes what EventBridge delivers to a target for `event`: the whole event, the constant Input, the
 * InputPath selection, or the InputTransformer output. A transformed JSON template that is not valid JSON
 * after substitution (for example an object placed inside quotes) is not delivered, as on AWS.
 * Assumes the target passed {@link validateTarget}.
 */
export function transformTarget(
  target: EventTargetInput,
  event: unknown,
  context: TransformContext,
): TransformOutcome {
  if (target.Input !== undefined) return { delivered: true, payload: target.Input };
  if (target.InputPath !== undefined) {
    const path = parseJsonPath(target.InputPath);
    const value = path === undefined ? undefined : readJsonPath(event, path);
    return { delivered: true, payload: JSON.stringify(value ?? null) };
  }
  const transformer = target.InputTransformer;
  if (transformer === undefined) return { delivered: true, payload: JSON.stringify(event) };
  const values = new Map<string, unknown>();
  for (const [name, pathText] of Object.entries(transformer.InputPathsMap ?? {})) {
    const path = parseJsonPath(pathText);
    values.set(name, path === undefined ? undefined : readJsonPath(event, path));
  }
  values.set("aws.events.rule-arn", context.ruleArn);
  values.set("aws.events.rule-name", context.ruleName);
  values.set("aws.events.event.ingestion-time", context.ingestionTime);
  values.set("aws.events.event", envelopeOf(event));
  values.set("aws.events.event.json", event);

  const template = transformer.InputTemplate;
  let payload = "";
  let at = 0;
  for (const placeholder of templatePlaceholders(template)) {
    if (!values.has(placeholder.name)) continue;
    payload +=
      template.slice(at, placeholder.start) + render(values.get(placeholder.name), placeholder.quoted);
    at = placeholder.end;
  }
  payload += template.slice(at);
  const trimmed = payload.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.startsWith('"')) {
    try {
      JSON.parse(payload);
    } catch {
      return { delivered: false, reason: "The transformed input is not valid JSON." };
    }
  }
  return { delivered: true, payload };
}

function render(value: unknown, quoted: boolean): string {
  if (quoted) {
    if (value === undefined) return "";
    if (typeof value === "string") return JSON.stringify(value).slice(1, -1);
    return JSON.stringify(value);
  }
  return JSON.stringify(value ?? null);
}

/** `<aws.events.event>`: the envelope without `detail`, with `detail-type` spelled `detailType`. */
function envelopeOf(event: unknown): unknown {
  if (typeof event !== "object" || event === null || Array.isArray(event)) return event;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key === "detail") continue;
    out[key === "detail-type" ? "detailType" : key] = value;
  }
  return out;
}
