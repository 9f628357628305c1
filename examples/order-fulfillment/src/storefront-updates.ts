/** One step of an order as the storefront shows it. */
export interface OrderUpdate {
  orderId: string;
  /** `OrderCreated`, `CustomerStatusDetermined`, `OrderFulfilled`, `OrderFailed`, or `ExecutionStatusChange`. */
  kind: string;
  /** What happened, in one line. */
  summary: string;
  eventId: string;
  time: string;
  /** For `ExecutionStatusChange`: the workflow (`customer-status`, `order-fulfillment`) and its run. */
  workflow?: string;
  executionArn?: string;
  status?: string;
  /** The event's detail (status changes: without their input and output text). */
  detail: unknown;
}

type Listener = (update: OrderUpdate) => void;

/** Orders remembered; the oldest are forgotten first, so a long-running server does not grow for ever. */
const MAX_ORDERS = 500;

/**
 * The front-end update target: the events the storefront rules deliver to the `storefront-updates` worker
 * queue become per-order timelines, replayed to each page that subscribes and pushed live after that.
 * Kept in this process's memory: a page sees the updates of the process that consumed them.
 */
export class StorefrontUpdates {
  readonly #orders = new Map<string, OrderUpdate[]>();
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #seen = new Set<string>();

  /** Records one delivered event (the job's id makes a redelivered job count once); ignores events of no order. */
  record(jobId: string, event: unknown): OrderUpdate | undefined {
    if (this.#seen.has(jobId)) return undefined;
    const update = updateOf(event);
    if (update === undefined) return undefined;
    this.#seen.add(jobId);
    let timeline = this.#orders.get(update.orderId);
    if (timeline === undefined) {
      timeline = [];
      this.#orders.set(update.orderId, timeline);
      if (this.#orders.size > MAX_ORDERS) this.#forget(this.#orders.keys().next().value!);
    }
    timeline.push(update);
    for (const listener of this.#listeners.get(update.orderId) ?? []) listener(update);
    return update;
  }

  /** The order's updates so far, in the order they arrived. */
  timeline(orderId: string): readonly OrderUpdate[] {
    return this.#orders.get(orderId) ?? [];
  }

  /** Calls `listener` with every update of the order from now on; returns the unsubscriber. */
  subscribe(orderId: string, listener: Listener): () => void {
    let set = this.#listeners.get(orderId);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(orderId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(orderId);
    };
  }

  #forget(orderId: string): void {
    this.#orders.delete(orderId);
  }
}

interface EventEnvelope {
  id?: unknown;
  source?: unknown;
  "detail-type"?: unknown;
  time?: unknown;
  detail?: unknown;
}

/** The update an event stands for: an order event of this example, or a status change of its workflows. */
function updateOf(raw: unknown): OrderUpdate | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const event = raw as EventEnvelope;
  const detail = (typeof event.detail === "object" && event.detail !== null ? event.detail : {}) as Record<
    string,
    unknown
  >;
  const base = { eventId: text(event.id), time: text(event.time) };
  const kind = text(event["detail-type"]);
  if (event.source === "aws.states") {
    const input = parseJson(detail.input) as { data?: { orderId?: unknown }; order?: { orderId?: unknown } };
    const orderId = input?.data?.orderId ?? input?.order?.orderId;
    if (typeof orderId !== "string") return undefined;
    const workflow = text(detail.stateMachineArn).split(":").at(-1) ?? "";
    const status = text(detail.status);
    const { input: _input, output: _output, ...rest } = detail;
    const failure = typeof detail.error === "string" ? `: ${detail.error} (${text(detail.cause)})` : "";
    return {
      orderId,
      kind: "ExecutionStatusChange",
      summary: `${workflow} ${status.toLowerCase()}${failure}`,
      workflow,
      executionArn: text(detail.executionArn),
      status,
      detail: rest,
      ...base,
    };
  }
  const data = (detail.data ?? {}) as Record<string, unknown> & {
    order?: { orderId?: unknown };
    customer?: { status?: unknown };
  };
  const orderId = data.orderId ?? data.order?.orderId;
  if (typeof orderId !== "string") return undefined;
  return { orderId, kind, summary: summaryOf(kind, data), detail, ...base };
}

function summaryOf(
  kind: string,
  data: Record<string, unknown> & { customer?: { status?: unknown } },
): string {
  switch (kind) {
    case "OrderCreated":
      return `order placed: ${text(data.quantity)} item(s), total ${text(data.total_amount)}`;
    case "CustomerStatusDetermined":
      return `customer is ${text(data.customer?.status)}`;
    case "OrderFulfilled":
      return `fulfilled: shipped ${text(data.carrier)}, tracking ${text(data.trackingNumber)}`;
    case "OrderFailed":
      return `failed: ${text(data.reason)} (${text(data.message)}); inventory released`;
    default:
      return kind;
  }
}

/** A value as text for a summary: strings as they are, other JSON as JSON, nothing as "". */
function text(value: unknown): string {
  if (typeof value === "string") return value;
  return value === undefined || value === null ? "" : JSON.stringify(value);
}

function parseJson(text: unknown): unknown {
  if (typeof text !== "string") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
