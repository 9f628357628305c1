import type { QueueConsumer } from "@stepflow/engine";
import type { BusContext } from "../bus/bus-context.ts";
import { busNameOf } from "../bus/event-arns.ts";
import { withReplayName } from "../bus/event-envelope.ts";
import { EventsError } from "../bus/events-error.ts";
import { pageOf, pageResult, type PageRequest } from "../bus/pagination.ts";
import { parseJsonText, type JsonTextValue } from "../json/parse-json-text.ts";

/** The queue replays run from; one job per replay, re-queued by the sweeper if its process died. */
export const REPLAY_QUEUE = "stepflow-events-replay";

/** Where a replay sends events: the archive's bus, optionally only some of its rules. */
export interface ReplayDestination {
  Arn: string;
  FilterArns?: string[];
}

interface ReplayRow {
  name: string;
  arn: string;
  archive: string;
  event_source_arn: string;
  destination: ReplayDestination;
  event_start_time: Date | string;
  event_end_time: Date | string;
  description: string | null;
  state: string;
  state_reason: string | null;
  replay_start_time: Date | string;
  replay_end_time: Date | string | null;
  event_last_replayed_time: Date | string | null;
  cursor_time: string | null;
  cursor_id: string | null;
}

const BATCH = 100;

/**
 * The next batch of a replay: {@link BATCH} events of archive $1 after the cursor ($4 archived_at, $5 event
 * id; before the first batch, the start of the range $2), up to the end of the range $3, in archive order.
 * The batch is found in the index alone (archive, archived_at, event_id), starting at the cursor, and only
 * then are its envelopes read. With the cursor as a filter (`$4 IS NULL OR ...`) each batch read every event
 * from the start of the range again (21 ms a batch, 150,000 events in), and a plan that reads envelopes as it
 * goes may prefer a bitmap scan of everything after the cursor. The limit is a constant so that the generic
 * plan knows the batch is small and reads the envelopes through the primary key.
 */
export const REPLAY_BATCH = `
SELECT e.event_id, e.envelope, e.archived_at::text AS archived_at
  FROM (SELECT archived_at, event_id FROM event_archive_events
         WHERE archive = $1
           AND (archived_at, event_id) > (coalesce($4::timestamptz, $2::timestamptz),
                                          coalesce($5::uuid, '00000000-0000-0000-0000-000000000000'))
           AND archived_at < $3
         ORDER BY archived_at, event_id LIMIT ${BATCH}) batch
  JOIN event_archive_events e ON e.archive = $1 AND e.event_id = batch.event_id
 ORDER BY batch.archived_at, batch.event_id`;
const NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

/**
 * StartReplay, DescribeReplay, ListReplays, CancelReplay. A replay sends the archived events received in
 * [EventStartTime, EventEndTime) back through the rules of the archive's bus (only FilterArns when given),
 * each marked with `replay-name`, in batches; its progress is kept in its row so it resumes after a crash.
 */
