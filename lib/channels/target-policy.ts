import net from "node:net";
import { z } from "zod";

// Server-side request forgery: a channel must not make Lifeline call into its own
// network (loopback, private, link-local, other special ranges) unless an admin
// allow-lists the host, address or range. Pure; http-post.ts applies it at connect time.

export type AddressKind = "loopback" | "private" | "link-local" | "reserved";

const IPV4_RANGES: { network: string; prefix: number; kind: AddressKind }[] = [
  { network: "0.0.0.0", prefix: 8, kind: "reserved" },
  { network: "10.0.0.0", prefix: 8, kind: "private" },
  { network: "100.64.0.0", prefix: 10, kind: "private" },
  { network: "127.0.0.0", prefix: 8, kind: "loopback" },
  { network: "169.254.0.0", prefix: 16, kind: "link-local" },
  { network: "172.16.0.0", prefix: 12, kind: "private" },
  { network: "192.0.0.0", prefix: 24, kind: "reserved" },
  { network: "192.0.2.0", prefix: 24, kind: "reserved" },
  { network: "192.88.99.0", prefix: 24, kind: "reserved" },
  { network: "192.168.0.0", prefix: 16, kind: "private" },
  { network: "198.18.0.0", prefix: 15, kind: "reserved" },
  { network: "198.51.100.0", prefix: 24, kind: "reserved" },
  { network: "203.0.113.0", prefix: 24, kind: "reserved" },
  { network: "224.0.0.0", prefix: 4, kind: "reserved" },
  { network: "240.0.0.0", prefix: 4, kind: "reserved" },
];

// IPv6 ranges that carry no IPv4 address; those that do are read by the address they embed (embeddedIPv4).
const IPV6_RANGES: { network: string; prefix: number; kind: AddressKind }[] = [
  { network: "::", prefix: 128, kind: "reserved" },
  { network: "::1", prefix: 128, kind: "loopback" },
  { network: "64:ff9b::", prefix: 32, kind: "reserved" },
  { network: "100::", prefix: 64, kind: "reserved" },
  { network: "2001::", prefix: 23, kind: "reserved" },
  { network: "2001:db8::", prefix: 32, kind: "reserved" },
  { network: "3fff::", prefix: 20, kind: "reserved" },
  { network: "5f00::", prefix: 16, kind: "reserved" },
  { network: "fc00::", prefix: 7, kind: "private" },
  { network: "fe80::", prefix: 10, kind: "link-local" },
  { network: "fec0::", prefix: 10, kind: "private" },
  { network: "ff00::", prefix: 8, kind: "reserved" },
];

function blockLists(ranges: typeof IPV4_RANGES, family: "ipv4" | "ipv6"): [AddressKind, net.BlockList][] {
  const lists = new Map<AddressKind, net.BlockList>();
  for (const range of ranges) {
    let list = lists.get(range.kind);
    if (!list) lists.set(range.kind, (list = new net.BlockList()));
    list.addSubnet(range.network, range.prefix, family);
  }
  return [...lists];
}

const ipv4Lists = blockLists(IPV4_RANGES, "ipv4");
const ipv6Lists = blockLists(IPV6_RANGES, "ipv6");

function familyOf(address: string): "ipv4" | "ipv6" | null {
  const version = net.isIP(address);
  return version === 4 ? "ipv4" : version === 6 ? "ipv6" : null;
}

/** The 16 bytes of an IPv6 address (a zone id is dropped), or null when it is not one. */
export function ipv6Bytes(address: string): number[] | null {
  const text = address.replace(/%.*$/, "");
  if (!net.isIPv6(text)) return null;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  const hex = dotted ? `${text.slice(0, dotted.index)}${((+dotted[1] << 8) | +dotted[2]).toString(16)}:${((+dotted[3] << 8) | +dotted[4]).toString(16)}` : text;
  const [head, tail] = hex.includes("::") ? hex.split("::") : [hex, null];
  const words = (part: string) => (part === "" ? [] : part.split(":").map((word) => parseInt(word, 16)));
  const left = words(head);
  const right = tail === null ? [] : words(tail);
  const all = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((word) => [word >> 8, word & 0xff]);
}

const ipv4Of = (bytes: number[]) => bytes.join(".");
const zero = (bytes: number[], from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);

/**
 * The IPv4 addresses an IPv6 address stands for, when it is a form that embeds
 * one: IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d),
 * IPv4-compatible (::a.b.c.d; :: and ::1 are read as themselves first), NAT64 (64:ff9b::/96, and the local-use
 * 64:ff9b:1::/48 in each RFC 6052 layout whose suffix is zero), 6to4
 * (2002::/16) and Teredo (2001::/32: the server, and the client's obfuscated
 * address). Null for any other IPv6 address.
 */
