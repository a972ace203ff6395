import { describe, expect, it } from "vitest";
import { checkAtEdge } from "@/lib/http/edge-check";

function verdict(method: string, target: string) {
  const result = checkAtEdge(method, target);
  if (result.kind === "refuse") return { status: result.error.status, code: result.error.code, field: result.error.field, allow: result.error.headers().allow };
  if (result.kind === "options") return { status: 204, allow: result.allow.join(", ") };
  return { status: "pass" };
}

describe("the production server's edge", () => {
  it.each([
    { method: "TRACE", target: "/api/v1/appliances", status: 405, allow: "GET, HEAD, OPTIONS, POST" },
    { method: "TRACE", target: "/", status: 405, allow: "GET, HEAD, OPTIONS, POST" },
    { method: "TRACE", target: "/api/v1/heartbeats", status: 405, allow: "OPTIONS, POST" },
    { method: "TRACK", target: "/api/v1/me", status: 405, allow: "GET, HEAD, OPTIONS" },
    { method: "PROPFIND", target: "/api/v1/appliances/x", status: 405, allow: "DELETE, GET, HEAD, OPTIONS, PATCH" },
    { method: "CONNECT", target: "/healthz", status: 405, allow: "GET, HEAD, OPTIONS" },
    { method: "BREW", target: "/wall", status: 405, allow: "GET, HEAD, OPTIONS, POST" },
    { method: "PUT", target: "/api/v1/appliances", status: 405, allow: "GET, HEAD, OPTIONS, POST" },
    { method: "DELETE", target: "/api/v1/settings", status: 405, allow: "GET, HEAD, OPTIONS, PATCH" },
    { method: "GET", target: "/api/v1/heartbeats", status: 405, allow: "OPTIONS, POST" },
    { method: "HEAD", target: "/api/v1/test-transmissions/x/result", status: 405, allow: "OPTIONS, POST" },
    { method: "PATCH", target: "/", status: 405, allow: "GET, HEAD, OPTIONS, POST" },
    { method: "POST", target: "/_next/static/chunks/x.js", status: 405, allow: "GET, HEAD, OPTIONS" },
  ])("$method $target → $status, Allow: $allow", ({ method, target, status, allow }) => {
    expect(verdict(method, target)).toMatchObject({ status, allow });
  });

  it.each([
    { method: "GET", target: "/api/v1/appliances/%ZZ", field: "id" },
    { method: "POST", target: "/api/v1/appliances/%ED%A0%80/poll", field: "id" },
    { method: "POST", target: "/api/v1/test-transmissions/%00/result", field: "id" },
    { method: "GET", target: "/api/v1/appliances?q=%00", field: "q" },
    { method: "TRACE", target: "/api/v1/appliances/%ZZ", field: "id" },
    { method: "GET", target: "/appliances/%ZZ", field: "path" },
    { method: "GET", target: "*", field: "path" },
  ])("$method $target → 400 naming $field", ({ method, target, field }) => {
    expect(verdict(method, target)).toMatchObject({ status: 400, field });
  });

  it.each(["/api/v1/nothing", "/api/v1/appliances/x/y/z", "/api/v2/appliances", "/api/"])("%s: no API route → 404", (target) => {
    expect(verdict("GET", target)).toMatchObject({ status: 404, code: "not_found" });
  });

  it.each([
    ["GET", "/api/v1/appliances"],
    ["HEAD", "/api/v1/appliances"],
    ["POST", "/api/v1/heartbeats"],
    ["POST", "/api/v1/heartbeats/"],
    ["GET", "/api/v1/test-transmissions/bulk/4e5e1f7c-32c1-4a8e-9b0e-7d9d2c6b1a11"],
    ["POST", "/api/v1/test-transmissions/bulk"],
    ["GET", "/api/auth/session"],
    ["POST", "/api/auth/callback/credentials"],
    ["GET", "/"],
    ["POST", "/appliances/x"],
    ["GET", "/_next/static/chunks/x.js"],
    ["GET", "/readyz"],
  ])("%s %s passes", (method, target) => {
    expect(verdict(method, target)).toEqual({ status: "pass" });
  });

  it("answers OPTIONS itself with what the path takes", () => {
    expect(verdict("OPTIONS", "/api/v1/appliances/x")).toEqual({ status: 204, allow: "DELETE, GET, HEAD, OPTIONS, PATCH" });
    expect(verdict("OPTIONS", "/compliance")).toEqual({ status: 204, allow: "GET, HEAD, OPTIONS, POST" });
  });
});
