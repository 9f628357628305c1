import { fieldPath } from "../problem-path.ts";
import type { StateUnderCheck } from "../state-under-check.ts";
import { get, has, isFields, shown, type Fields } from "../value-checks.ts";

/** `arn:aws:states:::http:<action><suffix>`: the HTTP Task family (AWS "Call HTTPS APIs"). */
const HTTP_RESOURCE = /^arn:aws[\w-]*:states:::http:([^.:]*)(.*)$/;

const FIELDS = [
  "ApiEndpoint",
  "Method",
  "Authentication",
  "InvocationConfig",
  "Headers",
  "QueryParameters",
  "Transform",
  "RequestBody",
] as const;
const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];
const BODY_ENCODINGS = ["NONE", "URL_ENCODED"];
const ARRAY_FORMATS = ["INDICES", "REPEAT", "COMMAS", "BRACKETS"];

/** True for a resource of the HTTP Task family, valid or not. */
export function isHttpTaskResource(resource: string): boolean {
  return HTTP_RESOURCE.test(resource);
}

/**
 * Checks an HTTP Task (`arn:aws:states:::http:invoke`): request-response only (no `.waitForTaskToken`, no
 * `.sync`), and the fields of its Parameters (JSONPath) or Arguments (JSONata) that are fixed in the
 * definition: no unknown field, `ApiEndpoint` and `Method` present, a known method, encoding and array
 * format, one connection field. Values computed at run time (`.$` fields, `{% %}` expressions) are
 * checked when the task runs.
 */
export function checkHttpTask(s: StateUnderCheck, resource: string): void {
  const match = HTTP_RESOURCE.exec(resource);
  if (!match) return;
  const at = fieldPath(s.at, "Resource");
  if (match[1] !== "invoke") {
    s.ctx.report(at, `"${match[1]}" is not an HTTP Task action; use "arn:aws:states:::http:invoke"`);
    return;
  }
  if (match[2] !== "") {
    s.ctx.report(
      at,
      `the HTTP Task supports only the request-response pattern, not "${match[2]}"; use "arn:aws:states:::http:invoke"`,
    );
  }
  const field = s.language === "JSONata" ? "Arguments" : "Parameters";
  const params = get(s.state, field);
  const paramsAt = fieldPath(s.at, field);
  if (params === undefined) {
    s.ctx.report(s.at, `an HTTP Task needs "${field}" with at least "ApiEndpoint" and "Method"`);
    return;
  }
  if (!isFields(params)) return; // a JSONata expression, or a type problem reported elsewhere
  checkParameters(s, params, paramsAt);
}

function checkParameters(s: StateUnderCheck, params: Fields, at: string): void {
  const jsonPath = s.language === "JSONPath";
  const known = (key: string) =>
    (FIELDS as readonly string[]).includes(jsonPath ? key.replace(/\.\$$/, "") : key);
  for (const key of Object.keys(params)) {
    if (!known(key)) {
      s.ctx.report(fieldPath(at, key), `"${key}" is not a field of the HTTP Task; use ${FIELDS.join(", ")}`);
    }
  }
  const given = (key: string) => has(params, key) || (jsonPath && has(params, `${key}.$`));
  for (const required of ["ApiEndpoint", "Method"]) {
    if (!given(required)) s.ctx.report(at, `an HTTP Task needs "${required}"`);
  }
  checkEnum(s, get(params, "Method"), fieldPath(at, "Method"), METHODS);
  if (given("Authentication") && given("InvocationConfig")) {
    s.ctx.report(at, 'give the connection in "InvocationConfig" or "Authentication", not both');
  }
  for (const key of ["Authentication", "InvocationConfig"]) {
    const connection = get(params, key);
    if (connection !== undefined && isFields(connection) && !has(connection, "ConnectionArn")) {
      if (!(jsonPath && has(connection, "ConnectionArn.$"))) {
        s.ctx.report(fieldPath(at, key), 'needs "ConnectionArn": the ARN of an EventBridge connection');
      }
    }
  }
  const transform = get(params, "Transform");
  if (isFields(transform)) {
    const transformAt = fieldPath(at, "Transform");
    checkEnum(
      s,
      get(transform, "RequestBodyEncoding"),
      fieldPath(transformAt, "RequestBodyEncoding"),
      BODY_ENCODINGS,
    );
    const options = get(transform, "RequestEncodingOptions");
    if (isFields(options)) {
      const optionsAt = fieldPath(transformAt, "RequestEncodingOptions");
      checkEnum(s, get(options, "ArrayFormat"), fieldPath(optionsAt, "ArrayFormat"), ARRAY_FORMATS);
    }
  }
}

/** A fixed string must be one of `allowed`; `{% %}` expressions and absent values are left to run time. */
function checkEnum(s: StateUnderCheck, value: unknown, at: string, allowed: readonly string[]): void {
  if (value === undefined) return;
  if (typeof value === "string" && (allowed.includes(value) || value.startsWith("{%"))) return;
  s.ctx.report(at, `must be one of ${allowed.join(", ")}; got ${shown(value)}`);
}
