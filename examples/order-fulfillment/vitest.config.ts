import { stepflowProject } from "../../vitest.shared.ts";

export default stepflowProject("example-order-fulfillment", { testTimeout: 60_000 });
