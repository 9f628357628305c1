import { describe, expect, it } from "vitest";
import { formatProblem } from "../problem.ts";
import { validateDefinition } from "../validate-definition.ts";

const problems = (state: Record<string, unknown>): string[] =>
  validateDefinition({ StartAt: "Call", States: { Call: { End: true, Type: "Task", ...state } } }).map(
    formatProblem,
  );
const http = "arn:aws:states:::http:invoke";
const call = (parameters: Record<string, unknown>) => problems({ Resource: http, Parameters: parameters });

describe("HTTP Task", () => {
  it("accepts a full JSONPath task and a JSONata task with expressions", () => {
    expect(
      call({
        "ApiEndpoint.$": "$.url",
        Method: "POST",
        Authentication: { ConnectionArn: "arn:aws:events:us-east-1:123456789012:connection/c/1" },
        Headers: { "content-type": "application/x-www-form-urlencoded" },
        "QueryParameters.$": "$.query",
        RequestBody: { "a.$": "$.a" },
        Transform: { RequestBodyEncoding: "URL_ENCODED", RequestEncodingOptions: { ArrayFormat: "COMMAS" } },
      }),
    ).toEqual([]);
    expect(
      problems({
        QueryLanguage: "JSONata",
        Resource: http,
        Arguments: { ApiEndpoint: "{% $states.input.url %}", Method: "{% $states.input.method %}" },
      }),
    ).toEqual([]);
    expect(problems({ QueryLanguage: "JSONata", Resource: http, Arguments: "{% $states.input %}" })).toEqual(
      [],
    );
  });

  it.each([
    [
      ".waitForTaskToken",
      { Resource: `${http}.waitForTaskToken`, Parameters: { ApiEndpoint: "https://x", Method: "GET" } },
      [
        'States.Call.Resource: the HTTP Task supports only the request-response pattern, not ".waitForTaskToken"; use "arn:aws:states:::http:invoke"',
      ],
    ],
    [
      "an unknown action",
      { Resource: "arn:aws:states:::http:get", Parameters: {} },
      ['States.Call.Resource: "get" is not an HTTP Task action; use "arn:aws:states:::http:invoke"'],
    ],
    [
      "no Parameters",
      { Resource: http },
      ['States.Call: an HTTP Task needs "Parameters" with at least "ApiEndpoint" and "Method"'],
    ],
    [
      "missing fields, an unknown field and a bad method",
      { Resource: http, Parameters: { Url: "https://x", Method: "FETCH" } },
      [
        'States.Call.Parameters.Url: "Url" is not a field of the HTTP Task; use ApiEndpoint, Method, Authentication, InvocationConfig, Headers, QueryParameters, Transform, RequestBody',
        'States.Call.Parameters: an HTTP Task needs "ApiEndpoint"',
        'States.Call.Parameters.Method: must be one of GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD; got "FETCH"',
      ],
    ],
    [
      "both connection fields, one without ConnectionArn",
      {
        Resource: http,
        Parameters: { ApiEndpoint: "https://x", Method: "GET", Authentication: {}, InvocationConfig: {} },
      },
      [
        'States.Call.Parameters: give the connection in "InvocationConfig" or "Authentication", not both',
        'States.Call.Parameters.Authentication: needs "ConnectionArn": the ARN of an EventBridge connection',
        'States.Call.Parameters.InvocationConfig: needs "ConnectionArn": the ARN of an EventBridge connection',
      ],
    ],
    [
      "an unknown encoding and array format",
      {
        Resource: http,
        Parameters: {
          ApiEndpoint: "https://x",
          Method: "POST",
          Transform: { RequestBodyEncoding: "FORM", RequestEncodingOptions: { ArrayFormat: "JSON" } },
        },
      },
      [
        'States.Call.Parameters.Transform.RequestBodyEncoding: must be one of NONE, URL_ENCODED; got "FORM"',
        'States.Call.Parameters.Transform.RequestEncodingOptions.ArrayFormat: must be one of INDICES, REPEAT, COMMAS, BRACKETS; got "JSON"',
      ],
    ],
  ])("reports %s", (_, state, expected) => {
    expect(problems(state)).toEqual(expected);
  });
});
