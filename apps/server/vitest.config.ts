import { stepflowProject } from "../../vitest.shared.ts";

export default stepflowProject("server");
