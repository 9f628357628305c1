import type {
  JsonSchema,
  OpenApiContent,
  OpenApiDocument,
  OpenApiOperation,
  OpenApiParameter,
} from "./openapi-document.ts";
import { EVENTS_OPENAPI_PATHS, EVENTS_OPENAPI_SCHEMAS } from "./events/events-openapi.ts";
import { EXECUTION_STATUSES } from "./execution-routes.ts";

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): JsonSchema =>
  description === undefined ? { type: "string" } : { type: "string", description };
const date: JsonSchema = { type: "string", format: "date-time" };
const anyJson: JsonSchema = { description: "any JSON value" };

function object(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return { type: "object", properties, required, additionalProperties: false };
}

function pageOf(item: JsonSchema): JsonSchema {
  return object(
    { items: { type: "array", items: item }, nextCursor: str("pass as `cursor` for the next page") },
    ["items"],
  );
}

function json(schema: JsonSchema, description: string): OpenApiContent & { description: string } {
  return { description, content: { "application/json": { schema } } };
}

function body(schema: JsonSchema): OpenApiContent {
  return { required: true, content: { "application/json": { schema } } };
}

const noContent = { description: "done, no body" };

/** Problem responses for the given statuses (400 always: validation). */
function problems(...statuses: number[]): Record<string, OpenApiContent & { description: string }> {
  const out: Record<string, OpenApiContent & { description: string }> = {};
  for (const status of [400, ...statuses, 503]) {
    out[String(status)] = {
      description: PROBLEM_DESCRIPTIONS[status] ?? "error",
      content: { "application/problem+json": { schema: ref("Problem") } },
    };
  }
  return out;
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "invalid request (code: ValidationException, InvalidArn, InvalidDefinition, ...)",
  404: "the resource does not exist",
  409: "conflict with the resource's current state",
  410: "the task is no longer waited for",
  413: "request body too large",
  503: "the database is unavailable",
};

const arn = (what: string): OpenApiParameter => ({
  name: "arn",
  in: "path",
  required: true,
  description: `${what} ARN (URL-encoded)`,
  schema: { type: "string" },
});
const token: OpenApiParameter = {
  name: "token",
  in: "path",
  required: true,
  description: "task token ($$.Task.Token)",
  schema: { type: "string", maxLength: 1024 },
};
const quarantinedToken: OpenApiParameter = {
  name: "token",
  in: "path",
  required: true,
  description: "the quarantined task's token (its `id` in the listing)",
  schema: { type: "string", maxLength: 1024 },
};
const paging: OpenApiParameter[] = [
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000 } },
  {
    name: "cursor",
    in: "query",
    description: "`nextCursor` of the previous page",
    schema: { type: "string" },
  },
];

function op(
  operationId: string,
  summary: string,
  tag: string,
  parts: Omit<OpenApiOperation, "operationId" | "summary" | "tags">,
): OpenApiOperation {
  return { operationId, summary, tags: [tag], ...parts };
}

const quarantineFields: Record<string, JsonSchema> = {
  id: str("the job's id: the task token"),
  executionArn: str(),
  stateName: str(),
  resource: str(),
  handler: str("the worker handler the task was routed to"),
  attempt: { type: "integer", description: "retries of the state before this attempt" },
  error: {
    type: "string",
    enum: ["Lambda.Unknown", "States.TaskFailed"],
    description: "what the Task failed with",
  },
  cause: str(),
  queue: str("the task queue the job came from"),
  stalls: { type: "integer", description: "times its worker died (or lost its lock) running it" },
  stallLimit: { type: "integer" },
  worker: str("the worker that quarantined it"),
  quarantinedAt: date,
};

