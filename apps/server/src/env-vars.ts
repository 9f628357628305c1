/** A Stepflow process that reads environment variables. */
export type StepflowProcess = "server" | "worker";

/** What one environment variable means, who reads it, and its value when unset. */
export interface EnvVar {
  readonly description: string;
  readonly readBy: readonly StepflowProcess[];
  /** Absent means "unset changes the mode" (embedded PGlite, embedded queue), not a default value. */
  readonly default?: string;
}

/**
 * Every environment variable a Stepflow process reads. docker-compose.yml and README.md are checked
 * against this list (test/foundation), so a variable the code reads cannot be left out of either.
 */
export const ENV_VARS = {
  DATABASE_URL: {
    description:
      "PostgreSQL connection URL. Unset: embedded PGlite in STEPFLOW_DATA_DIR. Without REDIS_URL, workers take their tasks from its PostgreSQL queue.",
    readBy: ["server", "worker"],
  },
  REDIS_URL: {
    description:
      "Redis URL for the BullMQ task queue. Unset: the PostgreSQL queue on DATABASE_URL (shared by every server and worker), or the embedded in-process queue without DATABASE_URL.",
    readBy: ["server", "worker"],
  },
  HOST: {
    description: "Address the server listens on.",
    readBy: ["server"],
    default: "127.0.0.1",
  },
  PORT: {
    description: "Port the server listens on.",
    readBy: ["server"],
    default: "8080",
  },
  STEPFLOW_DATA_DIR: {
    description: "Data directory of the embedded PGlite database (used only without DATABASE_URL).",
    readBy: ["server"],
    default: ".stepflow-data",
  },
  STEPFLOW_OBJECTS_DIR: {
    description:
      "Directory of the embedded object store (one subdirectory per bucket) that Distributed Maps' ItemReader/ResultWriter and s3 Tasks use; ignored when STEPFLOW_S3_ENDPOINT or STEPFLOW_S3_REGION is set.",
    readBy: ["server"],
    default: ".stepflow-data/objects",
  },
  STEPFLOW_S3_ENDPOINT: {
    description:
      "URL of an S3-compatible service (MinIO, Ceph, LocalStack), addressed path-style, for the object store. Unset: AWS S3 if STEPFLOW_S3_REGION is set, else the STEPFLOW_OBJECTS_DIR directory.",
    readBy: ["server"],
  },
  STEPFLOW_S3_REGION: {
    description: "Region of the S3 object store. Unset with STEPFLOW_S3_ENDPOINT set: us-east-1.",
    readBy: ["server"],
  },
  STEPFLOW_S3_ACCESS_KEY_ID: {
    description:
      "Access key id for the S3 object store (with STEPFLOW_S3_SECRET_ACCESS_KEY). Unset: the AWS SDK's default credential chain.",
    readBy: ["server"],
  },
  STEPFLOW_S3_SECRET_ACCESS_KEY: {
    description: "Secret access key for the S3 object store (with STEPFLOW_S3_ACCESS_KEY_ID).",
    readBy: ["server"],
  },
  STEPFLOW_ACCESS_KEYS: {
    description:
      "SigV4 credentials of the AWS protocol: comma-separated ACCESS_KEY_ID:SECRET pairs. Unset: no signature check (dev mode).",
    readBy: ["server"],
  },
  STEPFLOW_API_KEYS: {
    description:
      "Bearer tokens of the REST /v1 API: comma-separated keys of at least 16 characters. Unset: no key check (dev mode).",
    readBy: ["server"],
  },
  STEPFLOW_ALLOW_UNAUTHENTICATED: {
    description:
      "true: listen on HOST even with no credentials configured (a container whose port is published on the host's loopback). Otherwise the server then binds 127.0.0.1.",
    readBy: ["server"],
    default: "false",
  },
} as const satisfies Record<string, EnvVar>;

/** The name of an environment variable Stepflow reads. */
export type EnvVarName = keyof typeof ENV_VARS;
