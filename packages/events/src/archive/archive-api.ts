import type { BusContext } from "../bus/bus-context.ts";
import { busNameOf } from "../bus/event-arns.ts";
import { EventsError } from "../bus/events-error.ts";
import { pageOf, pageResult, type PageRequest } from "../bus/pagination.ts";
import { compilePattern } from "../patterns/compile-pattern.ts";
import { InvalidEventPatternError } from "../patterns/invalid-event-pattern-error.ts";
import { bumpRoutingVersion } from "../rules/routing-table.ts";

interface ArchiveRow {
  name: string;
  arn: string;
  bus: string;
  event_source_arn: string;
  event_pattern: string | null;
  retention_days: number;
  description: string | null;
  created_at: Date | string;
  event_count: string | number;
  size_bytes: string | number;
}

const NAME = /^[.\-_A-Za-z0-9]{1,48}$/;
const SELECT = `
SELECT a.*, (SELECT count(*) FROM event_archive_events e WHERE e.archive = a.name) AS event_count,
       (SELECT coalesce(sum(size_bytes), 0) FROM event_archive_events e WHERE e.archive = a.name) AS size_bytes
  FROM event_archives a`;

/**
 * CreateArchive, DescribeArchive, ListArchives, DeleteArchive. An archive keeps a copy of every event put on
 * its bus that matches its pattern (all events without one), written in PutEvents' transaction; replayed
 * events are not archived again. RetentionDays 0 keeps events forever.
 */
export function createArchiveApi(ctx: BusContext) {
  const { sql, routing, arns } = ctx;

  async function find(name: string): Promise<ArchiveRow> {
    const { rows } = await sql.query<ArchiveRow>(`${SELECT} WHERE a.name = $1`, [name]);
    if (!rows[0]) throw new EventsError("ResourceNotFoundException", `Archive ${name} does not exist.`);
    return rows[0];
  }

  return {
    async createArchive(input: {
      ArchiveName: string;
      EventSourceArn: string;
      Description?: string;
      EventPattern?: string;
      RetentionDays?: number;
    }) {
      if (typeof input.ArchiveName !== "string" || !NAME.test(input.ArchiveName)) {
        throw new EventsError(
          "ValidationException",
          `1 validation error detected: Value '${String(input.ArchiveName)}' at 'archiveName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
        );
      }
      const retention = input.RetentionDays ?? 0;
      if (!Number.isInteger(retention) || retention < 0) {
        throw new EventsError(
          "ValidationException",
          `1 validation error detected: Value '${retention}' at 'retentionDays' failed to satisfy constraint: Member must have value greater than or equal to 0`,
        );
      }
      if (input.EventPattern !== undefined) {
        try {
          compilePattern(input.EventPattern);
        } catch (error) {
          if (error instanceof InvalidEventPatternError)
            throw new EventsError("InvalidEventPatternException", error.message);
          throw error;
        }
      }
      const bus = busNameOf(input.EventSourceArn);
      const { rows: buses } = await sql.query("SELECT 1 FROM event_buses WHERE name = $1", [bus]);
      if (!buses[0]) throw new EventsError("ResourceNotFoundException", `Event bus ${bus} does not exist.`);
      const arn = arns.archive(input.ArchiveName);
      const created = await sql.transaction(async (tx) => {
        const { rows } = await tx.query<{ created_at: Date | string }>(
          `INSERT INTO event_archives (name, arn, bus, event_source_arn, event_pattern, retention_days, description)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING RETURNING created_at`,
          [
            input.ArchiveName,
            arn,
            bus,
            arns.bus(bus),
            input.EventPattern ?? null,
            retention,
            input.Description ?? null,
          ],
        );
        if (rows[0]) await bumpRoutingVersion(tx);
        return rows[0];
      });
      if (!created)
        throw new EventsError(
          "ResourceAlreadyExistsException",
          `Archive ${input.ArchiveName} already exists.`,
        );
      await routing.changed();
      return { ArchiveArn: arn, State: "ENABLED", CreationTime: new Date(created.created_at) };
    },

    async describeArchive(input: { ArchiveName: string }) {
      const row = await find(input.ArchiveName);
      return {
        ArchiveArn: row.arn,
        ...summary(row),
        ...(row.description === null ? {} : { Description: row.description }),
        ...(row.event_pattern === null ? {} : { EventPattern: row.event_pattern }),
      };
    },

    async listArchives(input: { NamePrefix?: string; EventSourceArn?: string } & PageRequest = {}) {
      const page = pageOf(input);
      const { rows } = await sql.query<ArchiveRow>(
        `${SELECT} WHERE starts_with(a.name, $1) AND ($2::text IS NULL OR a.bus = $2) ORDER BY a.name OFFSET $3 LIMIT $4`,
        [
          input.NamePrefix ?? "",
          input.EventSourceArn === undefined ? null : busNameOf(input.EventSourceArn),
          page.offset,
          page.limit + 1,
        ],
      );
      const { items, next } = pageResult(rows, page);
      return { Archives: items.map(summary), ...(next === undefined ? {} : { NextToken: next }) };
    },

    async deleteArchive(input: { ArchiveName: string }): Promise<void> {
      await find(input.ArchiveName);
      await sql.transaction(async (tx) => {
        await tx.query("DELETE FROM event_archives WHERE name = $1", [input.ArchiveName]);
        await bumpRoutingVersion(tx);
      });
      await routing.changed();
    },
  };
}

function summary(row: ArchiveRow) {
  return {
    ArchiveName: row.name,
    EventSourceArn: row.event_source_arn,
    State: "ENABLED",
    RetentionDays: row.retention_days,
    SizeBytes: Number(row.size_bytes),
    EventCount: Number(row.event_count),
    CreationTime: new Date(row.created_at),
  };
}

/** The archive API. */
export type ArchiveApi = ReturnType<typeof createArchiveApi>;
