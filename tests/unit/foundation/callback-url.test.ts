import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInPathFor } from "@/lib/auth/callback-url";

describe("the page to land on after signing in: this site only", () => {
  it.each([
    ["/compliance?month=2026-10", "/compliance?month=2026-10"],
    ["/appliances/7f9c/edit#tags", "/appliances/7f9c/edit#tags"],
    ["/", "/"],
    ["https://lifeline.example.net/alerts?status=open", "/alerts?status=open"],
  ])("%s lands on %s", (value, expected) => {
    expect(safeCallbackPath(value, "https://lifeline.example.net")).toBe(expected);
  });

  it.each([
    ["another site", "https://evil.example/phish"],
    ["another port of this host", "https://lifeline.example.net:8443/"],
    ["scheme-relative", "//evil.example/path"],
    ["backslash", "/\\evil.example"],
    ["a tab the browser drops", "/\t/evil.example"],
    ["a dot segment collapsing to //", "/.//evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["a relative path", "compliance"],
    ["the sign-in page (a loop)", "/signin?callbackUrl=/"],
    ["the set-up page", "/setup"],
    ["nothing", undefined],
    ["too long", `/${"a".repeat(3000)}`],
  ])("%s goes to the fleet", (_name, value) => {
    expect(safeCallbackPath(value, "https://lifeline.example.net")).toBe("/");
  });

  it("a full URL is refused when the site's own origin is not known", () => {
    expect(safeCallbackPath("https://lifeline.example.net/alerts", null)).toBe("/");
  });

  it("the sign-in link carries the page, encoded", () => {
    expect(signInPathFor("/compliance?month=2026-10&appliances=all")).toBe("/signin?callbackUrl=%2Fcompliance%3Fmonth%3D2026-10%26appliances%3Dall");
    expect(signInPathFor("/")).toBe("/signin");
    expect(signInPathFor(null)).toBe("/signin");
    expect(signInPathFor("//evil.example")).toBe("/signin");
  });
});
