import { parseStateMachineArn } from "../arns.ts";
import { EngineError } from "../errors/engine-error.ts";
import type { SqlClient, SqlExecutor } from "../ports/sql-client.ts";
import { INSERT_ALIAS, LIST_ALIASES, LOCK_VERSIONS, SELECT_ALIAS, UPDATE_ALIAS } from "./alias-sql.ts";
import { decodeToken, encodeToken, pageSize } from "./pagination.ts";

/** One version an alias routes to, with its share of new executions (percent). */
export interface RoutingConfigurationItem {
  stateMachineVersionArn: string;
  weight: number;
}

/** An alias as DescribeStateMachineAlias returns it. */
export interface StateMachineAliasDescription {
  stateMachineAliasArn: string;
  name: string;
  description?: string;
  routingConfiguration: RoutingConfigurationItem[];
  creationDate: Date;
  updateDate: Date;
}

interface AliasRow {
  arn: string;
  state_machine_arn: string;
  name: string;
  description: string | null;
  routing: RoutingConfigurationItem[] | string;
  created_at: Date | string;
  updated_at: Date | string;
}

// AWS: at least one non-digit, so that an alias name never reads as a version number.
const ALIAS_NAME = /^(?=.*[a-zA-Z_\-.])[a-zA-Z0-9_\-.]+$/;
const NOT_FOUND = "Request references a resource that does not exist.";

/**
 * State machine aliases (CreateStateMachineAlias, Describe, Update, Delete, ListStateMachineAliases), with
 * AWS's validation and messages. An alias ARN is `<machine arn>:<alias name>`; StartExecution on it picks a
 * version by weight (see the state machine API's `resolve`).
 *
 * @example
 * const { stateMachineAliasArn } = await engine.aliases.create({
 *   name: "live",
 *   routingConfiguration: [{ stateMachineVersionArn: v1, weight: 90 }, { stateMachineVersionArn: v2, weight: 10 }],
 * });
 */
