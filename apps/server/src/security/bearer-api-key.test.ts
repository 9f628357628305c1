import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearerApiKey } from "./bearer-api-key.ts";
import { sameSecret } from "./same-secret.ts";

const KEY = "k-0123456789abcdef";

describe("bearerApiKey", () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.use("/v1", bearerApiKey({ keys: ["other-0123456789abcdef", KEY] }), (_req, res) => {
      res.json({ ok: true });
    });
    app.use("/open", bearerApiKey({ keys: [] }), (_req, res) => {
      res.json({ ok: true });
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    [`Bearer ${KEY}`, 200],
    [`bearer ${KEY}`, 200],
    [`Bearer ${KEY}x`, 401],
    [`Bearer ${KEY.slice(0, -1)}`, 401],
    ["Bearer", 401],
    [`Basic ${KEY}`, 401],
    [undefined, 401],
  ])("Authorization %j → %i", async (authorization, status) => {
    const res = await fetch(`${url}/v1/state-machines`, {
      headers: authorization === undefined ? {} : { authorization },
    });
    expect(res.status).toBe(status);
    if (status === 401) {
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="stepflow", error="invalid_/);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as { status: number; detail: string };
      expect(body.status).toBe(401);
      expect(body.detail).not.toContain(KEY);
    }
  });

  it("accepts ?access_token= on GET only (EventSource cannot set headers)", async () => {
    expect((await fetch(`${url}/v1/events?access_token=${KEY}`)).status).toBe(200);
    expect((await fetch(`${url}/v1/events?access_token=nope-0123456789abcdef`)).status).toBe(401);
    expect((await fetch(`${url}/v1/x?access_token=${KEY}`, { method: "POST" })).status).toBe(401);
  });

  it("lets everything through when no key is configured", async () => {
    expect((await fetch(`${url}/open/x`)).status).toBe(200);
  });
});

describe("sameSecret", () => {
  it.each([
    ["abc", "abc", true],
    ["abc", "abd", false],
    ["abc", "abcd", false],
    ["", "", true],
  ])("%j vs %j → %s", (a, b, same) => {
    expect(sameSecret(a, b)).toBe(same);
  });
});
