import type { Request } from "express";
import type { SigV4Verifier } from "./sigv4-verifier.ts";

const EMPTY = Buffer.alloc(0);

/**
 * Verifies an AWS-protocol request's SigV4 signature over the raw body the protocol router kept; does nothing
 * when no verifier is configured (dev mode).
 */
export async function authenticateRequest(req: Request, verify: SigV4Verifier | undefined): Promise<void> {
  if (verify === undefined) return;
  const body: unknown = req.body;
  await verify({
    method: req.method,
    url: req.originalUrl,
    headers: req.headersDistinct,
    body: Buffer.isBuffer(body) ? body : EMPTY,
  });
}
