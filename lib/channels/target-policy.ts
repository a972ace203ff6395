import net from "node:net";
import { z } from "zod";

// Server-side request forgery: a channel must not make Lifeline call into its own
// network (loopback, private, link-local, other special ranges) unless an admin
// allow-lists the host, address or range. Pure; http-post.ts applies it at connect time.

const SPECIAL_RANGES: { network: string; prefix: number; family: "ipv4" | "ipv6"; kind: AddressKind }[] = [
  { network: "0.0.0.0", prefix: 8, family: "ipv4", kind: "reserved" },
  { network: "10.0.0.0", prefix: 8, family: "ipv4", kind: "private" },
  { network: "100.64.0.0", prefix: 10, family: "ipv4", kind: "private" },
  { network: "127.0.0.0", prefix: 8, family: "ipv4", kind: "loopback" },
  { network: "169.254.0.0", prefix: 16, family: "ipv4", kind: "link-local" },
  { network: "172.16.0.0", prefix: 12, family: "ipv4", kind: "private" },
  { network: "192.0.0.0", prefix: 24, family: "ipv4", kind: "reserved" },
  { network: "192.168.0.0", prefix: 16, family: "ipv4", kind: "private" },
  { network: "198.18.0.0", prefix: 15, family: "ipv4", kind: "reserved" },
  { network: "224.0.0.0", prefix: 4, family: "ipv4", kind: "reserved" },
  { network: "240.0.0.0", prefix: 4, family: "ipv4", kind: "reserved" },
  { network: "::", prefix: 128, family: "ipv6", kind: "reserved" },
  { network: "::1", prefix: 128, family: "ipv6", kind: "loopback" },
  { network: "fc00::", prefix: 7, family: "ipv6", kind: "private" },
  { network: "fe80::", prefix: 10, family: "ipv6", kind: "link-local" },
  { network: "ff00::", prefix: 8, family: "ipv6", kind: "reserved" },
];

export type AddressKind = "loopback" | "private" | "link-local" | "reserved";

const rangesByKind = new Map<AddressKind, net.BlockList>();
for (const range of SPECIAL_RANGES) {
  let list = rangesByKind.get(range.kind);
  if (!list) rangesByKind.set(range.kind, (list = new net.BlockList()));
  list.addSubnet(range.network, range.prefix, range.family);
}

function familyOf(address: string): "ipv4" | "ipv6" | null {
  const version = net.isIP(address);
  return version === 4 ? "ipv4" : version === 6 ? "ipv6" : null;
}

/** The special range an address falls in (IPv4-mapped IPv6 counts as its IPv4), or null for a public address. */
export function classifyAddress(address: string): AddressKind | null {
  const family = familyOf(address);
  if (!family) return "reserved";
  for (const [kind, list] of rangesByKind) if (list.check(address, family)) return kind;
  return null;
}

const hostnamePattern = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** An allow-list entry: a host name (optionally *.domain), an IP address, or a CIDR range. */
export const allowListEntrySchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(255, "must be at most 255 characters")
  .refine((value) => parseAllowListEntry(value) !== null, "must be a host name, an IP address or a CIDR range such as 10.1.0.0/16");

type AllowListEntry =
  | { kind: "host"; host: string; wildcard: boolean }
  | { kind: "range"; list: net.BlockList };

function parseAllowListEntry(value: string): AllowListEntry | null {
  const entry = value.trim().toLowerCase();
  const slash = entry.indexOf("/");
  const address = slash === -1 ? entry : entry.slice(0, slash);
  const family = familyOf(address);
  if (family) {
    const max = family === "ipv4" ? 32 : 128;
    const prefix = slash === -1 ? max : Number(entry.slice(slash + 1));
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (slash !== -1 && !/^\d{1,3}$/.test(entry.slice(slash + 1)))) return null;
    const list = new net.BlockList();
    list.addSubnet(address, prefix, family);
    return { kind: "range", list };
  }
  if (slash !== -1 || !hostnamePattern.test(entry)) return null;
  return entry.startsWith("*.") ? { kind: "host", host: entry.slice(2), wildcard: true } : { kind: "host", host: entry, wildcard: false };
}

export class AllowList {
  private readonly entries: AllowListEntry[];

  constructor(values: readonly string[]) {
    this.entries = values.map(parseAllowListEntry).filter((entry): entry is AllowListEntry => entry !== null);
  }

  allowsHost(hostname: string): boolean {
    const host = hostname.toLowerCase().replace(/\.$/, "");
    return this.entries.some(
      (entry) => entry.kind === "host" && (entry.wildcard ? host.endsWith(`.${entry.host}`) : host === entry.host),
    );
  }

  allowsAddress(address: string): boolean {
    const family = familyOf(address);
    if (!family) return false;
    return this.entries.some((entry) => entry.kind === "range" && entry.list.check(address, family));
  }
}

/** Why an address may not be called, or null when it may. */
export function refusalFor(hostname: string, address: string, allow: AllowList): string | null {
  const kind = classifyAddress(address);
  if (kind === null || allow.allowsHost(hostname) || allow.allowsAddress(address)) return null;
  const shown = hostname === address ? address : `${hostname} (${address})`;
  return `${shown} is a ${kind} address; an admin must allow-list it in the alerting settings`;
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/** A channel target: http(s), no credentials in the URL. Returns the problem, or null. */
export function targetUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute http:// or https:// URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an http:// or https:// URL";
  if (url.username || url.password) return "must not contain a user name or password";
  if (!url.hostname) return "must have a host";
  return null;
}
