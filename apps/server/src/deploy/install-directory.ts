import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { EngineError, type Engine } from "@stepflow/engine";
import type { EventBus } from "@stepflow/events";

/** The role state machines are created with when the caller names none (Stepflow records it; nothing assumes it). */
export const DEFAULT_ROLE_ARN = "arn:aws:iam::123456789012:role/stepflow";

/** A rule file of `rules/`: PutRule's members with the pattern as JSON, plus PutTargets' Targets. */
interface RuleFile {
  Name: string;
  Description?: string;
  EventPattern: unknown;
  Targets: { Id: string; Arn: string; [member: string]: unknown }[];
}

/** What {@link installDirectory} created or brought up to date. */
export interface Installed {
  /** State machine ARNs by name. */
  stateMachines: Record<string, string>;
  rules: string[];
}

/**
 * Deploys a project directory: creates or updates the state machines of `definitions/*.asl.json` (named
 * after the file) and the rules of `rules/*.json` on the default bus, with exactly the targets each file
 * lists (`${region}` and `${account}` are replaced). Running it again changes only what differs, so every
 * start (and every process) can run it. The examples install themselves with it.
 */
export async function installDirectory(
  dir: string,
  engine: Pick<Engine, "stateMachines" | "arns">,
  bus: Pick<EventBus, "arns" | "putRule" | "putTargets" | "listTargetsByRule" | "removeTargets">,
  roleArn: string = DEFAULT_ROLE_ARN,
): Promise<Installed> {
  const installed: Installed = { stateMachines: {}, rules: [] };
  for (const file of await jsonFiles(join(dir, "definitions"))) {
    const name = basename(file, ".asl.json");
    const definition = await readFile(file, "utf8");
    installed.stateMachines[name] = await putStateMachine(engine, name, definition, roleArn);
  }
  const { region, account } = bus.arns.scope;
  for (const file of await jsonFiles(join(dir, "rules"))) {
    const text = (await readFile(file, "utf8"))
      .replaceAll("${region}", region)
      .replaceAll("${account}", account);
    const rule = JSON.parse(text) as RuleFile;
    await bus.putRule({
      Name: rule.Name,
      EventPattern: JSON.stringify(rule.EventPattern),
      State: "ENABLED",
      ...(rule.Description === undefined ? {} : { Description: rule.Description }),
    });
    const wanted = new Set(rule.Targets.map((target) => target.Id));
    const current = await bus.listTargetsByRule({ Rule: rule.Name });
    const stale = (current.Targets ?? []).map((target) => target.Id).filter((id) => !wanted.has(id));
    if (stale.length > 0) await bus.removeTargets({ Rule: rule.Name, Ids: stale });
    const put = await bus.putTargets({ Rule: rule.Name, Targets: rule.Targets });
    if (put.FailedEntryCount > 0) {
      throw new Error(`${file}: targets refused: ${JSON.stringify(put.FailedEntries)}`);
    }
    installed.rules.push(rule.Name);
  }
  return installed;
}

async function putStateMachine(
  engine: Pick<Engine, "stateMachines" | "arns">,
  name: string,
  definition: string,
  roleArn: string,
): Promise<string> {
  const arn = engine.arns.stateMachine(name);
  try {
    const current = await engine.stateMachines.describe(arn);
    if (current.definition !== definition) {
      await engine.stateMachines.update({ stateMachineArn: arn, definition });
    }
    return arn;
  } catch (error) {
    if (!(error instanceof EngineError) || error.code !== "StateMachineDoesNotExist") throw error;
  }
  try {
    return (await engine.stateMachines.create({ name, definition, roleArn })).stateMachineArn;
  } catch (error) {
    // Another process installing at the same moment created it first: bring it up to date instead.
    if (!(error instanceof EngineError) || error.code !== "StateMachineAlreadyExists") throw error;
    await engine.stateMachines.update({ stateMachineArn: arn, definition });
    return arn;
  }
}

async function jsonFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => join(dir, name));
}
