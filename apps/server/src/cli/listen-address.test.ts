import { describe, expect, it } from "vitest";
import { listenAddress } from "./listen-address.ts";

describe("listenAddress", () => {
  it("listens where HOST says when credentials are configured", () => {
    expect(listenAddress({ HOST: "0.0.0.0", PORT: "9000" }, true)).toEqual({ host: "0.0.0.0", port: 9000 });
  });
  it("falls back to 127.0.0.1 without credentials, and says why", () => {
    const address = listenAddress({ HOST: "0.0.0.0" }, false);
    expect(address).toMatchObject({ host: "127.0.0.1", port: 8080 });
    expect(address.note).toContain("no credentials configured");
  });
  it("listens on HOST without credentials only when STEPFLOW_ALLOW_UNAUTHENTICATED is exactly true", () => {
    expect(listenAddress({ HOST: "0.0.0.0", STEPFLOW_ALLOW_UNAUTHENTICATED: "true" }, false).host).toBe(
      "0.0.0.0",
    );
    expect(listenAddress({ HOST: "0.0.0.0", STEPFLOW_ALLOW_UNAUTHENTICATED: "yes" }, false).host).toBe(
      "127.0.0.1",
    );
  });
  it("refuses a PORT that is not a port number", () => {
    expect(() => listenAddress({ PORT: "http" }, false)).toThrow(/PORT must be a port number/);
  });
});
