import type { StringRule } from "./request-fields.ts";

/** Member constraints of the Step Functions API model, shared by the actions that read them. */
export const LIMITS = {
  name: { min: 1, max: 80 },
  arn: { min: 1, max: 256 },
  definition: { min: 1, max: 1_048_576, sensitive: true },
  data: { max: 262_144, sensitive: true },
  error: { max: 256, sensitive: true },
  cause: { max: 32_768, sensitive: true },
  taskToken: { min: 1, max: 2048 },
  nextToken: { min: 1, max: 1024 },
  description: { max: 256, sensitive: true },
  traceHeader: { max: 256 },
  revisionId: { max: 256 },
  tagKey: { min: 1, max: 128 },
  tagValue: { max: 256 },
} as const satisfies Record<string, StringRule>;

/** maxResults: 0 (the default page) to 1000. */
export const MAX_RESULTS = [0, 1000] as const;
