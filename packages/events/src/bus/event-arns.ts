import { EventsError } from "./events-error.ts";

/** Region and account of the bus; every ARN it mints carries them. */
export interface EventScope {
  region: string;
  account: string;
}

/** Builds the ARNs of EventBridge resources (and Stepflow's worker-queue targets) in AWS form. */
export function createEventArns(scope: EventScope) {
  const base = `arn:aws:events:${scope.region}:${scope.account}`;
  return {
    scope,
    bus: (name: string) => `${base}:event-bus/${name}`,
    /** Rules of the default bus have no bus segment, as on AWS. */
    rule: (bus: string, name: string) =>
      bus === "default" ? `${base}:rule/${name}` : `${base}:rule/${bus}/${name}`,
    archive: (name: string) => `${base}:archive/${name}`,
    replay: (name: string) => `${base}:replay/${name}`,
    connection: (name: string, id: string) => `${base}:connection/${name}/${id}`,
    apiDestination: (name: string, id: string) => `${base}:api-destination/${name}/${id}`,
    /** A Stepflow worker queue as a target: events become jobs on TaskQueue queue `name`. */
    queue: (name: string) => `arn:aws:stepflow:${scope.region}:${scope.account}:queue/${name}`,
  };
}
export type EventArns = ReturnType<typeof createEventArns>;

const BUS_ARN = /^arn:aws[\w-]*:events:[\w-]*:\d*:event-bus\/([.\-_A-Za-z0-9/]+)$/;
const BUS_NAME = /^[/.\-_A-Za-z0-9]{1,256}$/;

/**
 * The bus an `EventBusName` parameter names: a name or a bus ARN, `default` when absent.
 * @throws EventsError ValidationException for a malformed name.
 */
export function busNameOf(nameOrArn: string | undefined): string {
  if (nameOrArn === undefined || nameOrArn === "") return "default";
  const arn = BUS_ARN.exec(nameOrArn);
  if (arn) return arn[1]!;
  if (!BUS_NAME.test(nameOrArn)) {
    throw new EventsError(
      "ValidationException",
      `1 validation error detected: Value '${nameOrArn}' at 'eventBusName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:aws[\\w-]*:events:[a-z]{2}-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+`,
    );
  }
  return nameOrArn;
}
