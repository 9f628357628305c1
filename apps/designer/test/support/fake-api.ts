/** One request the fake API received. */
export interface ApiRequest {
  method: string;
  path: string;
  body: string;
}

interface Machine {
  stateMachineArn: string;
  name: string;
  definition: string;
  versions: string[];
}

/**
 * An in-memory stand-in for the server's `/v1/state-machines` routes (list, describe a machine or a
 * version ARN, create, update with publish, list versions newest first), recording every request so
 * tests can check what the designer sent.
 */
export class FakeApi {
  readonly requests: ApiRequest[] = [];
  readonly machines = new Map<string, Machine>();

  /** Stores a machine with its current definition and its published versions (oldest first). */
  add(name: string, definition: string, versions: string[] = []): string {
    const arn = `arn:aws:states:us-east-1:123456789012:stateMachine:${name}`;
    this.machines.set(arn, { stateMachineArn: arn, name, definition, versions: [...versions] });
    return arn;
  }

  handle(method: string, url: URL, body: string): { status: number; body: unknown } {
    this.requests.push({ method, path: url.pathname, body });
    const rest = url.pathname.slice("/v1/state-machines".length);
    if (!url.pathname.startsWith("/v1/state-machines")) return { status: 404, body: { message: "no route" } };
    if (rest === "" && method === "GET") {
      return {
        status: 200,
        body: {
          items: [...this.machines.values()].map(({ stateMachineArn, name }) => ({
            stateMachineArn,
            name,
            type: "STANDARD",
          })),
        },
      };
    }
    if (rest === "" && method === "POST") {
      const { name, definition } = JSON.parse(body) as { name: string; definition: string };
      const arn = this.add(name, definition);
      const machine = this.machines.get(arn);
      machine?.versions.push(definition);
      return { status: 201, body: { stateMachineArn: arn, stateMachineVersionArn: `${arn}:1` } };
    }
    const listing = rest.endsWith("/versions");
    const arn = decodeURIComponent(rest.slice(1, listing ? -"/versions".length : undefined));
    // A version ARN is the machine's ARN with ":<number>".
    const qualified = /^(.*:stateMachine:[^:]+):(\d+)$/.exec(arn);
    const machine = this.machines.get(qualified?.[1] ?? arn);
    if (machine === undefined) return { status: 404, body: { message: "no such state machine" } };
    if (listing && method === "GET") {
      const items = machine.versions.map((_, i) => ({
        stateMachineVersionArn: `${machine.stateMachineArn}:${i + 1}`,
        creationDate: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      }));
      return { status: 200, body: { items: items.reverse() } };
    }
    if (qualified !== null && method === "GET") {
      const definition = machine.versions[Number(qualified[2]) - 1];
      if (definition === undefined) return { status: 404, body: { message: "no such version" } };
      return { status: 200, body: { stateMachineArn: arn, name: machine.name, definition } };
    }
    if (method === "GET") return { status: 200, body: { ...machine, versions: undefined } };
    if (method === "PATCH") {
      const { definition } = JSON.parse(body) as { definition: string };
      machine.definition = definition;
      machine.versions.push(definition);
      return {
        status: 200,
        body: { stateMachineVersionArn: `${machine.stateMachineArn}:${machine.versions.length}` },
      };
    }
    return { status: 405, body: { message: "method not allowed" } };
  }
}
