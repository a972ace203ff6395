import dns from "node:dns/promises";
import net from "node:net";
import { getEnv } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { proxyFor, type OutboundProxy } from "./outbound-proxy";
import { AllowList, hostOf, nameRefusalFor, refusalFor } from "./target-policy";

/** Behind a proxy this server may have no DNS for outside names: a lookup that takes longer is given up. */
const PROXIED_LOOKUP_MS = 2_000;

/**
 * Checks a channel target when it is saved: every address its host resolves to
 * must be public or allow-listed. Delivery checks again at connect time.
 * Through the proxy (HTTPS_PROXY, not bypassed by NO_PROXY) the name is checked
 * by policy, and its addresses only when this server can resolve it: a name only
 * the proxy resolves can be saved.
 */
export async function checkTargetNow(
  target: string,
  allow: AllowList,
  field: string,
  proxy: OutboundProxy | null = getEnv().outboundProxy,
): Promise<void> {
  const url = new URL(target);
  const host = hostOf(url);
  const proxied = proxyFor(proxy, url) !== null;
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else if (proxied) {
    const refused = nameRefusalFor(host, allow);
    if (refused) throw new ValidationError(`${field}: refused: ${refused}`, field);
    addresses = await lookupWithin(host, PROXIED_LOOKUP_MS).catch(() => []);
  } else {
    try {
      addresses = (await dns.lookup(host, { all: true })).map((entry) => entry.address);
    } catch {
      throw new ValidationError(`${field}: the host ${host} could not be resolved`, field);
    }
  }
  for (const address of addresses) {
    const refused = refusalFor(host, address, allow);
    if (refused) throw new ValidationError(`${field}: refused: ${refused}`, field);
  }
}

async function lookupWithin(host: string, ms: number): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("lookup timed out")), ms);
  });
  try {
    return (await Promise.race([dns.lookup(host, { all: true }), timeout])).map((entry) => entry.address);
  } finally {
    clearTimeout(timer);
  }
}
