import { AppError, BadRequestError, MethodNotAllowedError } from "@/lib/errors";
import { checkQuery, decodePath, splitTarget } from "./request-text";
import { KNOWN_METHODS, allowedMethods, matchRoute, type Method } from "./route-table";

export type EdgeVerdict =
  /** Refused before any route sees it. */
  | { kind: "refuse"; error: AppError }
  /** OPTIONS: the methods the path takes. */
  | { kind: "options"; allow: readonly Method[] }
  | { kind: "pass" };

/**
 * What the production server's edge does with a request line before Next.js
 * (or the collector listener) sees it: a path or query that does not decode
 * or holds a NUL is a 400 naming the part, a path under /api/ that no route
 * has is a 404, a method the route does not take (TRACE, PROPFIND, …) is a
 * 405 with Allow. Pure: it reads the method and the raw target only.
 */
export function checkAtEdge(method: string, target: string): EdgeVerdict {
  try {
    const { path, query } = splitTarget(target);
    if (!path.startsWith("/")) throw new BadRequestError("path: must be an absolute path such as /api/v1/appliances", "bad_path", "path");
    const raw = path.split("/");
    const segments = decodePath(path, matchRoute(raw)?.fieldOf);
    checkQuery(query);
    const match = matchRoute(segments);
    const decodedPath = segments.join("/");
    if (!match && decodedPath.startsWith("/api/")) throw new AppError("No API route has this path; see /api/v1/openapi.json.", 404, "not_found");
    const allow = allowedMethods(decodedPath, match);
    if (method === "OPTIONS") return { kind: "options", allow };
    if (!KNOWN_METHODS.has(method) || !allow.includes(method as Method)) throw new MethodNotAllowedError(method, allow);
    return { kind: "pass" };
  } catch (error) {
    if (error instanceof AppError) return { kind: "refuse", error };
    throw error;
  }
}
