import type { Shape } from "./wire-shape.ts";

type Structure = Shape & { kind: "structure" };

const str = (rule: Omit<Shape & { kind: "string" }, "kind"> = {}): Shape => ({ kind: "string", ...rule });
const int = (min?: number, max?: number): Shape => ({
  kind: "integer",
  ...(min === undefined ? {} : { min }),
  ...(max === undefined ? {} : { max }),
});
const bool: Shape = { kind: "boolean" };
const time: Shape = { kind: "timestamp" };
const list = (member: Shape, min?: number, max?: number): Shape => ({
  kind: "list",
  member,
  ...(min === undefined ? {} : { min }),
  ...(max === undefined ? {} : { max }),
});
const map = (value: Shape): Shape => ({ kind: "map", key: str(), value });
const struct = (members: Record<string, Shape>, required: string[] = []): Structure => ({
  kind: "structure",
  members,
  required,
});

// Names, bus names, ids and the target's input members are checked by @stepflow/events with AWS's
// messages; the shapes below add the JSON types, required members and the model's other constraints.
const name = str();
const busName = str({ min: 1, max: 1600 });
const arn = str({ min: 1, max: 1600 });
const description = str({ max: 512 });
const eventPattern = str({ max: 4096 });
const nextToken = str({ min: 1, max: 2048 });
const limit = int(1, 100);
const tags = list(struct({ Key: str({ min: 1, max: 128 }), Value: str({ max: 256 }) }, ["Key", "Value"]));
const keyValues = list(struct({ Key: str(), Value: str({ sensitive: true }) }));
const httpParameters = struct({
  HeaderParameters: keyValues,
  QueryStringParameters: keyValues,
  BodyParameters: keyValues,
});

const target = struct(
  {
    Id: str(),
    Arn: str(),
    RoleArn: arn,
    Input: str({ max: 8192 }),
    InputPath: str({ max: 256 }),
    InputTransformer: struct({ InputPathsMap: map(str()), InputTemplate: str({ min: 1, max: 8192 }) }, [
      "InputTemplate",
    ]),
    RetryPolicy: struct({ MaximumRetryAttempts: int(), MaximumEventAgeInSeconds: int() }),
    DeadLetterConfig: struct({ Arn: arn }),
    HttpParameters: struct({
      PathParameterValues: list(str()),
      HeaderParameters: map(str({ max: 512 })),
      QueryStringParameters: map(str({ max: 512 })),
    }),
  },
  ["Id", "Arn"],
);

const entry = struct({
  Time: time,
  Source: str(),
  Resources: list(str({ max: 2048 })),
  DetailType: str(),
  Detail: str(),
  EventBusName: str(),
  TraceHeader: str({ min: 1, max: 500 }),
});

const byName = struct({ Name: name }, ["Name"]);

/** A connection's AuthParameters: CreateConnection's (`required`) or UpdateConnection's (all optional). */
function connectionAuth(required: boolean): Shape {
  const need = (members: string[]) => (required ? members : []);
  return struct({
    ApiKeyAuthParameters: struct(
      { ApiKeyName: str({ min: 1, max: 512 }), ApiKeyValue: str({ min: 1, max: 512, sensitive: true }) },
      need(["ApiKeyName", "ApiKeyValue"]),
    ),
    BasicAuthParameters: struct(
      { Username: str({ min: 1, max: 512 }), Password: str({ min: 1, max: 512, sensitive: true }) },
      need(["Username", "Password"]),
    ),
    OAuthParameters: struct({
      ClientParameters: struct({ ClientID: str(), ClientSecret: str({ sensitive: true }) }),
      AuthorizationEndpoint: str({ min: 1, max: 2048 }),
      HttpMethod: str({ enum: ["GET", "POST", "PUT"] }),
      OAuthHttpParameters: httpParameters,
    }),
    InvocationHttpParameters: httpParameters,
  });
}
const ruleRef = struct({ Name: name, EventBusName: busName }, ["Name"]);
const listByPrefix = struct({ NamePrefix: str({ min: 1, max: 64 }), NextToken: nextToken, Limit: limit });

/**
 * The request shape of every `AWSEvents.<Action>` the server answers (the EventBridge API model's member
 * types, required members and constraints), plus Stepflow's dead-letter actions.
 */
