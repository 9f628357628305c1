import { bumpRoutingVersion } from "../rules/routing-table.ts";
import type { BusContext } from "./bus-context.ts";
import { busNameOf } from "./event-arns.ts";
import { EventsError } from "./events-error.ts";
import { pageOf, pageResult, type PageRequest } from "./pagination.ts";

/** An event bus as DescribeEventBus / ListEventBuses return it. */
export interface EventBusDescription {
  Name: string;
  Arn: string;
  Description?: string;
  CreationTime: Date;
  LastModifiedTime: Date;
}

interface BusRow {
  name: string;
  arn: string;
  description: string | null;
  created_at: Date | string;
  last_modified_at: Date | string;
}

const NAME = /^[.\-_A-Za-z0-9]{1,256}$/;

/** CreateEventBus, DescribeEventBus, DeleteEventBus, ListEventBuses. */
export function createBusApi(ctx: BusContext) {
  const { sql, routing, arns } = ctx;

  async function find(name: string): Promise<BusRow> {
    const { rows } = await sql.query<BusRow>("SELECT * FROM event_buses WHERE name = $1", [name]);
    if (!rows[0]) throw new EventsError("ResourceNotFoundException", `Event bus ${name} does not exist.`);
    return rows[0];
  }

  return {
    /** Creates the default bus when missing (at start-up). */
    async ensureDefault(): Promise<void> {
      const { rowCount } = await sql.query(
        "INSERT INTO event_buses (name, arn) VALUES ('default', $1) ON CONFLICT (name) DO NOTHING",
        [arns.bus("default")],
      );
      if (rowCount > 0) await routing.changed();
    },

    async createEventBus(input: { Name: string; Description?: string }) {
      if (typeof input.Name !== "string" || !NAME.test(input.Name)) {
        throw new EventsError(
          "ValidationException",
          `1 validation error detected: Value '${String(input.Name)}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
        );
      }
      const arn = arns.bus(input.Name);
      const inserted = await sql.transaction(async (tx) => {
        const { rowCount } = await tx.query(
          "INSERT INTO event_buses (name, arn, description) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
          [input.Name, arn, input.Description ?? null],
        );
        if (rowCount > 0) await bumpRoutingVersion(tx);
        return rowCount > 0;
      });
      if (!inserted) {
        throw new EventsError("ResourceAlreadyExistsException", `Event bus ${input.Name} already exists.`);
      }
      await routing.changed();
      return input.Description === undefined
        ? { EventBusArn: arn }
        : { EventBusArn: arn, Description: input.Description };
    },

    async describeEventBus(input: { Name?: string } = {}): Promise<EventBusDescription> {
      return describe(await find(busNameOf(input.Name)));
    },

    /** Deletes a custom bus with its rules and targets; deleting a missing bus succeeds, as on AWS. */
    async deleteEventBus(input: { Name: string }): Promise<void> {
      const name = busNameOf(input.Name);
      if (name === "default")
        throw new EventsError("ValidationException", "Cannot delete event bus default.");
      const deleted = await sql.transaction(async (tx) => {
        const { rowCount } = await tx.query("DELETE FROM event_buses WHERE name = $1", [name]);
        if (rowCount > 0) await bumpRoutingVersion(tx);
        return rowCount > 0;
      });
      if (deleted) await routing.changed();
    },

    async listEventBuses(input: { NamePrefix?: string } & PageRequest = {}) {
      const page = pageOf(input);
      const { rows } = await sql.query<BusRow>(
        "SELECT * FROM event_buses WHERE starts_with(name, $1) ORDER BY name OFFSET $2 LIMIT $3",
        [input.NamePrefix ?? "", page.offset, page.limit + 1],
      );
      const { items, next } = pageResult(rows, page);
      return { EventBuses: items.map(describe), ...(next === undefined ? {} : { NextToken: next }) };
    },
  };
}

function describe(row: BusRow): EventBusDescription {
  const out: EventBusDescription = {
    Name: row.name,
    Arn: row.arn,
    CreationTime: new Date(row.created_at),
    LastModifiedTime: new Date(row.last_modified_at),
  };
  if (row.description !== null) out.Description = row.description;
  return out;
}

/** The bus API. */
export type BusApi = ReturnType<typeof createBusApi>;
