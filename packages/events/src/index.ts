export { compilePattern, type CompiledPattern, type PatternBranch } from "./patterns/compile-pattern.ts";
export { InvalidEventPatternError } from "./patterns/invalid-event-pattern-error.ts";
export { matches, matchesFlat } from "./patterns/matches.ts";
export { flattenEvent, type FlatEvent, type EventLeaf } from "./patterns/flatten-event.ts";
export { parseEvent, EventValidationError } from "./patterns/parse-event.ts";
export { NumericLimits } from "./patterns/comparable-number.ts";
export type { Matcher, LeafValue } from "./patterns/matcher.ts";
export { createPatternIndex, type PatternIndex } from "./index/create-pattern-index.ts";
export { validateTarget } from "./transform/validate-target.ts";
export { transformTarget } from "./transform/transform-target.ts";
export { TargetValidationError } from "./transform/target-validation-error.ts";
export type { EventTargetInput, TransformContext, TransformOutcome } from "./transform/event-target-input.ts";
export { JsonNumberText } from "./json/json-number-text.ts";
export { parseJsonText, type JsonTextValue } from "./json/parse-json-text.ts";
export { createEventBus, type EventBus, type EventBusOptions } from "./bus/create-event-bus.ts";
export { EventsError, EventsErrorCode } from "./bus/events-error.ts";
export { createEventArns, busNameOf, type EventArns, type EventScope } from "./bus/event-arns.ts";
export {
  MAX_ENTRIES,
  MAX_REQUEST_BYTES,
  entrySize,
  type PutEventsRequestEntry,
  type PutEventsResultEntry,
  type PutEventsResponse,
} from "./bus/put-events-entry.ts";
export { STATUS_CHANGE_DETAIL_TYPE } from "./bus/execution-status-events.ts";
export type { EventBusDescription } from "./bus/bus-api.ts";
export type { PutRuleInput, RuleDescription } from "./rules/rule-api.ts";
export type { FailedTargetEntry } from "./rules/target-api.ts";
export { DEFAULT_RETRY, type EventTarget } from "./rules/event-target.ts";
export { isScheduleExpression } from "./schedule/schedule-expression.ts";
export { SCHEDULED_EVENT_DETAIL_TYPE } from "./schedule/scheduled-event.ts";
export type { DeadLetterEntry } from "./delivery/dead-letter-api.ts";
export type { ConnectionAuth } from "./delivery/deliver-http.ts";
export type { BackoffOptions } from "./delivery/backoff.ts";
export type { ReplayDestination } from "./archive/replay-api.ts";
export { migrateEvents, eventMigrationsDir, EVENT_MIGRATIONS_TABLE } from "./sql/migrate-events.ts";