export function embeddedIPv4(bytes: number[]): string[] | null {
  const [b0, b1, b2, b3] = bytes;
  if (zero(bytes, 0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return [ipv4Of(bytes.slice(12))];
  if (zero(bytes, 0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zero(bytes, 10, 12)) return [ipv4Of(bytes.slice(12))];
  if (zero(bytes, 0, 12)) return [ipv4Of(bytes.slice(12))];
  if (b0 === 0x00 && b1 === 0x64 && b2 === 0xff && b3 === 0x9b) {
    if (zero(bytes, 4, 12)) return [ipv4Of(bytes.slice(12))];
    if (bytes[4] === 0x00 && bytes[5] === 0x01) {
      // 64:ff9b:1::/48 (RFC 8215) may use any RFC 6052 prefix length from /48 on; byte 8 is always zero.
      const layouts: [number[], number][] = [
        [[6, 7, 9, 10], 11],
        [[7, 9, 10, 11], 12],
        [[9, 10, 11, 12], 13],
        [[12, 13, 14, 15], 16],
      ];
      return layouts.filter(([, suffix]) => zero(bytes, suffix, 16)).map(([at]) => ipv4Of(at.map((index) => bytes[index])));
    }
    return null;
  }
  if (b0 === 0x20 && b1 === 0x02) return [ipv4Of(bytes.slice(2, 6))];
  if (b0 === 0x20 && b1 === 0x01 && b2 === 0x00 && b3 === 0x00) {
    return [ipv4Of(bytes.slice(12).map((byte) => byte ^ 0xff)), ipv4Of(bytes.slice(4, 8))];
  }
  return null;
}

function kindIn(lists: [AddressKind, net.BlockList][], address: string, family: "ipv4" | "ipv6"): AddressKind | null {
  for (const [kind, list] of lists) if (list.check(address, family)) return kind;
  return null;
}

export interface AddressClass {
  kind: AddressKind;
  /** The embedded IPv4 address that made it special, for an IPv6 form that embeds one. */
  via?: string;
}

/** Which special range an address falls in, an IPv6 form that embeds IPv4 counting as its IPv4; null for a public address. */
export function classifyAddressFully(address: string): AddressClass | null {
  const family = familyOf(address);
  if (!family) return { kind: "reserved" };
  if (family === "ipv4") {
    const kind = kindIn(ipv4Lists, address, "ipv4");
    return kind ? { kind } : null;
  }
  const bytes = ipv6Bytes(address) as number[];
  if (zero(bytes, 0, 15) && bytes[15] <= 1) return { kind: bytes[15] === 1 ? "loopback" : "reserved" };
  const embedded = embeddedIPv4(bytes);
  if (embedded) {
    for (const ipv4 of embedded) {
      const kind = kindIn(ipv4Lists, ipv4, "ipv4");
      if (kind) return { kind, via: ipv4 };
    }
    return null;
  }
  const kind = kindIn(ipv6Lists, address.replace(/%.*$/, ""), "ipv6");
  return kind ? { kind } : null;
}

/** The special range an address falls in, or null for a public address. */
export function classifyAddress(address: string): AddressKind | null {
  return classifyAddressFully(address)?.kind ?? null;
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

/** Why an address may not be called, or null when it may; an address that embeds IPv4 is allowed when that IPv4 is. */
export function refusalFor(hostname: string, address: string, allow: AllowList): string | null {
  const special = classifyAddressFully(address);
  if (special === null || allow.allowsHost(hostname) || allow.allowsAddress(address) || (special.via && allow.allowsAddress(special.via))) return null;
  const shown = hostname === address ? address : `${hostname} (${address})`;
  const embeds = special.via ? ` (it stands for ${special.via})` : "";
  return `${shown} is a ${special.kind} address${embeds}; an admin must allow-list it in the alerting settings`;
}

// Names that by convention stay inside a network. Behind a proxy, the proxy resolves
// names, so these are refused by name (unless allow-listed); any other name is the
// proxy's to resolve and police.
const LOCAL_SUFFIXES = ["localhost", "local", "internal", "intranet", "lan", "home", "corp", "localdomain", "home.arpa", "private"];

/** Why a host name may not be called through the proxy (by its name alone), or null when it may. */
export function nameRefusalFor(hostname: string, allow: AllowList): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (net.isIP(host)) return refusalFor(host, host, allow);
  if (allow.allowsHost(host)) return null;
  if (!host.includes(".")) return `${host} is a single-label name that points inside the network; an admin must allow-list it in the alerting settings`;
  const suffix = LOCAL_SUFFIXES.find((candidate) => host === candidate || host.endsWith(`.${candidate}`));
  if (suffix) return `${host} is a name under .${suffix}, which points inside the network; an admin must allow-list it in the alerting settings`;
  return null;
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
