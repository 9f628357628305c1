import { AwsError } from "../../errors/aws-error.ts";
import type { ActionTable } from "../action.ts";
import { LIMITS } from "../limits.ts";
import { readTags } from "./read-tags.ts";

/** TagResource, UntagResource, ListTagsForResource (state machines and activities). */
export const tagActions: ActionTable = {
  async TagResource(request, { engine }) {
    const resourceArn = request.string("resourceArn", LIMITS.arn);
    const tags = readTags(request, "tags", true) ?? [];
    request.done();
    await engine.tags.tag(resourceArn, tags);
    return {};
  },

  async UntagResource(request, { engine }) {
    const resourceArn = request.string("resourceArn", LIMITS.arn);
    const tagKeys =
      request.list("tagKeys", true, (item, at) => {
        if (typeof item !== "string")
          throw new AwsError("SerializationException", `'${at}' must be a string`);
        return item;
      }) ?? [];
    request.done();
    await engine.tags.untag(resourceArn, tagKeys);
    return {};
  },

  async ListTagsForResource(request, { engine }) {
    const resourceArn = request.string("resourceArn", LIMITS.arn);
    request.done();
    return { tags: await engine.tags.list(resourceArn) };
  },
};