export function createReplayApi(ctx: BusContext) {
  const { sql, queue, arns } = ctx;
  let consumer: QueueConsumer | undefined;

  async function find(name: string): Promise<ReplayRow> {
    const { rows } = await sql.query<ReplayRow>(
      `SELECT name, arn, archive, event_source_arn, destination, event_start_time, event_end_time, description, state,
              state_reason, replay_start_time, replay_end_time, event_last_replayed_time,
              cursor_time::text AS cursor_time, cursor_id
         FROM event_replays WHERE name = $1`,
      [name],
    );
    if (!rows[0]) throw new EventsError("ResourceNotFoundException", `Replay ${name} does not exist.`);
    return rows[0];
  }

  /** Replays one batch; returns false once the replay is over. */
  async function step(name: string): Promise<boolean> {
    const replay = await find(name);
    if (replay.state === "CANCELLING") {
      await sql.query(
        "UPDATE event_replays SET state = 'CANCELLED', replay_end_time = now(), updated_at = now() WHERE name = $1",
        [name],
      );
      return false;
    }
    if (replay.state !== "STARTING" && replay.state !== "RUNNING") return false;
    // archived_at travels as text: a JS Date would drop the microseconds and the cursor would fall behind.
    const { rows } = await sql.query<{ event_id: string; envelope: string; archived_at: string }>(
      REPLAY_BATCH,
      [replay.archive, replay.event_start_time, replay.event_end_time, replay.cursor_time, replay.cursor_id],
    );
    const bus = busNameOf(replay.destination.Arn);
    const filter = replay.destination.FilterArns;
    const ruleArns = filter === undefined || filter.length === 0 ? undefined : new Set(filter);
    if (rows.length > 0) {
      await ctx.commits.commit(
        rows.map((row) => {
          const text = withReplayName(row.envelope, name);
          const value = parseJsonText(text) as { [key: string]: JsonTextValue };
          return { envelope: { id: row.event_id, bus, text, value }, replay: { name, ruleArns } };
        }),
      );
    }
    const last = rows.at(-1);
    const done = rows.length < BATCH;
    await sql.query(
      `UPDATE event_replays SET state = CASE WHEN state = 'CANCELLING' THEN state WHEN $2 THEN 'COMPLETED' ELSE 'RUNNING' END,
              replay_end_time = CASE WHEN $2 AND state <> 'CANCELLING' THEN now() ELSE replay_end_time END,
              cursor_time = coalesce($3::timestamptz, cursor_time), cursor_id = coalesce($4::uuid, cursor_id),
              event_last_replayed_time = coalesce($3::timestamptz, event_last_replayed_time), updated_at = now()
        WHERE name = $1`,
      [name, done, last?.archived_at ?? null, last?.event_id ?? null],
    );
    return !done || (await find(name)).state === "CANCELLING";
  }

  const runner = {
    /** Runs replays from the queue in this process. */
    start(): void {
      consumer ??= queue.consume(REPLAY_QUEUE, async (job) => {
        const { name } = job.data as { name: string };
        while (await step(name));
      });
    },
    async close(): Promise<void> {
      await consumer?.close();
      consumer = undefined;
    },
    /** Queues again the replays whose process stopped working on them. */
    async sweep(): Promise<void> {
      const { rows } = await sql.query<{ name: string }>(
        "SELECT name FROM event_replays WHERE state IN ('STARTING', 'RUNNING', 'CANCELLING') AND updated_at < now() - interval '30 seconds'",
      );
      for (const row of rows) {
        await sql.query("UPDATE event_replays SET updated_at = now() WHERE name = $1", [row.name]);
        await queue.add(REPLAY_QUEUE, { id: `replay-${row.name}-${Date.now()}`, data: { name: row.name } });
      }
    },
  };

  const api = {
    async startReplay(input: {
      ReplayName: string;
      Description?: string;
      EventSourceArn: string;
      EventStartTime: Date;
      EventEndTime: Date;
      Destination: ReplayDestination;
    }) {
      if (typeof input.ReplayName !== "string" || !NAME.test(input.ReplayName)) {
        throw new EventsError(
          "ValidationException",
          `1 validation error detected: Value '${String(input.ReplayName)}' at 'replayName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
        );
      }
      if (!(input.EventEndTime.getTime() > input.EventStartTime.getTime())) {
        throw new EventsError(
          "ValidationException",
          "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.",
        );
      }
      const archiveName = input.EventSourceArn.slice(input.EventSourceArn.lastIndexOf("/") + 1);
      const { rows: archives } = await sql.query<{ name: string; bus: string }>(
        "SELECT name, bus FROM event_archives WHERE arn = $1",
        [input.EventSourceArn],
      );
      const archive = archives[0];
      if (!archive) {
        throw new EventsError(
          "ValidationException",
          `Parameter EventSourceArn is not valid. Reason: Archive ${archiveName} does not exist.`,
        );
      }
      const bus = busNameOf(input.Destination?.Arn);
      if (bus !== archive.bus) {
        const { rows } = await sql.query("SELECT 1 FROM event_buses WHERE name = $1", [bus]);
        if (!rows[0]) throw new EventsError("ResourceNotFoundException", `Event bus ${bus} does not exist.`);
        throw new EventsError(
          "ValidationException",
          "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.",
        );
      }
      const arn = arns.replay(input.ReplayName);
      const { rows } = await sql.query<{ replay_start_time: Date | string }>(
        `INSERT INTO event_replays (name, arn, archive, event_source_arn, destination, event_start_time, event_end_time,
           description, state) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, 'STARTING')
         ON CONFLICT (name) DO NOTHING RETURNING replay_start_time`,
        [
          input.ReplayName,
          arn,
          archive.name,
          input.EventSourceArn,
          JSON.stringify(input.Destination),
          input.EventStartTime,
          input.EventEndTime,
          input.Description ?? null,
        ],
      );
      if (!rows[0])
        throw new EventsError("ResourceAlreadyExistsException", `Replay ${input.ReplayName} already exists.`);
      await queue.add(REPLAY_QUEUE, { id: `replay-${input.ReplayName}`, data: { name: input.ReplayName } });
      return { ReplayArn: arn, State: "STARTING", ReplayStartTime: new Date(rows[0].replay_start_time) };
    },

    async describeReplay(input: { ReplayName: string }) {
      const row = await find(input.ReplayName);
      return {
        ReplayName: row.name,
        ReplayArn: row.arn,
        ...(row.description === null ? {} : { Description: row.description }),
        State: row.state,
        ...(row.state_reason === null ? {} : { StateReason: row.state_reason }),
        EventSourceArn: row.event_source_arn,
        Destination: row.destination,
        ...times(row),
      };
    },

    async listReplays(
      input: { NamePrefix?: string; State?: string; EventSourceArn?: string } & PageRequest = {},
    ) {
      const page = pageOf(input);
      const { rows } = await sql.query<ReplayRow>(
        `SELECT * FROM event_replays WHERE starts_with(name, $1) AND ($2::text IS NULL OR state = $2)
            AND ($3::text IS NULL OR event_source_arn = $3) ORDER BY name OFFSET $4 LIMIT $5`,
        [
          input.NamePrefix ?? "",
          input.State ?? null,
          input.EventSourceArn ?? null,
          page.offset,
          page.limit + 1,
        ],
      );
      const { items, next } = pageResult(rows, page);
      return {
        Replays: items.map((row) => ({
          ReplayName: row.name,
          EventSourceArn: row.event_source_arn,
          State: row.state,
          ...times(row),
        })),
        ...(next === undefined ? {} : { NextToken: next }),
      };
    },

    async cancelReplay(input: { ReplayName: string }) {
      const row = await find(input.ReplayName);
      const { rowCount } = await sql.query(
        "UPDATE event_replays SET state = 'CANCELLING', updated_at = now() WHERE name = $1 AND state IN ('STARTING', 'RUNNING')",
        [input.ReplayName],
      );
      if (rowCount === 0) {
        throw new EventsError(
          "IllegalStatusException",
          `Replay ${input.ReplayName} is not in a valid state for this operation.`,
        );
      }
      return { ReplayArn: row.arn, State: "CANCELLING" };
    },
  };
  return { runner, api };
}

function times(row: ReplayRow) {
  return {
    EventStartTime: new Date(row.event_start_time),
    EventEndTime: new Date(row.event_end_time),
    ...(row.event_last_replayed_time === null
      ? {}
      : { EventLastReplayedTime: new Date(row.event_last_replayed_time) }),
    ReplayStartTime: new Date(row.replay_start_time),
    ...(row.replay_end_time === null ? {} : { ReplayEndTime: new Date(row.replay_end_time) }),
  };
}

/** The replay API. */
export type ReplayApi = ReturnType<typeof createReplayApi>["api"];
