import type { Json } from "@stepflow/asl";
import type { Redis } from "ioredis";
import { notifyListeners, type PubSub } from "./pub-sub.ts";

/** What {@link createRedisPubSub} needs. */
export interface RedisPubSubOptions {
  /** A connected client for PUBLISH; not closed by `close()`. */
  readonly publisher: Redis;
  /** Opens the dedicated subscriber connection (on first subscribe); `close()` closes it. */
  readonly openSubscriber: () => Redis;
  /** Prepended to every topic to form the channel name, e.g. `"sf_1:pubsub:"`. */
  readonly channelPrefix: string;
}

/**
 * Topics on Redis pub/sub, one channel per topic under `channelPrefix`. A subscriber connection cannot send
 * other commands, so it is a dedicated one, shared by every topic of this instance.
 */
export function createRedisPubSub(options: RedisPubSubOptions): PubSub {
  const listeners = new Map<string, Set<(message: Json) => void>>();
  let subscriber: Redis | undefined;

  const subscriberConnection = (): Redis => {
    if (subscriber !== undefined) return subscriber;
    const connection = options.openSubscriber();
    connection.on("message", (channel: string, text: string) => {
      let message: Json;
      try {
        message = JSON.parse(text) as Json;
      } catch {
        return;
      }
      notifyListeners(listeners.get(channel), message);
    });
    subscriber = connection;
    return connection;
  };

  return {
    async publish(topic, message) {
      await options.publisher.publish(options.channelPrefix + topic, JSON.stringify(message));
    },

    async subscribe(topic, listener) {
      const channel = options.channelPrefix + topic;
      // Wrapped so that subscribing one function twice gives two independent subscriptions.
      const entry = (message: Json): void => listener(message);
      let channelListeners = listeners.get(channel);
      if (channelListeners === undefined) {
        channelListeners = new Set();
        listeners.set(channel, channelListeners);
      }
      channelListeners.add(entry);
      const connection = subscriberConnection();
      // SUBSCRIBE is idempotent, and awaiting it means a publish after this resolves is received.
      await connection.subscribe(channel);
      const subscribed = channelListeners;
      return async () => {
        subscribed.delete(entry);
        if (subscribed.size > 0 || listeners.get(channel) !== subscribed) return;
        listeners.delete(channel);
        if (subscriber === connection) await connection.unsubscribe(channel);
      };
    },

    async close() {
      listeners.clear();
      const connection = subscriber;
      subscriber = undefined;
      if (connection !== undefined) await connection.quit().catch(() => connection.disconnect());
    },
  };
}
