// Adds to package-lock.json the platform-specific optional packages (turbo's, unrs-resolver's, ...) for
// platforms whose builds this machine's registry mirror does not serve. `npm install` leaves them out
// when it cannot fetch their manifests, and `npm ci` then refuses the lockfile ("Missing: ... from lock
// file"). Each added entry carries the os / cpu / libc its name encodes, so npm skips it on other
// platforms without fetching it. Run `node scripts/complete-lockfile.mjs` after `npm install`.
import { readFileSync, writeFileSync } from "node:fs";
import console from "node:console";
import process from "node:process";
import { URL } from "node:url";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));

const osNames = {
  aix: "aix",
  android: "android",
  darwin: "darwin",
  freebsd: "freebsd",
  linux: "linux",
  netbsd: "netbsd",
  openbsd: "openbsd",
  openharmony: "openharmony",
  sunos: "sunos",
  win32: "win32",
  windows: "win32",
};
const cpuNames = {
  64: "x64",
  x64: "x64",
  arm64: "arm64",
  arm: "arm",
  ia32: "ia32",
  loong64: "loong64",
  ppc64: "ppc64",
  riscv64: "riscv64",
  s390x: "s390x",
  wasm32: "wasm32",
};

/** os / cpu / libc from a name such as `@unrs/resolver-binding-linux-arm-musleabihf` or `@turbo/windows-64`. */
function platformOf(name) {
  const parts = name.split("/").at(-1).split("-");
  const platform = {};
  for (const part of parts) {
    if (platform.os === undefined && osNames[part]) platform.os = [osNames[part]];
    else if (platform.os !== undefined && platform.cpu === undefined && cpuNames[part])
      platform.cpu = [cpuNames[part]];
    if (part.startsWith("gnu")) platform.libc = ["glibc"];
    if (part.startsWith("musl")) platform.libc = ["musl"];
  }
  return platform;
}

const added = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path === "" ? "" : `${path}/`;
    const candidates = [`${base}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((candidate) => lock.packages[candidate] !== undefined)) continue;
    const platform = platformOf(name);
    if (platform.os === undefined) {
      console.warn(`skipped ${name}@${version}: no platform in its name`);
      continue;
    }
    lock.packages[`node_modules/${name}`] = {
      version,
      ...(platform.cpu ? { cpu: platform.cpu } : {}),
      ...(entry.dev ? { dev: true } : {}),
      ...(platform.libc ? { libc: platform.libc } : {}),
      optional: true,
      os: platform.os,
    };
    added.push(`${name}@${version}`);
  }
}

lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(added.length === 0 ? "lockfile complete\n" : `added ${added.join(", ")}\n`);
