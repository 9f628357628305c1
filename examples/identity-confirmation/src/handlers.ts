import { defineHandler, type HandlerMap } from "@stepflow/worker";
import { identify } from "./recognition.ts";

/** One recorded entry through the front door. */
export interface Entry {
  entryId: string;
  personId: string;
  name: string;
  doorEventId: string;
  time: string;
}

/** Where the handlers record entries; tests make their own to look inside. */
export interface DoorServices {
  entries: Entry[];
}

/** Fresh services. */
export function createDoorServices(): DoorServices {
  return { entries: [] };
}

/** The Task handlers of `identity-confirmation`, by the Lambda function names its definition uses. */
export function createDoorHandlers(services: DoorServices) {
  return {
    "identity-identify-person": defineHandler(({ door }: { door: { personId?: string } }) =>
      identify(door.personId),
    ),

    "identity-record-entry": defineHandler(
      (input: { personId: string; name: string; doorEventId: string; time: string }) => {
        // One entry per door event, however often the task is delivered (at least once).
        const entryId = `entry-${input.doorEventId}`;
        const existing = services.entries.find((e) => e.entryId === entryId);
        if (existing) return existing;
        const entry: Entry = { entryId, ...input };
        services.entries.push(entry);
        return entry;
      },
    ),
  } satisfies HandlerMap;
}

/** The services behind {@link handlers}. */
export const services = createDoorServices();

/** What `stepflow start` loads (package.json `stepflow.handlers`) and `npm run workers` runs. */
export const handlers = createDoorHandlers(services);
