import type {
  JsonSchema,
  OpenApiContent,
  OpenApiDocument,
  OpenApiOperation,
  OpenApiParameter,
} from "../openapi-document.ts";

type Response = OpenApiContent & { description: string };

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): JsonSchema =>
  description === undefined ? { type: "string" } : { type: "string", description };
const int: JsonSchema = { type: "integer" };
const date: JsonSchema = { type: "string", format: "date-time" };
const strings: JsonSchema = { type: "array", items: { type: "string" } };
const stringMap: JsonSchema = { type: "object", additionalProperties: { type: "string" } };
const jsonOrText = (description: string): JsonSchema => ({
  description,
  oneOf: [{ type: "object" }, { type: "string" }],
});

function object(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return { type: "object", properties, required, additionalProperties: false };
}

function json(schema: JsonSchema, description: string): Response {
  return { description, content: { "application/json": { schema } } };
}

function pageOf(item: JsonSchema): Response {
  return json(
    object({ items: { type: "array", items: item }, nextCursor: str("pass as `cursor` for the next page") }, [
      "items",
    ]),
    "a page",
  );
}

function body(schema: JsonSchema): OpenApiContent {
  return { required: true, content: { "application/json": { schema } } };
}

const noContent: Response = { description: "done, no body" };

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "invalid request (code: ValidationException, InvalidEventPatternException, LimitExceededException, ...)",
  404: "the bus, rule, archive or replay does not exist (ResourceNotFoundException)",
  409: "it already exists (ResourceAlreadyExistsException) or is in the wrong state (IllegalStatusException)",
  413: "request body too large",
  503: "the database is unavailable",
};

/** Problem responses for the given statuses (400 and 503 always). */
function problems(...statuses: number[]): Record<string, Response> {
  const out: Record<string, Response> = {};
  for (const status of [400, ...statuses, 503]) {
    out[String(status)] = {
      description: PROBLEM_DESCRIPTIONS[status] ?? "error",
      content: { "application/problem+json": { schema: ref("Problem") } },
    };
  }
  return out;
}

const path = (name: string, description: string): OpenApiParameter => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});
const bus = path("bus", "event bus name (`default` for the default bus)");
const rule = path("rule", "rule name");
const paging: OpenApiParameter[] = [
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
  {
    name: "cursor",
    in: "query",
    description: "`nextCursor` of the previous page",
    schema: { type: "string" },
  },
];
const query = (
  name: string,
  description: string,
  schema: JsonSchema = { type: "string" },
): OpenApiParameter => ({
  name,
  in: "query",
  description,
  schema,
});

function op(
  operationId: string,
  summary: string,
  tag: string,
  parts: Omit<OpenApiOperation, "operationId" | "summary" | "tags">,
): OpenApiOperation {
  return { operationId, summary, tags: [tag], ...parts };
}

const target: JsonSchema = object(
  {
    Id: str(),
    Arn: str(
      "a state machine, worker queue (arn:aws:stepflow:…:queue/NAME), API destination or event bus ARN",
    ),
    RoleArn: str(),
    Input: str("constant JSON text delivered instead of the event"),
    InputPath: str("JSONPath of the part of the event delivered"),
    InputTransformer: object({ InputPathsMap: stringMap, InputTemplate: str() }, ["InputTemplate"]),
    RetryPolicy: object({ MaximumRetryAttempts: int, MaximumEventAgeInSeconds: int }),
    DeadLetterConfig: object({ Arn: str() }),
    HttpParameters: object({
      PathParameterValues: strings,
      HeaderParameters: stringMap,
      QueryStringParameters: stringMap,
    }),
  },
  ["Id", "Arn"],
);
const failedTargets = object(
  {
    FailedEntryCount: int,
    FailedEntries: {
      type: "array",
      items: object({ TargetId: str(), ErrorCode: str(), ErrorMessage: str() }),
    },
  },
  ["FailedEntryCount", "FailedEntries"],
);
const ruleMembers: Record<string, JsonSchema> = {
  EventPattern: jsonOrText("the event pattern, as a JSON object or as JSON text"),
  ScheduleExpression: str(
    "rate(...) or cron(...) in UTC, default bus only; fires a Scheduled Event to the rule's targets at each tick",
  ),
  State: { type: "string", enum: ["ENABLED", "DISABLED"] },
  Description: str(),
  RoleArn: str(),
};
const replayTimes: Record<string, JsonSchema> = {
  EventStartTime: date,
  EventEndTime: date,
  EventLastReplayedTime: date,
  ReplayStartTime: date,
  ReplayEndTime: date,
};

