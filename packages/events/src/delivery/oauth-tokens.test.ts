import { describe, expect, test } from "vitest";
import type { OAuthParameters } from "./deliver-http.ts";
import { OAuthTokenError } from "./oauth-token-request.ts";
import { createOAuthTokens } from "./oauth-tokens.ts";

const oauth: OAuthParameters = {
  ClientParameters: { ClientID: "id", ClientSecret: "secret" },
  AuthorizationEndpoint: "https://auth.example.com/token",
  HttpMethod: "POST",
};

/** A token server stand-in answering `tok-1`, `tok-2`, ... with `expiresIn` (null: none), and a clock to move by hand. */
function setUp(expiresIn: number | null = 3600) {
  let clock = 0;
  let issued = 0;
  let failNext: OAuthTokenError | undefined;
  const tokens = createOAuthTokens({
    timeoutMs: 1000,
    now: () => clock,
    request: () => {
      issued++;
      if (failNext !== undefined) {
        const error = failNext;
        failNext = undefined;
        return Promise.reject(error);
      }
      return Promise.resolve({ accessToken: `tok-${issued}`, expiresInSeconds: expiresIn ?? undefined });
    },
  });
  return {
    tokens,
    issued: () => issued,
    advance: (ms: number) => (clock += ms),
    fail: (error: OAuthTokenError) => (failNext = error),
  };
}

describe("createOAuthTokens", () => {
  test("keeps a token until 60 s before it expires, then asks for a new one", async () => {
    const t = setUp(3600);
    expect(await t.tokens.token("c", oauth)).toBe("tok-1");
    t.advance(3_539_000);
    expect(await t.tokens.token("c", oauth)).toBe("tok-1");
    t.advance(1_000);
    expect(await t.tokens.token("c", oauth)).toBe("tok-2");
    expect(t.issued()).toBe(2);
  });

  test("concurrent callers share one request; connections have tokens of their own", async () => {
    const t = setUp();
    const got = await Promise.all([
      t.tokens.token("a", oauth),
      t.tokens.token("a", oauth),
      t.tokens.token("b", oauth),
    ]);
    expect(got).toEqual(["tok-1", "tok-1", "tok-2"]);
    expect(t.issued()).toBe(2);
  });

  test("refresh replaces a rejected token once, however many callers saw it rejected", async () => {
    const t = setUp();
    const stale = await t.tokens.token("c", oauth);
    const fresh = await Promise.all([
      t.tokens.refresh("c", oauth, stale),
      t.tokens.refresh("c", oauth, stale),
    ]);
    expect(fresh).toEqual(["tok-2", "tok-2"]);
    // A caller that held the first token only now learns it was rejected: it gets the replacement.
    expect(await t.tokens.refresh("c", oauth, stale)).toBe("tok-2");
    expect(t.issued()).toBe(2);
  });

  test("a token without expires_in lasts until rejected; a short-lived one is used for half its life", async () => {
    const forever = setUp(null);
    await forever.tokens.token("c", oauth);
    forever.advance(365 * 86_400_000);
    expect(await forever.tokens.token("c", oauth)).toBe("tok-1");
    const short = setUp(30);
    await short.tokens.token("c", oauth);
    short.advance(14_999);
    expect(await short.tokens.token("c", oauth)).toBe("tok-1");
    short.advance(1);
    expect(await short.tokens.token("c", oauth)).toBe("tok-2");
  });

  test("a failed request is not kept: the next call asks again", async () => {
    const t = setUp();
    t.fail(new OAuthTokenError("POST https://auth.example.com/token answered 503", true));
    await expect(t.tokens.token("c", oauth)).rejects.toThrow("answered 503");
    expect(await t.tokens.token("c", oauth)).toBe("tok-2");
  });
});
