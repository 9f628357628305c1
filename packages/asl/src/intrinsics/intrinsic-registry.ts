import { statesArray } from "./functions/states-array.ts";
import { statesArrayContains } from "./functions/states-array-contains.ts";
import { statesArrayGetItem } from "./functions/states-array-get-item.ts";
import { statesArrayLength } from "./functions/states-array-length.ts";
import { statesArrayPartition } from "./functions/states-array-partition.ts";
import { statesArrayRange } from "./functions/states-array-range.ts";
import { statesArrayUnique } from "./functions/states-array-unique.ts";
import { statesBase64Decode } from "./functions/states-base64-decode.ts";
import { statesBase64Encode } from "./functions/states-base64-encode.ts";
import { statesFormat } from "./functions/states-format.ts";
import { statesHash } from "./functions/states-hash.ts";
import { statesJsonMerge } from "./functions/states-json-merge.ts";
import { statesJsonToString } from "./functions/states-json-to-string.ts";
import { statesMathAdd } from "./functions/states-math-add.ts";
import { statesMathRandom } from "./functions/states-math-random.ts";
import { statesStringSplit } from "./functions/states-string-split.ts";
import { statesStringToJson } from "./functions/states-string-to-json.ts";
import { statesUuid } from "./functions/states-uuid.ts";
import type { IntrinsicFunction } from "./intrinsic-function.ts";

/** Every intrinsic function Step Functions offers in JSONPath states, by its `States.*` name. */
export const intrinsicFunctions: ReadonlyMap<string, IntrinsicFunction> = new Map(
  [
    statesArray,
    statesArrayContains,
    statesArrayGetItem,
    statesArrayLength,
    statesArrayPartition,
    statesArrayRange,
    statesArrayUnique,
    statesBase64Decode,
    statesBase64Encode,
    statesFormat,
    statesHash,
    statesJsonMerge,
    statesJsonToString,
    statesMathAdd,
    statesMathRandom,
    statesStringSplit,
    statesStringToJson,
    statesUuid,
  ].map((fn) => [fn.name, fn]),
);