/** The schemas the event bus paths refer to (EventBridge's member names). */
export const EVENTS_OPENAPI_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  EventBus: object(
    { Name: str(), Arn: str(), Description: str(), CreationTime: date, LastModifiedTime: date },
    ["Name", "Arn"],
  ),
  PutEventsEntry: object({
    Source: str(),
    DetailType: str(),
    Detail: jsonOrText("a JSON object, or JSON text of one"),
    Time: { description: "ISO-8601 date-time or epoch seconds", oneOf: [date, { type: "number" }] },
    Resources: strings,
    TraceHeader: str(),
    EventBusName: str("optional; must name the bus of the path"),
  }),
  PutEventsResult: object(
    {
      FailedEntryCount: int,
      Entries: {
        type: "array",
        description: "one per entry, in order: EventId, or ErrorCode and ErrorMessage",
        items: object({ EventId: str(), ErrorCode: str(), ErrorMessage: str() }),
      },
    },
    ["FailedEntryCount", "Entries"],
  ),
  RuleCreate: object({ Name: str(), ...ruleMembers }, ["Name"]),
  RuleUpdate: object(ruleMembers),
  Rule: object(
    { Name: str(), Arn: str(), EventBusName: str(), CreatedBy: str(), ...ruleMembers, EventPattern: str() },
    ["Name", "Arn", "State", "EventBusName"],
  ),
  Target: target,
  FailedTargets: failedTargets,
  Archive: object({
    ArchiveArn: str(),
    ArchiveName: str(),
    EventSourceArn: str(),
    Description: str(),
    EventPattern: str(),
    State: str(),
    RetentionDays: int,
    SizeBytes: int,
    EventCount: int,
    CreationTime: date,
  }),
  Replay: object({
    ReplayName: str(),
    ReplayArn: str(),
    Description: str(),
    State: str(),
    StateReason: str(),
    EventSourceArn: str(),
    Destination: object({ Arn: str(), FilterArns: strings }, ["Arn"]),
    ...replayTimes,
  }),
  DeadLetter: object({
    DeliveryId: str(),
    EventId: str(),
    EventBusName: str(),
    RuleArn: str(),
    TargetId: str(),
    TargetArn: str(),
    DeadLetterArn: str(),
    ReplayName: str(),
    Payload: str("what the target was to receive"),
    Attempts: int,
    LastError: str(),
    FailedTime: date,
  }),
};

