/** What a target ARN delivers to. */
export type TargetKind =
  | { kind: "execution"; stateMachineArn: string }
  | { kind: "queue"; queue: string }
  | { kind: "http"; destination: string }
  | { kind: "bus"; bus: string };

const STATE_MACHINE = /^arn:aws[\w-]*:states:[\w-]*:\d*:stateMachine:[^:]+(?::[^:]+)?$/;
const QUEUE = /^arn:aws[\w-]*:stepflow:[\w-]*:\d*:queue\/([^:/]+)$/;
const API_DESTINATION = /^arn:aws[\w-]*:events:[\w-]*:\d*:api-destination\/([.\-_A-Za-z0-9]+)(?:\/[^/]*)?$/;
const BUS = /^arn:aws[\w-]*:events:[\w-]*:\d*:event-bus\/([/.\-_A-Za-z0-9]+)$/;

/** Reads a target ARN; `undefined` for a kind Stepflow cannot deliver to (Lambda, SQS, ...). */
export function targetKindOf(arn: string): TargetKind | undefined {
  if (STATE_MACHINE.test(arn)) return { kind: "execution", stateMachineArn: arn };
  const queue = QUEUE.exec(arn);
  if (queue) return { kind: "queue", queue: queue[1]! };
  const destination = API_DESTINATION.exec(arn);
  if (destination) return { kind: "http", destination: destination[1]! };
  const bus = BUS.exec(arn);
  if (bus) return { kind: "bus", bus: bus[1]! };
  return undefined;
}
