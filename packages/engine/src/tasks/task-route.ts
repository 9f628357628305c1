import { isJsonObject, type Json } from "@stepflow/asl";

/** Where a Task state's work goes. */
export type TaskRoute =
  | { kind: "worker"; handler: string; input: Json; lambdaInvoke: boolean; callback: boolean }
  | { kind: "activity"; activityArn: string; input: Json }
  | { kind: "startExecution"; mode: ChildMode; input: Json }
  | { kind: "integration"; integration: string; action: string; callback: boolean; input: Json }
  | { kind: "unsupported"; reason: string };

const LAMBDA_FUNCTION = /^arn:aws[\w-]*:lambda:[\w-]*:\d*:function:([^:]+)(?::[^:]+)?$/;
const ACTIVITY = /^arn:aws[\w-]*:states:[\w-]*:\d*:activity:([^:]+)$/;
const START_EXECUTION = /^arn:aws[\w-]*:states:::states:startExecution(\.sync(?::2)?|\.waitForTaskToken)?$/;

/** How a parent waits for a child execution: not at all, for its end (`.sync`, `.sync:2` with JSON output), or for a callback. */
export type ChildMode = "async" | "sync" | "sync2" | "callback";

const LAMBDA_INVOKE = /^arn:aws[\w-]*:states:::lambda:invoke(\.waitForTaskToken)?$/;

/** Service integrations served by a handler another package registers (`engine.registerIntegration`). */
const INTEGRATION = /^arn:aws[\w-]*:states:::(events):(putEvents)(\.waitForTaskToken)?$/;

/**
 * S3 on the engine's object store: the aws-sdk integration's actions, and the optimised-looking ARNs a
 * Distributed Map's ItemReader / ResultWriter name (also accepted as Task resources).
 */
const S3 = /^arn:aws[\w-]*:states:::(?:aws-sdk:)?(s3):(getObject|putObject|listObjectsV2)$/;

/** The HTTP Task, served by the engine itself; request-response only, as on AWS. */
const HTTP_INVOKE = /^arn:aws[\w-]*:states:::(http):(invoke)$/;

/**
 * Routes a Task resource (DESIGN.md "Task resources"): Lambda function ARNs go to the worker handler of that
 * name; activities to the activity task store (GetActivityTask); `lambda:invoke` to the handler named by
 * FunctionName, with Payload as its input; `events:putEvents` to the integration registered as "events";
 * `http:invoke` to the engine's own "http" integration.
 */
export function routeTask(resource: string, input: Json): TaskRoute {
  const fn = LAMBDA_FUNCTION.exec(resource);
  if (fn) return { kind: "worker", handler: fn[1]!, input, lambdaInvoke: false, callback: false };
  if (ACTIVITY.test(resource)) return { kind: "activity", activityArn: resource, input };
  const child = START_EXECUTION.exec(resource);
  if (child) {
    const suffix = child[1];
    const mode: ChildMode =
      suffix === ".sync" ? "sync" : suffix === ".sync:2" ? "sync2" : suffix ? "callback" : "async";
    return { kind: "startExecution", mode, input };
  }
  const invoke = LAMBDA_INVOKE.exec(resource);
  if (invoke) {
    const params = isJsonObject(input) ? input : {};
    const name = typeof params.FunctionName === "string" ? functionName(params.FunctionName) : undefined;
    if (!name)
      return { kind: "unsupported", reason: "The lambda:invoke parameters must include FunctionName" };
    const callback = invoke[1] !== undefined;
    return { kind: "worker", handler: name, input: params.Payload ?? {}, lambdaInvoke: !callback, callback };
  }
  const integration = INTEGRATION.exec(resource) ?? HTTP_INVOKE.exec(resource) ?? S3.exec(resource);
  if (integration) {
    return {
      kind: "integration",
      integration: integration[1]!,
      action: integration[2]!,
      callback: integration[3] !== undefined,
      input,
    };
  }
  return {
    kind: "unsupported",
    reason: `The resource '${resource}' is not supported by this Stepflow engine`,
  };
}

/**
 * Whether a Task resource is a Lambda function ARN or the `lambda:invoke` integration (with or without
 * `.waitForTaskToken`): its failures are then named as Lambda names them (`Lambda.Unknown`, ...).
 */
export function isLambdaResource(resource: string): boolean {
  return LAMBDA_FUNCTION.test(resource) || LAMBDA_INVOKE.test(resource);
}

/** FunctionName may be a name, a partial ARN or a full ARN, optionally qualified. */
function functionName(value: string): string | undefined {
  const full = LAMBDA_FUNCTION.exec(value);
  if (full) return full[1];
  const parts = value.split(":");
  const at = parts.indexOf("function");
  const name = at >= 0 ? parts[at + 1] : parts[0];
  return name && /^[\w-]{1,140}$/.test(name) ? name : undefined;
}

/** Wraps a handler's result as the optimised `lambda:invoke` integration returns it. */
export function lambdaInvokeResult(payload: Json, requestId: string): Json {
  return {
    ExecutedVersion: "$LATEST",
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: {
        "X-Amz-Executed-Version": ["$LATEST"],
        "x-amzn-RequestId": [requestId],
        "Content-Type": ["application/json"],
      },
      HttpHeaders: {
        "X-Amz-Executed-Version": "$LATEST",
        "x-amzn-RequestId": requestId,
        "Content-Type": "application/json",
      },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}
