export type { SqlClient, SqlExecutor, SqlResult } from "./ports/sql-client.ts";
export { SqlError, SqlErrorCode } from "./ports/sql-client.ts";
export { createPgSqlClient, type PgSqlClientOptions } from "./adapters/pg-sql-client.ts";
export { createPgliteSqlClient, type PgliteSqlClientOptions } from "./adapters/pglite-sql-client.ts";
export { migrate, type MigrateOptions, type MigrateResult } from "./sql/migrate.ts";
export { migrationChecksum, type Migration } from "./sql/migration.ts";
export { loadMigrations, migrationsDir } from "./sql/load-migrations.ts";
export { StatementBatcher, type StatementBatcherOptions } from "./sql/statement-batcher.ts";
export { connectSql, defaultPgliteDir, type SqlEnv } from "./sql/connect-sql.ts";
export { createEngine, type Engine, type EngineOptions, type StartListener } from "./engine/create-engine.ts";
export type { CompletionListener } from "./engine/command-dispatcher.ts";
export type { IntegrationOutcome, IntegrationRequest, TaskIntegration } from "./tasks/task-integration.ts";
export {
  ConnectionProblem,
  type ConnectionLookup,
  type ConnectionParameters,
  type HttpConnections,
} from "./ports/http-connections.ts";
export { EngineError, EngineErrorCode } from "./errors/engine-error.ts";
export { createArns, parseExecutionArn, parseStateMachineArn, type Arns, type ArnScope } from "./arns.ts";
export { newTaskToken, executionOfToken } from "./tasks/task-token.ts";
// The task queues and the task message contract, as `@stepflow/engine/queue` exports them to workers.
export * from "./queue-entry.ts";
export { TIMERS_QUEUE, integrationQueueName, type IntegrationJob } from "./tasks/task-messages.ts";
export { routeTask, type TaskRoute } from "./tasks/task-route.ts";
export { MAX_PAYLOAD_BYTES } from "./engine/background-loops.ts";
export type { ExecutionDescription } from "./api/executions.ts";
export type { StateMachineDescription } from "./api/state-machines.ts";
export {
  activityTopic,
  MAX_ACTIVITY_POLL_MS,
  type ActivityApi,
  type ActivityDescription,
  type ActivityOptions,
  type ActivityTask,
  type ActivityTaskStore,
} from "./api/activities.ts";
export {
  type AliasApi,
  type RoutingConfigurationItem,
  type StateMachineAliasDescription,
} from "./api/aliases.ts";
export {
  ObjectStoreError,
  ObjectStoreErrorCode,
  type ListedObject,
  type ListOptions,
  type ObjectListing,
  type ObjectStore,
  type StoredObject,
} from "./ports/object-store.ts";
export { createDirectoryObjectStore } from "./adapters/directory-object-store.ts";
export { createS3ObjectStore, type S3ObjectStoreOptions } from "./adapters/s3-object-store.ts";
export {
  connectObjectStore,
  defaultObjectsDir,
  describeObjectStore,
  type ObjectStoreEnv,
} from "./objects/connect-object-store.ts";
export type { MapRunApi, MapRunDescription, MapRunListItem } from "./api/map-runs.ts";
