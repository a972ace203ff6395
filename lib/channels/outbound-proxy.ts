// Pure: the outbound proxy that carries notifications (HTTPS_PROXY) and the
// destinations that bypass it (NO_PROXY). Names are matched as written, never
// resolved: where a proxy is needed, this server often cannot resolve them.
// No node:net here: lib/env.ts imports this, and client bundles reach lib/env through lib/log.

export interface OutboundProxy {
  /** The proxy itself: http://host:port (TLS to the proxy is not supported). */
  host: string;
  port: number;
  /** "Basic …" when the URL carries a user name and password. */
  authorization: string | null;
  /** For messages: the proxy without its credentials. */
  display: string;
  noProxy: NoProxyRule[];
}

export type NoProxyRule =
  | { kind: "all" }
  | { kind: "name"; name: string; port: number | null }
  | { kind: "range"; bytes: number[]; prefix: number; port: number | null };

export class ProxySettingError extends Error {}

/** HTTPS_PROXY (and NO_PROXY) as the environment gives them; null when no proxy is set. Throws ProxySettingError. */
export function parseOutboundProxy(httpsProxy: string | undefined, noProxy: string | undefined): OutboundProxy | null {
  const text = httpsProxy?.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text.includes("://") ? text : `http://${text}`);
  } catch {
    throw new ProxySettingError("must be the proxy's URL, e.g. http://proxy.example.net:3128");
  }
  if (url.protocol !== "http:") {
    throw new ProxySettingError("must be an http:// proxy URL (Lifeline speaks plain HTTP to the proxy and tunnels TLS through CONNECT), e.g. http://proxy.example.net:3128");
  }
  if (!url.hostname) throw new ProxySettingError("must name the proxy's host, e.g. http://proxy.example.net:3128");
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    throw new ProxySettingError("must be only scheme, host and port (no path or query), e.g. http://proxy.example.net:3128");
  }
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port === "" ? 80 : Number(url.port),
    authorization: user || password ? `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` : null,
    display: `${url.hostname}:${url.port === "" ? 80 : url.port}`,
    noProxy: parseNoProxy(noProxy ?? ""),
  };
}

/**
 * NO_PROXY: entries separated by commas or spaces. `*` bypasses everything;
 * `example.net`, `.example.net` and `*.example.net` match that name and every
 * name under it; an IP address or CIDR range matches addresses written in the
 * URL; `:port` after any entry limits it to that port.
 */
export function parseNoProxy(value: string): NoProxyRule[] {
  const rules: NoProxyRule[] = [];
  for (const raw of value.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") {
      rules.push({ kind: "all" });
      continue;
    }
    const { host, port } = splitPort(entry);
    const slash = host.indexOf("/");
    const address = slash === -1 ? host : host.slice(0, slash);
    const bytes = addressBytes(address);
    if (bytes !== null) {
      const max = bytes.length * 8;
      const prefix = slash === -1 ? max : Number(host.slice(slash + 1));
      if (!/^\d{1,3}$/.test(slash === -1 ? String(max) : host.slice(slash + 1)) || prefix > max) {
        throw new ProxySettingError(`NO_PROXY entry "${raw}" has a bad prefix length`);
      }
      rules.push({ kind: "range", bytes, prefix, port });
      continue;
    }
    const name = host.replace(/^\*?\./, "").replace(/\.$/, "");
    if (!/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(name)) {
      throw new ProxySettingError(`NO_PROXY entry "${raw}" is not a host name, IP address or CIDR range`);
    }
    rules.push({ kind: "name", name, port });
  }
  return rules;
}

function splitPort(entry: string): { host: string; port: number | null } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] ? Number(bracketed[2]) : null };
  const match = /^([^:]+):(\d+)$/.exec(entry);
  if (match) return { host: match[1], port: Number(match[2]) };
  return { host: entry, port: null };
}

/** The bytes of an IPv4 (4) or IPv6 (16) address literal, or null for anything else. */
export function addressBytes(text: string): number[] | null {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split(".").map(Number);
    return parts.every((part) => part <= 255) ? parts : null;
  }
  if (!text.includes(":")) return null;
  let normal: string;
  try {
    normal = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const [head, tail] = normal.includes("::") ? normal.split("::") : [normal, null];
  const words = (part: string) => (part === "" ? [] : part.split(":").map((word) => parseInt(word, 16)));
  const left = words(head);
  const right = tail === null ? [] : words(tail);
  const all = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((word) => [word >> 8, word & 0xff]);
}

function inRange(bytes: number[], range: { bytes: number[]; prefix: number }): boolean {
  if (bytes.length !== range.bytes.length) return false;
  for (let bit = 0; bit < range.prefix; bit += 1) {
    const mask = 0x80 >> bit % 8;
    if ((bytes[bit >> 3] & mask) !== (range.bytes[bit >> 3] & mask)) return false;
  }
  return true;
}

/** Whether a destination (the URL's host, without brackets, and port) goes direct. */
export function bypassesProxy(rules: readonly NoProxyRule[], host: string, port: number): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  const bytes = addressBytes(name);
  return rules.some((rule) => {
    if (rule.kind === "all") return true;
    if (rule.port !== null && rule.port !== port) return false;
    if (rule.kind === "range") return bytes !== null && inRange(bytes, rule);
    return name === rule.name || name.endsWith(`.${rule.name}`);
  });
}

/** The proxy a request to this URL goes through, or null when it goes direct. */
export function proxyFor(proxy: OutboundProxy | null, url: URL): OutboundProxy | null {
  if (!proxy) return null;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  return bypassesProxy(proxy.noProxy, host, port) ? null : proxy;
}
