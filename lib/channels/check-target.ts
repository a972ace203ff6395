import dns from "node:dns/promises";
import net from "node:net";
import { ValidationError } from "@/lib/errors";
import { AllowList, hostOf, refusalFor } from "./target-policy";

/**
 * Checks a channel target when it is saved: every address its host resolves to
 * must be public or allow-listed. Delivery checks again at connect time.
 */
export async function checkTargetNow(target: string, allow: AllowList, field: string): Promise<void> {
  const url = new URL(target);
  const host = hostOf(url);
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
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