export const EVENTS_REQUEST_SHAPES: Readonly<Record<string, Structure>> = {
  CreateEventBus: struct({ Name: name, EventSourceName: str(), Description: description, Tags: tags }, [
    "Name",
  ]),
  DescribeEventBus: struct({ Name: busName }),
  DeleteEventBus: byName,
  ListEventBuses: listByPrefix,

  PutEvents: struct({ Entries: list(entry), EndpointId: str() }, ["Entries"]),
  TestEventPattern: struct({ EventPattern: eventPattern, Event: str() }, ["EventPattern", "Event"]),

  PutRule: struct(
    {
      Name: name,
      ScheduleExpression: str({ max: 256 }),
      EventPattern: eventPattern,
      State: str({ enum: ["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"] }),
      Description: description,
      RoleArn: arn,
      Tags: tags,
      EventBusName: busName,
    },
    ["Name"],
  ),
  DescribeRule: ruleRef,
  DeleteRule: struct({ Name: name, EventBusName: busName, Force: bool }, ["Name"]),
  EnableRule: ruleRef,
  DisableRule: ruleRef,
  ListRules: struct({
    NamePrefix: str({ min: 1, max: 64 }),
    EventBusName: busName,
    NextToken: nextToken,
    Limit: limit,
  }),

  PutTargets: struct({ Rule: name, EventBusName: busName, Targets: list(target) }, ["Rule", "Targets"]),
  RemoveTargets: struct({ Rule: name, EventBusName: busName, Ids: list(str(), 1, 100), Force: bool }, [
    "Rule",
    "Ids",
  ]),
  ListTargetsByRule: struct({ Rule: name, EventBusName: busName, NextToken: nextToken, Limit: limit }, [
    "Rule",
  ]),

  CreateArchive: struct(
    {
      ArchiveName: name,
      EventSourceArn: arn,
      Description: description,
      EventPattern: eventPattern,
      RetentionDays: int(),
    },
    ["ArchiveName", "EventSourceArn"],
  ),
  DescribeArchive: struct({ ArchiveName: name }, ["ArchiveName"]),
  DeleteArchive: struct({ ArchiveName: name }, ["ArchiveName"]),
  ListArchives: struct({
    NamePrefix: str({ min: 1, max: 48 }),
    EventSourceArn: arn,
    State: str({ enum: ["ENABLED", "DISABLED", "CREATING", "UPDATING", "CREATE_FAILED", "UPDATE_FAILED"] }),
    NextToken: nextToken,
    Limit: limit,
  }),

  StartReplay: struct(
    {
      ReplayName: name,
      Description: description,
      EventSourceArn: arn,
      EventStartTime: time,
      EventEndTime: time,
      Destination: struct({ Arn: arn, FilterArns: list(arn) }, ["Arn"]),
    },
    ["ReplayName", "EventSourceArn", "EventStartTime", "EventEndTime", "Destination"],
  ),
  DescribeReplay: struct({ ReplayName: name }, ["ReplayName"]),
  CancelReplay: struct({ ReplayName: name }, ["ReplayName"]),
  ListReplays: struct({
    NamePrefix: str({ min: 1, max: 64 }),
    State: str({ enum: ["STARTING", "RUNNING", "CANCELLING", "COMPLETED", "CANCELLED", "FAILED"] }),
    EventSourceArn: arn,
    NextToken: nextToken,
    Limit: limit,
  }),

  CreateConnection: struct(
    {
      Name: name,
      Description: description,
      AuthorizationType: str(),
      AuthParameters: connectionAuth(true),
    },
    ["Name", "AuthorizationType", "AuthParameters"],
  ),
  // UpdateConnectionAuthRequestParameters: every member optional (left out, it keeps its value).
  UpdateConnection: struct(
    { Name: name, Description: description, AuthorizationType: str(), AuthParameters: connectionAuth(false) },
    ["Name"],
  ),
  DescribeConnection: byName,
  DeauthorizeConnection: byName,
  DeleteConnection: byName,
  ListConnections: struct({
    NamePrefix: str({ min: 1, max: 64 }),
    ConnectionState: str(),
    NextToken: nextToken,
    Limit: limit,
  }),

  CreateApiDestination: struct(
    {
      Name: name,
      Description: description,
      ConnectionArn: arn,
      InvocationEndpoint: str({ min: 1, max: 2048 }),
      HttpMethod: str(),
      InvocationRateLimitPerSecond: int(),
    },
    ["Name", "ConnectionArn", "InvocationEndpoint", "HttpMethod"],
  ),
  DescribeApiDestination: byName,
  DeleteApiDestination: byName,
  ListApiDestinations: struct({
    NamePrefix: str({ min: 1, max: 64 }),
    ConnectionArn: arn,
    NextToken: nextToken,
    Limit: limit,
  }),

  ListDeadLetters: struct({ EventBusName: busName, RuleArn: arn, NextToken: nextToken, Limit: limit }),
  RedriveDeadLetters: struct({ EventBusName: busName, DeliveryIds: list(str({ pattern: "[0-9]{1,18}" })) }),
};
