import type { EventTargetInput } from "../transform/event-target-input.ts";

/** A rule target as PutTargets takes it and ListTargetsByRule returns it (AWS SDK member names). */
export interface EventTarget extends EventTargetInput {
  readonly Id: string;
  /**
   * What receives the events: a state machine (`arn:aws:states:…:stateMachine:NAME`), a worker queue
   * (`arn:aws:stepflow:…:queue/NAME`), an API destination (`arn:aws:events:…:api-destination/NAME/…`) or an
   * event bus (`arn:aws:events:…:event-bus/NAME`).
   */
  readonly Arn: string;
  readonly RoleArn?: string;
  readonly RetryPolicy?: {
    readonly MaximumRetryAttempts?: number;
    readonly MaximumEventAgeInSeconds?: number;
  };
  /** Where exhausted deliveries go: here always the bus's dead-letter store; the ARN is kept as a label. */
  readonly DeadLetterConfig?: { readonly Arn?: string };
  readonly HttpParameters?: {
    readonly PathParameterValues?: readonly string[];
    readonly HeaderParameters?: Readonly<Record<string, string>>;
    readonly QueryStringParameters?: Readonly<Record<string, string>>;
  };
}

/** AWS defaults of a target's RetryPolicy. */
export const DEFAULT_RETRY = { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 } as const;
