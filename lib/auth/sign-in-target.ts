import { headers } from "next/headers";
import { getEnv } from "@/lib/env";
import { safeCallbackPath } from "./callback-url";

/**
 * Where the sign-in page sends the user once signed in: the page asked for, if
 * it is on this site (NEXTAUTH_URL's origin, or the address the browser used), else the fleet.
 */
export async function signInTarget(callbackUrl: string | undefined): Promise<string> {
  const configured = getEnv().NEXTAUTH_URL;
  if (configured) return safeCallbackPath(callbackUrl, configured);
  const requestHeaders = await headers();
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host");
  const proto = requestHeaders.get("x-forwarded-proto") ?? "http";
  return safeCallbackPath(callbackUrl, host ? `${proto.split(",")[0].trim()}://${host}` : null);
}
