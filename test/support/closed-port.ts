import { createServer } from "node:net";

/** A TCP port on 127.0.0.1 that nothing listens on (it was free a moment ago), for connection-failure tests. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("the probe server had no TCP port");
  return address.port;
}
