import type { Json } from "@stepflow/asl";

/** The broadcast half of a TaskQueue, shared by the adapters that run on a server (Redis or PostgreSQL). */
export interface PubSub {
  publish(topic: string, message: Json): Promise<void>;
  subscribe(topic: string, listener: (message: Json) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Calls each listener with `message`; a throwing listener must not reach the transport or starve the others. */
export function notifyListeners(
  listeners: Iterable<(message: Json) => void> | undefined,
  message: Json,
): void {
  if (listeners === undefined) return;
  for (const listener of listeners) {
    try {
      listener(message);
    } catch {
      // Best-effort broadcast: a listener owns its errors.
    }
  }
}
