import { isJsonObject, isNumeric, stringifyJson, type Json, type JsonObject } from "@stepflow/asl";
import { ArrayFormat, formPairs, type FormPair } from "./form-pairs.ts";
import { forbiddenHeader } from "./forbidden-headers.ts";

/** The methods an HTTP Task may use. */
export const HttpMethod = {
  GET: "GET",
  POST: "POST",
  PUT: "PUT",
  DELETE: "DELETE",
  PATCH: "PATCH",
  OPTIONS: "OPTIONS",
  HEAD: "HEAD",
} as const;
export type HttpMethod = (typeof HttpMethod)[keyof typeof HttpMethod];

/** How the request body is written (`Transform.RequestBodyEncoding`). */
export const RequestBodyEncoding = { NONE: "NONE", URL_ENCODED: "URL_ENCODED" } as const;
export type RequestBodyEncoding = (typeof RequestBodyEncoding)[keyof typeof RequestBodyEncoding];

/** An HTTP Task's parameters, checked; the connection is not merged in yet. */
export interface HttpTaskParameters {
  endpoint: URL;
  method: HttpMethod;
  connectionArn?: string;
  /** Header name (as written) → value. */
  headers: [string, string][];
  /** Query fields in order, not yet percent-encoded. */
  query: FormPair[];
  /** RequestBody: absent, a string sent as is, or JSON to serialise or URL-encode. */
  body?: Json;
  encoding: RequestBodyEncoding;
  arrayFormat: ArrayFormat;
}

const FIELDS = new Set([
  "ApiEndpoint",
  "Method",
  "Authentication",
  "InvocationConfig",
  "Headers",
  "QueryParameters",
  "Transform",
  "RequestBody",
]);

/**
 * Reads the effective Parameters (or Arguments) of an HTTP Task (AWS "HTTP Task fields"). A problem is a
 * sentence saying which field is wrong and how; the task fails with it as States.Runtime, as AWS fails a task
 * whose parameters cannot be used. `Authentication` may be left out for an endpoint that needs no
 * credentials (AWS requires a connection; Stepflow does not).
 */
export function readHttpTaskParameters(input: Json): HttpTaskParameters | { problem: string } {
  if (!isJsonObject(input)) return { problem: `the parameters must be an object; got ${printed(input)}` };
  for (const key of Object.keys(input)) {
    if (!FIELDS.has(key)) return { problem: `the field '${key}' is not supported by the HTTP Task` };
  }
  const endpoint = readEndpoint(input.ApiEndpoint);
  if ("problem" in endpoint) return endpoint;
  const method = input.Method;
  if (typeof method !== "string" || !Object.hasOwn(HttpMethod, method)) {
    return {
      problem: `the field 'Method' must be one of ${Object.keys(HttpMethod).join(", ")}; got ${printed(method)}`,
    };
  }
  const connection = readConnection(input);
  if (typeof connection === "object") return connection;
  const headers = readHeaders(input.Headers);
  if ("problem" in headers) return headers;
  const query = readQuery(input.QueryParameters);
  if ("problem" in query) return query;
  const transform = readTransform(input.Transform);
  if ("problem" in transform) return transform;
  const parameters: HttpTaskParameters = {
    endpoint: endpoint.url,
    method: method as HttpMethod,
    headers: headers.headers,
    query: query.query,
    ...transform,
  };
  if (connection !== undefined) parameters.connectionArn = connection;
  if (input.RequestBody !== undefined) parameters.body = input.RequestBody;
  return parameters;
}

function readEndpoint(value: Json | undefined): { url: URL } | { problem: string } {
  if (typeof value !== "string") {
    return { problem: `the field 'ApiEndpoint' must be the URL to call; got ${printed(value)}` };
  }
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    return {
      problem: `the field 'ApiEndpoint' must be an https:// (or http://) URL; got ${printed(value)}`,
    };
  }
  if (url.username !== "" || url.password !== "") {
    return { problem: "the field 'ApiEndpoint' cannot hold credentials; put them in a connection" };
  }
  return { url };
}

