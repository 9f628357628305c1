import type { TaskQueue } from "@stepflow/engine";
import { countQuarantined, dropQuarantined, findQuarantined, listQuarantined } from "@stepflow/worker";
import type { Output } from "./validate-command.ts";

export const QUARANTINE_USAGE = `usage: stepflow quarantine list [--limit <n>] [--offset <n>] [--json]
       stepflow quarantine show <token>
       stepflow quarantine delete <token>
`;

/** What `stepflow quarantine` is asked. */
export interface QuarantineArgs {
  positionals: string[];
  limit?: string | undefined;
  offset?: string | undefined;
  json?: boolean | undefined;
}

/**
 * `stepflow quarantine list|show|delete`: the workers' quarantine on the task queue `queue` (tasks whose
 * worker died running them more than stallLimit times). Their Task already failed; `delete` drops an entry
 * once inspected, and the execution is redriven (RedriveExecution, `POST /v1/executions/{arn}/redrive`)
 * when the state should run again. Resolves to the exit status: 0, 1 when the token is not quarantined,
 * 2 for a usage error.
 */
export async function quarantineCommand(args: QuarantineArgs, queue: TaskQueue, io: Output): Promise<number> {
  const [action, token, ...extra] = args.positionals;
  const usage = (why: string): number => {
    io.err(`${why}\n\n${QUARANTINE_USAGE}`);
    return 2;
  };
  if (action === "list") {
    if (token !== undefined) return usage(`unexpected argument "${token}"`);
    const limit = integer(args.limit ?? "100", 1, 1000);
    const offset = integer(args.offset ?? "0", 0, Number.MAX_SAFE_INTEGER);
    if (limit === undefined) return usage(`--limit must be an integer from 1 to 1000`);
    if (offset === undefined) return usage(`--offset must be a non-negative integer`);
    const [entries, total] = await Promise.all([
      listQuarantined(queue, { offset, limit }),
      countQuarantined(queue),
    ]);
    if (args.json === true) {
      io.out(`${JSON.stringify({ items: entries, total }, null, 2)}\n`);
      return 0;
    }
    for (const entry of entries) {
      io.out(
        `${entry.quarantinedAt}  ${entry.error}  ${entry.executionArn}  ${entry.stateName}  ${entry.resource}  stalls ${entry.stalls}/${entry.stallLimit}\n  token ${entry.id}\n`,
      );
    }
    io.out(
      `${total} quarantined task${total === 1 ? "" : "s"}${entries.length < total ? ` (${entries.length} shown from ${offset})` : ""}\n`,
    );
    return 0;
  }
  if (action === "show" || action === "delete") {
    if (token === undefined) return usage(`${action} needs the task's token (see stepflow quarantine list)`);
    if (extra.length > 0) return usage(`unexpected argument "${extra[0]}"`);
    const entry =
      action === "show" ? await findQuarantined(queue, token) : await dropQuarantined(queue, token);
    if (entry === undefined) {
      io.err(`no quarantined task has the token ${token}\n`);
      return 1;
    }
    if (action === "show") {
      io.out(`${JSON.stringify(entry, null, 2)}\n`);
      return 0;
    }
    io.out(
      `dropped the quarantined task of ${entry.executionArn} (state ${entry.stateName}); its Task failed with ${entry.error}. To run the state again, redrive the execution: POST /v1/executions/${encodeURIComponent(entry.executionArn)}/redrive\n`,
    );
    return 0;
  }
  return usage(action === undefined ? "quarantine needs an action" : `unknown action "${action}"`);
}

function integer(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,16}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}
