import type { EventTarget } from "@stepflow/events";
import { RestError } from "../rest-error.ts";
import { RestFields } from "../rest-fields.ts";
import { objectValue, stringArray, stringMap } from "./body-values.ts";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const ARN = { min: 1, max: 1600 };

/**
 * The `Targets` of a put-targets body, each checked for JSON types and unknown members (a 400 naming the
 * target's index); ids, ARNs, ranges and the input members are then checked by PutTargets with AWS's messages.
 */
export function readTargets(value: unknown): EventTarget[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 100) {
    throw new RestError("ValidationException", "body field 'Targets' must be an array of 1 to 100 targets");
  }
  return value.map((item, index) => {
    try {
      return readTarget(item);
    } catch (error) {
      if (error instanceof RestError) throw new RestError(error.code, `Targets[${index}]: ${error.message}`);
      throw error;
    }
  });
}

function readTarget(value: unknown): EventTarget {
  const fields = new RestFields(objectValue(value, "Targets[]"), "body");
  const target: Mutable<EventTarget> = {
    Id: fields.string("Id", { min: 1, max: 64 }),
    Arn: fields.string("Arn", ARN),
  };
  const roleArn = fields.optionalString("RoleArn", ARN);
  if (roleArn !== undefined) target.RoleArn = roleArn;
  const input = fields.optionalString("Input", { max: 8192 });
  if (input !== undefined) target.Input = input;
  const inputPath = fields.optionalString("InputPath", { max: 256 });
  if (inputPath !== undefined) target.InputPath = inputPath;
  const transformer = readTransformer(fields.optionalJson("InputTransformer"));
  if (transformer !== undefined) target.InputTransformer = transformer;
  const retry = nested(fields.optionalJson("RetryPolicy"), "RetryPolicy", (policy) => {
    const attempts = policy.optionalInteger("MaximumRetryAttempts", -1_000_000, 1_000_000);
    const age = policy.optionalInteger("MaximumEventAgeInSeconds", -1_000_000, 1_000_000);
    return {
      ...(attempts === undefined ? {} : { MaximumRetryAttempts: attempts }),
      ...(age === undefined ? {} : { MaximumEventAgeInSeconds: age }),
    };
  });
  if (retry !== undefined) target.RetryPolicy = retry;
  const deadLetter = nested(fields.optionalJson("DeadLetterConfig"), "DeadLetterConfig", (config) => {
    const arn = config.optionalString("Arn", ARN);
    return arn === undefined ? {} : { Arn: arn };
  });
  if (deadLetter !== undefined) target.DeadLetterConfig = deadLetter;
  const http = readHttpParameters(fields.optionalJson("HttpParameters"));
  if (http !== undefined) target.HttpParameters = http;
  fields.done();
  return target;
}

/** Reads a nested object (given as the JSON text RestFields.optionalJson returns) with its own RestFields. */
function nested<T>(text: string | undefined, field: string, read: (fields: RestFields) => T): T | undefined {
  if (text === undefined) return undefined;
  const fields = new RestFields(objectValue(JSON.parse(text) as unknown, field), "body");
  const out = read(fields);
  fields.done();
  return out;
}

function readTransformer(text: string | undefined): EventTarget["InputTransformer"] {
  if (text === undefined) return undefined;
  const raw = objectValue(JSON.parse(text) as unknown, "InputTransformer") ?? {};
  const fields = new RestFields(raw, "body");
  const template = fields.string("InputTemplate", { min: 1, max: 8192 });
  fields.optionalJson("InputPathsMap");
  fields.done();
  const paths = stringMap(raw["InputPathsMap"], "InputPathsMap");
  return paths === undefined
    ? { InputTemplate: template }
    : { InputTemplate: template, InputPathsMap: paths };
}

function readHttpParameters(text: string | undefined): EventTarget["HttpParameters"] {
  if (text === undefined) return undefined;
  const raw = objectValue(JSON.parse(text) as unknown, "HttpParameters") ?? {};
  const fields = new RestFields(raw, "body");
  for (const name of ["PathParameterValues", "HeaderParameters", "QueryStringParameters"])
    fields.optionalJson(name);
  fields.done();
  const path = stringArray(raw["PathParameterValues"], "PathParameterValues");
  const headers = stringMap(raw["HeaderParameters"], "HeaderParameters");
  const query = stringMap(raw["QueryStringParameters"], "QueryStringParameters");
  return {
    ...(path === undefined ? {} : { PathParameterValues: path }),
    ...(headers === undefined ? {} : { HeaderParameters: headers }),
    ...(query === undefined ? {} : { QueryStringParameters: query }),
  };
}
