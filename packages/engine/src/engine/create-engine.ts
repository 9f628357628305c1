import type { Signal } from "@stepflow/asl";
import { createArns } from "../arns.ts";
import { createActivities } from "../api/activities.ts";
import { createAliasApi } from "../api/aliases.ts";
import { createExecutionApi } from "../api/executions.ts";
import { createStateMachineApi } from "../api/state-machines.ts";
import { createTaskApi } from "../api/tasks.ts";
import { createTagApi } from "../api/tags.ts";
import type { SqlClient } from "../ports/sql-client.ts";
import type { TaskQueue } from "../ports/task-queue.ts";
import { loadMigrations } from "../sql/load-migrations.ts";
import { migrate } from "../sql/migrate.ts";
import { startBackgroundLoops } from "./background-loops.ts";
import { CommandDispatcher, type CompletionListener } from "./command-dispatcher.ts";
import { ExecutionRunner, type RunnerOptions } from "./execution-runner.ts";
import { MachineCache } from "./machine-cache.ts";
import { OutboxCleaner } from "./outbox-cleaner.ts";
import { QueueRecovery } from "./queue-recovery.ts";
import { ExpressRunner } from "./express-runner.ts";
import { createChildExecutions } from "../tasks/child-executions.ts";
import type { ExecutionApi } from "../api/executions.ts";
import type { TaskIntegration } from "../tasks/task-integration.ts";
import { IntegrationRunner } from "../tasks/integration-runner.ts";
import { createHttpInvokeIntegration } from "../tasks/http/http-invoke-integration.ts";
import type { HttpConnections } from "../ports/http-connections.ts";
import type { ObjectStore } from "../ports/object-store.ts";
import { createS3Integration } from "../tasks/s3/s3-integration.ts";
import { createMapRunApi, type MapRunApi } from "../api/map-runs.ts";
import { createDirectoryObjectStore } from "../adapters/directory-object-store.ts";
import { defaultObjectsDir } from "../objects/connect-object-store.ts";

/** Listener for started executions: called after every successful StartExecution (idempotent re-starts too). */
export type StartListener = (executionArn: string) => void;

/** How to build an engine. */
export interface EngineOptions {
  sql: SqlClient;
  queue: TaskQueue;
  region?: string;
  account?: string;
  /** Run the timer/result consumers and the sweepers in this process (default true). */
  background?: boolean;
  /** How often the sweepers look for lost timers and outbox rows (default 2 s). */
  sweepMs?: number;
  /** How executions are stored and cached (see ExecutionRunner); tests journal and reload every execution. */
  storage?: RunnerOptions;
  /** How long an HTTP Task's request may take before it fails with States.Http.Socket (default 60 s, as AWS). */
  httpTimeoutMs?: number;
  /**
   * Where `s3:*` Tasks and Distributed Maps' ItemReader / ResultWriter read and write objects (default: the
   * directory `.stepflow-data/objects`, one subdirectory per bucket; see connectObjectStore). The caller closes it.
   */
  objects?: ObjectStore;
}

/**
 * The durable engine: migrates the database, then serves state machines, executions and task callbacks,
 * consuming timer jobs and worker reports. Any number of engines can share one PostgreSQL and one queue.
 *
 * @example
 * const engine = await createEngine({ sql: await connectSql(process.env), queue: createMemoryTaskQueue() });
 * const { stateMachineArn } = await engine.stateMachines.create({ name: "hello", definition, roleArn });
 * await engine.executions.start({ stateMachineArn, input: "{}" });
 */