export function createAliasApi(sql: SqlClient) {
  async function aliasRow(db: SqlExecutor, arn: string): Promise<AliasRow | undefined> {
    parseAliasArn(arn);
    const { rows } = await db.query<AliasRow>(SELECT_ALIAS, [arn]);
    return rows[0];
  }

  return {
    /** CreateStateMachineAlias: idempotent for the same name, description and routing. */
    async create(input: {
      name: string;
      description?: string;
      routingConfiguration: readonly RoutingConfigurationItem[];
    }): Promise<{ stateMachineAliasArn: string; creationDate: Date }> {
      checkAliasName(input.name);
      checkDescription(input.description);
      const routing = checkedRouting(input.routingConfiguration);
      return sql.transaction(async (tx) => {
        const machineArn = await versionsMachine(tx, routing);
        const arn = `${machineArn}:${input.name}`;
        const { rows } = await tx.query<{ arn: string; created_at: Date | string }>(INSERT_ALIAS, [
          arn,
          machineArn,
          input.name,
          input.description ?? null,
          JSON.stringify(routing),
        ]);
        const created = rows[0];
        if (created) return { stateMachineAliasArn: arn, creationDate: new Date(created.created_at) };
        const existing = await aliasRow(tx, arn);
        if (
          !existing ||
          (existing.description ?? undefined) !== input.description ||
          !sameRouting(routingOf(existing), routing)
        ) {
          throw new EngineError(
            "ConflictException",
            "Failed to create alias because an alias with the same name and a different routing configuration already exists.",
          );
        }
        return { stateMachineAliasArn: arn, creationDate: new Date(existing.created_at) };
      });
    },

    /** DescribeStateMachineAlias. */
    async describe(stateMachineAliasArn: string): Promise<StateMachineAliasDescription> {
      const row = await aliasRow(sql, stateMachineAliasArn);
      if (!row) throw new EngineError("ResourceNotFound", NOT_FOUND);
      const out: StateMachineAliasDescription = {
        stateMachineAliasArn: row.arn,
        name: row.name,
        routingConfiguration: routingOf(row),
        creationDate: new Date(row.created_at),
        updateDate: new Date(row.updated_at),
      };
      if (row.description !== null) out.description = row.description;
      return out;
    },

    /** UpdateStateMachineAlias: changes the description, the routing, or both; the versions must be the alias's machine's. */
    async update(input: {
      stateMachineAliasArn: string;
      description?: string;
      routingConfiguration?: readonly RoutingConfigurationItem[];
    }): Promise<{ updateDate: Date }> {
      const ref = parseAliasArn(input.stateMachineAliasArn);
      if (input.description === undefined && input.routingConfiguration === undefined) {
        throw new EngineError(
          "ValidationException",
          "Either the description or the routingConfiguration must be specified to update an alias",
        );
      }
      checkDescription(input.description);
      const routing =
        input.routingConfiguration === undefined ? undefined : checkedRouting(input.routingConfiguration);
      return sql.transaction(async (tx) => {
        if (routing) {
          const machineArn = await versionsMachine(tx, routing);
          if (machineArn !== ref.machineArn) {
            throw new EngineError(
              "ValidationException",
              `Routing configuration must contain versions of the alias's state machine '${ref.machineArn}'. Received: [${routing.map((r) => r.stateMachineVersionArn).join(", ")}]`,
            );
          }
        }
        const { rows } = await tx.query<{ updated_at: Date | string }>(UPDATE_ALIAS, [
          input.stateMachineAliasArn,
          input.description ?? null,
          routing === undefined ? null : JSON.stringify(routing),
          input.description !== undefined,
        ]);
        if (!rows[0]) throw new EngineError("ResourceNotFound", NOT_FOUND);
        return { updateDate: new Date(rows[0].updated_at) };
      });
    },

    /** DeleteStateMachineAlias: deleting an alias that does not exist succeeds, as on AWS. Versions stay. */
    async delete(stateMachineAliasArn: string): Promise<void> {
      parseAliasArn(stateMachineAliasArn);
      await sql.query("DELETE FROM state_machine_aliases WHERE arn = $1", [stateMachineAliasArn]);
    },

    /**
     * ListStateMachineAliases: a machine's aliases, oldest first (as AWS answers, though its reference says
     * newest first), or only those routing to a version when given a version ARN.
     */
    async list(input: { stateMachineArn: string; maxResults?: number; nextToken?: string }) {
      const ref = parseStateMachineArn(input.stateMachineArn);
      if (ref.qualifier !== undefined && !/^\d+$/.test(ref.qualifier)) {
        throw new EngineError(
          "InvalidArn",
          `Invalid Arn: '${input.stateMachineArn}' is an alias ARN; give a state machine or version ARN`,
        );
      }
      const limit = pageSize(input.maxResults);
      const cursor = decodeToken<{ c: string; n: string }>(input.nextToken);
      const owner = await sql.query(
        ref.qualifier === undefined
          ? "SELECT 1 FROM state_machines WHERE arn = $1"
          : "SELECT 1 FROM state_machine_versions WHERE arn = $1",
        [input.stateMachineArn],
      );
      if (owner.rows.length === 0) {
        if (ref.qualifier === undefined) {
          throw new EngineError(
            "StateMachineDoesNotExist",
            `State Machine Does Not Exist: '${input.stateMachineArn}'`,
          );
        }
        throw new EngineError("ResourceNotFound", NOT_FOUND);
      }
      const { rows } = await sql.query<{
        arn: string;
        name: string;
        created_at: Date | string;
        cursor: string;
      }>(LIST_ALIASES, [
        ref.machineArn,
        ref.qualifier === undefined ? null : input.stateMachineArn,
        cursor?.c ?? null,
        cursor?.n ?? "",
        limit + 1,
      ]);
      const page = rows.slice(0, limit);
      const result: {
        stateMachineAliases: { stateMachineAliasArn: string; creationDate: Date }[];
        nextToken?: string;
      } = {
        stateMachineAliases: page.map((r) => ({
          stateMachineAliasArn: r.arn,
          creationDate: new Date(r.created_at),
        })),
      };
      const last = page.at(-1);
      if (rows.length > limit && last) result.nextToken = encodeToken({ c: last.cursor, n: last.name });
      return result;
    },
  };
}

export type AliasApi = ReturnType<typeof createAliasApi>;

/** The machine ARN and name of an alias ARN; InvalidArn for anything else (a version ARN included). */
function parseAliasArn(arn: string): { machineArn: string; name: string } {
  const ref = parseStateMachineArn(arn);
  if (ref.qualifier === undefined || /^\d+$/.test(ref.qualifier)) {
    throw new EngineError("InvalidArn", `Invalid Arn: '${arn}' is not a state machine alias ARN`);
  }
  return { machineArn: ref.machineArn, name: ref.qualifier };
}

function checkAliasName(name: string): void {
  if (typeof name !== "string" || name.length < 1) {
    throw validation(
      `Value '${String(name)}' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    );
  }
  if (name.length > 80) {
    throw validation(
      `Value '${name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80`,
    );
  }
  if (!ALIAS_NAME.test(name)) {
    throw validation(
      `Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$`,
    );
  }
}

