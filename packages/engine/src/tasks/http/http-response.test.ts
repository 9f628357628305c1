import { describe, expect, it } from "vitest";
import { MAX_RESPONSE_BYTES, readHttpResponse } from "./http-response.ts";

const answer = (body: ConstructorParameters<typeof Response>[0], init: ResponseInit = {}) =>
  readHttpResponse(new Response(body, init));

describe("readHttpResponse", () => {
  it("parses JSON (also +json with parameters) and keeps other text as text", async () => {
    await expect(
      answer('{"a":1}', { headers: { "content-type": "application/problem+json; charset=utf-8" } }),
    ).resolves.toMatchObject({ output: { ResponseBody: { a: 1 } } });
    await expect(answer('{"a":1}', { headers: { "content-type": "text/plain" } })).resolves.toMatchObject({
      output: { ResponseBody: '{"a":1}' },
    });
    await expect(
      answer("not json", { headers: { "content-type": "application/json" } }),
    ).resolves.toMatchObject({
      output: { ResponseBody: "not json" },
    });
    await expect(
      answer(null, { status: 204, headers: { "content-type": "application/json" } }),
    ).resolves.toEqual({
      output: {
        Headers: { "content-type": ["application/json"] },
        ResponseBody: "",
        StatusCode: 204,
        StatusText: "",
      },
    });
  });

  it("lists each Set-Cookie apart instead of joining them", async () => {
    const headers = new Headers();
    headers.append("set-cookie", "a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT");
    headers.append("set-cookie", "b=2");
    const outcome = await answer("", { headers });
    expect(outcome).toMatchObject({
      output: { Headers: { "set-cookie": ["a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT", "b=2"] } },
    });
  });

  it("fails non-2xx answers with States.Http.StatusCode.<code> and the answer as cause", async () => {
    const outcome = await answer('{"error":"nope"}', {
      status: 404,
      statusText: "Not Found",
      headers: { "content-type": "application/json" },
    });
    expect(outcome).toEqual({
      error: "States.Http.StatusCode.404",
      cause: JSON.stringify({
        Headers: { "content-type": ["application/json"] },
        ResponseBody: { error: "nope" },
        StatusCode: 404,
        StatusText: "Not Found",
      }),
    });
  });

  it.each([["application/octet-stream"], ["image/png"], ["video/mp4"], ["audio/mpeg"]])(
    "refuses a %s answer with States.Runtime",
    async (type) => {
      await expect(answer("x", { headers: { "content-type": type } })).resolves.toEqual({
        error: "States.Runtime",
        cause: `The HTTP Task cannot read a response of type '${type}'`,
      });
    },
  );

  it("refuses an answer that is not UTF-8 (States.Runtime) or over 256 KiB (States.DataLimitExceeded)", async () => {
    await expect(answer(new Uint8Array([0xff, 0xfe, 0x00]))).resolves.toMatchObject({
      error: "States.Runtime",
    });
    await expect(answer("x".repeat(MAX_RESPONSE_BYTES))).resolves.toMatchObject({
      output: { StatusCode: 200 },
    });
    await expect(answer("x".repeat(MAX_RESPONSE_BYTES + 1))).resolves.toMatchObject({
      error: "States.DataLimitExceeded",
    });
  });
});
