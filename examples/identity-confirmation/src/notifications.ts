/** A push notification as the phone shows it (the rules' InputTransformers shape it). */
export interface Notification {
  kind: "door-opened" | "unrecognized-person" | "identification-failed";
  title: string;
  /** The event that caused it. */
  eventId: string;
  time: string;
  personId?: string | null;
  doorEventId?: string;
  reason?: string | null;
  error?: string;
  cause?: string;
  /** When this process received it. */
  receivedAt: string;
}

type Listener = (notification: Notification) => void;

/** Notifications kept; the oldest go first. */
const MAX_KEPT = 1000;

/**
 * The notification target: stands in for a phone push service. It records what the rules deliver to the
 * `door-notifications` worker queue (each job once, though delivery is at least once), logs it, and
 * pushes it to the door page live.
 */
export class Phone {
  readonly #received: Notification[] = [];
  readonly #seen = new Set<string>();
  readonly #listeners = new Set<Listener>();

  constructor(private readonly log: (notification: Notification) => void = () => {}) {}

  /** Takes one delivered job; false when it was delivered before. */
  receive(jobId: string, payload: unknown): boolean {
    if (this.#seen.has(jobId)) return false;
    this.#seen.add(jobId);
    const notification = { ...(payload as object), receivedAt: new Date().toISOString() } as Notification;
    this.#received.push(notification);
    if (this.#received.length > MAX_KEPT) this.#received.shift();
    this.log(notification);
    for (const listener of this.#listeners) listener(notification);
    return true;
  }

  /** Everything received, oldest first. */
  get notifications(): readonly Notification[] {
    return this.#received;
  }

  /** Calls `listener` with each notification from now on; returns the unsubscriber. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
