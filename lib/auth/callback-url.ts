// Pure: where to go after signing in. Only a path on this site: an absolute URL
// of another origin, a scheme-relative "//host" or a backslash trick would send
// a freshly signed-in user to someone else's page (an open redirect).

const FALLBACK = "/";
const PARSE_BASE = "http://lifeline.invalid";

/**
 * The path (with query and fragment) to land on after signing in. `value` is the
 * page asked for; `siteOrigin`, when known, lets a full URL of this very site through.
 */
export function safeCallbackPath(value: string | null | undefined, siteOrigin?: string | null): string {
  if (!value || value.length > 2048) return FALLBACK;
  // Browsers treat "\" as "/" and drop tabs and newlines: "/\evil.example" or "/\t/evil.example" leave the site.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return FALLBACK;
  let url: URL;
  try {
    url = value.startsWith("/") && !value.startsWith("//") ? new URL(value, PARSE_BASE) : new URL(value);
  } catch {
    return FALLBACK;
  }
  const sameSite = url.origin === PARSE_BASE || (siteOrigin ? url.origin === safeOrigin(siteOrigin) : false);
  if (!sameSite) return FALLBACK;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Back to the sign-in or set-up page would only loop.
  if (/^\/(signin|setup)(\/|\?|#|$)/.test(path) || path.startsWith("//")) return FALLBACK;
  return path;
}

function safeOrigin(origin: string): string | null {
  try {
    return new URL(origin).origin;
  } catch {
    return null;
  }
}

/** The sign-in page for someone who asked for `path` (itself checked), e.g. /signin?callbackUrl=%2Fcompliance. */
export function signInPathFor(path: string | null | undefined): string {
  const target = safeCallbackPath(path);
  return target === FALLBACK ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(target)}`;
}
