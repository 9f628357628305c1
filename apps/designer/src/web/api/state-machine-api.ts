/** A state machine as the server's `/v1/state-machines` list shows it. */
export interface StateMachineItem {
  stateMachineArn: string;
  name: string;
  type?: string;
}

/** A state machine opened from the server: its definition text exactly as stored. */
export interface StateMachineDocument {
  stateMachineArn: string;
  name: string;
  definition: string;
}

/** The REST API is absent (the designer served on its own) or answered with an error. */
export class ApiUnavailable extends Error {
  override name = "ApiUnavailable";
}

const BASE = "/v1/state-machines";

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: {
        accept: "application/json",
        ...(init?.body === undefined ? {} : { "content-type": "application/json" }),
      },
    });
  } catch (error) {
    throw new ApiUnavailable(`the server did not answer (${String(error)})`);
  }
  const body = (await response.json().catch(() => undefined)) as { message?: string } | undefined;
  if (!response.ok || body === undefined) {
    throw new ApiUnavailable(body?.message ?? `${init?.method ?? "GET"} ${path} answered ${response.status}`);
  }
  return body as T;
}

/** Lists the server's state machines (first 100). Throws ApiUnavailable when there is no API. */
export async function listStateMachines(): Promise<StateMachineItem[]> {
  const page = await call<{ items?: StateMachineItem[] }>(`${BASE}?limit=100`);
  if (!Array.isArray(page.items)) throw new ApiUnavailable("the server's answer has no items");
  return page.items;
}

/** Opens one state machine with its definition text. */
export async function openStateMachine(arn: string): Promise<StateMachineDocument> {
  return call<StateMachineDocument>(`${BASE}/${encodeURIComponent(arn)}`);
}

/** Saves `definition` (sent as text, byte for byte) as a new published version of `arn`. */
export async function saveVersion(
  arn: string,
  definition: string,
): Promise<{ stateMachineVersionArn?: string }> {
  return call(`${BASE}/${encodeURIComponent(arn)}`, {
    method: "PATCH",
    body: JSON.stringify({ definition, publish: true }),
  });
}

/** Creates a state machine named `name` from `definition`, publishing version 1. */
export async function createStateMachine(
  name: string,
  definition: string,
): Promise<{ stateMachineArn: string; stateMachineVersionArn?: string }> {
  return call(BASE, { method: "POST", body: JSON.stringify({ name, definition, publish: true }) });
}

/** One published version of a state machine, as `/v1/state-machines/{arn}/versions` lists it. */
export interface StateMachineVersionItem {
  stateMachineVersionArn: string;
  creationDate?: string;
}

/** Lists the published versions of `arn`, newest first (first 100). */
export async function listVersions(arn: string): Promise<StateMachineVersionItem[]> {
  const page = await call<{ items?: StateMachineVersionItem[] }>(
    `${BASE}/${encodeURIComponent(arn)}/versions?limit=100`,
  );
  if (!Array.isArray(page.items)) throw new ApiUnavailable("the server's answer has no items");
  return page.items;
}
