/** An IP address as a number, with its family. */
export type IpAddress = { v6: boolean; value: bigint };

/** An inclusive range of addresses of one family (a CIDR block, or a single address). */
export type IpRange = { v6: boolean; low: bigint; high: bigint };

/** Parses a standard dotted-quad IPv4 or RFC 4291 IPv6 address; undefined when it is not one. */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (text.includes(":")) {
    const value = parseV6(text);
    return value === undefined ? undefined : { v6: true, value };
  }
  const value = parseV4(text);
  return value === undefined ? undefined : { v6: false, value };
}

/** True when `address` lies in `range`. */
export function ipInRange(range: IpRange, address: IpAddress): boolean {
  return range.v6 === address.v6 && address.value >= range.low && address.value <= range.high;
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256n + BigInt(n);
  }
  return value;
}

function parseV6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string): bigint[] | undefined => {
    if (half === "") return [];
    const out: bigint[] = [];
    const parts = half.split(":");
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1 && part.includes(".")) {
        const v4 = parseV4(part);
        if (v4 === undefined) return undefined;
        out.push(v4 >> 16n, v4 & 0xffffn);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
      out.push(BigInt(parseInt(part, 16)));
    }
    return out;
  };
  const head = groups(halves[0] ?? "");
  const tail = halves.length === 2 ? groups(halves[1] ?? "") : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<bigint>(missing).fill(0n), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/**
 * Parses a CIDR block the way event-ruler does.
 * @throws Error whose message is event-ruler's (e.g. "Malformed CIDR, one '/' required").
 */
export function parseCidr(text: string): IpRange {
  const parts = text.split("/");
  if (parts.length !== 2) throw new Error("Malformed CIDR, one '/' required");
  const [ipText = "", bitsText = ""] = parts;
  if (!/^-?\d+$/.test(bitsText)) throw new Error("Malformed CIDR, mask bits must be an integer");
  const address = parseIpAddress(ipText);
  if (address === undefined) throw new Error(`Nonstandard IP address: ${ipText}`);
  const width = address.v6 ? 128 : 32;
  const bits = Number(bitsText);
  if (bits < 0 || bits > width) throw new Error(`Malformed CIDR, mask bits must be between 0 and ${width}`);
  const hostBits = BigInt(width - bits);
  const low = (address.value >> hostBits) << hostBits;
  return { v6: address.v6, low, high: low + (1n << hostBits) - 1n };
}