const schemas: Record<string, JsonSchema> = {
  Problem: object(
    {
      type: str("urn:stepflow:problem:<code>"),
      title: str(),
      status: { type: "integer" },
      detail: str("what is wrong and how to fix it"),
      code: str("stable error code (the engine's: StateMachineDoesNotExist, ValidationException, ...)"),
    },
    ["type", "title", "status", "detail", "code"],
  ),
  StateMachineCreate: object(
    {
      name: { type: "string", minLength: 1, maxLength: 80 },
      definition: {
        description: "the ASL definition, as a JSON object or as JSON text",
        oneOf: [{ type: "object" }, { type: "string" }],
      },
      roleArn: str("default arn:aws:iam::<account>:role/stepflow"),
      type: { type: "string", enum: ["STANDARD", "EXPRESS"] },
      publish: { type: "boolean" },
      versionDescription: str(),
    },
    ["name", "definition"],
  ),
  StateMachineCreated: object({ stateMachineArn: str(), creationDate: date, stateMachineVersionArn: str() }, [
    "stateMachineArn",
    "creationDate",
  ]),
  StateMachineUpdate: object({
    definition: { oneOf: [{ type: "object" }, { type: "string" }] },
    roleArn: str(),
    publish: { type: "boolean" },
    versionDescription: str(),
  }),
  StateMachineUpdated: object({ updateDate: date, revisionId: str(), stateMachineVersionArn: str() }, [
    "updateDate",
    "revisionId",
  ]),
  StateMachine: {
    type: "object",
    description: "as DescribeStateMachine; `definition` is the JSON text as stored",
    properties: {
      stateMachineArn: str(),
      name: str(),
      status: str(),
      definition: str(),
      roleArn: str(),
      type: { type: "string", enum: ["STANDARD", "EXPRESS"] },
      creationDate: date,
      revisionId: str(),
      description: str(),
    },
    required: ["stateMachineArn", "name", "definition", "type", "creationDate"],
  },
  StateMachineListItem: object({ stateMachineArn: str(), name: str(), type: str(), creationDate: date }),
  VersionPublish: object({
    description: str(),
    revisionId: str("publish only if this is still the revision"),
  }),
  VersionPublished: object({ stateMachineVersionArn: str(), creationDate: date }),
  ExecutionStart: object(
    {
      stateMachineArn: str("a state machine, version or alias ARN"),
      name: str("unique per state machine; default a random UUID"),
      input: anyJson,
      traceHeader: str(),
    },
    ["stateMachineArn"],
  ),
  ExecutionStarted: object({ executionArn: str(), startDate: date }, ["executionArn", "startDate"]),
  Execution: {
    type: "object",
    description: "as DescribeExecution, with `input` and `output` as JSON values",
    properties: {
      executionArn: str(),
      stateMachineArn: str(),
      name: str(),
      status: { type: "string", enum: EXECUTION_STATUSES },
      startDate: date,
      stopDate: date,
      input: anyJson,
      output: anyJson,
      error: str(),
      cause: str(),
      redriveCount: { type: "integer" },
      redriveStatus: str(),
    },
    required: ["executionArn", "stateMachineArn", "name", "status", "startDate"],
  },
  ExecutionListItem: {
    type: "object",
    properties: {
      executionArn: str(),
      stateMachineArn: str(),
      name: str(),
      status: str(),
      startDate: date,
      stopDate: date,
    },
  },
  ExecutionStop: object({ error: str(), cause: str() }),
  ExecutionStopped: object({ stopDate: date }),
  ExecutionRedriven: object({ redriveDate: date }),
  HistoryEvent: {
    type: "object",
    description:
      "a history event as GetExecutionHistory returns it (id, previousEventId, timestamp, type, *EventDetails)",
    properties: {
      id: { type: "integer" },
      previousEventId: { type: "integer" },
      timestamp: date,
      type: str(),
    },
    required: ["id", "type"],
  },
  TaskSuccess: object({ output: anyJson }),
  TaskFailure: object({ error: str(), cause: str() }),
  ActivityCreate: object({ name: { type: "string", minLength: 1, maxLength: 80 } }, ["name"]),
  Activity: object({ activityArn: str(), name: str(), creationDate: date }, [
    "activityArn",
    "name",
    "creationDate",
  ]),
  ActivityCreated: object({ activityArn: str(), creationDate: date }),
  ActivityPoll: object({
    workerName: { type: "string", minLength: 1, maxLength: 80 },
    waitSeconds: { type: "integer", minimum: 0, maximum: 60 },
  }),
  ActivityTask: object({ taskToken: str(), input: anyJson }, ["taskToken", "input"]),
  QuarantinedTask: object(quarantineFields, Object.keys(quarantineFields)),
  QuarantinedTaskDetail: object(
    { ...quarantineFields, input: { description: "the input its handler was given (any JSON value)" } },
    [...Object.keys(quarantineFields), "input"],
  ),
};

