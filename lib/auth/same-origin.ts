import { AppError } from "@/lib/errors";

// Cross-site request forgery: a page elsewhere can make a browser send
// Lifeline's session cookie with a form POST (text/plain needs no preflight).
// A mutation that rides on the cookie must come from Lifeline's own pages:
// the browser says so in Sec-Fetch-Site and Origin. Calls with a bearer token
// carry no ambient credential and are not affected; server actions get the
// same check from Next.js itself.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

interface Headers {
  get(name: string): string | null;
}

function hostOf(value: string): string | null {
  try {
    return new URL(value).host.toLowerCase();
  } catch {
    return null;
  }
}

/** The hosts this server answers as: the Host the client used (or a proxy's X-Forwarded-Host), and the public URL. */
function ownHosts(headers: Headers, publicUrl: string | undefined): Set<string> {
  const hosts = new Set<string>();
  for (const value of [headers.get("host"), headers.get("x-forwarded-host")?.split(",")[0]]) {
    const host = value ? hostOf(`http://${value.trim()}`) : null;
    if (host) hosts.add(host);
  }
  const configured = publicUrl ? hostOf(publicUrl) : null;
  if (configured) hosts.add(configured);
  // A default port may be written or left out on either side.
  for (const host of [...hosts]) hosts.add(host.replace(/:(80|443)$/, ""));
  return hosts;
}

/** Throws 403 for a cookie-authenticated mutation that another site's page sent. */
export function refuseCrossSite(method: string, headers: Headers, publicUrl?: string): void {
  if (SAFE_METHODS.has(method.toUpperCase()) || headers.get("authorization") || !headers.get("cookie")) return;
  const site = headers.get("sec-fetch-site")?.toLowerCase();
  const origin = headers.get("origin");
  const originHost = origin && origin !== "null" ? hostOf(origin)?.replace(/:(80|443)$/, "") : null;
  const crossSite =
    (site !== undefined && site !== "same-origin" && site !== "none") ||
    origin === "null" ||
    (origin !== null && (originHost === null || originHost === undefined || !ownHosts(headers, publicUrl).has(originHost)));
  if (crossSite) {
    throw new AppError(
      "Cross-site requests with a session cookie are refused; send the request from Lifeline's own pages or with an API token.",
      403,
      "cross_site",
    );
  }
}
