import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { refuseCrossSite } from "@/lib/auth/same-origin";

const headers = (values: Record<string, string>) => new Headers(values);

function refused(method: string, values: Record<string, string>, publicUrl?: string): boolean {
  try {
    refuseCrossSite(method, headers(values), publicUrl);
    return false;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 403, code: "cross_site" });
    return true;
  }
}

const cookie = { cookie: "next-auth.session-token=abc", host: "lifeline.example.net" };

describe("cookie-authenticated mutations from another site", () => {
  it.each<{ name: string; method: string; values: Record<string, string>; refused: boolean }>([
    { name: "a cross-site form POST", method: "POST", values: { ...cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" }, refused: true },
    { name: "a same-site page of another host", method: "POST", values: { ...cookie, origin: "https://wiki.example.net", "sec-fetch-site": "same-site" }, refused: true },
    { name: "another origin, no fetch metadata", method: "DELETE", values: { ...cookie, origin: "https://evil.example" }, refused: true },
    { name: "an opaque origin (sandboxed frame, data: URL)", method: "PATCH", values: { ...cookie, origin: "null" }, refused: true },
    { name: "the same host on another port", method: "POST", values: { ...cookie, origin: "https://lifeline.example.net:8443" }, refused: true },
    { name: "cross-site metadata even with a matching origin", method: "POST", values: { ...cookie, origin: "https://lifeline.example.net", "sec-fetch-site": "cross-site" }, refused: true },
    { name: "Lifeline's own page", method: "POST", values: { ...cookie, origin: "https://lifeline.example.net", "sec-fetch-site": "same-origin" }, refused: false },
    { name: "its own page over a default port", method: "POST", values: { ...cookie, host: "lifeline.example.net:443", origin: "https://lifeline.example.net" }, refused: false },
    { name: "behind a proxy (X-Forwarded-Host)", method: "POST", values: { ...cookie, host: "127.0.0.1:3000", "x-forwarded-host": "lifeline.example.net", origin: "https://lifeline.example.net" }, refused: false },
    { name: "a user typing into the address bar", method: "POST", values: { ...cookie, "sec-fetch-site": "none" }, refused: false },
    { name: "a client that sends neither header (curl with a cookie)", method: "POST", values: cookie, refused: false },
    { name: "a bearer token from anywhere", method: "POST", values: { ...cookie, authorization: "Bearer ll_x", origin: "https://evil.example", "sec-fetch-site": "cross-site" }, refused: false },
    { name: "no cookie at all", method: "POST", values: { host: "lifeline.example.net", origin: "https://evil.example", "sec-fetch-site": "cross-site" }, refused: false },
    { name: "a cross-site GET (reads change nothing)", method: "GET", values: { ...cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" }, refused: false },
  ])("$name: refused $refused", ({ method, values, refused: expected }) => {
    expect(refused(method, values)).toBe(expected);
  });

  it("takes the configured public URL as its own", () => {
    expect(refused("POST", { ...cookie, host: "10.0.0.5:3000", origin: "https://noc.example.net" }, "https://noc.example.net/")).toBe(false);
    expect(refused("POST", { ...cookie, host: "10.0.0.5:3000", origin: "https://noc.example.net" })).toBe(true);
  });
});
