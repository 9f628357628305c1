import { compilePattern, matches, parseEvent } from "@stepflow/events";

/**
 * TestEventPattern: whether `Event` matches `EventPattern`. The pattern is checked first
 * (InvalidEventPatternException with event-ruler's message), then the event (ValidationException
 * "Parameter Event is not valid." unless it is a JSON object with EventBridge's envelope fields); both
 * errors propagate from @stepflow/events with their AWS codes.
 */
export function testEventPattern(request: { EventPattern: string; Event: string }): { Result: boolean } {
  const pattern = compilePattern(request.EventPattern);
  return { Result: matches(pattern, parseEvent(request.Event)) };
}
