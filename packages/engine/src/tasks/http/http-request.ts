import { isJsonObject, stringifyJson, type Json } from "@stepflow/asl";
import type { ConnectionParameters } from "../../ports/http-connections.ts";
import { MAX_RESPONSE_BYTES } from "./http-response.ts";
import { formPairs, formText } from "./form-pairs.ts";
import { RequestBodyEncoding, type HttpTaskParameters } from "./http-task-parameters.ts";

/** The request an HTTP Task sends. */
export interface HttpRequest {
  url: URL;
  method: string;
  headers: Headers;
  body?: string;
}

const NO_CONNECTION: ConnectionParameters = { headers: {}, queryParameters: {}, bodyParameters: {} };

/**
 * Builds the request as AWS does (AWS "Merging EventBridge connection and HTTP Task definition data"): the
 * connection's headers, query parameters and body fields replace the task's of the same name; the body is
 * JSON (`application/json; charset=UTF-8` unless the task says otherwise) or URL-encoded; `User-Agent` and
 * `Range` are set as Step Functions sets them. A problem is a parameter mistake (States.Runtime).
 */
export function buildHttpRequest(
  task: HttpTaskParameters,
  connection: ConnectionParameters = NO_CONNECTION,
  region: string,
): HttpRequest | { problem: string } {
  const url = new URL(task.endpoint);
  for (const [key, value] of task.query) {
    url.searchParams.append(key, Array.isArray(value) ? value.join(",") : value);
  }
  for (const [key, value] of Object.entries(connection.queryParameters)) url.searchParams.set(key, value);

  const headers = new Headers(task.headers);
  for (const [name, value] of Object.entries(connection.headers)) headers.set(name, value);
  headers.set("user-agent", `Amazon|StepFunctions|HttpInvoke|${region}`);
  // Step Functions reads at most 256 KiB of an answer and says so to the server.
  headers.set("range", `bytes=0-${MAX_RESPONSE_BYTES}`);

  const request: HttpRequest = { url, method: task.method, headers };
  if (task.method === "GET" || task.method === "HEAD") {
    // A connection's BodyParameters cannot go anywhere here; a RequestBody given on purpose is an error.
    if (task.body === undefined) return request;
    return { problem: `a ${task.method} request cannot have a RequestBody; use POST, PUT or PATCH` };
  }
  const merged = mergedBody(task.body, connection.bodyParameters);
  if ("problem" in merged) return merged;
  const { body } = merged;
  if (body === undefined) return request;
  if (task.encoding === RequestBodyEncoding.URL_ENCODED && typeof body !== "string") {
    if (!isJsonObject(body)) {
      return { problem: "a URL_ENCODED RequestBody must be a JSON object (or a string sent as is)" };
    }
    request.body = formText(formPairs(body, task.arrayFormat));
    if (!headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded");
  } else {
    request.body = typeof body === "string" ? body : stringifyJson(body)!;
    if (!headers.has("content-type")) headers.set("content-type", "application/json; charset=UTF-8");
  }
  return request;
}

/** The task's RequestBody with the connection's BodyParameters merged in (connection values win). */
function mergedBody(
  body: Json | undefined,
  extra: Record<string, string>,
): { body: Json | undefined } | { problem: string } {
  if (Object.keys(extra).length === 0) return { body };
  if (body === undefined) return { body: { ...extra } };
  if (!isJsonObject(body)) {
    return {
      problem:
        "the connection has BodyParameters, which can only be merged into a RequestBody that is a JSON object",
    };
  }
  return { body: { ...body, ...extra } };
}
