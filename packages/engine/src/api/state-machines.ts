import { randomUUID } from "node:crypto";
import { EngineError } from "../errors/engine-error.ts";
import { checkName, parseStateMachineArn, type Arns } from "../arns.ts";
import type { SqlClient, SqlExecutor } from "../ports/sql-client.ts";
import { checkedDefinition } from "./definition-text.ts";
import { decodeToken, encodeToken, pageSize } from "./pagination.ts";
import {
  INSERT_DEFINITION,
  INSERT_STATE_MACHINE,
  PUBLISH_VERSION,
  SELECT_STATE_MACHINE,
  SELECT_VERSION,
} from "./state-machine-sql.ts";

/** A state machine (or one of its versions) as DescribeStateMachine returns it. */
export interface StateMachineDescription {
  stateMachineArn: string;
  name: string;
  status: "ACTIVE";
  definition: string;
  roleArn: string;
  type: "STANDARD" | "EXPRESS";
  creationDate: Date;
  revisionId: string;
  description?: string;
  definitionHash: string;
  loggingConfiguration: unknown;
  tracingConfiguration: unknown;
}

/** What StartExecution resolves a machine, version or alias ARN to. */
export interface ResolvedMachine {
  machineArn: string;
  machineName: string;
  versionArn: string | undefined;
  aliasArn: string | undefined;
  type: "STANDARD" | "EXPRESS";
  roleArn: string;
  definitionHash: string;
  definition: string;
}

interface MachineRow {
  arn: string;
  name: string;
  type: "STANDARD" | "EXPRESS";
  definition_hash: string;
  definition: string;
  role_arn: string;
  revision_id: string;
  description: string | null;
  config: { loggingConfiguration?: unknown; tracingConfiguration?: unknown } | null;
  created_at: Date | string;
}

