import { execFile } from "node:child_process";
import { chmod, chown, mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A PostgreSQL server of this test's own: initdb in a temporary directory, on a free port. */
export interface PrivatePostgres {
  /** URL of its `postgres` database (trust authentication on 127.0.0.1). */
  url: string;
  port: number;
  /** `pg_ctl restart -m fast`: every connection is closed, the server is back when it resolves. */
  restart(): Promise<void>;
  /** Stops the server (immediate) and deletes its directory. */
  destroy(): Promise<void>;
}

/** Where the PostgreSQL server binaries are (`/usr/lib/postgresql/<newest>/bin`), or undefined. */
export async function postgresBinDir(): Promise<string | undefined> {
  const versions = await readdir("/usr/lib/postgresql").catch(() => [] as string[]);
  const newest = versions.filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : `/usr/lib/postgresql/${newest}/bin`;
}

/**
 * Starts a private PostgreSQL server, so a test can restart it without disturbing anyone else's server.
 * initdb refuses to run as root, so as root the server runs as the `postgres` user (through `runuser`).
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = await postgresBinDir();
  if (bin === undefined) throw new Error("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin");
  const root = await mkdtemp(join(tmpdir(), "sf-private-pg-"));
  const data = join(root, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    await chown(root, Number(stdout.trim()), Number(gid.trim()));
  }
  await chmod(root, 0o700);
  const pg = (tool: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", join(bin, tool), ...args]) : run(join(bin, tool), args);

  await pg("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  await pg("pg_ctl", ["-D", data, "-o", options, "-l", join(root, "log"), "-w", "-t", "60", "start"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    restart: async () => {
      await pg("pg_ctl", ["-D", data, "-l", join(root, "log"), "-m", "fast", "-w", "-t", "60", "restart"]);
    },
    destroy: async () => {
      await pg("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
