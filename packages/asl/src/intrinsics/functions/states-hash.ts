import { md5, sha1 } from "@noble/hashes/legacy.js";
import { sha256, sha384, sha512 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { intrinsicFailure, simpleIntrinsic, stringArgument } from "../intrinsic-function.ts";

const name = "States.Hash";
const maxLength = 10000;
const algorithms: Record<string, (data: Uint8Array) => Uint8Array> = {
  MD5: md5,
  "SHA-1": sha1,
  "SHA-256": sha256,
  "SHA-384": sha384,
  "SHA-512": sha512,
};

/** States.Hash(data, algorithm): the lower-case hex digest of the UTF-8 bytes (MD5, SHA-1, SHA-256, SHA-384, SHA-512). */
export const statesHash = simpleIntrinsic(name, 2, 2, (values) => {
  const data = stringArgument(name, values, 0);
  const algorithm = stringArgument(name, values, 1);
  const hash = Object.hasOwn(algorithms, algorithm) ? algorithms[algorithm] : undefined;
  if (hash === undefined) {
    throw intrinsicFailure(
      name,
      `the hash algorithm must be one of ${Object.keys(algorithms).join(", ")}, but was '${algorithm}'`,
    );
  }
  if (data.length > maxLength) {
    throw intrinsicFailure(name, `the input must be at most ${maxLength} characters, but has ${data.length}`);
  }
  return bytesToHex(hash(utf8ToBytes(data)));
});
