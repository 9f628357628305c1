import { stepflowProject } from "../../vitest.shared.ts";

export default stepflowProject("example-identity-confirmation", { testTimeout: 60_000 });
