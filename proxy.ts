import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/auth/request-path";

/**
 * Hands pages the path the browser asked for, so a page that sends a signed-out
 * user to /signin can bring them back to it afterwards. Whatever a client sent
 * in this header is replaced. Nothing here decides who may see what: every page
 * and verb checks that itself.
 */
export function proxy(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: not the API, Next.js assets, health checks, or the sign-in and set-up pages themselves.
  matcher: ["/((?!api/|_next/|healthz|readyz|favicon\\.ico|signin|setup).*)"],
};