/** The OpenAPI 3.1 document of the REST API, served at `/v1/openapi.json`. */
export const OPENAPI_DOCUMENT: OpenApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Stepflow REST API",
    version: "1",
    description:
      "State machines, executions, history (also as Server-Sent Events), task callbacks, activities and the workers' quarantine. Every error is an RFC 9457 problem with a stable `code`.",
  },
  servers: [{ url: "/v1" }],
  paths: {
    "/openapi.json": {
      get: op("getOpenApi", "This document", "meta", {
        responses: { "200": json({ type: "object" }, "the OpenAPI document") },
      }),
    },
    "/state-machines": {
      post: op("createStateMachine", "Create a state machine", "state machines", {
        requestBody: body(ref("StateMachineCreate")),
        responses: { "201": json(ref("StateMachineCreated"), "created"), ...problems(409) },
      }),
      get: op("listStateMachines", "List state machines by name", "state machines", {
        parameters: paging,
        responses: { "200": json(pageOf(ref("StateMachineListItem")), "a page"), ...problems() },
      }),
    },
    "/state-machines/{arn}": {
      get: op("describeStateMachine", "Describe a state machine, or a version of it", "state machines", {
        parameters: [arn("state machine or version")],
        responses: { "200": json(ref("StateMachine"), "the state machine"), ...problems(404) },
      }),
      patch: op(
        "updateStateMachine",
        "Change the definition or role, optionally publishing a version",
        "state machines",
        {
          parameters: [arn("state machine")],
          requestBody: body(ref("StateMachineUpdate")),
          responses: { "200": json(ref("StateMachineUpdated"), "updated"), ...problems(404) },
        },
      ),
      delete: op(
        "deleteStateMachine",
        "Delete a state machine, or a version when given a version ARN",
        "state machines",
        {
          parameters: [arn("state machine or version")],
          responses: { "204": noContent, ...problems(409) },
        },
      ),
    },
    "/state-machines/{arn}/versions": {
      post: op("publishVersion", "Publish the current revision as a version", "state machines", {
        parameters: [arn("state machine")],
        requestBody: body(ref("VersionPublish")),
        responses: { "201": json(ref("VersionPublished"), "published"), ...problems(404, 409) },
      }),
      get: op("listVersions", "List versions, newest first", "state machines", {
        parameters: [arn("state machine"), ...paging],
        responses: {
          "200": json(pageOf(object({ stateMachineVersionArn: str(), creationDate: date })), "a page"),
          ...problems(404),
        },
      }),
    },
    "/executions": {
      post: op(
        "startExecution",
        "Start an execution (idempotent on name and input while it runs)",
        "executions",
        {
          requestBody: body(ref("ExecutionStart")),
          responses: { "201": json(ref("ExecutionStarted"), "started"), ...problems(404, 409) },
        },
      ),
      get: op("listExecutions", "List a state machine's executions, newest first", "executions", {
        parameters: [
          { name: "stateMachineArn", in: "query", required: true, schema: { type: "string" } },
          { name: "status", in: "query", schema: { type: "string", enum: EXECUTION_STATUSES } },
          ...paging,
        ],
        responses: { "200": json(pageOf(ref("ExecutionListItem")), "a page"), ...problems(404) },
      }),
    },
    "/executions/{arn}": {
      get: op("describeExecution", "Describe an execution", "executions", {
        parameters: [arn("execution")],
        responses: { "200": json(ref("Execution"), "the execution"), ...problems(404) },
      }),
    },
    "/executions/{arn}/stop": {
      post: op("stopExecution", "Stop a running execution (ABORTED)", "executions", {
        parameters: [arn("execution")],
        requestBody: body(ref("ExecutionStop")),
        responses: { "200": json(ref("ExecutionStopped"), "stopped"), ...problems(404) },
      }),
    },
    "/executions/{arn}/redrive": {
      post: op(
        "redriveExecution",
        "Restart a failed, aborted or timed-out execution where it stopped",
        "executions",
        {
          parameters: [arn("execution")],
          responses: { "200": json(ref("ExecutionRedriven"), "redriven"), ...problems(404, 409) },
        },
      ),
    },
    "/executions/{arn}/history": {
      get: op("getExecutionHistory", "Read the history, a page at a time", "executions", {
        parameters: [
          arn("execution"),
          { name: "reverse", in: "query", description: "newest first", schema: { type: "boolean" } },
          { name: "includeData", in: "query", description: "default true", schema: { type: "boolean" } },
          ...paging,
        ],
        responses: { "200": json(pageOf(ref("HistoryEvent")), "a page"), ...problems(404) },
      }),
    },
    "/executions/{arn}/events": {
      get: op(
        "streamExecutionEvents",
        "Stream the history as Server-Sent Events until the execution ends",
        "executions",
        {
          parameters: [
            arn("execution"),
            {
              name: "Last-Event-ID",
              in: "header",
              description: "resume after this event id",
              schema: { type: "string" },
            },
          ],
          responses: {
            "200": {
              description:
                "`event: history` (id: the event id, data: a HistoryEvent) for each event written, then `event: end` (data: the Execution); `: heartbeat` comments every 15 s",
              content: { "text/event-stream": { schema: { type: "string" } } },
            },
            ...problems(404),
          },
        },
      ),
    },
    "/tasks/{token}/success": {
      post: op("sendTaskSuccess", "Complete a task with its output", "tasks", {
        parameters: [token],
        requestBody: body(ref("TaskSuccess")),
        responses: { "204": noContent, ...problems(404, 410) },
      }),
    },
    "/tasks/{token}/failure": {
      post: op("sendTaskFailure", "Fail a task with an error name and cause", "tasks", {
        parameters: [token],
        requestBody: body(ref("TaskFailure")),
        responses: { "204": noContent, ...problems(404, 410) },
      }),
    },
    "/tasks/{token}/heartbeat": {
      post: op("sendTaskHeartbeat", "Report that a task is still being worked on", "tasks", {
        parameters: [token],
        responses: { "204": noContent, ...problems(404, 410) },
      }),
    },
    "/activities": {
      post: op("createActivity", "Create an activity (idempotent on the name)", "activities", {
        requestBody: body(ref("ActivityCreate")),
        responses: { "201": json(ref("ActivityCreated"), "created"), ...problems() },
      }),
      get: op("listActivities", "List activities by name", "activities", {
        parameters: paging,
        responses: { "200": json(pageOf(ref("Activity")), "a page"), ...problems() },
      }),
    },
    "/activities/{arn}": {
      get: op("describeActivity", "Describe an activity", "activities", {
        parameters: [arn("activity")],
        responses: { "200": json(ref("Activity"), "the activity"), ...problems(404) },
      }),
      delete: op("deleteActivity", "Delete an activity", "activities", {
        parameters: [arn("activity")],
        responses: { "204": noContent, ...problems() },
      }),
    },
    "/activities/{arn}/task": {
      post: op(
        "pollActivityTask",
        "Wait up to waitSeconds (default 60) for a task of the activity",
        "activities",
        {
          parameters: [arn("activity")],
          requestBody: body(ref("ActivityPoll")),
          responses: {
            "200": json(ref("ActivityTask"), "a task: answer it through /tasks/{token}/..."),
            "204": { description: "no task arrived in time" },
            ...problems(404),
          },
        },
      ),
    },
    "/quarantine": {
      get: op(
        "listQuarantinedTasks",
        "List the workers' quarantine, oldest first: tasks whose worker died running them more than stallLimit times (their Task already failed)",
        "quarantine",
        {
          parameters: paging,
          responses: {
            "200": json(
              object(
                {
                  items: { type: "array", items: ref("QuarantinedTask") },
                  total: { type: "integer", description: "quarantined tasks in all" },
                  nextCursor: str("pass as `cursor` for the next page"),
                },
                ["items", "total"],
              ),
              "a page",
            ),
            ...problems(404),
          },
        },
      ),
    },
    "/quarantine/{token}": {
      get: op("describeQuarantinedTask", "A quarantined task, with its input", "quarantine", {
        parameters: [quarantinedToken],
        responses: { "200": json(ref("QuarantinedTaskDetail"), "the quarantined task"), ...problems(404) },
      }),
      delete: op(
        "deleteQuarantinedTask",
        "Drop a quarantined task (its Task already failed; redrive the execution to run the state again)",
        "quarantine",
        {
          parameters: [quarantinedToken],
          responses: { "204": noContent, ...problems(404) },
        },
      ),
    },
  },
  components: { schemas },
};

/**
 * The document served when the server runs an event bus: {@link OPENAPI_DOCUMENT} plus buses, PutEvents,
 * rules and targets, archives, replays, dead letters and TestEventPattern.
 */
export const OPENAPI_DOCUMENT_WITH_EVENTS: OpenApiDocument = {
  ...OPENAPI_DOCUMENT,
  info: {
    ...OPENAPI_DOCUMENT.info,
    description: `${OPENAPI_DOCUMENT.info.description} With an event bus: EventBridge's buses, events, rules, targets, archives, replays and dead letters, with its member names.`,
  },
  paths: { ...OPENAPI_DOCUMENT.paths, ...EVENTS_OPENAPI_PATHS },
  components: { schemas: { ...schemas, ...EVENTS_OPENAPI_SCHEMAS } },
};