/** State machines, their versions and aliases. */
export function createStateMachineApi(sql: SqlClient, arns: Arns) {
  async function machineRow(arn: string): Promise<MachineRow> {
    const { rows } = await sql.query<MachineRow>(SELECT_STATE_MACHINE, [arn]);
    const row = rows[0];
    if (!row) throw new EngineError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
    return row;
  }

  async function publish(db: SqlExecutor, machineArn: string, description: string | undefined) {
    const { rows } = await db.query<{ arn: string; created_at: Date | string }>(PUBLISH_VERSION, [
      machineArn,
      description ?? null,
    ]);
    const row = rows[0]!;
    return { stateMachineVersionArn: row.arn, creationDate: new Date(row.created_at) };
  }

  // StartExecution reads the machine on every call; a row up to a second old is what AWS's own eventual
  // consistency allows ("executions started shortly after an update may use the previous definition").
  // Changes made through this process drop their entry at once.
  const recent = new Map<string, { row: MachineRow; until: number }>();
  async function recentMachineRow(arn: string): Promise<MachineRow> {
    const hit = recent.get(arn);
    if (hit && hit.until > Date.now()) return hit.row;
    const row = await machineRow(arn);
    if (recent.size > 1000) recent.clear();
    recent.set(arn, { row, until: Date.now() + 1000 });
    return row;
  }

  function describe(row: MachineRow, arn = row.arn): StateMachineDescription {
    const out: StateMachineDescription = {
      stateMachineArn: arn,
      name: row.name,
      status: "ACTIVE",
      definition: row.definition,
      roleArn: row.role_arn,
      type: row.type,
      creationDate: new Date(row.created_at),
      revisionId: row.revision_id,
      definitionHash: row.definition_hash,
      loggingConfiguration: row.config?.loggingConfiguration ?? { level: "OFF", includeExecutionData: false },
      tracingConfiguration: row.config?.tracingConfiguration ?? { enabled: false },
    };
    if (row.description) out.description = row.description;
    return out;
  }

  return {
    async create(input: {
      name: string;
      definition: string;
      roleArn: string;
      type?: "STANDARD" | "EXPRESS";
      publish?: boolean;
      versionDescription?: string;
      loggingConfiguration?: unknown;
      tracingConfiguration?: unknown;
    }): Promise<{ stateMachineArn: string; creationDate: Date; stateMachineVersionArn?: string }> {
      checkName(input.name, "state machine");
      const type = input.type ?? "STANDARD";
      if (type !== "STANDARD" && type !== "EXPRESS") {
        throw new EngineError(
          "ValidationException",
          `Invalid type '${String(type)}': expected STANDARD or EXPRESS`,
        );
      }
      const definition = checkedDefinition(input.definition);
      const arn = arns.stateMachine(input.name);
      return sql.transaction(async (tx) => {
        await tx.query(INSERT_DEFINITION, [definition.hash, definition.text]);
        const config = {
          loggingConfiguration: input.loggingConfiguration,
          tracingConfiguration: input.tracingConfiguration,
        };
        const { rows } = await tx.query<{ arn: string; created_at: Date | string }>(INSERT_STATE_MACHINE, [
          arn,
          input.name,
          type,
          definition.hash,
          input.roleArn,
          randomUUID(),
          null,
          JSON.stringify(config),
        ]);
        let created = rows[0];
        if (!created) {
          const existing = await tx.query<MachineRow>(SELECT_STATE_MACHINE, [arn]);
          const row = existing.rows[0];
          // CreateStateMachine is idempotent for identical requests, as on AWS.
          if (
            !row ||
            row.definition_hash !== definition.hash ||
            row.role_arn !== input.roleArn ||
            row.type !== type
          ) {
            throw new EngineError("StateMachineAlreadyExists", `State Machine Already Exists: '${arn}'`);
          }
          created = { arn: row.arn, created_at: row.created_at };
        }
        const result: { stateMachineArn: string; creationDate: Date; stateMachineVersionArn?: string } = {
          stateMachineArn: arn,
          creationDate: new Date(created.created_at),
        };
        if (input.publish)
          result.stateMachineVersionArn = (
            await publish(tx, arn, input.versionDescription)
          ).stateMachineVersionArn;
        return result;
      });
    },

    /** Describes a machine, or one of its versions when given a version ARN. */
    async describe(arn: string): Promise<StateMachineDescription> {
      const ref = parseStateMachineArn(arn);
      if (ref.qualifier === undefined) return describe(await machineRow(arn));
      const resolved = await this.resolve(arn);
      const row = await machineRow(ref.machineArn);
      return describe(
        {
          ...row,
          definition: resolved.definition,
          definition_hash: resolved.definitionHash,
          role_arn: resolved.roleArn,
        },
        arn,
      );
    },

    async update(input: {
      stateMachineArn: string;
      definition?: string;
      roleArn?: string;
      publish?: boolean;
      versionDescription?: string;
    }) {
      recent.delete(input.stateMachineArn);
      const row = await machineRow(input.stateMachineArn);
      const definition = input.definition === undefined ? undefined : checkedDefinition(input.definition);
      return sql.transaction(async (tx) => {
        if (definition) await tx.query(INSERT_DEFINITION, [definition.hash, definition.text]);
        const revisionId = randomUUID();
        const { rows } = await tx.query<{ updated_at: Date | string }>(
          `UPDATE state_machines SET definition_hash = $2, role_arn = $3, revision_id = $4, updated_at = now()
            WHERE arn = $1 RETURNING updated_at`,
          [row.arn, definition?.hash ?? row.definition_hash, input.roleArn ?? row.role_arn, revisionId],
        );
        const result: { updateDate: Date; revisionId: string; stateMachineVersionArn?: string } = {
          updateDate: new Date(rows[0]!.updated_at),
          revisionId,
        };
        if (input.publish)
          result.stateMachineVersionArn = (
            await publish(tx, row.arn, input.versionDescription)
          ).stateMachineVersionArn;
        return result;
      });
    },

    async delete(arn: string): Promise<void> {
      recent.delete(arn);
      const ref = parseStateMachineArn(arn);
      if (ref.qualifier !== undefined)
        throw new EngineError(
          "ValidationException",
          "Use DeleteStateMachineVersion or DeleteStateMachineAlias for a qualified ARN",
        );
      await sql.query("DELETE FROM state_machines WHERE arn = $1", [arn]);
    },

    async list(input: { maxResults?: number; nextToken?: string } = {}) {
      const limit = pageSize(input.maxResults);
      const after = decodeToken<string>(input.nextToken) ?? "";
      const { rows } = await sql.query<{
        arn: string;
        name: string;
        type: string;
        created_at: Date | string;
      }>("SELECT arn, name, type, created_at FROM state_machines WHERE name > $1 ORDER BY name LIMIT $2", [
        after,
        limit + 1,
      ]);
      const page = rows.slice(0, limit);
      const result: {
        stateMachines: { stateMachineArn: string; name: string; type: string; creationDate: Date }[];
        nextToken?: string;
      } = {
        stateMachines: page.map((r) => ({
          stateMachineArn: r.arn,
          name: r.name,
          type: r.type,
          creationDate: new Date(r.created_at),
        })),
      };
      if (rows.length > limit) result.nextToken = encodeToken(page.at(-1)!.name);
      return result;
    },

    async publishVersion(input: { stateMachineArn: string; description?: string; revisionId?: string }) {
      const row = await machineRow(input.stateMachineArn);
      if (input.revisionId !== undefined && input.revisionId !== row.revision_id) {
        throw new EngineError(
          "ConflictException",
          `Failed to publish the State Machine version for revision ${input.revisionId}. The current State Machine revision is ${row.revision_id}.`,
        );
      }
      return publish(sql, row.arn, input.description);
    },

    async listVersions(input: { stateMachineArn: string; maxResults?: number; nextToken?: string }) {
      await machineRow(input.stateMachineArn);
      const limit = pageSize(input.maxResults);
      const before = decodeToken<number>(input.nextToken) ?? 2 ** 31 - 1;
      const { rows } = await sql.query<{ arn: string; version: number; created_at: Date | string }>(
        `SELECT arn, version, created_at FROM state_machine_versions
          WHERE state_machine_arn = $1 AND version < $2 ORDER BY version DESC LIMIT $3`,
        [input.stateMachineArn, before, limit + 1],
      );
      const page = rows.slice(0, limit);
      const result: {
        stateMachineVersions: { stateMachineVersionArn: string; creationDate: Date }[];
        nextToken?: string;
      } = {
        stateMachineVersions: page.map((r) => ({
          stateMachineVersionArn: r.arn,
          creationDate: new Date(r.created_at),
        })),
      };
      if (rows.length > limit) result.nextToken = encodeToken(page.at(-1)!.version);
      return result;
    },

    async deleteVersion(versionArn: string): Promise<void> {
      const ref = parseStateMachineArn(versionArn);
      if (ref.qualifier === undefined || !/^\d+$/.test(ref.qualifier)) {
        throw new EngineError("ValidationException", `Invalid version ARN: '${versionArn}'`);
      }
      const { rows } = await sql.query<{ name: string }>(
        "SELECT name FROM state_machine_aliases WHERE routing @> $1::jsonb",
        [JSON.stringify([{ stateMachineVersionArn: versionArn }])],
      );
      if (rows.length > 0) {
        throw new EngineError(
          "ConflictException",
          `Version ${versionArn} is referenced by alias '${rows[0]!.name}'; update the alias first`,
        );
      }
      await sql.query("DELETE FROM state_machine_versions WHERE arn = $1", [versionArn]);
    },

    /** Resolves a machine, version or alias ARN to what an execution runs; aliases route by weight. */
    async resolve(arn: string, random: () => number = Math.random): Promise<ResolvedMachine> {
      const ref = parseStateMachineArn(arn);
      const row = await recentMachineRow(ref.machineArn);
      const base: ResolvedMachine = {
        machineArn: row.arn,
        machineName: row.name,
        versionArn: undefined,
        aliasArn: undefined,
        type: row.type,
        roleArn: row.role_arn,
        definitionHash: row.definition_hash,
        definition: row.definition,
      };
      if (ref.qualifier === undefined) return base;
      let versionArn = arn;
      if (!/^\d+$/.test(ref.qualifier)) {
        const alias = await sql.query<{ routing: { stateMachineVersionArn: string; weight: number }[] }>(
          "SELECT routing FROM state_machine_aliases WHERE arn = $1",
          [arn],
        );
        const routing = alias.rows[0]?.routing;
        if (!routing) throw new EngineError("ResourceNotFound", `Resource not found: '${arn}'`);
        versionArn = pickByWeight(routing, random);
        base.aliasArn = arn;
      }
      const { rows } = await sql.query<{ definition_hash: string; definition: string; role_arn: string }>(
        SELECT_VERSION,
        [versionArn],
      );
      const version = rows[0];
      if (!version) throw new EngineError("ResourceNotFound", `Resource not found: '${versionArn}'`);
      return {
        ...base,
        versionArn,
        roleArn: version.role_arn,
        definitionHash: version.definition_hash,
        definition: version.definition,
      };
    },
  };
}

/** Picks a version by routing weight (weights sum to 100). */
function pickByWeight(
  routing: { stateMachineVersionArn: string; weight: number }[],
  random: () => number,
): string {
  let point = random() * routing.reduce((sum, r) => sum + r.weight, 0);
  for (const route of routing) {
    point -= route.weight;
    if (point < 0) return route.stateMachineVersionArn;
  }
  return routing.at(-1)!.stateMachineVersionArn;
}

export type StateMachineApi = ReturnType<typeof createStateMachineApi>;
