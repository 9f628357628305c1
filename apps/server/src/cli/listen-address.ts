/** Where the server listens, and why when it is not where HOST asked. */
export interface ListenAddress {
  host: string;
  port: number;
  /** Set when HOST was overridden: the reason, for the start-up log. */
  note?: string;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * The address to listen on: `HOST` (default 127.0.0.1) and `PORT` (default 8080; 0 picks a free port).
 * Without any credentials configured nothing checks who calls, so the server binds the loopback address
 * only, whatever HOST says, unless STEPFLOW_ALLOW_UNAUTHENTICATED=true says the network is private.
 */
export function listenAddress(
  env: {
    HOST?: string | undefined;
    PORT?: string | undefined;
    STEPFLOW_ALLOW_UNAUTHENTICATED?: string | undefined;
  },
  credentialsConfigured: boolean,
): ListenAddress {
  const portText = env.PORT === undefined || env.PORT === "" ? "8080" : env.PORT;
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65_535) {
    throw new Error(`PORT must be a port number from 0 to 65535, got "${portText}"`);
  }
  const port = Number(portText);
  const host = env.HOST === undefined || env.HOST === "" ? "127.0.0.1" : env.HOST;
  if (credentialsConfigured || LOOPBACK.has(host)) return { host, port };
  // A container's loopback is unreachable from its host: Docker Compose opts out explicitly and publishes
  // the port on the host's loopback instead.
  if (env.STEPFLOW_ALLOW_UNAUTHENTICATED === "true") {
    return {
      host,
      port,
      note: `STEPFLOW_ALLOW_UNAUTHENTICATED=true: listening on HOST=${host} with no credentials`,
    };
  }
  return {
    host: "127.0.0.1",
    port,
    note: `no credentials configured (STEPFLOW_ACCESS_KEYS, STEPFLOW_API_KEYS): listening on 127.0.0.1 only, not HOST=${host}`,
  };
}
