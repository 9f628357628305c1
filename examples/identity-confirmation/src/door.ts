// The simulated smart door: publishes a `Door Status` event to a running Stepflow with the AWS SDK, exactly
// as a device would publish to EventBridge.
//   npm run door -w examples/identity-confirmation -- alice          a resident
//   npm run door -w examples/identity-confirmation -- mallory        a visitor (unrecognised)
//   npm run door -w examples/identity-confirmation --                no personId (nobody matched)
//   npm run door -w examples/identity-confirmation -- blurred        an identification error
//   npm run door -w examples/identity-confirmation -- --twice bob    the same event twice (one key)
// STEPFLOW_URL (default http://127.0.0.1:8080); AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY when the
// server checks signatures (STEPFLOW_ACCESS_KEYS).
import { randomUUID } from "node:crypto";
import console from "node:console";
import process from "node:process";
import { parseArgs } from "node:util";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { doorOpenedEntry } from "./door-event.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { twice: { type: "boolean" }, key: { type: "string" } },
});
const personId = positionals[0];
const key = values.key ?? `door-${randomUUID()}`;
const client = new EventBridgeClient({
  endpoint: process.env.STEPFLOW_URL ?? "http://127.0.0.1:8080",
  region: process.env.AWS_REGION ?? "us-east-1",
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "local",
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "local",
  },
});
for (let sent = 0; sent < (values.twice === true ? 2 : 1); sent++) {
  const result = await client.send(new PutEventsCommand({ Entries: [doorOpenedEntry(personId, key)] }));
  const entry = result.Entries?.[0];
  console.log(
    entry?.EventId === undefined
      ? `refused: ${entry?.ErrorCode} ${entry?.ErrorMessage}`
      : `door opened by ${personId ?? "(no personId)"}: event ${entry.EventId} (idempotency-key ${key})`,
  );
}
client.destroy();