function checkDescription(description: string | undefined): void {
  if (description !== undefined && description.length > 256) {
    throw validation(
      `Value '${description}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
  }
}

/** Validates a routing configuration in the order AWS does: shape first, then ARNs, duplicates and weights. */
function checkedRouting(routing: readonly RoutingConfigurationItem[]): RoutingConfigurationItem[] {
  // The server passes request bodies through; a non-array must not reach the element checks.
  const isList: boolean = Array.isArray(routing);
  if (!isList || routing.length < 1) {
    throw validation(
      "Value '[]' at 'routingConfiguration' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  if (routing.length > 2) {
    const shown = routing
      .map(
        (r) =>
          `RoutingConfigurationListItem(stateMachineVersionArn=${r.stateMachineVersionArn}, weight=${r.weight})`,
      )
      .join(", ");
    throw validation(
      `Value '[${shown}]' at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2`,
    );
  }
  routing.forEach((r, i) => {
    if (typeof r !== "object" || r === null) {
      throw validation(
        `Value at 'routingConfiguration.${i + 1}.member' failed to satisfy constraint: Member must be a RoutingConfigurationListItem`,
      );
    }
    const at = `routingConfiguration.${i + 1}.member.weight`;
    if (typeof r.weight !== "number" || !Number.isInteger(r.weight)) {
      throw validation(
        `Value '${String(r.weight)}' at '${at}' failed to satisfy constraint: Member must be an integer`,
      );
    }
    if (r.weight > 100)
      throw validation(
        `Value '${r.weight}' at '${at}' failed to satisfy constraint: Member must have value less than or equal to 100`,
      );
    if (r.weight < 0)
      throw validation(
        `Value '${r.weight}' at '${at}' failed to satisfy constraint: Member must have value greater than or equal to 0`,
      );
  });
  const arns = routing.map((r) => r.stateMachineVersionArn);
  const isVersion = (arn: string) => {
    try {
      return /^\d+$/.test(parseStateMachineArn(arn).qualifier ?? "");
    } catch {
      return false;
    }
  };
  if (!arns.every((arn) => typeof arn === "string" && isVersion(arn))) {
    throw new EngineError(
      "ValidationException",
      `Routing configuration must contain state machine version ARNs. Received: [${arns.join(", ")}]`,
    );
  }
  if (new Set(arns).size !== arns.length) {
    throw new EngineError(
      "ValidationException",
      `Routing configuration must contain distinct state machine version ARNs. Received: [${arns.join(", ")}]`,
    );
  }
  if (routing.reduce((sum, r) => sum + r.weight, 0) !== 100) {
    throw new EngineError(
      "ValidationException",
      `Sum of routing configuration weights must equal 100. Received: [${routing.map((r) => r.weight).join(", ")}]`,
    );
  }
  return routing.map((r) => ({ stateMachineVersionArn: r.stateMachineVersionArn, weight: r.weight }));
}

/**
 * The one machine whose versions the routing names; the versions must exist (ResourceNotFound) and belong
 * to the same machine (ValidationException). Locks them so they cannot be deleted under the new alias.
 */
async function versionsMachine(tx: SqlExecutor, routing: RoutingConfigurationItem[]): Promise<string> {
  const arns = routing.map((r) => r.stateMachineVersionArn);
  const { rows } = await tx.query<{ arn: string; state_machine_arn: string }>(LOCK_VERSIONS, [arns]);
  const missing = arns.filter((arn) => !rows.some((row) => row.arn === arn));
  if (missing.length > 0) {
    throw new EngineError(
      "ResourceNotFound",
      `Request references a resource that does not exist: '${missing[0]!}'`,
    );
  }
  const machines = new Set(rows.map((row) => row.state_machine_arn));
  if (machines.size !== 1) {
    throw new EngineError(
      "ValidationException",
      `Routing configuration must contain versions of the same state machine. Received: [${arns.join(", ")}]`,
    );
  }
  return rows[0]!.state_machine_arn;
}

function routingOf(row: AliasRow): RoutingConfigurationItem[] {
  return typeof row.routing === "string"
    ? (JSON.parse(row.routing) as RoutingConfigurationItem[])
    : row.routing;
}

function sameRouting(a: RoutingConfigurationItem[], b: RoutingConfigurationItem[]): boolean {
  const key = (r: RoutingConfigurationItem[]) =>
    r
      .map((x) => `${x.stateMachineVersionArn}=${x.weight}`)
      .sort()
      .join("|");
  return key(a) === key(b);
}

function validation(detail: string): EngineError {
  return new EngineError("ValidationException", `1 validation error detected: ${detail}`);
}
