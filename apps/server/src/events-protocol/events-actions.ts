import type { EventBus } from "@stepflow/events";
import { testEventPattern } from "./test-event-pattern.ts";

/** One `AWSEvents.<Action>`: takes the request read against its shape, returns the response structure. */
export type EventsAction = (bus: EventBus, request: never) => Promise<object>;

const empty = async (done: Promise<unknown>): Promise<object> => (await done, {});

/**
 * Every action the server answers on `X-Amz-Target: AWSEvents.<Action>`, 1:1 onto the {@link EventBus}
 * methods (which take and return the AWS SDK shapes). Actions AWS answers with an empty body (Delete*,
 * EnableRule, DisableRule) answer `{}`. ListDeadLetters and RedriveDeadLetters are Stepflow's own.
 */
export const EVENTS_ACTIONS: ReadonlyMap<string, EventsAction> = new Map<string, EventsAction>(
  Object.entries({
    CreateEventBus: (bus, r: Parameters<EventBus["createEventBus"]>[0]) => bus.createEventBus(r),
    DescribeEventBus: (bus, r: Parameters<EventBus["describeEventBus"]>[0]) => bus.describeEventBus(r),
    DeleteEventBus: (bus, r: Parameters<EventBus["deleteEventBus"]>[0]) => empty(bus.deleteEventBus(r)),
    ListEventBuses: (bus, r: Parameters<EventBus["listEventBuses"]>[0]) => bus.listEventBuses(r),

    PutEvents: (bus, r: Parameters<EventBus["putEvents"]>[0]) => bus.putEvents(r),
    TestEventPattern: (_bus, r: Parameters<typeof testEventPattern>[0]) =>
      Promise.resolve().then(() => testEventPattern(r)),

    PutRule: (bus, r: Parameters<EventBus["putRule"]>[0]) => bus.putRule(r),
    DescribeRule: (bus, r: Parameters<EventBus["describeRule"]>[0]) => bus.describeRule(r),
    ListRules: (bus, r: Parameters<EventBus["listRules"]>[0]) => bus.listRules(r),
    DeleteRule: (bus, r: Parameters<EventBus["deleteRule"]>[0]) => empty(bus.deleteRule(r)),
    EnableRule: (bus, r: Parameters<EventBus["enableRule"]>[0]) => empty(bus.enableRule(r)),
    DisableRule: (bus, r: Parameters<EventBus["disableRule"]>[0]) => empty(bus.disableRule(r)),

    PutTargets: (bus, r: Parameters<EventBus["putTargets"]>[0]) => bus.putTargets(r),
    RemoveTargets: (bus, r: Parameters<EventBus["removeTargets"]>[0]) => bus.removeTargets(r),
    ListTargetsByRule: (bus, r: Parameters<EventBus["listTargetsByRule"]>[0]) => bus.listTargetsByRule(r),

    CreateArchive: (bus, r: Parameters<EventBus["createArchive"]>[0]) => bus.createArchive(r),
    DescribeArchive: (bus, r: Parameters<EventBus["describeArchive"]>[0]) => bus.describeArchive(r),
    ListArchives: (bus, r: Parameters<EventBus["listArchives"]>[0]) => bus.listArchives(r),
    DeleteArchive: (bus, r: Parameters<EventBus["deleteArchive"]>[0]) => empty(bus.deleteArchive(r)),

    StartReplay: (bus, r: Parameters<EventBus["startReplay"]>[0]) => bus.startReplay(r),
    DescribeReplay: (bus, r: Parameters<EventBus["describeReplay"]>[0]) => bus.describeReplay(r),
    ListReplays: (bus, r: Parameters<EventBus["listReplays"]>[0]) => bus.listReplays(r),
    CancelReplay: (bus, r: Parameters<EventBus["cancelReplay"]>[0]) => bus.cancelReplay(r),

    CreateConnection: (bus, r: Parameters<EventBus["createConnection"]>[0]) => bus.createConnection(r),
    DescribeConnection: (bus, r: Parameters<EventBus["describeConnection"]>[0]) => bus.describeConnection(r),
    UpdateConnection: (bus, r: Parameters<EventBus["updateConnection"]>[0]) => bus.updateConnection(r),
    DeauthorizeConnection: (bus, r: Parameters<EventBus["deauthorizeConnection"]>[0]) =>
      bus.deauthorizeConnection(r),
    DeleteConnection: (bus, r: Parameters<EventBus["deleteConnection"]>[0]) => bus.deleteConnection(r),
    ListConnections: (bus, r: Parameters<EventBus["listConnections"]>[0]) => bus.listConnections(r),
    CreateApiDestination: (bus, r: Parameters<EventBus["createApiDestination"]>[0]) =>
      bus.createApiDestination(r),
    DescribeApiDestination: (bus, r: Parameters<EventBus["describeApiDestination"]>[0]) =>
      bus.describeApiDestination(r),
    DeleteApiDestination: (bus, r: Parameters<EventBus["deleteApiDestination"]>[0]) =>
      empty(bus.deleteApiDestination(r)),
    ListApiDestinations: (bus, r: Parameters<EventBus["listApiDestinations"]>[0]) =>
      bus.listApiDestinations(r),

    ListDeadLetters: (bus, r: Parameters<EventBus["listDeadLetters"]>[0]) => bus.listDeadLetters(r),
    RedriveDeadLetters: (bus, r: Parameters<EventBus["redriveDeadLetters"]>[0]) => bus.redriveDeadLetters(r),
  } satisfies Record<string, (bus: EventBus, request: never) => Promise<object>>),
);
