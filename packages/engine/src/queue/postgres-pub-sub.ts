import type { Json } from "@stepflow/asl";
import pg from "pg";
import { notifyListeners, type PubSub } from "./pub-sub.ts";

/** What {@link createPostgresPubSub} needs. */
export interface PostgresPubSubOptions {
  /** The database; the LISTEN connection is opened on first subscribe and closed by `close()`. */
  readonly url: string;
  /** Sends NOTIFY (a pool of the caller's, not closed here). */
  readonly publisher: { query(text: string, params?: readonly unknown[]): Promise<unknown> };
  /** One PostgreSQL channel carries every topic of this namespace (at most 63 bytes). */
  readonly channel: string;
  readonly onError: (error: Error) => void;
}

interface Envelope {
  topic: string;
  message: Json;
}

/**
 * The NOTIFY payload that delivers `message` to the subscribers of `topic`, for a statement that notifies
 * in the same round trip as its own work (`SELECT pg_notify(channel, payload)` after an INSERT).
 */
export function postgresNotifyPayload(topic: string, message: Json): string {
  const envelope: Envelope = { topic, message };
  return JSON.stringify(envelope);
}

/**
 * Topics on PostgreSQL LISTEN/NOTIFY: one channel for the namespace, the topic inside the payload (NOTIFY
 * payloads are limited to 8000 bytes, plenty for cancellation messages). The LISTEN connection is a
 * dedicated `pg.Client`, since a pooled connection may be handed to someone else between notifications.
 */
export function createPostgresPubSub(options: PostgresPubSubOptions): PubSub {
  if (Buffer.byteLength(options.channel) > 63) {
    throw new Error(`channel name ${JSON.stringify(options.channel)} is longer than PostgreSQL's 63 bytes`);
  }
  const listeners = new Map<string, Set<(message: Json) => void>>();
  let listening: Promise<pg.Client> | undefined;

  let closed = false;

  const listen = (): Promise<pg.Client> => {
    if (listening !== undefined) return listening;
    const attempt: Promise<pg.Client> = (async () => {
      const client = new pg.Client({ connectionString: options.url, keepAlive: true });
      client.on("error", options.onError);
      // A LISTEN lives on one connection: when it drops (server restart), listen again on a new one.
      client.on("end", () => {
        if (closed || listening !== attempt) return;
        listening = undefined;
        if (listeners.size > 0) listen().catch(options.onError);
      });
      client.on("notification", (notification) => {
        if (notification.channel !== options.channel || notification.payload === undefined) return;
        let envelope: Envelope;
        try {
          envelope = JSON.parse(notification.payload) as Envelope;
        } catch {
          return;
        }
        notifyListeners(listeners.get(envelope.topic), envelope.message);
      });
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(options.channel)}`);
      return client;
    })();
    listening = attempt;
    // A failed attempt is forgotten, so the next subscribe tries again.
    attempt.catch(() => {
      if (listening === attempt) listening = undefined;
    });
    return attempt;
  };

  return {
    async publish(topic, message) {
      await options.publisher.query("SELECT pg_notify($1, $2)", [
        options.channel,
        postgresNotifyPayload(topic, message),
      ]);
    },

    async subscribe(topic, listener) {
      // Wrapped so that subscribing one function twice gives two independent subscriptions.
      const entry = (message: Json): void => listener(message);
      let topicListeners = listeners.get(topic);
      if (topicListeners === undefined) {
        topicListeners = new Set();
        listeners.set(topic, topicListeners);
      }
      topicListeners.add(entry);
      await listen();
      const subscribed = topicListeners;
      return () => {
        subscribed.delete(entry);
        if (subscribed.size === 0 && listeners.get(topic) === subscribed) listeners.delete(topic);
        return Promise.resolve();
      };
    },

    async close() {
      closed = true;
      listeners.clear();
      const pending = listening;
      listening = undefined;
      if (pending === undefined) return;
      const client = await pending.catch(() => undefined);
      await client?.end().catch(() => {});
    },
  };
}