/** The ConnectionArn of `InvocationConfig` or `Authentication`, undefined for none, or a problem. */
function readConnection(input: JsonObject): string | undefined | { problem: string } {
  if (input.Authentication !== undefined && input.InvocationConfig !== undefined) {
    return { problem: "give the connection in 'InvocationConfig' or 'Authentication', not both" };
  }
  const field = input.InvocationConfig === undefined ? "Authentication" : "InvocationConfig";
  const value = input[field];
  if (value === undefined) return undefined;
  const arn = isJsonObject(value) ? value.ConnectionArn : undefined;
  if (typeof arn !== "string" || !arn.startsWith("arn:")) {
    return { problem: `the field '${field}' must hold the ConnectionArn of an EventBridge connection` };
  }
  return arn;
}

function readHeaders(value: Json | undefined): { headers: [string, string][] } | { problem: string } {
  if (value === undefined) return { headers: [] };
  if (!isJsonObject(value)) {
    return {
      problem: `the field 'Headers' must be an object of header names and values; got ${printed(value)}`,
    };
  }
  const headers: [string, string][] = [];
  const check = new Headers();
  for (const [name, raw] of Object.entries(value)) {
    if (forbiddenHeader(name)) {
      return {
        problem: `the header '${name}' cannot be set by an HTTP Task (put credentials in the connection)`,
      };
    }
    const items = Array.isArray(raw) ? raw : [raw];
    if (items.some((item) => item === null || (typeof item === "object" && !isNumeric(item)))) {
      return { problem: `the header '${name}' must be a string, a number, a boolean or an array of them` };
    }
    const text = items.map((item) => (typeof item === "string" ? item : stringifyJson(item)!)).join(", ");
    try {
      check.set(name, text); // rejects names that are not HTTP tokens and values with line breaks
    } catch {
      return { problem: `the header '${name}' is not a valid HTTP header name and value` };
    }
    headers.push([name, text]);
  }
  return { headers };
}

function readQuery(value: Json | undefined): { query: FormPair[] } | { problem: string } {
  if (value === undefined) return { query: [] };
  if (typeof value === "string") return { query: [...new URLSearchParams(value)] };
  if (!isJsonObject(value)) {
    return {
      problem: `the field 'QueryParameters' must be an object or a query string; got ${printed(value)}`,
    };
  }
  // An array value repeats its key (`?tag=a&tag=b`), as query strings usually carry lists.
  return { query: formPairs(value, ArrayFormat.REPEAT) };
}

function readTransform(
  value: Json | undefined,
): { encoding: RequestBodyEncoding; arrayFormat: ArrayFormat } | { problem: string } {
  const defaults = { encoding: RequestBodyEncoding.NONE, arrayFormat: ArrayFormat.INDICES };
  if (value === undefined) return defaults;
  if (!isJsonObject(value))
    return { problem: `the field 'Transform' must be an object; got ${printed(value)}` };
  const encoding = value.RequestBodyEncoding ?? defaults.encoding;
  if (typeof encoding !== "string" || !Object.hasOwn(RequestBodyEncoding, encoding)) {
    return {
      problem: `the field 'Transform.RequestBodyEncoding' must be NONE or URL_ENCODED; got ${printed(encoding)}`,
    };
  }
  const options = value.RequestEncodingOptions;
  const format = isJsonObject(options) ? (options.ArrayFormat ?? defaults.arrayFormat) : defaults.arrayFormat;
  if (typeof format !== "string" || !Object.hasOwn(ArrayFormat, format)) {
    return {
      problem: `the field 'Transform.RequestEncodingOptions.ArrayFormat' must be one of ${Object.keys(ArrayFormat).join(", ")}; got ${printed(format)}`,
    };
  }
  return { encoding: encoding as RequestBodyEncoding, arrayFormat: format as ArrayFormat };
}

function printed(value: Json | undefined): string {
  if (value === undefined) return "nothing";
  const text = stringifyJson(value)!;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
