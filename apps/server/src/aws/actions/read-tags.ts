import { LIMITS } from "../limits.ts";
import type { RequestFields } from "../request-fields.ts";

/** Reads a `[{ key, value }]` tag list member (CreateStateMachine, CreateActivity, TagResource). */
export function readTags(
  request: RequestFields,
  name: string,
  required: boolean,
): { key: string; value: string }[] | undefined {
  return request.list(name, required, (item, at) => {
    const tag = request.nested(item, at);
    return {
      key: tag.string("key", LIMITS.tagKey),
      value: tag.optionalString("value", LIMITS.tagValue) ?? "",
    };
  });
}
