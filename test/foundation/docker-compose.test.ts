import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ENV_VARS, type EnvVarName, type StepflowProcess } from "@stepflow/server";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../support/index.ts";

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
}

const compose = parse(readFileSync(join(repoRoot, "docker-compose.yml"), "utf8")) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

function service(name: string): ComposeService {
  const found = services[name];
  if (found === undefined) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** The Stepflow processes of the file and the role whose variables each may set. */
const stepflowServices: Record<string, StepflowProcess> = {
  server: "server",
  "worker-order-fulfillment": "worker",
  "worker-identity-confirmation": "worker",
};

function environment(name: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service(name).environment ?? {}).map(([key, value]) => [key, String(value)]),
  );
}

/** "HOST:CONTAINER" or "IP:HOST:CONTAINER" → the container port. */
function containerPorts(name: string): number[] {
  return (service(name).ports ?? []).map((mapping) => Number(mapping.split(":").at(-1)));
}

describe("docker-compose.yml", () => {
  it("has PostgreSQL 16, Redis 7, the server and one worker per example, and nothing else", () => {
    expect(Object.keys(services).sort()).toEqual(
      ["postgres", "redis", ...Object.keys(stepflowServices)].sort(),
    );
    expect(service("postgres").image).toBe("postgres:16");
    expect(service("redis").image).toBe("redis:7");
  });

  it.each(["postgres", "redis", "server"])("gives %s a health check", (name) => {
    expect(service(name).healthcheck?.test?.length).toBeGreaterThan(0);
  });

  it.each(Object.keys(stepflowServices))("builds %s from this repository's Dockerfile", (name) => {
    expect(service(name).build).toBe(".");
    expect(readFileSync(join(repoRoot, "Dockerfile"), "utf8")).toMatch(/^FROM node:20\b/m);
  });

  it.each(Object.entries(stepflowServices))(
    "sets only variables that %s's process (%s) reads",
    (name, role) => {
      for (const variable of Object.keys(environment(name))) {
        expect(Object.keys(ENV_VARS), `${name}: ${variable}`).toContain(variable);
        const readBy: readonly StepflowProcess[] = ENV_VARS[variable as EnvVarName].readBy;
        expect(readBy, `${name}: ${variable}`).toContain(role);
      }
    },
  );

  it("runs `stepflow start` (workers in their own services) listening on 0.0.0.0 at the published PORT", () => {
    const server = service("server");
    expect(server.command?.slice(-3)).toEqual(["stepflow", "start", "--external-workers"]);
    const env = environment("server");
    expect(env["HOST"]).toBe("0.0.0.0");
    // Without credentials the server binds loopback unless told the network is private.
    if (!env["STEPFLOW_ACCESS_KEYS"] && !env["STEPFLOW_API_KEYS"]) {
      expect(env["STEPFLOW_ALLOW_UNAUTHENTICATED"]).toBe("true");
      expect(server.ports?.map(String).every((port) => port.startsWith("127.0.0.1:"))).toBe(true);
    }
    expect(containerPorts("server")).toEqual([Number(env["PORT"])]);
    expect(server.healthcheck?.test?.join(" ")).toContain(`:${env["PORT"]}/healthz`);
  });

  it("wires DATABASE_URL to the postgres service, user, password and database", () => {
    const postgres = environment("postgres");
    const url = new URL(environment("server")["DATABASE_URL"] ?? "");
    expect(url.protocol).toBe("postgres:");
    expect(url.hostname).toBe("postgres");
    expect(containerPorts("postgres")).toContain(Number(url.port));
    expect(url.username).toBe(postgres["POSTGRES_USER"]);
    expect(url.password).toBe(postgres["POSTGRES_PASSWORD"]);
    expect(url.pathname).toBe(`/${postgres["POSTGRES_DB"]}`);
    expect(service("postgres").healthcheck?.test?.join(" ")).toContain(`-d ${postgres["POSTGRES_DB"]}`);
  });

  it.each(Object.keys(stepflowServices))("wires %s's REDIS_URL to the redis service", (name) => {
    const url = new URL(environment(name)["REDIS_URL"] ?? "");
    expect(url.protocol).toBe("redis:");
    expect(url.hostname).toBe("redis");
    expect(containerPorts("redis")).toContain(Number(url.port));
  });

  it.each(Object.keys(stepflowServices))("starts %s only once the services it uses are healthy", (name) => {
    const dependsOn = service(name).depends_on ?? {};
    const env = environment(name);
    const needs = [...("DATABASE_URL" in env ? ["postgres"] : []), ...("REDIS_URL" in env ? ["redis"] : [])];
    expect(needs.length).toBeGreaterThan(0);
    for (const dependency of needs) expect(dependsOn[dependency]?.condition).toBe("service_healthy");
  });

  it("runs each example's worker from the example's own workspace", () => {
    for (const name of Object.keys(stepflowServices).filter((key) => key.startsWith("worker-"))) {
      const example = name.slice("worker-".length);
      expect(service(name).command).toEqual(["npm", "run", "workers", "--workspace", `examples/${example}`]);
      const pkg = JSON.parse(readFileSync(join(repoRoot, "examples", example, "package.json"), "utf8")) as {
        scripts?: Record<string, string>;
      };
      expect(pkg.scripts?.["workers"], `examples/${example} has a workers script`).toBeDefined();
    }
  });
});

describe("README.md's variable table", () => {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const rows = readme.split("\n").filter((line) => line.startsWith("| `"));

  it.each(Object.entries(ENV_VARS))("documents %s with its default", (name, variable) => {
    const row = rows.find((line) => line.startsWith(`| \`${name}\``));
    expect(row, `README.md has no table row for ${name}`).toBeDefined();
    if ("default" in variable) expect(row).toContain(`\`${variable.default}\``);
  });

  it("documents no variable the code does not read", () => {
    const documented = rows
      .map((line) => /^\| `([A-Z][A-Z0-9_]+)`/.exec(line)?.[1])
      .filter((name) => name !== undefined);
    expect(documented.sort()).toEqual(Object.keys(ENV_VARS).sort());
  });
});
