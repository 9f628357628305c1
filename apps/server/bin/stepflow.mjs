#!/usr/bin/env node
// The `stepflow` command. It runs the TypeScript sources directly (tsx's loader plus the
// "@stepflow/source" export condition), so it works in a fresh clone after `npm ci` with no build step.
import { register } from "node:module";
import process from "node:process";
import { register as registerTsx } from "tsx/esm/api";

registerTsx();
register("./source-conditions.mjs", import.meta.url);
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
