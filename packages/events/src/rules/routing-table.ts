import type { SqlClient, SqlExecutor, TaskQueue } from "@stepflow/engine";
import { createPatternIndex, type PatternIndex } from "../index/create-pattern-index.ts";
import { compilePattern, type CompiledPattern } from "../patterns/compile-pattern.ts";
import { matchesFlat } from "../patterns/matches.ts";
import { flattenEvent } from "../patterns/flatten-event.ts";
import type { EventTarget } from "./event-target.ts";

/** Pub/sub topic announcing a routing change (buses, rules, targets, archives) to every process. */
export const ROUTING_TOPIC = "stepflow-events-routing";

/** A target of a rule that matched an event. */
export interface MatchedTarget {
  ruleArn: string;
  ruleName: string;
  target: EventTarget;
}

interface RuleRoute {
  name: string;
  targets: EventTarget[];
}

interface BusRoutes {
  index: PatternIndex;
  rules: Map<string, RuleRoute>;
  archives: { name: string; pattern: CompiledPattern | undefined }[];
}

/**
 * Every bus's enabled rules compiled into one pattern index, with their targets and the bus's archives,
 * held in memory and rebuilt from the database when the routing version moves: at once after a change in
 * this process or a notification from another, and otherwise checked at most every `refreshMs`.
 */
export class RoutingTable {
  private buses = new Map<string, BusRoutes>();
  private known = new Set<string>();
  private version = -1;
  private checkedAt = 0;
  private reloading: Promise<void> | undefined;

  constructor(
    private readonly sql: SqlClient,
    private readonly queue: TaskQueue,
    private readonly refreshMs: number,
  ) {}

  /** Reloads when another process may have changed the routing since the last check. */
  async fresh(): Promise<void> {
    if (this.version >= 0 && Date.now() - this.checkedAt < this.refreshMs) return;
    const { rows } = await this.sql.query<{ version: string | number }>(
      "SELECT version FROM event_routing_version",
    );
    this.checkedAt = Date.now();
    if (Number(rows[0]?.version ?? 0) !== this.version) await this.reload();
  }

  /** Call after committing a change made with {@link bumpRoutingVersion}: reloads and tells other processes. */
  async changed(): Promise<void> {
    await this.reload();
    await this.queue.publish(ROUTING_TOPIC, { version: this.version }).catch(() => undefined);
  }

  /** Another process changed the routing. */
  stale(): void {
    this.checkedAt = 0;
    void this.fresh().catch(() => undefined);
  }

  /** Whether a bus of this name exists (as of the last load). */
  hasBus(bus: string): boolean {
    return this.known.has(bus);
  }

  /** The targets of the enabled rules of `bus` matching `event` (only `ruleArns` when given), and its archives. */
  match(
    bus: string,
    event: unknown,
    options: { ruleArns?: ReadonlySet<string>; archive?: boolean } = {},
  ): { targets: MatchedTarget[]; archives: string[] } {
    const routes = this.buses.get(bus);
    if (routes === undefined) return { targets: [], archives: [] };
    const targets: MatchedTarget[] = [];
    for (const ruleArn of routes.index.match(event)) {
      if (options.ruleArns !== undefined && !options.ruleArns.has(ruleArn)) continue;
      const rule = routes.rules.get(ruleArn)!;
      for (const target of rule.targets) targets.push({ ruleArn, ruleName: rule.name, target });
    }
    const archives: string[] = [];
    if (options.archive !== false && routes.archives.length > 0) {
      const flat = flattenEvent(event);
      for (const archive of routes.archives) {
        if (archive.pattern === undefined || matchesFlat(archive.pattern, flat)) archives.push(archive.name);
      }
    }
    return { targets, archives };
  }

  /** Rebuilds the table from the database (concurrent calls share one load). */
  reload(): Promise<void> {
    this.reloading ??= this.load().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  private async load(): Promise<void> {
    const loaded = await this.sql.transaction(async (tx) => {
      const version = await tx.query<{ version: string | number }>(
        "SELECT version FROM event_routing_version",
      );
      const rules = await tx.query<{ bus: string; name: string; arn: string; event_pattern: string }>(
        "SELECT bus, name, arn, event_pattern FROM event_rules WHERE state = 'ENABLED' AND event_pattern IS NOT NULL ORDER BY bus, name",
      );
      const targets = await tx.query<{ bus: string; rule: string; target: EventTarget }>(
        "SELECT bus, rule, target FROM event_targets ORDER BY position",
      );
      const archives = await tx.query<{ name: string; bus: string; event_pattern: string | null }>(
        "SELECT name, bus, event_pattern FROM event_archives ORDER BY name",
      );
      const buses = await tx.query<{ name: string }>("SELECT name FROM event_buses");
      return { version: Number(version.rows[0]?.version ?? 0), rules, targets, archives, buses };
    });
    const buses = new Map<string, BusRoutes>();
    const routesOf = (bus: string): BusRoutes => {
      let routes = buses.get(bus);
      if (routes === undefined) {
        routes = { index: createPatternIndex(), rules: new Map(), archives: [] };
        buses.set(bus, routes);
      }
      return routes;
    };
    const byName = new Map<string, RuleRoute>();
    for (const row of loaded.rules.rows) {
      const routes = routesOf(row.bus);
      const rule: RuleRoute = { name: row.name, targets: [] };
      // Patterns were validated by PutRule; one that no longer compiles (a stricter matcher) routes nothing.
      try {
        routes.index.add(row.arn, compilePattern(row.event_pattern));
      } catch {
        continue;
      }
      routes.rules.set(row.arn, rule);
      byName.set(`${row.bus}\u0000${row.name}`, rule);
    }
    for (const row of loaded.targets.rows)
      byName.get(`${row.bus}\u0000${row.rule}`)?.targets.push(row.target);
    for (const row of loaded.archives.rows) {
      let pattern: CompiledPattern | undefined;
      try {
        pattern = row.event_pattern === null ? undefined : compilePattern(row.event_pattern);
      } catch {
        continue;
      }
      routesOf(row.bus).archives.push({ name: row.name, pattern });
    }
    this.buses = buses;
    this.known = new Set(loaded.buses.rows.map((row) => row.name));
    this.version = loaded.version;
    this.checkedAt = Date.now();
  }
}

/** Marks the routing changed, inside the transaction that changes it. */
export async function bumpRoutingVersion(tx: SqlExecutor): Promise<void> {
  await tx.query("UPDATE event_routing_version SET version = version + 1");
}