export async function createEngine(options: EngineOptions) {
  const { sql, queue } = options;
  await migrate(sql, await loadMigrations());
  const region = options.region ?? "us-east-1";
  const arns = createArns({ region, account: options.account ?? "123456789012" });
  const cleaner = new OutboxCleaner(sql);
  const signal = (arn: string, s: Signal, fired?: string): Promise<boolean> => runner.signal(arn, s, fired);
  const snapshotOf = (arn: string) => runner.snapshot(arn);
  const activities = createActivities(sql, arns, queue, signal, snapshotOf);
  const children = createChildExecutions(sql, () => executions, signal, snapshotOf);
  // Integrations are served where the background loops run; any engine can schedule them.
  const integrations = new IntegrationRunner(queue, options.background !== false);
  await integrations.start();
  let httpConnections: HttpConnections | undefined;
  integrations.register(
    "http",
    createHttpInvokeIntegration({
      region,
      timeoutMs: options.httpTimeoutMs ?? 60_000,
      connections: () => httpConnections,
    }),
  );
  const objects = options.objects ?? createDirectoryObjectStore(defaultObjectsDir);
  integrations.register(
    "s3",
    createS3Integration(() => objects),
  );
  const mapRuns = createMapRunApi(sql, snapshotOf);
  const dispatcher: CommandDispatcher = new CommandDispatcher(
    queue,
    cleaner,
    signal,
    activities.tasks,
    children,
    integrations,
    (mapRunArn, executionArn, stateName) => mapRuns.record(mapRunArn, executionArn, stateName),
  );
  const machines = new MachineCache();
  const runner: ExecutionRunner = new ExecutionRunner(
    sql,
    machines,
    (arn, commands, ids, meta) => dispatcher.dispatch(arn, commands, ids, meta),
    options.storage,
  );
  const express = new ExpressRunner(queue, (arn, commands, replyTo) =>
    dispatcher.dispatch(arn, commands, [], { replyTo }),
  );
  const stateMachines = createStateMachineApi(sql, arns);
  const startListeners = new Set<StartListener>();
  const executionApi = createExecutionApi(sql, arns, stateMachines, runner, { machines, express });
  const executions: ExecutionApi = {
    ...executionApi,
    async start(input) {
      const started = await executionApi.start(input);
      for (const listener of startListeners) listener(started.executionArn);
      return started;
    },
  };
  const tasks = createTaskApi(runner);
  const recovery = new QueueRecovery(
    sql,
    queue,
    (arn, commands) => dispatcher.dispatch(arn, commands, []),
    snapshotOf,
  );
  // A queue that does not hold our sentinel lost its jobs (an in-process queue after a restart, Redis
  // emptied while we were down): send pending tasks and timers again before serving anything.
  await recovery.check();
  const loops =
    options.background === false
      ? undefined
      : startBackgroundLoops(
          {
            sql,
            queue,
            signal,
            dispatch: (arn, commands, ids) => dispatcher.dispatch(arn, commands, ids),
            checkQueue: () => recovery.check(),
          },
          options.sweepMs === undefined ? {} : { sweepMs: options.sweepMs },
        );

  return {
    arns,
    stateMachines,
    executions,
    tasks,
    tags: createTagApi(sql),
    aliases: createAliasApi(sql),
    activities: activities.api,
    /** DescribeMapRun / ListMapRuns of Distributed Map states. */
    mapRuns: {
      describe: (mapRunArn: string) => mapRuns.describe(mapRunArn),
      list: (input: Parameters<MapRunApi["list"]>[0]) => mapRuns.list(input),
    },
    /** Called with every execution that ends (any status). */
    onCompletion: (listener: CompletionListener) => dispatcher.onCompletion(listener),
    /** Called with every execution StartExecution started (or found running with the same input); returns the remover. */
    onStart(listener: StartListener): () => void {
      startListeners.add(listener);
      return () => startListeners.delete(listener);
    },
    /**
     * Serves Task resources `arn:aws:states:::<name>:<action>` (today: "events"; "http" is built in) with
     * `handler`, delivered at least once; returns the unregister function.
     */
    registerIntegration: (name: string, handler: TaskIntegration) => integrations.register(name, handler),
    /**
     * Lets HTTP Tasks use the EventBridge connections of `connections` (`Authentication.ConnectionArn`); the
     * event bus calls this. Returns the unregister function.
     */
    registerHttpConnections(connections: HttpConnections): () => void {
      httpConnections = connections;
      return () => {
        if (httpConnections === connections) httpConnections = undefined;
      };
    },
    /** Applies a signal directly (tests and recovery tools). */
    signal,
    /** An execution's current snapshot, as the core holds it (tests and recovery tools). */
    snapshot: snapshotOf,
    /** Looks for lost timers and undispatched commands now instead of at the next interval. */
    sweep: () => loops?.sweep() ?? Promise.resolve(),
    /** Stops consuming and flushes pending outbox deletes; the caller closes `sql` and `queue`. */
    async close() {
      await integrations.close();
      await loops?.stop();
      await express.close();
      await activities.api.close();
      await cleaner.flush();
    },
  };
}

/** A running engine. */
export type Engine = Awaited<ReturnType<typeof createEngine>>;
