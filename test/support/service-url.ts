/** The environment variables naming the services that integration tests run against. */
export type ServiceUrlVariable = "DATABASE_URL" | "REDIS_URL";

/**
 * The URL in `DATABASE_URL` or `REDIS_URL`, or `undefined` when it is not set, so a test can choose
 * PGlite or the embedded queue instead and say so. Under CI (`CI` set) an unset URL throws: a CI run
 * that quietly skipped its database or Redis tests would look green while testing nothing.
 */
export function serviceUrl(variable: ServiceUrlVariable): string | undefined {
  const value = process.env[variable];
  if (value !== undefined && value !== "") return value;
  if (process.env["CI"]) {
    throw new Error(
      `${variable} is not set under CI; .ci/run exports it, so check how the tests were started`,
    );
  }
  return undefined;
}
