import { parseJson, type Json, type JsonObject } from "@stepflow/asl";
import type { IntegrationOutcome } from "../task-integration.ts";

/** The largest answer an HTTP Task reads (256 KiB, as on AWS; the request's Range header says so). */
export const MAX_RESPONSE_BYTES = 262_144;

const UNSUPPORTED_TYPE = /^(application\/octet-stream|image\/|video\/|audio\/)/i;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Turns an answer into the HTTP Task's outcome, as AWS shapes it: `{ Headers, ResponseBody, StatusCode,
 * StatusText }`, where Headers maps each (lower-case) name to its list of values and ResponseBody is the
 * parsed JSON when the answer says it is JSON, else the text. A 2xx answer is the result; any other fails the
 * task with `States.Http.StatusCode.<code>` and the same object, as JSON text, for cause. Binary answers
 * (octet-stream, image, video, audio, or not UTF-8) fail with States.Runtime, answers over 256 KiB with
 * States.DataLimitExceeded. Errors while reading the body are thrown (the caller names them).
 */
export async function readHttpResponse(response: Response): Promise<IntegrationOutcome> {
  const type = response.headers.get("content-type") ?? "";
  if (UNSUPPORTED_TYPE.test(type)) {
    await response.body?.cancel();
    return { error: "States.Runtime", cause: `The HTTP Task cannot read a response of type '${type}'` };
  }
  const bytes = await readAtMost(response, MAX_RESPONSE_BYTES);
  if (bytes === undefined) {
    return {
      error: "States.DataLimitExceeded",
      cause: `The HTTP response is larger than ${MAX_RESPONSE_BYTES} bytes, the most a task result can hold`,
    };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { error: "States.Runtime", cause: "The HTTP response can't be read as a valid UTF-8 string" };
  }
  const result: JsonObject = {
    Headers: headersOf(response.headers),
    ResponseBody: bodyOf(text, type),
    StatusCode: response.status,
    StatusText: response.statusText,
  };
  if (response.status >= 200 && response.status < 300) return { output: result };
  return { error: `States.Http.StatusCode.${response.status}`, cause: JSON.stringify(result) };
}

/** The body, or undefined when it is longer than `limit` bytes (the rest is not read). */
async function readAtMost(response: Response, limit: number): Promise<Uint8Array | undefined> {
  if (response.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function headersOf(headers: Headers): JsonObject {
  const out: JsonObject = {};
  for (const [name, value] of headers) {
    // Fetch joins repeated headers with ", ", which would corrupt Set-Cookie values (they hold commas).
    out[name] = name === "set-cookie" ? headers.getSetCookie() : [value];
  }
  return out;
}

function bodyOf(text: string, type: string): Json {
  if (!JSON_TYPE.test(type) || text === "") return text;
  try {
    return parseJson(text);
  } catch {
    return text; // says JSON, is not: hand over what came
  }
}
