// Every route handler the app serves and the methods it takes, so the edge of
// the production server can answer a method a route does not take (405 with
// Allow) or a path no route has (404) before Next.js sees it. Paths are written
// as in app/: [name] is one segment, [...name] one or more.
// tests/unit/http/route-table.test.ts keeps this list and app/**/route.ts the same.

export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

export interface RouteSpec {
  path: string;
  methods: readonly Method[];
}

export const ROUTES: readonly RouteSpec[] = [
  { path: "/api/auth/[...nextauth]", methods: ["GET", "POST"] },
  { path: "/api/v1/alert-catalog", methods: ["GET", "PATCH"] },
  { path: "/api/v1/alerts", methods: ["GET"] },
  { path: "/api/v1/alerts/[id]", methods: ["GET"] },
  { path: "/api/v1/alerts/[id]/acknowledge", methods: ["POST"] },
  { path: "/api/v1/appliances", methods: ["GET", "POST"] },
  { path: "/api/v1/appliances/[id]", methods: ["GET", "PATCH", "DELETE"] },
  { path: "/api/v1/appliances/[id]/capture", methods: ["POST"] },
  { path: "/api/v1/appliances/[id]/poll", methods: ["POST"] },
  { path: "/api/v1/appliances/[id]/retrust-certificate", methods: ["POST"] },
  { path: "/api/v1/appliances/[id]/test-transmissions", methods: ["GET", "POST"] },
  { path: "/api/v1/channels", methods: ["GET", "POST"] },
  { path: "/api/v1/channels/[id]", methods: ["GET", "PATCH", "DELETE"] },
  { path: "/api/v1/channels/[id]/test", methods: ["POST"] },
  { path: "/api/v1/compliance", methods: ["GET"] },
  { path: "/api/v1/compliance/billing-day", methods: ["GET"] },
  { path: "/api/v1/compliance/billing-day/test-transmissions", methods: ["POST"] },
  { path: "/api/v1/compliance/export", methods: ["GET"] },
  { path: "/api/v1/events", methods: ["GET"] },
  { path: "/api/v1/fleet/migration", methods: ["GET"] },
  { path: "/api/v1/fleet/summary", methods: ["GET"] },
  { path: "/api/v1/heartbeats", methods: ["POST"] },
  { path: "/api/v1/me", methods: ["GET"] },
  { path: "/api/v1/openapi.json", methods: ["GET"] },
  { path: "/api/v1/settings", methods: ["GET", "PATCH"] },
  { path: "/api/v1/silences", methods: ["GET", "POST"] },
  { path: "/api/v1/silences/[id]", methods: ["DELETE"] },
  { path: "/api/v1/test-transmissions/[id]", methods: ["GET"] },
  { path: "/api/v1/test-transmissions/[id]/result", methods: ["POST"] },
  { path: "/api/v1/test-transmissions/bulk", methods: ["POST"] },
  { path: "/api/v1/test-transmissions/bulk/[bulkId]", methods: ["GET"] },
  { path: "/api/v1/tokens", methods: ["GET", "POST"] },
  { path: "/api/v1/tokens/[id]", methods: ["DELETE"] },
  { path: "/healthz", methods: ["GET"] },
  { path: "/metrics", methods: ["GET"] },
  { path: "/readyz", methods: ["GET"] },
];

/** Methods Next.js can hand to a route at all; anything else (TRACE, PROPFIND, …) never reaches it. */
export const KNOWN_METHODS: ReadonlySet<string> = new Set<Method>(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Pages take GET (and HEAD), and POST for their server actions. */
const PAGE_METHODS: readonly Method[] = ["GET", "HEAD", "OPTIONS", "POST"];
/** Build output (/_next/…) is only read. */
const ASSET_METHODS: readonly Method[] = ["GET", "HEAD", "OPTIONS"];

type Segment = { kind: "static"; text: string } | { kind: "param"; name: string } | { kind: "rest"; name: string };

const compiled = ROUTES.map((route) => ({
  route,
  segments: route.path
    .split("/")
    .slice(1)
    .map((part): Segment => {
      const rest = /^\[\.\.\.(\w+)\]$/.exec(part);
      if (rest) return { kind: "rest", name: rest[1] };
      const param = /^\[(\w+)\]$/.exec(part);
      return param ? { kind: "param", name: param[1] } : { kind: "static", text: part };
    }),
}));

export interface RouteMatch {
  route: RouteSpec;
  /** Parameter name per path segment index (for naming a bad segment). */
  fieldOf(index: number): string;
  params: Record<string, string | string[]>;
}

/**
 * The route a path's segments (from splitting on "/", so the first is empty)
 * belong to; a static segment wins over a parameter, as in Next.js. A trailing
 * slash is ignored.
 */
export function matchRoute(segments: readonly string[]): RouteMatch | null {
  const parts = segments.slice(1);
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  let best: { match: RouteMatch; statics: number } | null = null;
  for (const { route, segments: pattern } of compiled) {
    const rest = pattern[pattern.length - 1]?.kind === "rest";
    if (rest ? parts.length < pattern.length : parts.length !== pattern.length) continue;
    const params: Record<string, string | string[]> = {};
    const names = new Map<number, string>();
    let statics = 0;
    const matched = pattern.every((part, i) => {
      if (part.kind === "rest") {
        params[part.name] = parts.slice(i);
        for (let j = i; j < parts.length; j += 1) names.set(j + 1, part.name);
        return parts.slice(i).every((value) => value !== "");
      }
      if (part.kind === "static") {
        statics += 1;
        return parts[i] === part.text;
      }
      params[part.name] = parts[i];
      names.set(i + 1, part.name);
      return parts[i] !== "";
    });
    if (!matched || (best && best.statics >= statics)) continue;
    best = { match: { route, params, fieldOf: (index) => names.get(index) ?? "path" }, statics };
  }
  return best?.match ?? null;
}

/** The methods a path takes, as an Allow header lists them: its route's, plus HEAD with GET, plus OPTIONS. */
export function allowedMethods(path: string, match: RouteMatch | null): readonly Method[] {
  if (match) {
    const methods = new Set<Method>([...match.route.methods, "OPTIONS"]);
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods].sort();
  }
  return path.startsWith("/_next/") ? ASSET_METHODS : PAGE_METHODS;
}
