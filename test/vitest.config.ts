import { stepflowProject } from "../vitest.shared.ts";

export default stepflowProject("cross-package", {
  include: ["**/*.test.ts"],
  exclude: ["node_modules/**", "bench/**"],
});