/** The event bus paths of the REST API, present when the server runs a bus. */
export const EVENTS_OPENAPI_PATHS: OpenApiDocument["paths"] = {
  "/buses": {
    post: op("createEventBus", "Create a custom event bus", "event buses", {
      requestBody: body(object({ Name: str(), Description: str() }, ["Name"])),
      responses: {
        "201": json(object({ EventBusArn: str(), Description: str() }), "created"),
        ...problems(409),
      },
    }),
    get: op("listEventBuses", "List event buses by name", "event buses", {
      parameters: [query("namePrefix", "only names starting with this"), ...paging],
      responses: { "200": pageOf(ref("EventBus")), ...problems() },
    }),
  },
  "/buses/{bus}": {
    get: op("describeEventBus", "Describe an event bus", "event buses", {
      parameters: [bus],
      responses: { "200": json(ref("EventBus"), "the bus"), ...problems(404) },
    }),
    delete: op("deleteEventBus", "Delete a custom bus with its rules and targets", "event buses", {
      parameters: [bus],
      responses: { "204": noContent, ...problems(404) },
    }),
  },
  "/buses/{bus}/events": {
    post: op("putEvents", "Put 1-10 events on the bus (PutEvents)", "event buses", {
      parameters: [bus],
      requestBody: body(object({ Entries: { type: "array", items: ref("PutEventsEntry") } }, ["Entries"])),
      responses: {
        "200": json(
          ref("PutEventsResult"),
          "per-entry results; rejected entries are counted in FailedEntryCount",
        ),
        ...problems(404, 413),
      },
    }),
  },
  "/buses/{bus}/dead-letters": {
    get: op("listDeadLetters", "Deliveries that exhausted their retries, oldest first", "dead letters", {
      parameters: [bus, query("ruleArn", "only this rule's"), ...paging],
      responses: { "200": pageOf(ref("DeadLetter")), ...problems(404) },
    }),
  },
  "/buses/{bus}/dead-letters/redrive": {
    post: op(
      "redriveDeadLetters",
      "Deliver dead letters again (the given ones, or all of the bus)",
      "dead letters",
      {
        parameters: [bus],
        requestBody: body(object({ DeliveryIds: strings })),
        responses: {
          "200": json(object({ RedrivenCount: int }, ["RedrivenCount"]), "redriven"),
          ...problems(404),
        },
      },
    ),
  },
  "/buses/{bus}/rules": {
    post: op("createRule", "Create a rule (PutRule of a new name)", "rules", {
      parameters: [bus],
      requestBody: body(ref("RuleCreate")),
      responses: { "201": json(object({ RuleArn: str() }, ["RuleArn"]), "created"), ...problems(404, 409) },
    }),
    get: op("listRules", "List the bus's rules by name", "rules", {
      parameters: [bus, query("namePrefix", "only names starting with this"), ...paging],
      responses: { "200": pageOf(ref("Rule")), ...problems(404) },
    }),
  },
  "/buses/{bus}/rules/{rule}": {
    get: op("describeRule", "Describe a rule", "rules", {
      parameters: [bus, rule],
      responses: { "200": json(ref("Rule"), "the rule"), ...problems(404) },
    }),
    patch: op("updateRule", "Change a rule; members not given are kept", "rules", {
      parameters: [bus, rule],
      requestBody: body(ref("RuleUpdate")),
      responses: { "200": json(object({ RuleArn: str() }, ["RuleArn"]), "updated"), ...problems(404) },
    }),
    delete: op("deleteRule", "Delete a rule (refused while it has targets unless force=true)", "rules", {
      parameters: [bus, rule, query("force", "delete its targets too", { type: "boolean" })],
      responses: { "204": noContent, ...problems(404) },
    }),
  },
  "/buses/{bus}/rules/{rule}/enable": {
    post: op("enableRule", "Enable a rule", "rules", {
      parameters: [bus, rule],
      responses: { "200": json(ref("Rule"), "the rule, now ENABLED"), ...problems(404) },
    }),
  },
  "/buses/{bus}/rules/{rule}/disable": {
    post: op("disableRule", "Disable a rule: it matches nothing until enabled", "rules", {
      parameters: [bus, rule],
      responses: { "200": json(ref("Rule"), "the rule, now DISABLED"), ...problems(404) },
    }),
  },
  "/buses/{bus}/rules/{rule}/targets": {
    get: op("listTargetsByRule", "List a rule's targets", "rules", {
      parameters: [bus, rule, ...paging],
      responses: { "200": pageOf(ref("Target")), ...problems(404) },
    }),
    post: op("putTargets", "Add or replace targets of a rule (PutTargets)", "rules", {
      parameters: [bus, rule],
      requestBody: body(object({ Targets: { type: "array", items: ref("Target") } }, ["Targets"])),
      responses: {
        "200": json(ref("FailedTargets"), "targets Stepflow cannot deliver to are in FailedEntries"),
        ...problems(404),
      },
    }),
  },
  "/buses/{bus}/rules/{rule}/targets/remove": {
    post: op("removeTargets", "Remove targets of a rule by id (RemoveTargets)", "rules", {
      parameters: [bus, rule],
      requestBody: body(object({ Ids: strings, Force: { type: "boolean" } }, ["Ids"])),
      responses: { "200": json(ref("FailedTargets"), "removed"), ...problems(404) },
    }),
  },
  "/buses/{bus}/rules/{rule}/targets/{target}": {
    delete: op("removeTarget", "Remove one target of a rule (no error when it is not there)", "rules", {
      parameters: [bus, rule, path("target", "target id")],
      responses: { "204": noContent, ...problems(404) },
    }),
  },
  "/archives": {
    post: op("createArchive", "Archive a bus's events (all, or those matching EventPattern)", "archives", {
      requestBody: body(
        object(
          {
            ArchiveName: str(),
            EventSourceArn: str("the bus, by name or ARN"),
            Description: str(),
            EventPattern: jsonOrText("only events matching this are archived"),
            RetentionDays: { type: "integer", minimum: 0, description: "0 keeps events forever" },
          },
          ["ArchiveName", "EventSourceArn"],
        ),
      ),
      responses: {
        "201": json(object({ ArchiveArn: str(), State: str(), CreationTime: date }), "created"),
        ...problems(404, 409),
      },
    }),
    get: op("listArchives", "List archives by name", "archives", {
      parameters: [
        query("namePrefix", "only names starting with this"),
        query("eventSourceArn", "only the archives of this bus"),
        ...paging,
      ],
      responses: { "200": pageOf(ref("Archive")), ...problems() },
    }),
  },
  "/archives/{archive}": {
    get: op("describeArchive", "Describe an archive with its event count and size", "archives", {
      parameters: [path("archive", "archive name")],
      responses: { "200": json(ref("Archive"), "the archive"), ...problems(404) },
    }),
    delete: op("deleteArchive", "Delete an archive and its events", "archives", {
      parameters: [path("archive", "archive name")],
      responses: { "204": noContent, ...problems(404) },
    }),
  },
  "/replays": {
    post: op(
      "startReplay",
      "Replay an archive's events of [EventStartTime, EventEndTime) on its bus",
      "replays",
      {
        requestBody: body(
          object(
            {
              ReplayName: str(),
              Description: str(),
              EventSourceArn: str("the archive ARN"),
              EventStartTime: date,
              EventEndTime: date,
              Destination: object({ Arn: str("the archive's bus ARN"), FilterArns: strings }, ["Arn"]),
            },
            ["ReplayName", "EventSourceArn", "EventStartTime", "EventEndTime", "Destination"],
          ),
        ),
        responses: {
          "201": json(object({ ReplayArn: str(), State: str(), ReplayStartTime: date }), "started"),
          ...problems(404, 409),
        },
      },
    ),
    get: op("listReplays", "List replays by name", "replays", {
      parameters: [
        query("namePrefix", "only names starting with this"),
        query("state", "only replays in this state", {
          type: "string",
          enum: ["STARTING", "RUNNING", "CANCELLING", "COMPLETED", "CANCELLED", "FAILED"],
        }),
        query("eventSourceArn", "only replays of this archive ARN"),
        ...paging,
      ],
      responses: { "200": pageOf(ref("Replay")), ...problems() },
    }),
  },
  "/replays/{replay}": {
    get: op("describeReplay", "Describe a replay and its progress", "replays", {
      parameters: [path("replay", "replay name")],
      responses: { "200": json(ref("Replay"), "the replay"), ...problems(404) },
    }),
  },
  "/replays/{replay}/cancel": {
    post: op("cancelReplay", "Cancel a STARTING or RUNNING replay", "replays", {
      parameters: [path("replay", "replay name")],
      responses: {
        "200": json(object({ ReplayArn: str(), State: str() }), "cancelling"),
        ...problems(404, 409),
      },
    }),
  },
  "/event-patterns/test": {
    post: op(
      "testEventPattern",
      "Whether an event matches an event pattern (TestEventPattern)",
      "event patterns",
      {
        requestBody: body(
          object(
            {
              EventPattern: jsonOrText("the pattern, as a JSON object or JSON text"),
              Event: jsonOrText(
                "the event with EventBridge's envelope fields, as a JSON object or JSON text",
              ),
            },
            ["EventPattern", "Event"],
          ),
        ),
        responses: {
          "200": json(object({ Result: { type: "boolean" } }, ["Result"]), "the result"),
          ...problems(),
        },
      },
    ),
  },
};
