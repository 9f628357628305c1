import type { HistoryEvent } from "@stepflow/asl";

/** A history event as the REST API answers it: as GetExecutionHistory, with `timestamp` in ISO 8601. */
export type HistoryView = Omit<HistoryEvent, "timestamp"> & { timestamp: string };

/** The REST form of a history event. */
export function historyView(event: HistoryEvent): HistoryView {
  return { ...event, timestamp: new Date(event.timestamp).toISOString() };
}
