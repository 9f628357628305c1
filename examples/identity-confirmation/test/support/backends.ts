import { testBackends } from "../../../../test/support/backends.ts";

export { until, type Backend } from "../../../../test/support/backends.ts";

/** The deployments this package's durable suites run on (see test/support/backends.ts). */
export const backends = testBackends("example");
