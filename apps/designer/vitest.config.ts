import { stepflowProject } from "../../vitest.shared.ts";

export default stepflowProject("designer", { globalSetup: ["test/support/build-once.ts"] });
